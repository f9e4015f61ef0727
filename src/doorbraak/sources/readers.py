"""Tolerant readers for partner exports: never raise on bad input, account for every row.

`read_rows` returns the data rows as `(row_number, {canonical_field: raw_string})` with the row
numbers a steward sees in Excel, rows that cannot be read as row problems, and file problems.
With `keep_unknown`, columns the mapping does not declare are kept too, under their header
(the intake keeps the pseudonym and encoding columns `doorbraak pseudonymise` adds). A file
that is no export at all (missing, empty, UTF-16, binary, a damaged workbook, only a header or
title rows) is one fatal file problem with its own code (`doorbraak.sources.faults`).
"""

import csv
import difflib
import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.problems import Problem
from doorbraak.sources import faults
from doorbraak.sources.mapping import DatasetMapping, PartnerMapping
from doorbraak.sources.values import cell_text

MAX_FIELD_BYTES = 1_000_000  # one cell longer than this is reported, never read whole
MAX_LINE_CHARS = 1_000_000
FALLBACK_ENCODINGS = ("utf-8-sig", "cp1252")


@dataclass
class ReadResult:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    row_problems: list[Problem] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    fields: list[str | None] = field(default_factory=list)  # per header: its key in rows
    preamble: list[str] = field(default_factory=list)  # title rows above the header
    encoding_used: str | None = None
    delimiter_used: str | None = None

    @property
    def rows_read(self) -> int:
        return len(self.rows) + len({p.line for p in self.row_problems})

    @property
    def usable(self) -> bool:
        return not any(p.code in FATAL_CODES for p in self.file_problems)


FATAL_CODES = {
    faults.MISSING,
    faults.EMPTY,
    faults.UTF16,
    faults.NOT_TEXT,
    faults.NOT_EXCEL,
    faults.EXCEL_DAMAGED,
    faults.NO_HEADER,
    faults.HEADER_ONLY,
    "kolommen-ontbreken",
    "geen-kopregel",
}
log = logging.getLogger(__name__)


def read_rows(
    path: Path, partner: PartnerMapping, dataset: DatasetMapping, *, keep_unknown: bool = False
) -> ReadResult:
    result = ReadResult()
    excel = partner.file_type == "xlsx" or path.suffix.lower() == ".xlsx"
    fault = faults.file_fault(path, excel=excel)
    if fault is not None:
        result.file_problems.append(fault)
        return result
    try:
        table = (
            _xlsx_table(path, partner, dataset, result)
            if excel
            else _csv_table(path, partner, result)
        )
        _rows_map(table, dataset, result, keep_unknown=keep_unknown)
    except Exception:
        log.debug("export %s could not be read", path.name, exc_info=True)
        result.file_problems.append(
            faults.excel_damaged()
            if excel
            else Problem(faults.NOT_TEXT, _("Het bestand kan niet gelezen worden."))
        )
    return result


# --- CSV ---------------------------------------------------------------------------------


def _encodings_to_try(data: bytes, declared: str) -> tuple[str, ...]:
    """Declared first; but valid UTF-8 with non-ASCII bytes is UTF-8 whatever was declared."""
    if (
        declared.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "utf8")
        and not data.isascii()
    ):
        return ("utf-8-sig", declared, "cp1252")
    return (declared, *FALLBACK_ENCODINGS)


def _decode(data: bytes, declared: str, result: ReadResult) -> str:
    for encoding in _encodings_to_try(data, declared):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding != declared and not (
            encoding == "utf-8-sig" and declared.lower() in ("utf-8", "utf8")
        ):
            result.file_problems.append(
                Problem(
                    "andere-codering",
                    _("Het bestand is niet in de afgesproken codering %s; gelezen als %s.")
                    % (declared, encoding),
                )
            )
        result.encoding_used = encoding
        return text.removeprefix("\ufeff")
    result.encoding_used = "cp1252-vervangen"
    return data.decode("cp1252", errors="replace")


