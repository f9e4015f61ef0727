"""The verdict per row written into a partner's own file: the file comes back as it was (bytes of
a CSV, cells and types of a workbook) with two columns added on the right rows, and what we add
never runs in a spreadsheet. The platform's result file is read back by its columns."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from doorbraak.core.errors import UserError
from doorbraak.sources.feedback import file_annotate, names_distinct
from doorbraak.sources.result_file import result_file_read
from doorbraak.sources.rowmap import Layout

RESULT = ("resultaat", "opmerking")
# A housing corporation's export as Windows-1252 with ';': a title line, a blank line, a header
# with its own 'Opmerking', a value that looks like a formula, a quoted cell over two lines, a
# blank line between rows, a short row and no line end after the last row.
EXPORT = (
    "Export huurachterstanden; peildatum 01-03-2025\r\n"
    "\r\n"
    "Dossier;Huurder;Bedrag;Opmerking\r\n"
    'D1;Jos\xe9 Bakker;1.048,53;=HYPERLINK("http://x.invalid")\r\n'
    "\r\n"
    'D2;"Anna\r\nde Vries";-12,50;"a;b"\r\n'
    "D3;Piet\r\n"
    "D4;Kees;0;@ja"
)
VERDICTS = {
    4: ("geaccepteerd", ""),
    6: ("afgewezen", "=waarde-negatief: Kolom 'Bedrag' (regel 6) is negatief"),
    8: ("afgewezen", "regel-te-weinig-velden; € ≥ 0"),
    9: ("geaccepteerd met waarschuwing", "+code-hoofdletters"),
}


def _csv(tmp_path: Path, text: str = EXPORT, encoding: str = "cp1252") -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_csv_comes_back_byte_for_byte_with_two_columns_on_the_right_lines(
    tmp_path: Path,
) -> None:
    source = _csv(tmp_path)
    target = tmp_path / "terug.csv"
    layout = Layout("csv", header_row=3, encoding="cp1252", delimiter=";")
    done = file_annotate(source, target, layout, names=RESULT, cells=VERDICTS)
    assert done.names == ["resultaat", "opmerking doorbraak"]  # theirs left alone
    assert done.rows == 4
    back = target.read_bytes().decode("cp1252")
    assert back.split("\r\n") == [
        "Export huurachterstanden; peildatum 01-03-2025",
        "",
        "Dossier;Huurder;Bedrag;Opmerking;resultaat;opmerking doorbraak",
        'D1;Jos\xe9 Bakker;1.048,53;=HYPERLINK("http://x.invalid");geaccepteerd;',
        "",
        'D2;"Anna',
        "de Vries\";-12,50;\"a;b\";afgewezen;'=waarde-negatief: Kolom 'Bedrag' (regel 6) is "
        "negatief",
        'D3;Piet;;;afgewezen;"regel-te-weinig-velden; \u20ac ? 0"',
        "D4;Kees;0;@ja;geaccepteerd met waarschuwing;'+code-hoofdletters",
    ]


def test_what_is_not_ours_is_untouched(tmp_path: Path) -> None:
    """Removing the added cells gives the original bytes back exactly."""
    source = _csv(tmp_path)
    target = tmp_path / "terug.csv"
    layout = Layout("csv", header_row=3, encoding="cp1252", delimiter=";")
    file_annotate(source, target, layout, names=RESULT, cells={4: ("x", "y"), 9: ("x", "y")})
    back = target.read_bytes()
    assert back.replace(b";resultaat;opmerking doorbraak", b"").replace(b";x;y", b"") == (
        source.read_bytes()
    )


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("\ufeffA,B\nx,y\n", "utf-8", "\ufeffA,B,resultaat,opmerking\nx,y,ok,\n"),  # BOM kept
        ("A,B\nx,\u00e9\n", "utf-8", "A,B,resultaat,opmerking\nx,\u00e9,ok,\n"),  # none added
        ('"A","B"\r"x","y"\r', "utf-8", '"A","B","resultaat","opmerking"\r"x","y","ok",""\r'),
    ],
)
def test_encoding_line_ends_and_quoting_are_the_files_own(
    tmp_path: Path, text: str, encoding: str, expected: str
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(text.encode(encoding))
    target = tmp_path / "terug.csv"
    layout = Layout("csv", header_row=1, encoding="utf-8-sig", delimiter=",")
    file_annotate(source, target, layout, names=RESULT, cells={2: ("ok", "")})
    assert target.read_bytes() == expected.encode(encoding)


def test_bytes_no_encoding_fits_come_back_as_they_were(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(b"A;B\r\nx\x81;y\r\n")  # 0x81 is no character in Windows-1252
    target = tmp_path / "terug.csv"
    file_annotate(source, target, Layout("csv", 1, "cp1252", ";"), names=RESULT, cells={2: "ab"})
    assert target.read_bytes() == b"A;B;resultaat;opmerking\r\nx\x81;y;a;b\r\n"


def test_a_row_whose_quote_never_closes_gets_its_verdict_after_the_quote(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(b'A;B\r\nx;y\r\nz;"open\r\n')
    target = tmp_path / "terug.csv"
    cells = {2: ("geaccepteerd", ""), 3: ("afgewezen", "regel-afgebroken")}
    file_annotate(source, target, Layout("csv", 1, "utf-8", ";"), names=RESULT, cells=cells)
    assert target.read_bytes() == (
        b'A;B;resultaat;opmerking\r\nx;y;geaccepteerd;\r\nz;"open";afgewezen;regel-afgebroken\r\n'
    )


def test_rows_found_by_their_number_column_and_every_formula_made_inert(tmp_path: Path) -> None:
    """The platform's own result file: the delivered file keyed by `_regel`, every cell that
    would run made inert (the platform serves it)."""
    source = tmp_path / "aanlevering.csv"
    source.write_bytes(b"Dossier;Notitie;_regel\r\nD1;=1+1;4\r\nD2;ok;7\r\n")
    target = tmp_path / "terug.csv"
    file_annotate(
        source,
        target,
        Layout("csv", 1, "utf-8", ";"),
        names=RESULT,
        cells={4: ("afgewezen", "x"), 7: ("geaccepteerd", "")},
        key_column="_regel",
        neutralise_all=True,
    )
    assert target.read_text().splitlines() == [
        "Dossier;Notitie;_regel;resultaat;opmerking",
        "D1;'=1+1;4;afgewezen;x",
        "D2;ok;7;geaccepteerd;",
    ]


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Achterstanden"
    sheet.append(["Noorderlicht Energie - export betalingsachterstanden"])
    sheet.append(["Klantnr", "Bedrag", "Sinds", "Aantal", "Actief", "Opmerking", "Totaal"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.append(["K1", 1048.53, dt.date(2024, 11, 1), 3, True, "=x", "=B3*2"])
    sheet.append([])
    sheet.append(["K2", 12, dt.date(2025, 1, 15), 0, False, None, "=B5*2"])
    sheet["B3"].number_format = "#,##0.00"
    sheet["C3"].number_format = "dd-mm-yyyy"
    book.create_sheet("Toelichting")["A1"] = "Alleen het eerste blad is de export."
    book.save(path)
    return path


def test_a_workbook_keeps_its_cells_types_styles_title_row_and_other_sheets(
    tmp_path: Path,
) -> None:
    source = _workbook(tmp_path / "export.xlsx")
    target = tmp_path / "terug.xlsx"
    cells = {3: ("geaccepteerd", ""), 5: ("afgewezen", "=reden")}
    layout = Layout("xlsx", header_row=2, sheet="Achterstanden")
    done = file_annotate(source, target, layout, names=RESULT, cells=cells)
    assert done.names == ["resultaat", "opmerking doorbraak"]
    book = openpyxl.load_workbook(target)
    sheet = book["Achterstanden"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Noorderlicht Energie - export betalingsachterstanden"
    assert rows[1][-2:] == ["resultaat", "opmerking doorbraak"]
    assert rows[2] == [
        "K1", 1048.53, dt.datetime(2024, 11, 1), 3, True, "=x", "=B3*2", "geaccepteerd", None,
    ]  # fmt: skip
    assert rows[3] == [None] * 9  # the blank row stays blank
    assert rows[4][-2:] == ["afgewezen", "'=reden"]  # ours is inert; their formulas are theirs
    assert (sheet["B3"].number_format, sheet["C3"].number_format) == ("#,##0.00", "dd-mm-yyyy")
    assert sheet["H2"].font.b  # our header looks like theirs
    assert sheet["I5"].data_type == "s"
    assert book["Toelichting"]["A1"].value == "Alleen het eerste blad is de export."
    assert book.sheetnames == ["Achterstanden", "Toelichting"]


def test_a_workbook_served_by_the_platform_has_no_formula_left(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "export.xlsx")
    target = tmp_path / "terug.xlsx"
    layout = Layout("xlsx", header_row=2, sheet="Achterstanden")
    file_annotate(source, target, layout, names=RESULT, cells={}, neutralise_all=True)
    sheet = openpyxl.load_workbook(target)["Achterstanden"]
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    assert sheet["G3"].value == "'=B3*2"


def test_names_are_made_distinct_from_the_files_own() -> None:
    assert names_distinct(["Resultaat", " OPMERKING ", "opmerking doorbraak"], RESULT) == [
        "resultaat doorbraak",
        "opmerking doorbraak 2",
    ]
    assert names_distinct(["Dossier"], RESULT) == list(RESULT)


def test_the_platforms_result_file_is_read_back_as_csv_or_workbook(tmp_path: Path) -> None:
    text = "Titel\r\nDossier;_regel;_probleem;resultaat;opmerking\r\nD1;4;;geaccepteerd;\r\n"
    text += "D2;12;;afgewezen;code-onbekend: 'Gas'\r\n;;;;\r\n"
    path = tmp_path / "export-resultaat.csv"
    path.write_bytes(text.encode("cp1252"))
    expected = {4: ("geaccepteerd", ""), 12: ("afgewezen", "code-onbekend: 'Gas'")}
    assert result_file_read(path) == expected
    book = openpyxl.Workbook()
    book.active.append(["Titel"])
    book.active.append(["Dossier", "_regel", "resultaat doorbraak", "opmerking doorbraak"])
    book.active.append(["D1", 4, "geaccepteerd", None])  # saved again by Excel: a number
    book.active.append(["D2", "12", "afgewezen", "code-onbekend: 'Gas'"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "export-resultaat.xlsx"
    path.write_bytes(buffer.getvalue())
    assert result_file_read(path) == expected


@pytest.mark.parametrize("content", [b"Dossier;Bedrag\r\nD1;3\r\n", b"", b"PK\x03\x04kapot"])
def test_a_file_that_is_no_result_file_is_a_dutch_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "iets.csv"
    path.write_bytes(content)
    with pytest.raises(UserError) as refused:
        result_file_read(path)
    assert refused.value.code == "geen-resultaatbestand"
    assert "_regel" in refused.value.message
