import hashlib
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl

from doorbraak.synth.xlsx import XlsxStream

STAMP = (2026, 6, 30, 0, 0, 0)


def _write(path: Path) -> None:
    book = XlsxStream(path, ("Signalen", "Toelichting"), STAMP)
    book.append(["Signalen Gemeente Veendam - periode 2024"])
    book.append(["BSN", "Naam", "Bedrag", "Leeg"])
    book.append([12345678, "Jan & <de> Vries", 123.45, ""])
    book.close([["Aantal regels", 1]])


def test_openpyxl_reads_what_the_writer_streams(tmp_path: Path) -> None:
    _write(tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert workbook.sheetnames == ["Signalen", "Toelichting"]
    rows = list(workbook["Signalen"].iter_rows(values_only=True))
    assert rows[2] == (12345678, "Jan & <de> Vries", 123.45, None)
    assert workbook.properties.created == datetime(2026, 6, 30)


def test_the_same_rows_give_the_same_bytes_with_fixed_timestamps(tmp_path: Path) -> None:
    _write(tmp_path / "a.xlsx")
    _write(tmp_path / "b.xlsx")
    digest = [hashlib.sha256((tmp_path / n).read_bytes()).hexdigest() for n in ("a.xlsx", "b.xlsx")]
    assert digest[0] == digest[1]
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {STAMP}
