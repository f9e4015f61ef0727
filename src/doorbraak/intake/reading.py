"""Thin adapter: read a delivered file into a header and numbered rows, and write it back.

Stands in until `doorbraak.sources` (dialect-aware readers and formula-safe writers) is
available; the intake only depends on the two functions below. Every fault in a file becomes
a `UserError` with a Dutch message, never an exception of the parser.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from doorbraak.core.errors import UserError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line or spreadsheet row number, cells)
    encoding: str = "utf-8"
    delimiter: str = ";"


def table_read(*, content: bytes, spec: dict[str, Any]) -> Table:
    if not content.strip():
        raise UserError("bestand-leeg", "Het bestand is leeg. Lever een export met gegevens aan.")
    if content[:2] == b"PK" or spec.get("file") == "xlsx":
        return _xlsx_read(content, spec)
    if b"\x00" in content[:4096]:
        raise UserError(
            "bestand-onleesbaar",
            "Dit is geen CSV- of Excelbestand. Lever de export aan als .csv of .xlsx.",
        )
    return _csv_read(content, spec)


def _decode(content: bytes, declared: str) -> tuple[str, str]:
    for encoding in dict.fromkeys([declared, "utf-8-sig"]):
        try:
            return content.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise UserError(
        "bestand-codering",
        f"De tekens in het bestand passen niet bij de afgesproken codering ({declared}). "
        "Sla de export op als UTF-8 of Windows-1252.",
    )


def _csv_read(content: bytes, spec: dict[str, Any]) -> Table:
    text, encoding = _decode(content, spec.get("encoding") or "utf-8")
    text = text.removeprefix("\ufeff")
    delimiter = spec.get("delimiter") or _sniff(text)
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UserError(
            "bestand-csv", f"Het CSV-bestand is beschadigd ({error}). Exporteer het opnieuw."
        ) from error
    skip = int(spec.get("header_row") or 1) - 1
    return _table(lines[skip:], first_line=skip + 1, encoding=encoding, delimiter=delimiter)


def _sniff(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max(";,\t", key=first.count)


def _xlsx_read(content: bytes, spec: dict[str, Any]) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book[spec["sheet"]] if spec.get("sheet") in book.sheetnames else book.worksheets[0]
        fmt = spec.get("date_format") or "%d-%m-%Y"
        lines = [[_cell(v, fmt) for v in row] for row in sheet.iter_rows(values_only=True)]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UserError(
            "bestand-xlsx", "Het Excelbestand is niet te openen. Sla het opnieuw op als .xlsx."
        ) from error
    skip = int(spec.get("header_row") or 1) - 1
    return _table(lines[skip:], first_line=skip + 1, encoding="utf-8", delimiter=";")


def _cell(value: object, date_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime(date_format)
    return str(value)


def _table(lines: list[list[str]], *, first_line: int, encoding: str, delimiter: str) -> Table:
    if not lines or not any(c.strip() for c in lines[0]):
        raise UserError("bestand-geen-kop", "Het bestand heeft geen kopregel met kolomnamen.")
    header = [c.strip() for c in lines[0]]
    rows = [
        (first_line + i, line)
        for i, line in enumerate(lines[1:], start=1)
        if any(c.strip() for c in line)
    ]
    return Table(header, rows, encoding, delimiter)


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula is written as text (plain numbers stay)."""
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def table_write(*, table: Table, spec: dict[str, Any], extra: dict[int, list[str]]) -> bytes:
    header = [*table.header, *EXTRA_COLUMNS]
    rows = [[*cells, *extra.get(number, ["", ""])] for number, cells in table.rows]
    if spec.get("file") == "xlsx":
        return _xlsx_write(header, rows)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=table.delimiter, lineterminator="\r\n")
    for line in [header, *rows]:
        writer.writerow([neutralise(c) for c in line])
    return out.getvalue().encode(table.encoding, errors="replace")


EXTRA_COLUMNS = ("resultaat", "opmerking")


def _xlsx_write(header: list[str], rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in [header, *rows]:
        sheet.append([neutralise(c) for c in line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
