"""How much work one Excel workbook may ask of the reader, checked before it is read (pure).

An .xlsx is a zip of XML: 54 kB can unpack to a 52 MB cell, and one `<dimension>` element or one
cell at column XFD can make the reader walk a million rows of 16,384 empty cells. So before
openpyxl opens a workbook, `xlsx_limit_fault` reads the zip's directory and streams its XML
parts once, without parsing them:
- the unpacked size (the sizes the zip declares; zipfile reads no more than those),
- rows per sheet (row elements, their numbers and the sheet's `<dimension>`),
- cells per sheet, rows × the widest row (cell elements, their column letters, `<dimension>`),
- characters per cell or shared string (Excel's own maximum), counted exactly for any row or
  shared string whose XML is longer than that,
- the XML of one row or shared string.
Each breach is one fatal file problem with a stable code and a Dutch message (`faults`).
"""

import html
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from gettext import gettext as _
from itertools import repeat
from pathlib import Path

from doorbraak.core.problems import Problem

MAX_UNPACKED_BYTES = 2 << 30  # 2 GiB of XML: about 1.6 million rows of 25 columns
MAX_ROWS = 1_048_576  # Excel's own maximum
MAX_CELLS = 50_000_000  # rows × columns of one sheet: 1,048,576 rows of 47 columns
MAX_CELL_CHARS = 32_767  # Excel's own maximum for the text of one cell
MAX_PIECE_BYTES = 16 << 20  # the XML of one row or one shared string

UNPACKED_TOO_BIG = "excel-uitgepakt-te-groot"
TOO_MANY_ROWS = "excel-te-veel-rijen"
TOO_MANY_CELLS = "excel-te-veel-cellen"
CELL_TOO_LONG = "excel-cel-te-lang"
ROW_TOO_BIG = "excel-rij-te-groot"
CODES = frozenset({UNPACKED_TOO_BIG, TOO_MANY_ROWS, TOO_MANY_CELLS, CELL_TOO_LONG, ROW_TOO_BIG})

CHUNK_BYTES = 4 << 20
# Element starts are found with bytes.replace, not a regular expression (20 times faster): tabs
# and line ends become spaces first, so a name ends in ' ', '>' or '/'. Prefixes are those the
# part binds to SpreadsheetML's namespace (openpyxl matches by namespace, not by prefix).
_SPACES = bytes.maketrans(b"\t\n\r", b"   ")
_MARK = b"\x00"  # before `c`, `row` and `si` where such an element starts (no XML has NUL)
_CELL = _MARK + b"c"
_NAMES = (b"c", b"row", b"si")
_NAMESPACES = re.compile(
    rb"xmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*[\"']"
    rb"(?:http://schemas\.openxmlformats\.org/spreadsheetml/2006/main|"
    rb"http://purl\.oclc\.org/ooxml/spreadsheetml/main)[\"']"
)
_RECORD = re.compile(rb"\x00(row|si)(?=[ >/])")  # a sheet's row, a shared string
_ROW_NUMBER = re.compile(rb"\x00row [^>]*?\br *= *[\"']([0-9]{1,12})")
_COLUMN = re.compile(rb"r *= *[\"']\$?([A-Za-z]{2,3})\$?[0-9]")  # column AA and further
_DIMENSION = re.compile(
    rb"dimension [^>]*?\bref *= *[\"'](?:[^\"':]*:)?\$?([A-Za-z]{1,3})?\$?([0-9]{1,12})?[\"']"
)
_TAG = re.compile(rb"<[^>]*>")


class LimitError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def xlsx_limit_fault(path: Path) -> Problem | None:
    """The first limit the workbook at `path` breaks, or None. A file that is no zip at all is
    left to the reader, which calls it damaged."""
    try:
        with zipfile.ZipFile(path) as book:
            _unpacked_check(book)
            for info in book.infolist():
                _part_check(book, info)
    except LimitError as exceeded:
        return exceeded.problem
    except (
        zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError,
        NotImplementedError,
    ):  # fmt: skip
        return None  # damaged or encrypted: `faults.excel_damaged` when openpyxl opens it
    return None


