"""The platform's result file read back at the partner (pure: no Django): per row number in the
partner's export (`_regel`), the `resultaat` and `opmerking` the platform gave it. The file may
be CSV or XLSX, with title rows, and may have been opened and saved in Excel since (a number
cell for `_regel`, another delimiter). See docs/adr/0011-own-file-back.md.
"""

import csv
import io
from collections.abc import Iterator
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.errors import UserError
from doorbraak.sources.feedback import ROW_COLUMN, cell_as_text, row_key
from doorbraak.sources.readers import MAX_FIELD_BYTES

HEADER_SEARCH_ROWS = 100  # how far down a result file's header row is looked for


def result_file_read(path: Path) -> dict[int, tuple[str, str]]:
    """Per row number in the partner's export (`_regel`): the platform's `resultaat` and
    `opmerking`, from a result file as the platform hands it out (CSV or XLSX, also after
    the steward opened and saved it)."""
    if not path.is_file():
        raise UserError("bestand-ontbreekt", _("Het bestand %s bestaat niet.") % path)
    with path.open("rb") as handle:
        excel = handle.read(4) == b"PK\x03\x04"
    try:
        return _verdicts(_xlsx_table(path) if excel else _csv_table(path), path)
    except UserError:
        raise
    except Exception as error:
        raise _not_a_result_file(path) from error


def _not_a_result_file(path: Path) -> UserError:
    return UserError(
        "geen-resultaatbestand",
        _(
            "%s is geen resultaatbestand van het platform: de kolommen '_regel', 'resultaat' "
            "en 'opmerking' ontbreken. Download het resultaatbestand van de aanlevering "
            "opnieuw."
        )
        % path.name,
    )


def _verdicts(rows: Iterator[list[str]], path: Path) -> dict[int, tuple[str, str]]:
    header: list[str] | None = None
    for _n, row in zip(range(HEADER_SEARCH_ROWS), rows, strict=False):
        if ROW_COLUMN in (c.strip().casefold() for c in row):
            header = [c.strip().casefold() for c in row]
            break
    if header is None:
        raise _not_a_result_file(path)
    number_at = header.index(ROW_COLUMN)
    result_at = _last_starting(header, "resultaat")
    remark_at = _last_starting(header, "opmerking")
    if result_at is None or remark_at is None:
        raise _not_a_result_file(path)
    found: dict[int, tuple[str, str]] = {}
    width = max(number_at, result_at, remark_at) + 1
    for row in rows:
        cells = row + [""] * (width - len(row))
        number = row_key(cells[number_at], 0)
        verdict = (cells[result_at].strip(), cells[remark_at].strip())
        if number and number not in found and any(verdict):  # an empty one is none
            found[number] = verdict
    return found


def _last_starting(header: list[str], word: str) -> int | None:
    found = [i for i, name in enumerate(header) if name.startswith(word)]
    return found[-1] if found else None


def _csv_table(path: Path) -> Iterator[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    line = next((x for x in text.splitlines() if ROW_COLUMN in x.casefold()), "")
    delimiter = max((";", ",", "\t"), key=line.count)
    csv.field_size_limit(MAX_FIELD_BYTES)
    return iter(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_table(path: Path) -> Iterator[list[str]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    for sheet in book.worksheets:
        rows = ([cell_as_text(v) for v in values] for values in sheet.iter_rows(values_only=True))
        head = [row for _n, row in zip(range(HEADER_SEARCH_ROWS), rows, strict=False)]
        if any(ROW_COLUMN in (c.strip().casefold() for c in row) for row in head):
            yield from head
            yield from rows
            return
