"""Broken exports, made from a good one: each case is named after the fault it shows, with the
code the readers give it and the words its Dutch message must hold."""

import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl


@dataclass(frozen=True)
class Broken:
    name: str  # the fault, as in the file name
    suffix: str
    code: str
    words: tuple[str, ...]
    make: Callable[[bytes, int], bytes | None]  # (a good export, its header row) -> content


def _png(_good: bytes, _header_row: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(500)


def _random(_good: bytes, _header_row: int) -> bytes:
    return random.Random(2).randbytes(2000)


def _utf16_bom(good: bytes, _header_row: int) -> bytes:
    return _text(good).encode("utf-16")


def _utf16_plain(good: bytes, _header_row: int) -> bytes:
    return _text(good).encode("utf-16-le")


def _text(good: bytes) -> str:
    try:
        return good.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "titel\nkop;regel\n"  # a workbook: any text will do


def _csv_header_only(good: bytes, header_row: int) -> bytes:
    return b"".join(good.splitlines(keepends=True)[:header_row])


def _xlsx_rows_kept(good: bytes, keep: int) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(good))
    for sheet in book.worksheets:
        if sheet.max_row > keep:
            sheet.delete_rows(keep + 1, sheet.max_row - keep)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_header_only(good: bytes, header_row: int) -> bytes:
    return _xlsx_rows_kept(good, header_row)


def _xlsx_title_only(good: bytes, header_row: int) -> bytes:
    return _xlsx_rows_kept(good, header_row - 1)


def _truncated(good: bytes, _header_row: int) -> bytes:
    return good[: len(good) // 2]


def _nothing(_good: bytes, _header_row: int) -> None:
    return None  # the file is not there at all


UTF16_WORDS = ("UTF-16", "sla op als UTF-8 of Windows-1252")
CSV_CASES = (
    Broken("leeg", ".csv", "bestand-leeg", ("leeg",), lambda _g, _h: b""),
    Broken("afbeelding-png", ".csv", "bestand-onleesbaar", ("geen tekstbestand", "PNG"), _png),
    Broken("willekeurige-bytes", ".csv", "bestand-onleesbaar", ("geen tekstbestand",), _random),
    Broken("utf16-met-bom", ".csv", "bestand-utf16", UTF16_WORDS, _utf16_bom),
    Broken("utf16-zonder-bom", ".csv", "bestand-utf16", UTF16_WORDS, _utf16_plain),
    Broken("alleen-kopregel", ".csv", "geen-gegevens", ("alleen een kopregel",), _csv_header_only),
    Broken("ontbreekt", ".csv", "bestand-ontbreekt", ("bestaat niet",), _nothing),
)
XLSX_CASES = (
    Broken("leeg", ".xlsx", "bestand-leeg", ("leeg",), lambda _g, _h: b""),
    Broken(
        "excel-afgebroken", ".xlsx", "excel-beschadigd", ("beschadigd Excel-bestand",), _truncated
    ),
    Broken("afbeelding-png", ".xlsx", "bestand-geen-excel", ("geen Excel", "PNG"), _png),
    Broken("utf16-met-bom", ".xlsx", "bestand-utf16", UTF16_WORDS, _utf16_bom),
    Broken(
        "alleen-kopregel", ".xlsx", "geen-gegevens", ("alleen een kopregel",), _xlsx_header_only
    ),
    Broken(
        "alleen-titelregel",
        ".xlsx",
        "kopregel-ontbreekt",
        ("alleen titelregels",),
        _xlsx_title_only,
    ),
)


def broken_write(case: Broken, good: Path, header_row: int, folder: Path, stem: str) -> Path:
    """The broken file for `case`, made from the good export `good`, as `folder/stem-...`."""
    path = folder / f"{stem}-{case.name}{case.suffix}"
    content = case.make(good.read_bytes(), header_row)
    if content is not None:
        path.write_bytes(content)
    return path


# What must never reach a user: a traceback, an errno, an exception's class name.
TECHNICAL = re.compile(r"Traceback|Errno|\b\w*(Error|Exception)\b|BadZipFile|usage:")


def assert_plain_dutch(text: str, words: tuple[str, ...]) -> None:
    assert text.strip(), "no message"
    for word in words:
        assert word in text, (word, text)
    assert not TECHNICAL.search(text), text
