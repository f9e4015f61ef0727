"""Rendering canonical values as one partner's export row: dialect, codes, dates, decimals.

A `Renderer` is compiled once per partner and dataset into one converter per column, because
it runs for every row of every export. `identity` gives the person and address as that
partner's master data holds them, client faults included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from doorbraak.synth.days import DayFormatter
from doorbraak.synth.dialects import DATE_FIELDS, DECIMAL_FIELDS, IDENTITY, NUMBER_FIELDS, Dialect
from doorbraak.synth.faults import ClientFaults
from doorbraak.synth.population import Person
from doorbraak.synth.region import Address
from doorbraak.synth.xlsx import Cell, cell_xml

Values = dict[str, Any]
Convert = Callable[[Any], Cell]
ClientFault = tuple[str, str, str, str]  # kind, field, true value, written value
IDENTITY_FIELDS = frozenset(
    {
        "bsn",
        "client_id",
        "given_name",
        "surname_prefix",
        "surname",
        "full_surname",
        "birth_date",
        "sex",
        "street",
        "house_number",
        "house_number_suffix",
        "address_line",
        "postcode",
        "city",
    }
)


def _text(value: Any) -> Cell:
    return "" if value is None else value


def _date(days: DayFormatter, style: str) -> Convert:
    text = days.iso if style == "iso" else days.dmy

    def convert(value: Any) -> Cell:
        if value is None or value == "":
            return ""
        return value if isinstance(value, str) else text(value)

    return convert


def _decimal(name: str, comma: bool, xlsx: bool) -> Convert:
    pattern = "{:.2f}" if name == "amount" else "{:g}"

    def convert(value: Any) -> Cell:
        if value is None or value == "" or isinstance(value, str):
            return "" if value is None else value
        if xlsx:
            return float(value)
        text = pattern.format(value)
        return text.replace(".", ",") if comma else text

    return convert


def _number(xlsx: bool) -> Convert:
    def convert(value: Any) -> Cell:
        if value is None or value == "":
            return ""
        return int(value) if xlsx else str(value)

    return convert


def _code(table: dict[str, str]) -> Convert:
    def convert(value: Any) -> Cell:
        if value is None or value == "":
            return ""
        key = value if isinstance(value, str) else ("yes" if value else "no")
        return table.get(key, key)

    return convert


def _numeric_bsn(value: Any) -> Cell:
    return int(value) if isinstance(value, str) and value.isdigit() else _text(value)


class Renderer:
    """Converters per column; the identity block is rendered once per person and address."""

    def __init__(
        self,
        dialect: Dialect,
        kind: str,
        fmt: dict[str, Any],
        days: DayFormatter,
        numeric_bsn: bool,
    ) -> None:
        xlsx = fmt.get("file") == "xlsx"
        style = "iso" if fmt.get("dates") == "iso" else "dmy"
        comma = fmt.get("decimal", ".") == ","
        self.before: list[tuple[str, Convert]] = []
        self.block: list[tuple[str, Convert]] = []
        self.after: list[tuple[str, Convert]] = []
        target = self.before
        for header, name in dialect.layouts[kind].columns:
            if header == IDENTITY:
                self.block = [
                    (n, self._converter(dialect, n, days, style, comma, xlsx, numeric_bsn))
                    for _, n in dialect.identity
                ]
                target = self.after
                continue
            target.append((name, self._converter(dialect, name, days, style, comma, xlsx, False)))

    @staticmethod
    def _converter(
        dialect: Dialect,
        name: str,
        days: DayFormatter,
        style: str,
        comma: bool,
        xlsx: bool,
        numeric_bsn: bool,
    ) -> Convert:
        if name in DATE_FIELDS:
            return _date(days, style)
        if name in DECIMAL_FIELDS:
            return _decimal(name, comma, xlsx)
        if name in NUMBER_FIELDS:
            return _number(xlsx)
        if name in dialect.codes:
            return _code(dialect.codes[name])
        if name == "bsn" and xlsx and numeric_bsn:
            return _numeric_bsn
        return _text

    def render_identity(self, identity: Values) -> list[Cell]:
        return [convert(identity[name]) for name, convert in self.block]

    def render(self, identity_cells: list[Cell], values: Values) -> list[Cell]:
        get = values.get
        return [
            *[convert(get(name)) for name, convert in self.before],
            *identity_cells,
            *[convert(get(name)) for name, convert in self.after],
        ]

    def render_xml(self, identity_xml: str, values: Values) -> str:
        """The row as worksheet XML, with the identity block already rendered."""
        get = values.get
        before = "".join([cell_xml(convert(get(name))) for name, convert in self.before])
        after = "".join([cell_xml(convert(get(name))) for name, convert in self.after])
        return f"<row>{before}{identity_xml}{after}</row>"


def identity(
    faults: ClientFaults, dialect: Dialect, client_id: str, person: Person, address: Address
) -> tuple[Values, list[ClientFault]]:
    """The person and address as this partner holds them, with the client faults applied."""
    found: list[ClientFault] = []
    bsn, bsn_fault = faults.bsn(person.pid, person.bsn)
    if bsn_fault:
        found.append((bsn_fault, "bsn", person.bsn, bsn))
    surname = faults.surname(person.pid, person.surname)
    if surname is not None:
        found.append(("surname_variant", "surname", person.surname, surname))
    given = faults.given_name(person.pid, person.given)
    if given is not None:
        found.append(("given_name_variant", "given_name", person.given, given))
    street, suffix = address.street, address.suffix
    variant = faults.address(address.address_id, street, suffix)
    if variant is not None:
        street, suffix = variant
        true_text = f"{address.street} {address.number}{address.suffix}"
        found.append(
            ("address_variant", "address", true_text, f"{street} {address.number}{suffix}")
        )
    surname = surname or person.surname
    postcode = address.postcode.replace(" ", "") if dialect.compact_postcode else address.postcode
    values: Values = {
        "bsn": bsn,
        "client_id": client_id,
        "given_name": given or person.given,
        "surname_prefix": person.prefix,
        "surname": surname,
        "full_surname": f"{person.prefix} {surname}" if person.prefix else surname,
        "birth_date": person.birth,
        "sex": person.sex,
        "street": street,
        "house_number": address.number,
        "house_number_suffix": suffix,
        "address_line": f"{street} {address.number}{suffix}",
        "postcode": postcode,
        "city": address.city,
    }
    found += faults.heavy(person.pid, values)
    return values, found
