"""Tolerant readers for partner exports: never raise on bad input, account for every row.

`read_rows` returns the data rows as `(row_number, {canonical_field: raw_string})` with the row
numbers a steward sees in Excel, rows that cannot be read as row problems, and file problems.
A field the mapping gives a fixed value (`fixed`) is in every row, unless the file has a column
named after the field (`doorbraak pseudonymise` writes one), which is then read as that field.
With `keep_unknown`, columns the mapping does not declare are kept too, under their header
(the intake keeps the pseudonym and encoding columns `doorbraak pseudonymise` adds). A file
that is no export at all (missing, empty, UTF-16, binary, a damaged workbook, only a header or
title rows) is one fatal file problem with its own code (`doorbraak.sources.faults`).
"""

import codecs
import csv
import difflib
import io
import itertools
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
READ_SIZE = 1 << 20


@dataclass
class ReadResult:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    row_problems: list[Problem] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    fields: list[str | None] = field(default_factory=list)  # per header: its key in rows
    preamble: list[str] = field(default_factory=list)  # title rows above the header
    fixed: dict[str, str] = field(default_factory=dict)  # the mapping's, for want of a column
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
    "kolom-dubbel",
    "geen-kopregel",
    *faults.LIMIT_CODES,
}
log = logging.getLogger(__name__)


Row = tuple[int, dict[str, str]]


@dataclass
class RowStream:
    """A file opened for reading row by row: `result` has the headers, the fields and the file
    problems (a fatal one means there are no rows); `items` gives each data row or row problem
    in file order, once."""

    result: ReadResult
    items: Iterator[Row | Problem]


def read_rows(
    path: Path, partner: PartnerMapping, dataset: DatasetMapping, *, keep_unknown: bool = False
) -> ReadResult:
    stream = rows_stream(path, partner, dataset, keep_unknown=keep_unknown)
    result = stream.result
    for item in stream.items:
        if isinstance(item, Problem):
            result.row_problems.append(item)
        else:
            result.rows.append(item)
    return result


def rows_stream(
    path: Path, partner: PartnerMapping, dataset: DatasetMapping, *, keep_unknown: bool = False
) -> RowStream:
    """Open `path` and read up to its first data row: what is wrong with the file as a whole
    is known before the first row is handed out; the rest is read as `items` is consumed."""
    result = ReadResult()
    excel = partner.file_type == "xlsx" or path.suffix.lower() == ".xlsx"
    fault = faults.file_fault(path, excel=excel)
    if fault is not None:
        result.file_problems.append(fault)
        return RowStream(result, iter(()))
    items = _items_guarded(path, partner, dataset, result, excel, keep_unknown)
    first = next(items, None)
    return RowStream(result, iter(()) if first is None else itertools.chain([first], items))


def _items_guarded(
    path: Path,
    partner: PartnerMapping,
    dataset: DatasetMapping,
    result: ReadResult,
    excel: bool,
    keep_unknown: bool,
) -> Iterator[Row | Problem]:
    try:
        table = (
            _xlsx_table(path, partner, dataset, result)
            if excel
            else _csv_table(path, partner, result)
        )
        yield from _rows_map(table, dataset, result, keep_unknown=keep_unknown)
    except Exception:
        log.debug("export %s could not be read", path.name, exc_info=True)
        result.file_problems.append(
            faults.excel_damaged()
            if excel
            else Problem(faults.NOT_TEXT, _("Het bestand kan niet gelezen worden."))
        )


# --- CSV ---------------------------------------------------------------------------------


def _encodings_to_try(ascii_only: bool, declared: str) -> tuple[str, ...]:
    """Declared first; but valid UTF-8 with non-ASCII bytes is UTF-8 whatever was declared."""
    if declared.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "utf8") and not ascii_only:
        return ("utf-8-sig", declared, "cp1252")
    return (declared, *FALLBACK_ENCODINGS)


@dataclass
class _Scan:
    """One pass over the bytes: blank or not, ASCII or not, which encodings decode it all."""

    blank: bool = True
    ascii_only: bool = True
    fails: set[str] = field(default_factory=set)


