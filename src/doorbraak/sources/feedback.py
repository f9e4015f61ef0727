"""The platform's verdict per row written into a partner's file (pure: no Django). See
docs/adr/0011-own-file-back.md; `sources.result_file` reads the verdicts back.

`file_annotate` copies a file and adds columns at its right. CSV is copied line by line, so the
encoding, delimiter, quoting, line ends, title rows and blank lines stay as they were (a row
shorter than the header is padded, so the added columns line up); XLSX goes through openpyxl,
every sheet, cell, type, style and title row kept. What we add is neutralised
(`cell_neutralise`); the file's own cells are left alone unless asked (`neutralise_all`, for a
file the platform serves). A row is found by its number in the file, or by a column holding
the number (`_regel`, which `doorbraak pseudonymise` writes). Rows are numbered as
`doorbraak.sources.readers` numbers them: a CSV record by the line it starts on, an XLSX row by
its row in the sheet.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path
from typing import IO, Any

from doorbraak.core.errors import UserError
from doorbraak.sources.readers import MAX_FIELD_BYTES, MAX_LINE_CHARS
from doorbraak.sources.rowmap import Layout
from doorbraak.sources.values import cell_text
from doorbraak.sources.writers import FORMULA_STARTS, cell_neutralise

ROW_COLUMN = "_regel"  # the column `doorbraak pseudonymise` writes the original row number in
RESULT_COLUMNS = ("resultaat", "opmerking")  # what a steward's own file gets added
Cells = Sequence[str | int]
WHOLE_NUMBER = re.compile(r"(\d+)(?:[.,]0+)?")
REMARK_WIDTH = 60  # characters: the width given to an added remark column in a workbook
JOINED_CACHE = 10_000  # distinct added cells remembered, written once


@dataclass
class Annotated:
    names: list[str]  # the header of each added column (distinct from the file's own)
    rows: int = 0  # rows that got cells


def names_distinct(existing: Iterable[str], wanted: Sequence[str]) -> list[str]:
    """`wanted`, each made distinct from the file's own headers: a file that has its own
    'Opmerking' column gets ours as 'opmerking doorbraak'."""
    taken = {name.strip().casefold() for name in existing}
    names = []
    for name in wanted:
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{name} doorbraak" if n == 2 else f"{name} doorbraak {n - 1}"
        taken.add(candidate.casefold())
        names.append(candidate)
    return names


def file_annotate(
    source: Path,
    target: Path,
    layout: Layout,
    *,
    names: Sequence[str],
    cells: Mapping[int, Cells],
    key_column: str | None = None,
    neutralise_all: bool = False,
) -> Annotated:
    """Write `source` to `target` with the columns `names` added, filled per row from `cells`
    (keyed by row number, or by the number in `key_column` where the file has it). `source`
    is never written to; `target` appears whole or not at all."""
    tmp = target.with_name(target.name + ".tmp")
    try:
        if layout.file_type == "xlsx":
            done = _xlsx_annotate(source, tmp, layout, names, cells, key_column, neutralise_all)
        else:
            copier = _CsvCopy(layout, names, cells, key_column, neutralise_all)
            done = copier.copy(source, tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return done


def row_key(text: object, fallback: int) -> int:
    """The row number a `_regel` cell holds ('12', 12, '12.0'), else `fallback`."""
    found = WHOLE_NUMBER.fullmatch(cell_as_text(text).strip())
    return int(found[1]) if found else fallback


# --- CSV ---------------------------------------------------------------------------------


def _records(handle: IO[str]) -> Iterator[tuple[int, list[str], bool]]:
    """(number the record starts on, its lines with their line ends, closed): numbered as
    `readers._csv_lines` numbers them; number 0 for lines the reader skips."""
    start, pending, quotes = 1, list[str](), 0
    for number, line in enumerate(handle, start=1):
        if len(line) > MAX_LINE_CHARS:  # the reader reports it and forgets what was pending
            if pending:
                yield 0, pending, True
            yield number, [line], True
            start, pending, quotes = number + 1, [], 0
            continue
        if not pending and '"' not in line:
            yield number, [line], True
            start = number + 1
            continue
        pending.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            yield start, pending, True
            start, pending, quotes = number + 1, [], 0
    if pending:
        yield start, pending, False


def _codec(path: Path, encoding: str | None) -> str:
    """The codec that gives the file back byte for byte: UTF-8 keeps its BOM exactly when
    the file had one."""
    name = (encoding or "utf-8").replace("_", "-").lower()
    if name not in ("utf-8", "utf8", "utf-8-sig"):
        return name
    with path.open("rb") as handle:
        return "utf-8-sig" if handle.read(3) == codecs.BOM_UTF8 else "utf-8"


def _split_end(lines: list[str]) -> tuple[str, str]:
    """A record's text without its line end, and the line end."""
    text = lines[0] if len(lines) == 1 else "".join(lines)
    if text.endswith("\n"):
        cut = 2 if text.endswith("\r\n") else 1
        return text[:-cut], text[-cut:]
    return (text[:-1], "\r") if text.endswith("\r") else (text, "")


