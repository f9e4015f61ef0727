"""Responses exported from LimeSurvey or KoboToolbox, mapped onto a published survey (ADR 0035).

LimeSurvey's CSV export "with codes" names each column after the question code, a multiple
choice as `code[option]` with `Y` when chosen; KoboToolbox's CSV or XLSX export names columns by
their group path (`groep/vraag`), a multiple choice as one space-separated column (and 0/1
columns `vraag/optie`). Metadata columns (ids, tokens, submission and start times, IP
addresses) are never read: an imported response is as anonymous as one given on the web. Each
row is accepted or rejected with a Dutch reason; rows are checked by the same rules as the web
form (`surveys.answering`).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from openpyxl import load_workbook

from doorbraak.core.errors import UserError
from doorbraak.surveys.answering import Raw, answers_check
from doorbraak.surveys.xlsform import Definition

_LIME_MULTIPLE: Final = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\[(?P<code>[^\]]+)\]$")
CHOSEN: Final = ("y", "1", "ja", "yes", "true")


@dataclass
class RowVerdict:
    row: int
    accepted: bool
    reason: str = ""


@dataclass
class ImportResult:
    source: str  # limesurvey or kobotoolbox
    verdicts: list[RowVerdict] = field(default_factory=list)
    accepted_rows: list[dict[str, Raw]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(1 for v in self.verdicts if v.accepted)

    @property
    def rejected(self) -> int:
        return sum(1 for v in self.verdicts if not v.accepted)


def table_read(path: Path) -> list[list[str]]:
    """The export as rows of text, header first: CSV (UTF-8 or cp1252, `,` `;` or tab) or XLSX."""
    if not path.is_file():
        raise UserError("import_bestand", f"Het bestand {path} bestaat niet.")
    if path.suffix.lower() == ".xlsx":
        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception as error:
            raise UserError(
                "import_bestand", f"{path.name} is geen leesbaar Excel-bestand: {error}"
            ) from None
        return [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def responses_read(definition: Definition, path: Path) -> ImportResult:
    table = table_read(path)
    if not table:
        raise UserError("import_leeg", f"{path.name} is leeg.")
    header = [h.strip() for h in table[0]]
    source = (
        "limesurvey"
        if any(_LIME_MULTIPLE.match(h) for h in header) or "submitdate" in header
        else "kobotoolbox"
    )
    names = {q.name for q in definition.questions if q.type not in ("group", "note")}
    columns = {i: _question_of(h, names) for i, h in enumerate(header)}
    if not any(columns.values()):
        raise UserError(
            "import_geen_vragen",
            f"Geen enkele kolom van {path.name} hoort bij een vraag van "
            f"'{definition.form_id}'; is dit de export van deze enquête (met codes, niet met "
            "teksten)?",
        )
    result = ImportResult(
        source, ignored_columns=[h for i, h in enumerate(header) if not columns[i]]
    )
    for number, row in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw = _row_answers(definition, row, columns)
        checked = answers_check(definition, raw)
        if checked.ok:
            result.verdicts.append(RowVerdict(number, True))
            result.accepted_rows.append(raw)
        else:
            reasons = "; ".join(f"{name}: {text}" for name, text in checked.errors.items())
            result.verdicts.append(RowVerdict(number, False, reasons))
    return result


def _question_of(header: str, names: set[str]) -> tuple[str, str] | None:
    """(question, option) for a column: option is set for a one-column-per-option layout."""
    lime = _LIME_MULTIPLE.match(header)
    if lime and lime["name"] in names:
        return lime["name"], lime["code"]
    parts = header.split("/")
    if parts[-1] in names:
        return parts[-1], ""
    if len(parts) >= 2 and parts[-2] in names:
        return parts[-2], parts[-1]
    return None


def _row_answers(
    definition: Definition, row: list[str], columns: dict[int, tuple[str, str] | None]
) -> dict[str, Raw]:
    multiple = {q.name for q in definition.questions if q.type == "select_multiple"}
    raw: dict[str, Raw] = {}
    options: dict[str, list[str]] = {}
    for index, target in columns.items():
        if target is None or index >= len(row):
            continue
        name, option = target
        cell = row[index].strip()
        if option:
            if cell.lower() in CHOSEN:
                options.setdefault(name, []).append(option)
            options.setdefault(name, [])
        elif name in multiple:
            raw[name] = cell.split()
        else:
            raw[name] = cell
    for name, chosen in options.items():
        if not raw.get(name):
            raw[name] = chosen
    return raw
