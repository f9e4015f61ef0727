"""Check a delivered table against its mapping, row by row: types, code lists, keys.

Every problem has a stable code and a Dutch message that names the column, the row and what
to do. Columns that identify a person (BSN, name, birth date, street) refuse the whole file:
they must be pseudonymised at the partner first.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from doorbraak.core.errors import UserError

IDENTIFYING = frozenset(
    {"bsn", "given_name", "full_surname", "surname", "birth_date", "street", "address_line"}
)
DATE_HINT = {"%d-%m-%Y": "dd-mm-jjjj", "%Y-%m-%d": "jjjj-mm-dd"}


@dataclass(frozen=True)
class RowProblem:
    code: str
    column: str
    message: str


@dataclass(frozen=True)
class ParsedRow:
    number: int
    key: str
    payload: dict[str, Any] | None
    problem: RowProblem | None

    @property
    def digest(self) -> str:
        text = json.dumps(self.payload, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def identifying_columns(header: list[str], spec: dict[str, Any]) -> list[str]:
    columns: dict[str, str] = spec.get("columns") or {}
    named = {c.lower() for c, field in columns.items() if field in IDENTIFYING}
    named |= {f for f in IDENTIFYING}
    return [c for c in header if c.lower() in named]


def table_check(header: list[str], spec: dict[str, Any]) -> None:
    """Refuse the file whole when it identifies persons or lacks a key column."""
    raw = identifying_columns(header, spec)
    if raw:
        raise UserError(
            "niet-gepseudonimiseerd",
            f"Het bestand bevat nog herleidbare kolommen ({', '.join(raw)}). Er is niets "
            "opgeslagen. Voer eerst 'doorbraak pseudonymise' uit op uw eigen computer en lever "
            "het resultaat aan.",
        )
    missing = [c for c in key_columns(spec) if c not in header]
    if missing:
        raise UserError(
            "sleutelkolom-ontbreekt",
            f"De kolom(men) {', '.join(repr(c) for c in missing)} ontbreken; daarmee wordt "
            "elke regel herkend. Lever de export aan met die kolommen.",
        )


def key_columns(spec: dict[str, Any]) -> list[str]:
    by_field = {field: column for column, field in (spec.get("columns") or {}).items()}
    return [by_field.get(k, k) for k in spec.get("keys") or []]


def row_parse(number: int, cells: list[str], header: list[str], spec: dict[str, Any]) -> ParsedRow:
    values = dict(zip(header, [c.strip() for c in cells], strict=False))
    key = "|".join(values.get(c, "") for c in key_columns(spec))
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        problem = RowProblem(
            "regel-te-veel-velden", "", f"Regel {number} heeft meer velden dan de kopregel."
        )
        return ParsedRow(number, key, None, problem)
    try:
        payload = {
            field: _value(values, column, field, number, spec)
            for column, field in _mapped(header, spec)
        }
        payload |= {c: values.get(c, "") for c in header if c not in (spec.get("columns") or {})}
    except _InvalidValueError as invalid:
        return ParsedRow(number, key, None, invalid.problem)
    return ParsedRow(number, key, payload, None)


class _InvalidValueError(Exception):
    def __init__(self, problem: RowProblem) -> None:
        self.problem = problem


def _mapped(header: list[str], spec: dict[str, Any]) -> list[tuple[str, str]]:
    columns: dict[str, str] = spec.get("columns") or {}
    return [(c, columns[c]) for c in header if c in columns]


def _value(
    values: dict[str, str], column: str, field: str, number: int, spec: dict[str, Any]
) -> Any:
    text = values.get(column, "")
    if not text:
        if field in (spec.get("keys") or []):
            raise _InvalidValueError(
                _problem("waarde-verplicht", column, number, text, "vul deze kolom")
            )
        return None
    kind = (spec.get("types") or {}).get(field, "text")
    codes = (spec.get("codes") or {}).get(field)
    if codes is not None:
        return _code(text, codes, column, number)
    return _typed(text, kind, column, number, spec)


def _typed(text: str, kind: str, column: str, number: int, spec: dict[str, Any]) -> Any:
    try:
        if kind == "date":
            fmt = spec.get("date_format") or "%d-%m-%Y"
            return dt.datetime.strptime(text, fmt).date().isoformat()
        if kind == "integer":
            return int(text)
        if kind == "decimal":
            return str(Decimal(_number(text, spec)))
    except (ValueError, InvalidOperation):
        raise _InvalidValueError(_type_problem(kind, column, number, text, spec)) from None
    return text


def _number(text: str, spec: dict[str, Any]) -> str:
    text = text.replace("€", "").replace(" ", "").removesuffix(",-").removesuffix(".-")
    if (spec.get("decimal") or ",") == ",":
        return text.replace(".", "").replace(",", ".")
    return text.replace(",", "")


def _code(text: str, codes: dict[str, Any], column: str, number: int) -> Any:
    if text in codes:
        return codes[text]
    allowed = ", ".join(f"'{c}'" for c in codes)
    raise _InvalidValueError(
        _problem("code-onbekend", column, number, text, f"gebruik een van: {allowed}")
    )


def _type_problem(
    kind: str, column: str, number: int, text: str, spec: dict[str, Any]
) -> RowProblem:
    if kind == "date":
        hint = DATE_HINT.get(spec.get("date_format") or "", spec.get("date_format") or "")
        return _problem("datum-ongeldig", column, number, text, f"gebruik {hint}", "geldige datum")
    if kind == "integer":
        return _problem(
            "getal-ongeldig", column, number, text, "gebruik alleen cijfers", "geldig getal"
        )
    return _problem(
        "bedrag-ongeldig", column, number, text, "gebruik bijvoorbeeld 1234,56", "geldig bedrag"
    )


def _problem(
    code: str, column: str, number: int, text: str, advice: str, what: str = ""
) -> RowProblem:
    if code == "waarde-verplicht":
        message = f"Kolom '{column}' (regel {number}) is leeg; {advice}."
    elif code == "code-onbekend":
        message = f"Kolom '{column}' (regel {number}): '{text}' is geen bekende code; {advice}."
    else:
        message = f"Kolom '{column}' (regel {number}): '{text}' is geen {what}; {advice}."
    return RowProblem(code, column, message[:500])