@dataclass
class _CsvCopy:
    layout: Layout
    wanted: Sequence[str]
    cells: Mapping[int, Cells]
    key_column: str | None
    neutralise_all: bool
    width: int | None = None  # known once past the header
    key_index: int | None = None
    quote_all: bool = False
    done: Annotated = field(default_factory=lambda: Annotated([]))

    @property
    def delimiter(self) -> str:
        return self.layout.delimiter or ";"

    encoding: str = "utf-8"
    joined: dict[tuple[str | int, ...], str] = field(default_factory=dict)

    def copy(self, source: Path, target: Path) -> Annotated:
        self.encoding = _codec(source, self.layout.encoding)
        # surrogateescape: bytes the encoding cannot decode come back out as they were
        csv.field_size_limit(MAX_FIELD_BYTES)
        with (
            source.open(encoding=self.encoding, errors="surrogateescape", newline="") as handle,
            target.open("w", encoding=self.encoding, errors="surrogateescape", newline="") as out,
        ):
            for number, lines, closed in _records(handle):
                out.write(self._record(number, lines, closed))
        if self.width is None:
            raise UserError("kopregel-ontbreekt", _("Het bestand heeft geen kopregel."))
        return self.done

    def _record(self, number: int, lines: list[str], closed: bool) -> str:
        body, end = _split_end(lines)
        if self.width is None:
            if number < self.layout.header_row:  # title rows (and lines the reader skips)
                return self._plain(body, end)
            return self._header(body, end)
        if number == 0:
            return self._plain(body, end)
        if not closed:  # a quote that never closes: close it, or ours would be inside it
            values = self.cells.get(number)
            if values is None:
                return body + end
            self.done.rows += 1
            return f'{body}"{self.delimiter}{self._ours(values)}{end}'
        return self._data(number, body, end)

    def _header(self, body: str, end: str) -> str:
        cells = self._parse(body)
        self.width = len(cells)
        self.quote_all = (
            body.startswith('"')
            and body.endswith('"')
            and (body.count(f'"{self.delimiter}"') == len(cells) - 1)
        )
        folded = [c.strip().casefold() for c in cells]
        if self.key_column and self.key_column.casefold() in folded:
            self.key_index = folded.index(self.key_column.casefold())
        self.done.names = names_distinct(cells, self.wanted)
        body = self._neutralised(body, cells)
        return f"{body}{self.delimiter}{self._ours(self.done.names)}{end}"

    def _data(self, number: int, body: str, end: str) -> str:
        if self.key_index is None and not self.neutralise_all and '"' not in body:
            values = self.cells.get(number)  # the common case, without parsing the line
            if values is None:
                return body + end
            return self._appended(body, body.count(self.delimiter) + 1, values, end)
        parsed: list[str] | None = None
        key = number
        if self.key_index is not None:
            parsed = self._parse(body)
            if self.key_index < len(parsed):
                key = row_key(parsed[self.key_index], number)
        values = self.cells.get(key)
        if values is None and not self._risky(body):
            return body + end
        parsed = parsed if parsed is not None else self._parse(body)
        body = self._neutralised(body, parsed)
        if values is None:
            return body + end
        return self._appended(body, len(parsed), values, end)

    def _appended(self, body: str, fields: int, values: Cells, end: str) -> str:
        """The line with our cells, after padding a short row to the header's width."""
        self.done.rows += 1
        padding = self.delimiter * max(0, (self.width or 0) - fields)
        return f"{body}{padding}{self.delimiter}{self._ours(values)}{end}"

    def _plain(self, body: str, end: str) -> str:
        """A title row, or a line the reader skips: as it is (made inert if asked)."""
        if not self._risky(body):
            return body + end
        return self._neutralised(body, self._parse(body)) + end

    def _parse(self, body: str) -> list[str]:
        if '"' not in body:
            return body.split(self.delimiter)
        try:
            return next(csv.reader([re.sub(r"\r\n?", "\n", body)], delimiter=self.delimiter), [])
        except csv.Error:
            return body.split(self.delimiter)

    def _risky(self, body: str) -> bool:
        """Whether a cell of the line would run in a spreadsheet (only when asked to care)."""
        if not self.neutralise_all or not any(s in body for s in FORMULA_STARTS):
            return False
        return any(cell_neutralise(c) != c for c in self._parse(body))

    def _neutralised(self, body: str, cells: list[str]) -> str:
        if not self.neutralise_all or all(cell_neutralise(c) == c for c in cells):
            return body
        return self._joined([cell_neutralise(c) for c in cells], self.quote_all)

    def _ours(self, values: Cells) -> str:
        key = tuple(values)
        found = self.joined.get(key)
        if found is None:
            found = self._joined([self._safe(str(v)) for v in values], self.quote_all)
            if len(self.joined) < JOINED_CACHE:  # verdicts repeat: 'geaccepteerd' and ''
                self.joined[key] = found
        return found

    def _safe(self, text: str) -> str:
        """Inert, and only characters the file's encoding can hold."""
        text = cell_neutralise(text)
        return text.encode(self.encoding, "replace").decode(self.encoding)

    def _joined(self, cells: list[str], quote_all: bool) -> str:
        buffer = io.StringIO()
        if quote_all:
            writer = csv.writer(
                buffer, delimiter=self.delimiter, quoting=csv.QUOTE_ALL, lineterminator=""
            )
        else:
            writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="")
        writer.writerow(cells)
        return buffer.getvalue()