def _csv_table(
    path: Path, partner: PartnerMapping, result: ReadResult
) -> Iterator[tuple[int, list[str] | Problem]]:
    data = path.read_bytes()
    if not data.strip():
        result.file_problems.append(
            Problem(faults.EMPTY, _("Het bestand is leeg: het bevat alleen lege regels."))
        )
        return iter(())
    text = _decode(data, partner.encoding, result)
    delimiter = _delimiter_choose(text, partner.delimiter, result)
    result.delimiter_used = delimiter
    return _csv_lines(text, delimiter)


def _delimiter_choose(text: str, declared: str, result: ReadResult) -> str:
    first = text.split("\n", 1)[0][:MAX_LINE_CHARS]
    if declared in first:
        return declared
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0:
        return declared
    result.file_problems.append(
        Problem(
            "ander-scheidingsteken",
            _("Scheidingsteken %r in plaats van het afgesproken %r.") % (best, declared),
        )
    )
    return best


def _csv_lines(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | Problem]]:
    """Yield (line number where the record starts, cells or a row problem)."""
    csv.field_size_limit(MAX_FIELD_BYTES)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    del text  # the lines hold it all: a large file is not kept twice
    if lines and lines[-1] == "":
        lines.pop()
    start, pending = 1, list[str]()
    for number, line in enumerate(lines, start=1):
        lines[number - 1] = ""  # let each line go once read
        if len(line) > MAX_LINE_CHARS:
            yield (
                number,
                Problem("regel-te-lang", _("Regel %d is te lang om te lezen.") % number, number),
            )
            start, pending = number + 1, []
            continue
        if not pending and '"' not in line:
            yield number, line.split(delimiter)  # what the csv module makes of a quote-free line
            start = number + 1
            continue
        pending.append(line)
        if "\n".join(pending).count('"') % 2 == 0:
            yield start, _csv_record("\n".join(pending), delimiter, start)
            start, pending = number + 1, []
    if pending:
        yield (
            start,
            Problem(
                "regel-afgebroken",
                _("Regel %d is afgebroken (aanhalingsteken niet gesloten).") % start,
                start,
            ),
        )


def _csv_record(record: str, delimiter: str, number: int) -> list[str] | Problem:
    try:
        return next(csv.reader([record], delimiter=delimiter), [])
    except csv.Error:
        return Problem("regel-onleesbaar", _("Regel %d kan niet gelezen worden.") % number, number)


# --- XLSX --------------------------------------------------------------------------------


def _xlsx_table(
    path: Path, partner: PartnerMapping, dataset: DatasetMapping, result: ReadResult
) -> Iterator[tuple[int, list[str] | Problem]]:
    import openpyxl

    try:
        # From memory, not the path: openpyxl refuses a path without an Excel file extension
        # (an upload is stored under a neutral name).
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError):
        log.debug("workbook %s could not be opened", path.name, exc_info=True)
        result.file_problems.append(faults.excel_damaged())
        return iter(())
    sheet_name = dataset.sheet if dataset.sheet in book.sheetnames else book.sheetnames[0]
    if dataset.sheet and dataset.sheet != sheet_name:
        result.file_problems.append(
            Problem(
                "werkblad-ontbreekt",
                _("Werkblad '%s' ontbreekt; eerste werkblad '%s' gelezen.")
                % (dataset.sheet, sheet_name),
            )
        )
    return _xlsx_rows(book[sheet_name], partner)


def _xlsx_rows(sheet: object, partner: PartnerMapping) -> Iterator[tuple[int, list[str] | Problem]]:
    def text(value: object) -> str:
        return cell_text(value, decimal=partner.decimal, date_format=partner.date_format)

    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        yield number, [text(v) for v in values]


# --- mapping rows --------------------------------------------------------------------------


