"""Write rows back in a partner's own dialect, with cells a spreadsheet would run neutralised."""

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from doorbraak.sources.mapping import PartnerMapping

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"  # put before such a cell
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def cell_neutralise(value: str) -> str:
    """Prefix a cell that a spreadsheet would execute with `'` (OWASP CSV injection)."""
    if value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return NEUTRALISER + value
    return value


def rows_write(
    path: Path,
    partner: PartnerMapping,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    title_rows: Sequence[str] = (),
    sheet: str | None = None,
) -> None:
    """Write header and rows to `path` (written to a temporary file first, then renamed)."""
    tmp = path.with_name(path.name + ".tmp")
    safe_rows = ([cell_neutralise(str(c)) for c in row] for row in rows)
    if partner.file_type == "xlsx":
        _xlsx_write(tmp, headers, safe_rows, title_rows, sheet)
    else:
        _csv_write(tmp, partner, headers, safe_rows)
    tmp.replace(path)


def _csv_write(
    path: Path, partner: PartnerMapping, headers: Sequence[str], rows: Iterable[list[str]]
) -> None:
    with path.open("w", encoding=partner.encoding, errors="replace", newline="") as handle:
        writer = csv.writer(handle, delimiter=partner.delimiter, lineterminator="\r\n")
        writer.writerow([cell_neutralise(h) for h in headers])
        writer.writerows(rows)


def _xlsx_write(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[list[str]],
    title_rows: Sequence[str],
    sheet: str | None,
) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    worksheet = book.create_sheet(title=(sheet or "Gegevens")[:31])
    for title in title_rows:
        worksheet.append([cell_neutralise(title)])
    worksheet.append([cell_neutralise(h) for h in headers])
    for row in rows:
        worksheet.append(row)
    with path.open("wb") as handle:
        book.save(handle)
