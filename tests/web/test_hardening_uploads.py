"""Limits on what one upload may ask of the platform (issue 12: a 54 kB workbook unpacked to a
52 MB cell): hostile workbooks made here, each refused whole before openpyxl opens it, with a
stable code and a Dutch message; real workbooks pass; the upload page refuses a file that is
too large and shows the workbook refusals without a traceback."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from doorbraak.intake import forms
from doorbraak.intake.mappings import mapping_latest, mapping_store
from doorbraak.intake.models import ImportBatch
from doorbraak.partners.models import Partner, Role
from doorbraak.sources import limits
from doorbraak.sources.faults import file_fault
from tests.conftest import UserOf
from tests.intake.conftest import mappings, partner  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def workbook(tmp_path: Path, name: str = "boek.xlsx", **parts: bytes) -> Path:
    """A workbook openpyxl writes (a header and two rows), with some of its parts replaced."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["dossier", "bedrag"], ["A1", "12,50"], ["A2", "3"]):
        sheet.append(row)
    plain = io.BytesIO()
    book.save(plain)
    path = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            key = info.filename.replace("/", "_").replace(".", "_")
            out.writestr(info.filename, parts.pop(key, source.read(info)))
        for key, data in parts.items():  # parts the plain workbook has not got
            out.writestr(key.replace("_xml", ".xml").replace("_", "/"), data)
    return path


def strings(text: str) -> bytes:
    """A string table of one shared string."""
    return f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>'.encode()


def sheet(rows: str, *, prefix: str = "", dimension: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    ns = f"xmlns:{prefix}" if prefix else "xmlns"
    dim = f'<{p}dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0"?><{p}worksheet {ns}="{MAIN}">{dim}<{p}sheetData>{rows}</{p}sheetData></{p}worksheet>'.encode()  # noqa: E501


def cell(text: str, column: str = "A", row: int = 1, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    return f'<{p}c r="{column}{row}" t="inlineStr"><{p}is><{p}t>{text}</{p}t></{p}is></{p}c>'


def code_of(path: Path) -> str | None:
    problem = file_fault(path, excel=True)
    return None if problem is None else problem.code


def test_the_issues_bomb_is_refused_before_it_is_unpacked_in_memory(tmp_path: Path) -> None:
    """54 kB on disk, a 52 MB shared string inside."""
    path = workbook(tmp_path, xl_sharedStrings_xml=strings("A" * 52_000_000))
    assert path.stat().st_size < 120_000
    problem = file_fault(path, excel=True)
    assert problem is not None
    assert problem.code == limits.CELL_TOO_LONG
    assert "tekens" in problem.message  # counted up to where reading stops: 16 MiB
    assert "32.767" in problem.message


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # one inline string of 40,000 characters, in two runs of rich text each under the limit
        (
            '<row r="1"><c r="A1" t="inlineStr"><is>'
            + "".join(f"<r><rPr><color rgb='FF0000'/></rPr><t>{'b' * 20_000}</t></r>" for _ in "12")
            + "</is></c></row>",
            limits.CELL_TOO_LONG,
        ),
        # entities: 7,000 × '&amp;' is 35,000 bytes of XML but 7,000 characters
        (f'<row r="1">{cell("&amp;" * 7_000)}</row>', None),
        (f'<row r="1">{cell("x" * limits.MAX_CELL_CHARS)}</row>', None),  # exactly Excel's most
        (f'<row r="1">{cell("x" * (limits.MAX_CELL_CHARS + 1))}</row>', limits.CELL_TOO_LONG),
        # a row number far past Excel's last row: openpyxl would hand out the empty rows between
        (f'<row r="1">{cell("a")}</row><row r="2000000">{cell("b", row=2000000)}</row>',
         limits.TOO_MANY_ROWS),
        # one cell in Excel's last column, then 4,000 rows padded to its width
        (f'<row r="1">{cell("a", "XFD")}</row>' + "<row/>" * 4_000, limits.TOO_MANY_CELLS),
        # the same width from 16,384 cells without a column letter
        ('<row r="1">' + "<c/>" * 16_384 + "</row>" + "<row/>" * 4_000, limits.TOO_MANY_CELLS),
    ],
    ids=["rich-text-runs", "entities", "at-the-limit", "past-the-limit", "row-number",
         "last-column", "cells-without-letters"],
)  # fmt: skip
def test_worksheet_limits(tmp_path: Path, rows: str, expected: str | None) -> None:
    assert code_of(workbook(tmp_path, xl_worksheets_sheet1_xml=sheet(rows))) == expected