def _rows_map(
    table: Iterator[tuple[int, list[str] | Problem]],
    dataset: DatasetMapping,
    result: ReadResult,
    *,
    keep_unknown: bool,
) -> None:
    index: dict[int, str] | None = None
    width, keys = 0, None
    for number, cells in table:
        if index is None:
            if number < dataset.header_row:
                if not isinstance(cells, Problem):
                    result.preamble.append(" ".join(c for c in cells if c.strip()))
                continue
            if isinstance(cells, Problem):
                result.file_problems.append(
                    Problem("geen-kopregel", _("De kopregel kan niet gelezen worden."))
                )
                return
            index = _header_index([c.strip() for c in cells], dataset, result, keep_unknown)
            if index is None:
                return
            width = len(result.headers)
            # every column has a key: a row of exactly the header's width maps by position
            keys = result.fields if len(index) == width else None
            continue
        _row_add(number, cells, index, width, keys, result)
    if index is None:
        result.file_problems.append(_no_header(dataset, result))
    elif index is not None and not result.rows and not result.row_problems:
        result.file_problems.append(
            Problem(
                faults.HEADER_ONLY,
                _(
                    "Het bestand bevat alleen een kopregel en geen gegevens; "
                    "maak de export opnieuw."
                ),
            )
        )


def _no_header(dataset: DatasetMapping, result: ReadResult) -> Problem:
    if not any(result.preamble):
        return Problem(
            faults.EMPTY, _("Het bestand is leeg: het bevat geen kopregel en geen gegevens.")
        )
    return Problem(
        faults.NO_HEADER,
        _(
            "Het bestand bevat alleen titelregels; de kopregel (regel %d) en de gegevens "
            "ontbreken. Maak de export opnieuw."
        )
        % dataset.header_row,
    )


def _row_add(
    number: int,
    cells: list[str] | Problem,
    index: dict[int, str],
    width: int,
    keys: list[str | None] | None,
    result: ReadResult,
) -> None:
    if isinstance(cells, Problem):
        result.row_problems.append(cells)
        return
    if not any(c.strip() for c in cells):
        return  # blank lines are not data rows
    if keys is not None and len(cells) == width:
        result.rows.append((number, dict(zip(keys, cells, strict=True))))  # type: ignore[arg-type]
        return
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        # a shifted row: its values would land under the wrong columns
        result.row_problems.append(
            Problem(
                "regel-te-veel-velden",
                _("Regel %d heeft meer velden dan de kopregel.") % number,
                number,
            )
        )
        return
    result.rows.append(
        (number, {field: cells[i] if i < len(cells) else "" for i, field in index.items()})
    )


def _header_index(
    headers: list[str], dataset: DatasetMapping, result: ReadResult, keep_unknown: bool
) -> dict[int, str] | None:
    result.headers = headers
    declared = {h.casefold(): f for h, f in dataset.columns.items()}
    index = {i: declared[h.casefold()] for i, h in enumerate(headers) if h.casefold() in declared}
    found = set(index.values())
    for i, header in enumerate(headers):
        if not header or header.casefold() in declared:
            continue
        if keep_unknown and header not in found:
            index[i] = header
            found.add(header)
        elif not keep_unknown:
            result.file_problems.append(
                Problem("onbekende-kolom", _unknown_message(header, dataset))
            )
    result.fields = [index.get(i) for i in range(len(headers))]
    declared_found = {f for f in index.values() if f in dataset.columns.values()}
    missing = [h for h, f in dataset.columns.items() if f not in declared_found]
    for header in missing:
        result.file_problems.append(
            Problem("kolom-ontbreekt", _("Kolom '%s' ontbreekt in de kopregel.") % header)
        )
    if not declared_found or any(dataset.columns[h] in dataset.keys for h in missing):
        result.file_problems.append(
            Problem(
                "kolommen-ontbreken",
                _("De kopregel mist verplichte kolommen; het bestand is niet gelezen."),
            )
        )
        return None
    return index


def _unknown_message(header: str, dataset: DatasetMapping) -> str:
    close = difflib.get_close_matches(header, list(dataset.columns), n=1, cutoff=0.6)
    if close:
        return _("Onbekende kolom '%s' (bedoelt u '%s'?); deze kolom wordt genegeerd.") % (
            header,
            close[0],
        )
    return _("Onbekende kolom '%s'; deze kolom wordt genegeerd.") % header