def _scan(path: Path, candidates: tuple[str, ...]) -> _Scan:
    scan, decoders = _Scan(), {}
    for encoding in candidates:
        try:
            decoders[encoding] = codecs.getincrementaldecoder(encoding)()
        except LookupError:
            scan.fails.add(encoding)
    with path.open("rb") as handle:
        while chunk := handle.read(READ_SIZE):
            scan.blank = scan.blank and not chunk.strip()
            if chunk.isascii() and not any(d.getstate()[0] for d in decoders.values()):
                continue  # every candidate decodes ASCII
            scan.ascii_only = False
            for encoding, decoder in list(decoders.items()):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    scan.fails.add(encoding)
                    del decoders[encoding]
    for encoding, decoder in decoders.items():
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            scan.fails.add(encoding)
    return scan


def _encoding_choose(path: Path, declared: str, result: ReadResult) -> str | None:
    """The encoding the file is read in (None: blank); `cp1252-vervangen` when none fits."""
    scan = _scan(path, tuple(dict.fromkeys((declared, *FALLBACK_ENCODINGS))))
    if scan.blank:
        return None
    for encoding in _encodings_to_try(scan.ascii_only, declared):
        if encoding in scan.fails:
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
        return encoding
    result.encoding_used = "cp1252-vervangen"
    return result.encoding_used


def _text_lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's lines, without line ends (CR LF, CR or LF), a BOM dropped."""
    errors = "strict"
    if encoding == "cp1252-vervangen":
        encoding, errors = "cp1252", "replace"
    with path.open(encoding=encoding, errors=errors, newline=None) as handle:
        for line in handle:  # the first line
            line = line.removeprefix("\ufeff")
            yield line[:-1] if line.endswith("\n") else line
            break
        for line in handle:
            yield line[:-1] if line.endswith("\n") else line


def _csv_table(
    path: Path, partner: PartnerMapping, result: ReadResult
) -> Iterator[tuple[int, list[str] | Problem]]:
    encoding = _encoding_choose(path, partner.encoding, result)
    if encoding is None:
        result.file_problems.append(
            Problem(faults.EMPTY, _("Het bestand is leeg: het bevat alleen lege regels."))
        )
        return iter(())
    first = next(_text_lines(path, encoding), "")
    delimiter = _delimiter_choose(first, partner.delimiter, result)
    result.delimiter_used = delimiter
    return _csv_lines(_text_lines(path, encoding), delimiter)


def _delimiter_choose(first_line: str, declared: str, result: ReadResult) -> str:
    first = first_line[:MAX_LINE_CHARS]
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


def _csv_lines(lines: Iterator[str], delimiter: str) -> Iterator[tuple[int, list[str] | Problem]]:
    """Yield (line number where the record starts, cells or a row problem)."""
    csv.field_size_limit(MAX_FIELD_BYTES)
    start, pending = 1, list[str]()
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_CHARS or "\x00" in line:
            yield number, _line_problem(number, line)
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


def _line_problem(number: int, line: str) -> Problem:
    """A line too long to read, or one with a NUL character: no text, and no database takes
    it (PostgreSQL refuses it in text and JSON)."""
    if len(line) > MAX_LINE_CHARS:
        return Problem("regel-te-lang", _("Regel %d is te lang om te lezen.") % number, number)
    message = _("Regel %d bevat een NUL-teken: dat is geen tekst. Maak de export opnieuw.")
    return Problem("regel-onleesbaar", message % number, number)


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

    width = 0  # a sheet has no short rows: each is as wide as the widest before it
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        width = max(width, len(values))
        yield number, [text(v) for v in values] + [""] * (width - len(values))


# --- mapping rows --------------------------------------------------------------------------


def _rows_map(
    table: Iterator[tuple[int, list[str] | Problem]],
    dataset: DatasetMapping,
    result: ReadResult,
    *,
    keep_unknown: bool,
) -> Iterator[Row | Problem]:
    table = iter(table)
    index = _header_read(table, dataset, result, keep_unknown)
    if index is None:
        return
    width = len(result.headers)
    # every column has a key: a row of exactly the header's width maps by position
    keys = result.fields if len(index) == width else None
    any_row = False
    for number, cells in table:
        item: Row | Problem | None
        if keys is not None and isinstance(cells, list) and len(cells) == width:
            # the usual line, as `_row_item` takes it, without the call (blank: no row)
            row = dict(zip(keys, cells, strict=True)) if any(map(str.strip, cells)) else None
            item = None if row is None else (number, row)  # type: ignore[assignment]
        else:
            item = _row_item(number, cells, index, width, keys)
        if item is not None:
            any_row = True
            yield _fixed_add(item, result.fixed)
    if not any_row:
        result.file_problems.append(
            Problem(
                faults.HEADER_ONLY,
                _(
                    "Het bestand bevat alleen een kopregel en geen gegevens; "
                    "maak de export opnieuw."
                ),
            )
        )


