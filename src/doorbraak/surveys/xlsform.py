"""XLSForm files read with pyxform and checked against the subset doorbraak renders (pure: no
Django).

`check_xlsform(path)` reads the survey, choices and settings sheets with pyxform's own reader
and returns the normalised definition together with *every* problem, each naming its sheet and
row (row 1 is the header, as a spreadsheet shows it). Supported: text, integer, decimal, date,
select_one, select_multiple, note, begin/end group, required, hint, label (plain or `::nl`),
simple `relevant` and `constraint` (`surveys.expressions`). When the subset's own checks pass,
pyxform converts the form too, so a form we accept is also a valid XLSForm elsewhere.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pyxform.errors import PyXFormError
from pyxform.xls2json import parse_file_to_json
from pyxform.xls2json_backends import xlsx_to_dict

from doorbraak.surveys.expressions import Expression, ExpressionError, parse

QUESTION_TYPES: Final = ("text", "integer", "decimal", "date", "note")
SELECT_TYPES: Final = ("select_one", "select_multiple")
BEGIN_GROUP: Final = ("begin_group", "begin group")
END_GROUP: Final = ("end_group", "end group")
LANGUAGE_SUFFIXES: Final = ("", "::nl", "::Nederlands (nl)", "::Dutch (nl)")
SURVEY_COLUMNS: Final = frozenset(
    {"type", "name", "required", "relevant", "constraint"}
    | {
        f"{base}{suffix}"
        for base in ("label", "hint", "constraint_message", "required_message")
        for suffix in LANGUAGE_SUFFIXES
    }
)
CHOICE_COLUMNS: Final = frozenset({"list_name", "name"} | {f"label{s}" for s in LANGUAGE_SUFFIXES})
SETTING_COLUMNS: Final = frozenset({"form_title", "form_id", "version", "default_language"})
YES: Final = ("yes", "true", "ja", "true()")
NO: Final = ("", "no", "false", "nee", "false()")
NAME: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int  # as the spreadsheet numbers it: 1 is the header; 0: the file as a whole
    code: str
    message: str

    def __str__(self) -> str:
        where = f"blad '{self.sheet}', rij {self.row}" if self.row else f"blad '{self.sheet}'"
        return f"{where}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class Choice:
    list_name: str
    name: str
    label: str


@dataclass(frozen=True)
class Question:
    row: int
    name: str
    type: str  # text, integer, decimal, date, note, select_one, select_multiple, group
    label: str
    hint: str = ""
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    constraint_message: str = ""
    list_name: str = ""
    group: str = ""  # the name of the innermost enclosing group
    depth: int = 0


@dataclass
class Definition:
    form_id: str = ""
    title: str = ""
    version: str = ""
    questions: list[Question] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)

    def choices_of(self, list_name: str) -> list[Choice]:
        return [c for c in self.choices if c.list_name == list_name]


@dataclass
class _Reading:
    rows: dict[str, list[dict[str, Any]]]
    headers: dict[str, list[str]]
    problems: list[Problem] = field(default_factory=list)

    def add(self, sheet: str, row: int, code: str, message: str) -> None:
        self.problems.append(Problem(sheet, row, code, message))


def check_xlsform(path: Path) -> tuple[Definition, list[Problem]]:
    """The definition read from an .xlsx XLSForm and every problem found in it."""
    try:
        raw = xlsx_to_dict(str(path))
    except Exception as error:
        problem = Problem(
            "-", 0, "xlsform_unreadable", f"het bestand is geen leesbaar XLSForm (.xlsx): {error}"
        )
        return Definition(), [problem]
    reading = _Reading(
        rows={s: list(raw.get(s) or []) for s in ("survey", "choices", "settings")},
        headers={s: _header(raw.get(f"{s}_header")) for s in ("survey", "choices", "settings")},
    )
    definition = Definition()
    _check_sheets(reading, raw.get("sheet_names") or [])
    _read_settings(reading, definition)
    _read_choices(reading, definition)
    _read_survey(reading, definition)
    if not reading.problems:
        _check_with_pyxform(path, reading)
    return definition, reading.problems


def _header(rows: Any) -> list[str]:
    return [str(k) for k in (rows[0] if rows else {})]


def _check_sheets(reading: _Reading, names: list[str]) -> None:
    for sheet in ("survey", "choices", "settings"):
        if sheet not in names:
            reading.add(sheet, 0, "xlsform_sheet_missing", f"het blad '{sheet}' ontbreekt")
    allowed = {"survey": SURVEY_COLUMNS, "choices": CHOICE_COLUMNS, "settings": SETTING_COLUMNS}
    for sheet, columns in allowed.items():
        for column in reading.headers[sheet]:
            if column not in columns:
                reading.add(
                    sheet,
                    1,
                    "xlsform_column_unsupported",
                    f"de kolom '{column}' wordt niet ondersteund; gebruik alleen: "
                    + ", ".join(sorted(c for c in columns if "::" not in c)),
                )


def _text(row: dict[str, Any], base: str) -> str:
    for suffix in (*LANGUAGE_SUFFIXES[1:], ""):
        value = row.get(f"{base}{suffix}")
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _read_settings(reading: _Reading, definition: Definition) -> None:
    rows = reading.rows["settings"]
    settings = rows[0] if rows else {}
    definition.form_id = str(settings.get("form_id") or "").strip()
    definition.title = str(settings.get("form_title") or "").strip()
    definition.version = str(settings.get("version") or "").strip()
    if "settings" not in reading.headers or not rows:
        return
    for column, label in (
        ("form_id", "form_id"),
        ("form_title", "form_title"),
        ("version", "version"),
    ):
        if not str(settings.get(column) or "").strip():
            reading.add(
                "settings", 2, "xlsform_setting_missing", f"de instelling '{label}' ontbreekt"
            )
    if definition.form_id and not NAME.match(definition.form_id):
        reading.add(
            "settings",
            2,
            "xlsform_name_invalid",
            f"form_id '{definition.form_id}': alleen letters, cijfers en _",
        )


def _read_choices(reading: _Reading, definition: Definition) -> None:
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(reading.rows["choices"], start=2):
        if not row:
            continue
        list_name, name = (str(row.get(k) or "").strip() for k in ("list_name", "name"))
        label = _text(row, "label")
        for value, column in ((list_name, "list_name"), (name, "name"), (label, "label")):
            if not value:
                reading.add(
                    "choices", number, "xlsform_value_missing", f"de kolom '{column}' is leeg"
                )
        if (list_name, name) in seen:
            reading.add(
                "choices",
                number,
                "xlsform_choice_duplicate",
                f"de keuze '{name}' staat twee keer in de lijst '{list_name}'",
            )
        seen.add((list_name, name))
        if list_name and name and label:
            definition.choices.append(Choice(list_name, name, label))


def _read_survey(reading: _Reading, definition: Definition) -> None:
    groups: list[tuple[str, int]] = []
    names: dict[str, int] = {}
    lists = {c.list_name for c in definition.choices} | {
        str(r.get("list_name") or "").strip() for r in reading.rows["choices"]
    }
    for number, row in enumerate(reading.rows["survey"], start=2):
        if not row:
            continue
        question = _survey_row(reading, number, row, groups, lists)
        if question is None:
            continue
        if question.name in names:
            reading.add(
                "survey",
                number,
                "xlsform_name_duplicate",
                f"de naam '{question.name}' is al gebruikt in rij {names[question.name]}",
            )
        names.setdefault(question.name, number)
        _check_expressions(reading, number, question, names)
        definition.questions.append(question)
    for name, number in groups:
        reading.add(
            "survey",
            number,
            "xlsform_group_open",
            f"de groep '{name}' wordt niet gesloten met end_group",
        )


def _survey_row(
    reading: _Reading,
    number: int,
    row: dict[str, Any],
    groups: list[tuple[str, int]],
    lists: set[str],
) -> Question | None:
    kind, list_name = _type(reading, number, str(row.get("type") or "").strip(), lists)
    if kind is None:
        return None
    if kind == "end_group":
        if not groups:
            reading.add("survey", number, "xlsform_group_unopened", "end_group zonder begin_group")
        else:
            groups.pop()
        return None
    name = str(row.get("name") or "").strip()
    label = _text(row, "label")
    _check_row_values(reading, number, name, label)
    question = Question(
        row=number,
        name=name,
        type=kind,
        label=label,
        hint=_text(row, "hint"),
        required=_required(reading, number, str(row.get("required") or "").strip().lower()),
        relevant=str(row.get("relevant") or "").strip(),
        constraint=str(row.get("constraint") or "").strip(),
        constraint_message=_text(row, "constraint_message"),
        list_name=list_name,
        group=groups[-1][0] if groups else "",
        depth=len(groups),
    )
    if kind == "group":
        groups.append((name, number))
    return question


def _type(reading: _Reading, number: int, text: str, lists: set[str]) -> tuple[str | None, str]:
    if not text:
        reading.add("survey", number, "xlsform_value_missing", "de kolom 'type' is leeg")
        return None, ""
    if text in BEGIN_GROUP:
        return "group", ""
    if text in END_GROUP:
        return "end_group", ""
    if text in QUESTION_TYPES:
        return text, ""
    parts = text.split()
    if parts[0] in SELECT_TYPES and len(parts) == 2:
        if parts[1] not in lists:
            reading.add(
                "survey",
                number,
                "xlsform_list_unknown",
                f"de keuzelijst '{parts[1]}' staat niet op het blad 'choices'",
            )
        return parts[0], parts[1]
    reading.add(
        "survey",
        number,
        "xlsform_type_unsupported",
        f"het vraagtype '{text}' wordt niet ondersteund; wel: "
        + ", ".join(
            (
                *QUESTION_TYPES,
                "select_one LIJST",
                "select_multiple LIJST",
                "begin_group",
                "end_group",
            )
        ),
    )
    return None, ""


def _check_row_values(reading: _Reading, number: int, name: str, label: str) -> None:
    if not name:
        reading.add("survey", number, "xlsform_value_missing", "de kolom 'name' is leeg")
    elif not NAME.match(name):
        reading.add(
            "survey",
            number,
            "xlsform_name_invalid",
            f"de naam '{name}' mag alleen letters, cijfers en _ bevatten en niet met een "
            "cijfer beginnen",
        )
    if not label:
        reading.add(
            "survey", number, "xlsform_value_missing", "de kolom 'label' (of 'label::nl') is leeg"
        )


def _required(reading: _Reading, number: int, text: str) -> bool:
    if text in YES:
        return True
    if text not in NO:
        reading.add(
            "survey",
            number,
            "xlsform_required_unsupported",
            f"required '{text}' wordt niet ondersteund: alleen yes of no",
        )
    return False


def _check_expressions(
    reading: _Reading, number: int, question: Question, names: dict[str, int]
) -> None:
    for column, text in (("relevant", question.relevant), ("constraint", question.constraint)):
        if not text:
            continue
        for problem in _expression_problems(column, text, question.name, names):
            reading.add("survey", number, problem[0], problem[1])


def _expression_problems(
    column: str, text: str, own: str, names: dict[str, int]
) -> Iterator[tuple[str, str]]:
    try:
        expression: Expression = parse(text)
    except ExpressionError as error:
        yield "xlsform_expression_unsupported", f"{column}: {error}"
        return
    for name in sorted(expression.references - {own}):
        if name not in names:
            yield (
                "xlsform_reference_unknown",
                f"{column}: het veld '${{{name}}}' bestaat niet (of staat pas later)",
            )
    if column == "relevant" and expression.uses_self:
        yield "xlsform_expression_unsupported", "relevant: '.' kan alleen in een constraint"


def _check_with_pyxform(path: Path, reading: _Reading) -> None:
    try:
        parse_file_to_json(str(path))
    except PyXFormError as error:
        reading.add("survey", 0, "xlsform_pyxform", f"pyxform weigert het formulier: {error}")
