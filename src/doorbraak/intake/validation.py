"""Check a delivered table against its mapping, row by row: types, code lists, keys.

Cells are parsed by `doorbraak.sources.values.value_parse`; every problem becomes a stable
intake code and a Dutch message that names the column, the row and what to do. Columns that
identify a person (BSN, name, birth date, street) refuse the whole file: they must be
pseudonymised at the partner first.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.core.problems import Problem
from doorbraak.sources.mapping import DatasetMapping, PartnerMapping
from doorbraak.sources.values import value_parse

IDENTIFYING = frozenset(
    {"bsn", "given_name", "full_surname", "surname", "birth_date", "street", "address_line"}
)
DATE_HINT = {"%d-%m-%Y": "dd-mm-jjjj", "%Y-%m-%d": "jjjj-mm-dd"}
# value_parse's codes → the intake's stable codes (what stewards and their scripts see)
CODES = {
    "ongeldige-datum": "datum-ongeldig",
    "ongeldig-geheel-getal": "getal-ongeldig",
    "ongeldig-bedrag": "bedrag-ongeldig",
    "onbekende-code": "code-onbekend",
}
TYPED = ("date", "integer", "decimal")
_JSON = json.JSONEncoder(sort_keys=True, default=str, check_circular=False)
CACHE_SIZE = 20_000  # distinct cells remembered per typed column (dates, levels, codes recur)
_MISSING = object()


@dataclass(frozen=True)
class ParsedRow:
    number: int
    key: str
    payload: dict[str, Any] | None
    problem: Problem | None

    @property
    def text(self) -> str:
        """The payload as JSON, keys sorted: what the digest is taken of."""
        return _JSON.encode(self.payload)

    @property
    def digest(self) -> str:
        return payload_digest(self.text)


def payload_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def identifying_columns(header: list[str], spec: dict[str, Any]) -> list[str]:
    columns: dict[str, str] = spec.get("columns") or {}
    named = {c.casefold() for c, field in columns.items() if field in IDENTIFYING}
    named |= set(IDENTIFYING)
    return [c for c in header if c.casefold() in named]


def table_check(header: list[str], spec: dict[str, Any]) -> None:
    """Refuse the file whole when it identifies persons or lacks a key column."""
    raw = identifying_columns(header, spec)
    if raw:
        raise UserError(
            "niet-gepseudonimiseerd",
            _(
                "Het bestand bevat nog herleidbare kolommen (%s). Er is niets opgeslagen. Voer "
                "eerst 'doorbraak pseudonymise' uit op uw eigen computer en lever het resultaat "
                "aan."
            )
            % ", ".join(raw),
        )
    present = {h.casefold() for h in header}
    missing = [c for c in key_columns(spec) if c.casefold() not in present]
    if missing:
        raise UserError(
            "sleutelkolom-ontbreekt",
            _(
                "De kolom(men) %s ontbreken; daarmee wordt elke regel herkend. Lever de export "
                "aan met die kolommen."
            )
            % ", ".join(repr(c) for c in missing),
        )


def key_columns(spec: dict[str, Any]) -> list[str]:
    by_field = {field: column for column, field in (spec.get("columns") or {}).items()}
    return [by_field.get(k, k) for k in spec.get("keys") or []]


@dataclass
class _Column:
    key: str  # the key of the cell in a row read by `doorbraak.sources`
    header: str
    declared: bool
    type_name: str | None
    codes: dict[str, Any] | None
    required: bool
    cache: dict[str, Any]

    @property
    def plain(self) -> bool:
        """Text as written: stripped, and None when empty."""
        return self.declared and not self.required and self.codes is None and not self.type_name


class RowChecker:
    """Parses the rows of one delivered table; the per-column rules are worked out once."""

    def __init__(
        self,
        *,
        partner: PartnerMapping,
        dataset: DatasetMapping,
        headers: list[str],
        fields: list[str | None],
    ) -> None:
        self.partner, self.keys = partner, dataset.keys
        declared = set(dataset.columns.values())
        columns = [
            _Column(
                key=key,
                header=header,
                declared=key in declared,
                type_name=dataset.types.get(key) if dataset.types.get(key) in TYPED else None,
                codes=dataset.codes.get(key),
                required=key in dataset.keys,
                cache={},
            )
            for header, key in zip(headers, fields, strict=False)
            if key is not None
        ]
        # three kinds, so that a row takes one pass per kind: columns the mapping does not
        # declare (pseudonyms, encodings) and declared free text are kept stripped; the rest
        # is checked, left to right, so the first problem is the leftmost one
        self.undeclared = [c.key for c in columns if not c.declared]
        self.text = [c.key for c in columns if c.plain]
        self.checked = [c for c in columns if c.declared and not c.plain]

    def parse(self, number: int, row: dict[str, str]) -> ParsedRow:
        key = "|".join(row.get(k, "").strip() for k in self.keys)
        get = row.get
        payload: dict[str, Any] = {k: get(k, "").strip() for k in self.undeclared}
        for k in self.text:
            payload[k] = get(k, "").strip() or None
        for column in self.checked:
            raw = get(column.key, "")
            value = column.cache.get(raw, _MISSING)
            if value is _MISSING:
                value = self._value(column, raw)
                if len(column.cache) < CACHE_SIZE:
                    column.cache[raw] = value
            if value.__class__ is Problem:
                return ParsedRow(number, key, None, self._problem(column, number, raw, value))
            payload[column.key] = value
        return ParsedRow(number, key, payload, None)

    def _value(self, column: _Column, raw: str) -> Any:
        if not raw.strip():
            if column.required:
                return Problem("waarde-verplicht", "")
            return None
        if column.codes is None and column.type_name is None:
            return raw.strip()
        value = value_parse(
            column.header,
            raw,
            type_name=column.type_name,
            codes=column.codes,
            date_format=self.partner.date_format,
            decimal=self.partner.decimal,
        )
        if isinstance(value, dt.date | Decimal):
            return str(value.isoformat() if isinstance(value, dt.date) else value)
        return value

    def _problem(self, column: _Column, number: int, raw: str, problem: Problem) -> Problem:
        code = CODES.get(problem.code, problem.code)
        where = {"column": column.header, "number": number, "text": raw.strip()}
        if code == "waarde-verplicht":
            message = _("Kolom '%(column)s' (regel %(number)d) is leeg; vul deze kolom.") % where
        elif code == "code-onbekend":
            allowed = ", ".join(f"'{c}'" for c in column.codes or {})
            message = _(
                "Kolom '%(column)s' (regel %(number)d): '%(text)s' is geen bekende code; "
                "gebruik een van: %(allowed)s."
            ) % (where | {"allowed": allowed})
        elif code == "datum-ongeldig":
            fmt = self.partner.date_format
            message = _(
                "Kolom '%(column)s' (regel %(number)d): '%(text)s' is geen geldige datum; "
                "gebruik %(hint)s."
            ) % (where | {"hint": DATE_HINT.get(fmt, fmt)})
        elif code == "getal-ongeldig":
            message = (
                _(
                    "Kolom '%(column)s' (regel %(number)d): '%(text)s' is geen geldig getal; "
                    "gebruik alleen cijfers."
                )
                % where
            )
        elif code == "bedrag-ongeldig":
            message = _(
                "Kolom '%(column)s' (regel %(number)d): '%(text)s' is geen geldig bedrag; "
                "gebruik bijvoorbeeld 1234%(sep)s56."
            ) % (where | {"sep": self.partner.decimal})
        else:
            message = _("Kolom '%(column)s' (regel %(number)d): %(message)s") % (
                where | {"message": problem.message}
            )
        return Problem(code, message[:500], column=column.header[:120])