def _unpacked_check(book: zipfile.ZipFile) -> None:
    total = sum(info.file_size for info in book.infolist())
    if total > MAX_UNPACKED_BYTES:
        raise LimitError(
            Problem(
                UNPACKED_TOO_BIG,
                _(
                    "Uitgepakt is dit Excel-bestand %(size)s MiB; meer dan %(most)s MiB wordt "
                    "niet gelezen. Lever de gegevens in delen aan, of als CSV."
                )
                % {"size": total >> 20, "most": MAX_UNPACKED_BYTES >> 20},
            )
        )


def _part_check(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    with book.open(info) as handle:
        chunks = iter(lambda: handle.read(CHUNK_BYTES), b"")
        first = next(chunks, b"")
        if not first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return  # not XML (an image, say): openpyxl reads no cells from it
        scan = _PartScan(info.filename)
        scan.feed_all(_prepended(first, chunks))
        scan.finish()


def _prepended(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


@dataclass
class _PartScan:
    """One XML part, streamed record by record: a sheet's rows, or the string table's shared
    strings. A record is kept whole until it is complete, so no cell is split between chunks."""

    name: str
    prefixes: set[bytes] = field(default_factory=lambda: {b""})
    carry: bytes = b""
    started: bool = False  # past the first record's start
    rows: int = 0
    last_row: int = 0
    width: int = 0
    dimension: tuple[int, int] = (0, 0)

    def feed_all(self, chunks: Iterator[bytes]) -> None:
        for chunk in chunks:
            self.feed(chunk)

    def feed(self, chunk: bytes) -> None:
        buffer = self._marked(self.carry + chunk.translate(_SPACES))
        self._numbers(buffer)
        parts = _RECORD.split(buffer)
        if len(parts) == 1 and not self.started:
            self.carry = buffer[-256:]  # before the first record: a tag may be cut in two
            return
        self.started = True
        kinds, records = parts[1::2], parts[2::2]  # parts[0]: before the first record
        self._records_check(kinds[:-1], records[:-1])
        self.carry = _MARK + kinds[-1] + records[-1]  # still open: again with the next chunk
        if len(self.carry) > MAX_PIECE_BYTES:
            self._open_record_refuse(kinds[-1], records[-1])

    def finish(self) -> None:
        if self.started:
            parts = _RECORD.split(self.carry)
            self._records_check(parts[1::2], parts[2::2])
        rows = max(self.rows, self.last_row, self.dimension[1])
        if rows > MAX_ROWS:
            raise LimitError(
                Problem(
                    TOO_MANY_ROWS,
                    _(
                        "Het werkblad heeft %(rows)s rijen; meer dan %(most)s (het maximum van "
                        "Excel) wordt niet gelezen. Lever de gegevens in delen aan."
                    )
                    % {"rows": _dutch(rows), "most": _dutch(MAX_ROWS)},
                )
            )
        width = max(self.width, self.dimension[0])
        if rows * width > MAX_CELLS:
            raise LimitError(_too_many_cells(rows, width))

    def _marked(self, text: bytes) -> bytes:
        """`text` with _MARK before the name of every element start of a cell, row or shared
        string (in the namespace openpyxl reads), whatever prefix the part gives it."""
        self.prefixes.update(p + b":" for p in _NAMESPACES.findall(text) if p)
        for prefix in self.prefixes:
            for name in _NAMES:
                if b"<" + prefix + name not in text:
                    continue  # one scan instead of three (a sheet has no `si`, a table no `c`)
                for end in (b" ", b">", b"/"):
                    text = text.replace(b"<" + prefix + name + end, _MARK + name + end)
        return text

    def _open_record_refuse(self, kind: bytes, record: bytes) -> None:
        """A row or shared string that is not complete after MAX_PIECE_BYTES: its text so far
        when that is already too long (a cell), else its size."""
        row = self.rows + 1 if kind == b"row" else None
        for cell in record.split(_CELL)[1:] if kind == b"row" else [record]:
            _text_check(cell, row, at_least=True)
        raise LimitError(_row_too_big(row))

    def _numbers(self, buffer: bytes) -> None:
        """Row numbers, column letters and the dimension: what openpyxl sizes a sheet by."""
        numbers = _ROW_NUMBER.findall(buffer)
        if numbers:
            self.last_row = max(self.last_row, *map(int, numbers))
        letters = _COLUMN.findall(buffer)
        if letters:
            self.width = max(self.width, *map(_column_number, letters))
        if not self.started:
            for columns, row in _DIMENSION.findall(buffer):
                self.dimension = (
                    max(self.dimension[0], _column_number(columns) if columns else 0),
                    max(self.dimension[1], int(row) if row else 0),
                )

    def _records_check(self, kinds: list[bytes], records: list[bytes]) -> None:
        if not records:
            return
        rows_before = self.rows
        self.rows += kinds.count(b"row")
        self.width = max(self.width, *map(bytes.count, records, repeat(_CELL)))
        if max(map(len, records)) <= MAX_CELL_CHARS:
            return  # no text in them can be longer than their XML
        for index, (kind, record) in enumerate(zip(kinds, records, strict=True)):
            row = rows_before + kinds[: index + 1].count(b"row") if kind == b"row" else None
            if len(record) > MAX_PIECE_BYTES:
                raise LimitError(_row_too_big(row))
            if len(record) > MAX_CELL_CHARS:
                cells = record.split(_CELL)[1:] if kind == b"row" else [record]
                for cell in cells:
                    _text_check(cell, row)


def _text_check(piece: bytes, row: int | None, *, at_least: bool = False) -> None:
    """The exact length of the text in one cell or shared string (its XML after its own start
    tag: tags dropped, entities read); `at_least`: the piece is only its beginning."""
    body = piece[piece.find(b">") + 1 :]
    chars = len(html.unescape(_TAG.sub(b"", body).decode("utf-8", "replace")))
    if chars > MAX_CELL_CHARS:
        where = _("in rij %d") % row if row is not None else _("in de tekstentabel")
        where += (
            _(" (afgebroken na de eerste %d MiB)") % (MAX_PIECE_BYTES >> 20) if at_least else ""
        )
        raise LimitError(
            Problem(
                CELL_TOO_LONG,
                _(
                    "Een cel %(where)s heeft %(chars)s tekens; Excel zelf staat er hoogstens "
                    "%(most)s toe. Dit bestand is niet met Excel gemaakt of beschadigd: maak "
                    "de export opnieuw."
                )
                % {"where": where, "chars": _dutch(chars), "most": _dutch(MAX_CELL_CHARS)},
            )
        )


def _row_too_big(row: int | None) -> Problem:
    where = _("Rij %d") % row if row is not None else _("Een tekst in de tekstentabel")
    return Problem(
        ROW_TOO_BIG,
        _("%(where)s is in het bestand groter dan %(most)s MiB; zo'n rij wordt niet gelezen.")
        % {"where": where, "most": MAX_PIECE_BYTES >> 20},
    )


def _too_many_cells(rows: int, width: int) -> Problem:
    return Problem(
        TOO_MANY_CELLS,
        _(
            "Het werkblad is %(rows)s rijen bij %(width)s kolommen; meer dan %(most)s miljoen "
            "cellen wordt niet gelezen. Verwijder lege kolommen en rijen (of een te groot "
            "gebied dat het bestand als gebruikt opgeeft) en sla het opnieuw op."
        )
        % {"rows": _dutch(rows), "width": _dutch(width), "most": MAX_CELLS // 1_000_000},
    )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


def _dutch(number: int) -> str:
    return f"{number:,}".replace(",", ".")
