"""Answers checked against a survey definition (pure: no Django): the one rule set for the web
form and for imported LimeSurvey or KoboToolbox rows.

Questions are taken in order; a question (or its group) whose `relevant` does not hold is
skipped and its answer dropped, so a hidden question is never required and never stored. Each
answer is parsed by its type, then `required` and `constraint` are checked. Errors are Dutch and
keyed by question name.
"""

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final

from doorbraak.surveys.expressions import Value, parse
from doorbraak.surveys.xlsform import Definition, Question

Raw = str | list[str] | None
TEXT_LIMIT: Final = 2000
_DUTCH_DATE: Final = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


@dataclass
class Checked:
    values: dict[str, Value] = field(default_factory=dict)  # relevant, answered questions
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def answers_check(definition: Definition, raw: Mapping[str, Raw]) -> Checked:
    checked = Checked()
    hidden_groups: set[str] = set()
    for question in definition.questions:
        if question.group in hidden_groups or not _relevant(question, checked.values):
            if question.type == "group":
                hidden_groups.add(question.name)
            continue
        if question.type in ("group", "note"):
            continue
        _check_one(definition, question, raw.get(question.name), checked)
    return checked


def _relevant(question: Question, values: Mapping[str, Value]) -> bool:
    return not question.relevant or parse(question.relevant).holds(values)


def _check_one(definition: Definition, question: Question, raw: Raw, checked: Checked) -> None:
    try:
        value = _parsed(definition, question, raw)
    except ValueError as error:
        checked.errors[question.name] = str(error)
        return
    if value in (None, "", []):
        if question.required:
            checked.errors[question.name] = "Dit antwoord is verplicht."
        return
    if question.constraint and not parse(question.constraint).holds(checked.values, value):
        checked.errors[question.name] = (
            question.constraint_message or "Dit antwoord valt buiten wat de vraag toestaat."
        )
        return
    checked.values[question.name] = value


def _parsed(definition: Definition, question: Question, raw: Raw) -> Value:
    if isinstance(raw, list):
        if question.type != "select_multiple":
            raise ValueError("Kies één antwoord.")
        items = [str(item).strip() for item in raw if str(item).strip()]
    else:
        text = (raw or "").strip()
        if not text:
            return None
        items = text.split()
    codes = {c.name for c in definition.choices_of(question.list_name)}
    if question.type == "select_multiple":
        return _codes(items, codes)
    text = " ".join(items) if isinstance(raw, list) else (raw or "").strip()
    if question.type == "select_one":
        return _codes([text], codes)[0]
    return _scalar(question.type, text)


def _codes(items: Sequence[str], codes: set[str]) -> list[str]:
    unknown = [item for item in items if item not in codes]
    if unknown:
        raise ValueError(f"'{unknown[0]}' is geen van de antwoordmogelijkheden.")
    return list(dict.fromkeys(items))


def _scalar(kind: str, text: str) -> Value:
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError("Vul een heel getal in, bijvoorbeeld 12.")
        return Decimal(text)
    if kind == "decimal":
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError("Vul een getal in, bijvoorbeeld 2,5.") from None
    if kind == "date":
        return _date(text)
    if len(text) > TEXT_LIMIT:
        raise ValueError(f"Gebruik hooguit {TEXT_LIMIT} tekens.")
    return text


def _date(text: str) -> dt.date:
    dutch = _DUTCH_DATE.match(text)
    try:
        if dutch:
            day, month, year = (int(part) for part in dutch.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 31-12-2025.") from None


def stored(value: Value) -> tuple[str, Decimal | None]:
    """An answer as stored: the XLSForm text (select_multiple space-separated) and, where it is
    a number or a numeric code, its score."""
    if isinstance(value, list):
        return " ".join(value), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    text = str(value)
    try:
        score = Decimal(text)
    except InvalidOperation:
        return text, None
    return text, score if score.is_finite() else None