def _header_read(
    table: Iterator[tuple[int, list[str] | Problem]],
    dataset: DatasetMapping,
    result: ReadResult,
    keep_unknown: bool,
) -> dict[int, str] | None:
    """Read `table` up to its header row (title rows above it are the preamble): the index of
    the header's columns, or None when there is no usable header (a file problem says why)."""
    for number, cells in table:
        if number < dataset.header_row:
            if not isinstance(cells, Problem):
                result.preamble.append(" ".join(c for c in cells if c.strip()))
            continue
        if isinstance(cells, Problem):
            result.file_problems.append(
                Problem("geen-kopregel", _("De kopregel kan niet gelezen worden."))
            )
            return None
        return _header_index([c.strip() for c in cells], dataset, result, keep_unknown)
    result.file_problems.append(_no_header(dataset, result))
    return None


def _fixed_add(item: Row | Problem, fixed: dict[str, str]) -> Row | Problem:
    """A data row with the mapping's fixed values for the columns the file lacks."""
    if fixed and not isinstance(item, Problem):
        item[1].update(fixed)
    return item


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


def _row_item(
    number: int,
    cells: list[str] | Problem,
    index: dict[int, str],
    width: int,
    keys: list[str | None] | None,
) -> Row | Problem | None:
    """One line as a data row, a row problem, or None for a blank line."""
    if isinstance(cells, Problem):
        return cells
    if not any(map(str.strip, cells)):
        return None  # blank lines are not data rows
    if keys is not None and len(cells) == width:
        return number, dict(zip(keys, cells, strict=True))  # type: ignore[arg-type]
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        # a shifted row: its values would land under the wrong columns
        return Problem(
            "regel-te-veel-velden",
            _("Regel %d heeft meer velden dan de kopregel.") % number,
            number,
        )
    if len(cells) <= max(index) and sum(1 for c in cells if c.strip()) > 1:
        # a row cut short (a row with one value is the row checks' to name: a totals label,
        # an id alone, fields run together)
        return Problem(
            "regel-te-weinig-velden",
            _("Regel %d heeft minder velden dan de kopregel (%d van %d).")
            % (number, len(cells), width),
            number,
        )
    return number, {field: cells[i] if i < len(cells) else "" for i, field in index.items()}


def _header_index(
    headers: list[str], dataset: DatasetMapping, result: ReadResult, keep_unknown: bool
) -> dict[int, str] | None:
    result.headers = headers
    declared = {h.casefold(): f for h, f in dataset.columns.items()}
    declared |= {f.casefold(): f for f in dataset.fixed if f.casefold() not in declared}
    index = {i: declared[h.casefold()] for i, h in enumerate(headers) if h.casefold() in declared}
    found = set(index.values())
    result.fixed = {f: value for f, value in dataset.fixed.items() if f not in found}
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
    twice = _column_twice(headers, index)
    if twice is not None:
        result.file_problems.append(twice)
        return None
    return index


def _column_twice(headers: list[str], index: dict[int, str]) -> Problem | None:
    """A field in two columns (the same header twice): which of its values counts is unclear."""
    seen: dict[str, int] = {}
    for i, key in sorted(index.items()):
        if key in seen:
            return Problem(
                "kolom-dubbel",
                _(
                    "Kolom '%s' staat twee keer in de kopregel (kolom %d en %d); welke waarde "
                    "geldt, is niet te zeggen. Het bestand is niet gelezen; lever elke kolom "
                    "één keer aan."
                )
                % (headers[i], seen[key] + 1, i + 1),
            )
        seen[key] = i
    return None


def _unknown_message(header: str, dataset: DatasetMapping) -> str:
    close = difflib.get_close_matches(header, list(dataset.columns), n=1, cutoff=0.6)
    if close:
        return _("Onbekende kolom '%s' (bedoelt u '%s'?); deze kolom wordt genegeerd.") % (
            header,
            close[0],
        )
    return _("Onbekende kolom '%s'; deze kolom wordt genegeerd.") % header