# --- XLSX --------------------------------------------------------------------------------


def _xlsx_annotate(
    source: Path,
    target: Path,
    layout: Layout,
    names: Sequence[str],
    cells: Mapping[int, Cells],
    key_column: str | None,
    neutralise_all: bool,
) -> Annotated:
    import openpyxl

    # from memory: openpyxl refuses a path without an Excel extension (a stored upload)
    book = openpyxl.load_workbook(io.BytesIO(source.read_bytes()))
    sheet = book[layout.sheet] if layout.sheet in book.sheetnames else book[book.sheetnames[0]]
    if neutralise_all:
        for each in book.worksheets:
            _sheet_neutralise(each)
    header_row = layout.header_row
    last = _last_column(sheet, header_row)
    header = [cell_as_text(sheet.cell(header_row, c).value) for c in range(1, last + 1)]
    folded = [h.strip().casefold() for h in header]
    wanted = key_column.casefold() if key_column else None
    key_col = folded.index(wanted) + 1 if wanted in folded else None
    done = Annotated(names_distinct(header, names))
    _xlsx_header(sheet, header_row, last, done.names)
    for row in range(header_row + 1, sheet.max_row + 1):
        key = row if key_col is None else row_key(sheet.cell(row, key_col).value, row)
        values = cells.get(key)
        if values is None:
            continue
        for offset, value in enumerate(values, start=1):
            sheet.cell(row, last + offset, _xlsx_value(value))
        done.rows += 1
    with target.open("wb") as handle:
        book.save(handle)
    return done


def cell_as_text(value: object) -> str:
    """A workbook cell as text (a whole number without decimals)."""
    return cell_text(value, decimal=",", date_format="%d-%m-%Y")


def _last_column(sheet: Any, header_row: int) -> int:
    """The rightmost column holding a value from the header row down (not the sheet's
    formatted extent, which may run to column XFD)."""
    last = 0
    for row in sheet.iter_rows(min_row=header_row):
        for cell in reversed(row):
            if cell.value is not None:
                last = max(last, cell.column)
                break
    return last


def _xlsx_header(sheet: Any, header_row: int, last: int, names: list[str]) -> None:
    from openpyxl.utils import get_column_letter

    model = sheet.cell(header_row, last) if last else None
    for offset, name in enumerate(names, start=1):
        cell = sheet.cell(header_row, last + offset, _xlsx_value(name))
        if model is not None and model.has_style:
            cell._style = copy(model._style)
        letter = get_column_letter(last + offset)
        if offset == len(names):  # the remark: wide enough to read
            sheet.column_dimensions[letter].width = REMARK_WIDTH
        elif last:
            width = sheet.column_dimensions[get_column_letter(last)].width
            sheet.column_dimensions[letter].width = max(width or 0, len(name) + 2)


def _xlsx_value(value: str | int) -> str | int:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, int):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", cell_neutralise(value))


def _sheet_neutralise(sheet: Any) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if cell.data_type == "f":
                cell.value = "'" + str(getattr(value, "text", None) or value)
            elif isinstance(value, str) and cell_neutralise(value) != value:
                cell.value = cell_neutralise(value)
