"""The partners' registration exports, rendered chunk by chunk in each partner's dialect.

`Exports.emit` takes a canonical record (field → value) about a true person, renders it as the
partner's system would (columns, codes, dates, decimals), injects faults, and buffers it for
the file of that partner, dataset and year, noting which person each row is and which faults
it carries. `output.OutputWriter` then writes the buffers to disk in chunk order.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from doorbraak.synth.days import IMPOSSIBLE_DATES, DayFormatter, year_of
from doorbraak.synth.dialects import DATE_FIELDS, DIALECTS, REQUIRED, Dialect
from doorbraak.synth.faults import (
    CORRUPTION,
    INVALID_AMOUNTS,
    LEADING_ZERO_PARTNERS,
    ClientFaults,
    FaultRates,
    corrupt,
)
from doorbraak.synth.partners import Partner
from doorbraak.synth.population import Person
from doorbraak.synth.region import Address
from doorbraak.synth.rendering import ClientFault, Renderer, identity
from doorbraak.synth.tables import ident
from doorbraak.synth.xlsx import Cell, cell_xml

Values = dict[str, Any]
FileKey = tuple[str, str, int]  # partner, dataset kind, year
Row = list[Cell] | str  # CSV cells, or a worksheet row as XML
LATE_FIELDS = {
    "arrears": ("amount",),
    "outreach": ("amount", "signal_date"),
    "absence": ("absence_hours",),
    "plan_goal": ("plan_start",),
    "contact_assignment": ("assign_start",),
    "enrolment": ("enrol_start",),
    "assessment": ("level_economisch",),
    "diploma": ("diploma_date",),
    "placement": ("hours_per_week",),
    "brp": ("registered_from",),
    "income_support": ("support_start",),
}
RATES = FaultRates()
# the BRP extract (synth.brp) holds the registered identity: no client faults; its rows still
# get the row faults of the gemeente's export
CLEAN_KINDS = frozenset({"brp"})
CLEAN_RATES = FaultRates(
    bsn_mistyped=0.0, surname_variant=0.0, given_name_variant=0.0, address_variant=0.0
)
ROW_FAULT_TOTAL = (
    RATES.duplicate_row
    + RATES.late_correction
    + RATES.invalid_date
    + RATES.empty_required
    + RATES.invalid_amount
)
ROW_FAULTS = (
    ("duplicate_row", RATES.duplicate_row),
    ("late_correction", RATES.late_correction),
    ("invalid_date", RATES.invalid_date),
    ("empty_required", RATES.empty_required),
    ("invalid_amount", RATES.invalid_amount),
)


@dataclass(frozen=True)
class Holder:
    """A person's identity block as one partner renders it, and the client faults in it."""

    cells: list[Cell]
    xml: str  # the same cells as worksheet XML, for XLSX partners
    faults: list[ClientFault]


@dataclass(frozen=True)
class Correction:
    """A late correction's right row, waiting for next year's file (`Exports.finish`)."""

    export: PartnerExport
    kind: str
    holder: Holder
    values: Values
    person: Person
    household_id: int
    fault: tuple[Any, ...]  # the fault row without the corrected file and row


@dataclass
class PartnerExport:
    partner: Partner
    dialect: Dialect
    fmt: dict[str, Any]
    style: int  # header style: partners on one system configure their headers differently
    salt: int
    faults: ClientFaults
    renderers: dict[str, Renderer] = field(default_factory=dict)

    @property
    def clean(self) -> ClientFaults:
        """No client faults: the BRP is where names, BSN and addresses are registered."""
        return ClientFaults(self.salt, 0.0, False, CLEAN_RATES, True)

    @property
    def is_xlsx(self) -> bool:
        return self.fmt.get("file") == "xlsx"

    def key(self, kind: str, fact_id: int) -> str:
        """The partner's own record id: a per-partner permutation, so ids never match across."""
        prefix = self.dialect.layouts[kind].record_prefix
        return f"{prefix}{(fact_id * 7919 + self.salt * 104729 + len(kind)) % 10**10:010d}"

    def client_id(self, pid: int) -> str:
        return f"{self.dialect.client_prefix}{(pid * 48271 + self.salt * 69621) % 10**9:09d}"