def test_a_dimension_that_claims_the_whole_sheet_is_refused(tmp_path: Path) -> None:
    """openpyxl sizes a read-only sheet by `<dimension>`: a million rows of 16,384 cells."""
    path = workbook(tmp_path, xl_worksheets_sheet1_xml=sheet(cell("a"), dimension="A1:XFD1048576"))
    assert code_of(path) == limits.TOO_MANY_CELLS


def test_a_namespace_prefix_does_not_hide_a_long_cell(tmp_path: Path) -> None:
    rows = f'<x:row r="1">{cell("y" * 40_000, prefix="x")}</x:row>'
    path = workbook(tmp_path, xl_worksheets_sheet1_xml=sheet(rows, prefix="x"))
    assert code_of(path) == limits.CELL_TOO_LONG


def test_a_long_cell_across_chunk_boundaries_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "CHUNK_BYTES", 1000)
    rows = "".join(f'<row r="{n}">{cell("k" * 50, row=n)}</row>' for n in range(1, 200))
    rows += f'<row r="200">{cell("z" * 33_000, row=200)}</row>'
    problem = file_fault(workbook(tmp_path, xl_worksheets_sheet1_xml=sheet(rows)), excel=True)
    assert problem is not None
    assert problem.code == limits.CELL_TOO_LONG
    assert "rij 200" in problem.message


def test_unpacked_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 100_000)
    rows = "".join(f'<row r="{n}">{cell("0" * 100, row=n)}</row>' for n in range(1, 2000))
    problem = file_fault(workbook(tmp_path, xl_worksheets_sheet1_xml=sheet(rows)), excel=True)
    assert problem is not None
    assert problem.code == limits.UNPACKED_TOO_BIG
    assert "MiB" in problem.message


def test_a_row_of_too_much_xml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PIECE_BYTES", 50_000)
    rows = '<row r="1">' + "".join(cell("w" * 10, "A") for _ in range(5_000)) + "</row>"
    assert code_of(workbook(tmp_path, xl_worksheets_sheet1_xml=sheet(rows))) == limits.ROW_TOO_BIG


def test_real_workbooks_pass(tmp_path: Path) -> None:
    found = [*ROOT.glob("tests/**/*.xlsx")]
    assert len(found) >= 3
    assert {p.name: code_of(p) for p in found} == {p.name: None for p in found}
    assert code_of(workbook(tmp_path)) is None


def test_damaged_zip_is_left_to_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    assert limits.xlsx_limit_fault(path) is None  # the reader says excel-beschadigd


# --- the upload page --------------------------------------------------------------------


@pytest.fixture
def steward(user_of: UserOf, partner: object) -> Client:  # noqa: F811
    client = Client()
    client.force_login(user_of(Role.DATA_STEWARD))
    return client


def test_the_upload_page_refuses_a_file_too_large(
    steward: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "MAX_UPLOAD", 1_000)
    upload = SimpleUploadedFile("huurachterstanden-2025.csv", b"a;b\r\n" * 1_000)
    response = steward.post(reverse("intake:list"), {"file": upload})
    assert response.status_code == 200
    assert "de upload neemt hoogstens" in response.content.decode()
    assert response.context["form"].has_error("file", code=forms.UPLOAD_TOO_BIG)
    assert not ImportBatch.objects.exists()


def test_the_upload_page_refuses_the_bomb_in_dutch(
    steward: Client,
    partner: Partner,  # noqa: F811
    tmp_path: Path,
) -> None:
    latest = mapping_latest(partner=partner, dataset="huurachterstanden")
    assert latest is not None
    mapping_store(partner=partner, dataset="huurachterstanden", spec=latest.spec | {"file": "xlsx"})
    bomb = strings("A" * 5_000_000)
    path = workbook(tmp_path, "huurachterstanden-2025.xlsx", xl_sharedStrings_xml=bomb)
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    response = steward.post(reverse("intake:list"), {"file": upload}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Traceback" not in page
    assert "5.000.000 tekens" in page
    assert "32.767" in page