@dataclass
class ExportBatch:
    """One chunk's export rows per file, the person behind each row, and the faults."""

    csv_text: dict[FileKey, str] = field(default_factory=dict)
    xlsx_rows: dict[FileKey, list[str]] = field(default_factory=dict)
    counts: dict[FileKey, int] = field(default_factory=dict)
    records: dict[FileKey, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    faults: list[tuple[Any, ...]] = field(default_factory=list)


def partner_exports(
    partners: list[Partner], corruption: str = "normaal"
) -> dict[str, PartnerExport]:
    found: dict[str, PartnerExport] = {}
    seen: dict[str, int] = {}
    for number, partner in enumerate(partners, start=1):
        if not partner.source_format:
            continue
        dialect = DIALECTS[partner.source_format["dialect"]]
        style = seen.get(dialect.name, 0)
        seen[dialect.name] = style + 1
        leading_zero = partner.code in LEADING_ZERO_PARTNERS
        has_bsn = any(name == "bsn" for _, name in dialect.identity)
        rates = CORRUPTION[corruption]
        faults = ClientFaults(number * 7727, dialect.bsn_missing, leading_zero, rates, has_bsn)
        found[partner.code] = PartnerExport(
            partner, dialect, partner.source_format, style % 3, number * 7727, faults
        )
    return found


class Exports:
    def __init__(self, partners: list[Partner], as_of: date, corruption: str = "normaal") -> None:
        self.partners = partner_exports(partners, corruption)
        self.days = DayFormatter()
        self.last_year = as_of.year
        self.batch = ExportBatch()
        self._identities: dict[tuple[int, int, int, bool], Holder] = {}
        self._buffers: dict[FileKey, io.StringIO] = {}
        self._writers: dict[FileKey, Any] = {}
        # late corrections waiting for next year's file, by (file, record id): a newer state
        # of the same record sent to that file carries the correction instead (one row per
        # record in a file, as a partner's snapshot export has)
        self._corrections: dict[tuple[FileKey, str, Any], Correction] = {}

    def begin(self) -> None:
        """Start a new chunk: empty buffers, forget the previous chunk's identities."""
        self.batch = ExportBatch()
        self._identities.clear()
        self._buffers.clear()
        self._writers.clear()
        self._corrections.clear()

    def finish(self) -> ExportBatch:
        """The chunk's rows, as plain data another process can receive."""
        for (later, *_record), waiting in list(self._corrections.items()):
            cells = self._render(waiting.export, waiting.kind, waiting.holder, waiting.values)
            fixed = self._write(
                waiting.export, later, cells, waiting.values, waiting.person,
                waiting.household_id, waiting.holder.faults,
            )  # fmt: skip
            self.batch.faults.append((*waiting.fault, later, fixed))
        self._corrections.clear()
        batch = self.batch
        batch.csv_text = {key: buffer.getvalue() for key, buffer in self._buffers.items()}
        self.begin()
        return batch

    # --- rows ----------------------------------------------------------------------------
    def emit(
        self,
        rng: random.Random,
        partner: str,
        kind: str,
        fact_id: int,
        person: Person,
        address: Address,
        household_id: int,
        day: int,
        values: Values,
    ) -> None:
        export = self.partners.get(partner)
        if export is None:
            return
        year = year_of(day)
        values["record_id"] = export.key(kind, fact_id)
        holder = self._identity(export, person, address, clean=kind in CLEAN_KINDS)
        row_fault = self._row_fault(rng, values, year)
        key = (partner, kind, year)
        waiting = self._corrections.pop(_record_of(key, values), None)
        if row_fault == "late_correction" and waiting is None:
            self._late_correction(rng, export, kind, holder, values, year, person, household_id)
            return
        cells = self._render(export, kind, holder, values)
        row = self._write(export, key, cells, values, person, household_id, holder.faults)
        if waiting is not None:  # this newer state of the record is the correction
            self.batch.faults.append((*waiting.fault, key, row))
        if row_fault == "late_correction":
            return
        if row_fault == "duplicate_row":
            again = self._write(export, key, cells, values, person, household_id, holder.faults)
            self.batch.faults.append((key, again, "duplicate_row", "", "", "", key, row))
        elif row_fault:
            self._invalid(rng, export, kind, holder, values, year, row_fault, person, household_id)

    def _write(
        self,
        export: PartnerExport,
        key: FileKey,
        cells: Row,
        values: Values,
        person: Person,
        household_id: int,
        client_faults: list[ClientFault],
    ) -> int:
        batch = self.batch
        if isinstance(cells, str):
            batch.xlsx_rows.setdefault(key, []).append(cells)
        else:
            writer = self._writers.get(key)
            if writer is None:
                buffer = self._buffers[key] = io.StringIO()
                delimiter = str(export.fmt.get("delimiter", ","))
                newline = "\r\n" if export.fmt.get("encoding") == "cp1252" else "\n"
                writer = self._writers[key] = csv.writer(
                    buffer, delimiter=delimiter, lineterminator=newline
                )
            writer.writerow(cells)
        row = batch.counts.get(key, 0) + 1
        batch.counts[key] = row
        batch.records.setdefault(key, []).append(
            (key[1], values["record_id"], person.key, ident("H", household_id))
        )
        for fault_kind, field_name, true_value, written in client_faults:
            batch.faults.append((key, row, fault_kind, field_name, true_value, written, None, None))
        return row

    def _row_fault(self, rng: random.Random, values: Values, year: int) -> str:
        draw = rng.random()
        if draw >= ROW_FAULT_TOTAL:
            return ""
        for fault_kind, rate in ROW_FAULTS:
            if draw < rate:
                if fault_kind == "late_correction" and year >= self.last_year:
                    return ""
                if fault_kind == "invalid_amount" and not values.get("amount"):
                    return ""
                return fault_kind
            draw -= rate
        return ""

    def _late_correction(
        self,
        rng: random.Random,
        export: PartnerExport,
        kind: str,
        holder: Holder,
        values: Values,
        year: int,
        person: Person,
        household_id: int,
    ) -> None:
        """Send a wrong value in this year's file and the right one in next year's."""
        field_name = next((f for f in LATE_FIELDS[kind] if values.get(f) is not None), None)
        if field_name is None:
            return
        wrong = dict(values)
        wrong[field_name] = corrupt(field_name, values[field_name], rng)
        first, later = (export.partner.code, kind, year), (export.partner.code, kind, year + 1)
        cells = self._render(export, kind, holder, wrong)
        row = self._write(export, first, cells, wrong, person, household_id, holder.faults)
        style = str(export.fmt.get("dates", "dd-mm-jjjj"))
        fault = (
            first,
            row,
            "late_correction",
            field_name,
            self._text(field_name, values[field_name], style),
            self._text(field_name, wrong[field_name], style),
        )
        self._corrections[_record_of(later, values)] = Correction(
            export, kind, holder, values, person, household_id, fault
        )

    def _invalid(
        self,
        rng: random.Random,
        export: PartnerExport,
        kind: str,
        holder: Holder,
        values: Values,
        year: int,
        fault_kind: str,
        person: Person,
        household_id: int,
    ) -> None:
        """An extra invalid row: an impossible date, an empty required field or a bad amount."""
        broken = dict(values)
        style = "iso" if export.fmt.get("dates") == "iso" else "dd-mm-jjjj"
        if fault_kind == "invalid_date":
            field_name = REQUIRED[kind]
            broken[field_name] = rng.choice(IMPOSSIBLE_DATES[style])
        elif fault_kind == "empty_required":
            field_name = REQUIRED[kind] if rng.random() < 0.6 else "record_id"
            broken[field_name] = None
        else:
            field_name = "amount"
            broken[field_name] = rng.choice(INVALID_AMOUNTS)
        key = (export.partner.code, kind, year)
        cells = self._render(export, kind, holder, broken)
        row = self._write(export, key, cells, broken, person, household_id, holder.faults)
        written = broken[field_name] if isinstance(broken[field_name], str) else ""
        true_text = self._text(field_name, values[field_name], style)
        self.batch.faults.append((key, row, fault_kind, field_name, true_text, written, None, None))

    def note_fault(
        self, partner: str, kind: str, day: int, record_id: str, fault: tuple[str, str, Any, Any]
    ) -> None:
        """Record a fault (kind, field, true value, written value) the source itself made, in
        the row of `record_id` last written to the file of `partner`, `kind` and `day`'s year."""
        export = self.partners[partner]
        key = (partner, kind, year_of(day))
        rows = self.batch.records.get(key, [])
        row = next(n for n in range(len(rows), 0, -1) if rows[n - 1][1] == record_id)
        fault_kind, field_name, true_value, written = fault
        style = str(export.fmt.get("dates", "dd-mm-jjjj"))
        self.batch.faults.append(
            (
                key, row, fault_kind, field_name, self._text(field_name, true_value, style),
                self._text(field_name, written, style), None, None,
            )
        )  # fmt: skip

    # --- rendering -----------------------------------------------------------------------
    def _renderer(self, export: PartnerExport, kind: str) -> Renderer:
        renderer = export.renderers.get(kind)
        if renderer is None:
            numeric = export.partner.code in LEADING_ZERO_PARTNERS
            renderer = Renderer(export.dialect, kind, export.fmt, self.days, numeric)
            export.renderers[kind] = renderer
        return renderer

    def _identity(
        self, export: PartnerExport, person: Person, address: Address, *, clean: bool = False
    ) -> Holder:
        """The partner's master data of this person at this address, rendered once; `clean`:
        as the BRP holds it (no client faults)."""
        key = (export.salt, person.pid, address.address_id, clean)
        found = self._identities.get(key)
        if found is None:
            client = export.client_id(person.pid)
            rates = export.clean if clean else export.faults
            values, faults = identity(rates, export.dialect, client, person, address)
            kind = next(iter(export.dialect.layouts))
            cells = self._renderer(export, kind).render_identity(values)
            xml = "".join(map(cell_xml, cells)) if export.is_xlsx else ""
            found = Holder(cells, xml, faults)
            self._identities[key] = found
        return found

    def _render(self, export: PartnerExport, kind: str, holder: Holder, values: Values) -> Row:
        renderer = self._renderer(export, kind)
        if export.is_xlsx:
            return renderer.render_xml(holder.xml, values)
        return renderer.render(holder.cells, values)

    def _text(self, name: str, value: Any, style: str) -> str:
        if isinstance(value, int) and name in DATE_FIELDS:
            return self.days.text(value, style)
        return "" if value is None else str(value)


def _record_of(key: FileKey, values: Values) -> tuple[FileKey, str, Any]:
    """A record in a file: its id, and the goal's number for a plan's goals."""
    return key, values["record_id"], values.get("goal_number")
