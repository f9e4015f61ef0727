"""The readers never raise and account for every data row; named fixtures show each fault."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorbraak.sources.mapping import mapping_load
from doorbraak.sources.readers import read_rows

FIXTURES = Path(__file__).parent / "fixtures"
MAPPINGS = mapping_load(FIXTURES / "mappings.yaml")
CSV = MAPPINGS.partners["proef-csv"]
CP1252 = MAPPINGS.partners["proef-cp1252"]
XLSX = MAPPINGS.partners["proef-xlsx"]


def read(name: str, partner=CSV):
    return read_rows(FIXTURES / name, partner, partner.datasets["signalen"])


def codes(result) -> set[str]:
    return {p.code for p in result.file_problems + result.row_problems}


def test_truncated_file_reports_the_open_row():
    result = read("truncated.csv")
    assert [n for n, _ in result.rows] == [2]
    assert [(p.code, p.line) for p in result.row_problems] == [("regel-afgebroken", 3)]


def test_cp1252_declared_as_utf8_is_read_and_reported():
    result = read("wrong-encoding.csv")
    assert result.encoding_used == "cp1252"
    assert "andere-codering" in codes(result)
    assert result.rows[0][1]["given_name"] == "Renée"


def test_utf8_declared_as_cp1252_is_read_without_mojibake():
    result = read("wrong-encoding-utf8.csv", CP1252)
    assert result.rows[0][1]["given_name"] == "Renée"
    assert "andere-codering" in codes(result)


@pytest.mark.parametrize(
    ("name", "code"), [("binary.csv", "bestand-onleesbaar"), ("empty.csv", "bestand-leeg")]
)
def test_unusable_files_are_reported(name, code):
    result = read(name)
    assert code in codes(result)
    assert not result.usable
    assert result.rows == []


def test_header_only():
    result = read("header-only.csv")
    assert result.rows == []
    assert "geen-gegevens" in codes(result)


def test_unknown_columns_with_did_you_mean():
    result = read("unknown-columns.csv")
    messages = " ".join(p.message for p in result.file_problems)
    assert "bedoelt u 'voornaam'" in messages
    assert "extra_kolom" in messages
    assert "kolom-ontbreekt" in codes(result)
    assert "given_name" not in result.rows[0][1]


def test_formula_cells_are_read_as_text():
    result = read("formula-cell.csv")
    assert result.rows[0][1]["note"].startswith("=HYPERLINK(")


@pytest.mark.parametrize("name", ["title-rows.xlsx", "two-sheets.xlsx"])
def test_xlsx_with_title_rows_and_sheets(name):
    result = read(name, XLSX)
    assert [n for n, _ in result.rows] == [4, 5]
    assert result.rows[1][1]["bsn"] == "12345678"
    assert result.preamble[0].startswith("Export")


def test_fifty_megabyte_line_is_a_row_problem(tmp_path):
    path = tmp_path / "long.csv"
    header = b"signaal_id;bsn;voornaam;achternaam;geboortedatum;bedrag;opmerking\r\n"
    path.write_bytes(header + b"S1;1;" + b"x" * 50_000_000 + b"\r\nS2;2;a;b;01-01-2000;1;\r\n")
    result = read_rows(path, CSV, CSV.datasets["signalen"])
    assert [p.code for p in result.row_problems] == ["regel-te-lang"]
    assert [n for n, _ in result.rows] == [3]


def test_delimiter_is_sniffed_when_the_declared_one_is_absent(tmp_path):
    path = tmp_path / "comma.csv"
    path.write_text(
        "signaal_id,bsn,voornaam,achternaam,geboortedatum,bedrag,opmerking\nS1,1,a,b,c,d,e\n"
    )
    result = read_rows(path, CSV, CSV.datasets["signalen"])
    assert result.delimiter_used == ","
    assert "ander-scheidingsteken" in codes(result)


def test_synth_exports_read_cleanly(synth_region):
    mappings = mapping_load(synth_region / "exports" / "mappings.yaml")
    for code, partner in mappings.partners.items():
        for path in sorted((synth_region / "exports" / code).iterdir()):
            result = read_rows(path, partner, partner.dataset_for_file(path.name))
            assert result.rows, path
            assert not result.file_problems, path
            assert not result.row_problems, path


@settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_raise(tmp_path, data):
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    read_rows(path, CSV, CSV.datasets["signalen"])


cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@settings(
    max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=9), max_size=15))
def test_every_data_row_is_accounted_for_once(tmp_path, rows):
    """Rows written by the csv module come back once each, as a row or a row problem."""
    import csv

    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            ["signaal_id", "bsn", "voornaam", "achternaam", "geboortedatum", "bedrag", "opmerking"]
        )
        writer.writerows([["r", *row] for row in rows])
    result = read_rows(path, CSV, CSV.datasets["signalen"])
    numbers = [n for n, _ in result.rows] + [p.line for p in result.row_problems]
    assert len(numbers) == len(set(numbers)) == len(rows)


def test_a_row_with_more_fields_than_the_header_is_a_row_problem(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(
        "signaal_id;bsn;voornaam;achternaam;geboortedatum;bedrag;opmerking\n"
        "S1;1;a;b;c;d;e;verschoven\nS2;2;a;b;c;d;e;;\n",
        encoding="utf-8",
    )
    result = read_rows(path, CSV, CSV.datasets["signalen"])
    assert [(p.code, p.line) for p in result.row_problems] == [("regel-te-veel-velden", 2)]
    assert [n for n, _ in result.rows] == [3]


def test_a_row_cut_short_is_a_row_problem(tmp_path):
    """A row with values but fewer fields than the header lost what followed (the hostile
    corpus's case); a row with one value is the row checks' to name (a totals label, an id)."""
    path = tmp_path / "short.csv"
    path.write_text(
        "signaal_id;bsn;voornaam;achternaam;geboortedatum;bedrag;opmerking\n"
        "S1;1;a;b\nTotaal\nS3;3;a;b;c;d;\n",
        encoding="utf-8",
    )
    result = read_rows(path, CSV, CSV.datasets["signalen"])
    assert [(p.code, p.line) for p in result.row_problems] == [("regel-te-weinig-velden", 2)]
    rows = [(n, f["record_id"], f["note"]) for n, f in result.rows]
    assert rows == [(3, "Totaal", ""), (4, "S3", "")]


def test_keep_unknown_keeps_undeclared_columns_under_their_header(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("signaal_id;bsn_pseudonym;bedrag\nS1;abc;12,50\n", encoding="utf-8")
    plain = read_rows(path, CSV, CSV.datasets["signalen"])
    assert plain.rows == [(2, {"record_id": "S1", "amount": "12,50"})]
    assert "onbekende-kolom" in codes(plain)
    kept = read_rows(path, CSV, CSV.datasets["signalen"], keep_unknown=True)
    assert kept.rows == [(2, {"record_id": "S1", "bsn_pseudonym": "abc", "amount": "12,50"})]
    assert kept.fields == ["record_id", "bsn_pseudonym", "amount"]
    assert "onbekende-kolom" not in codes(kept)


def test_keep_unknown_still_needs_a_declared_key(tmp_path):
    path = tmp_path / "nokey.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    result = read_rows(path, CSV, CSV.datasets["signalen"], keep_unknown=True)
    assert "kolommen-ontbreken" in codes(result)
    assert not result.usable


def test_xlsx_without_extension_is_read(tmp_path):
    path = tmp_path / "upload"
    path.write_bytes((FIXTURES / "title-rows.xlsx").read_bytes())
    result = read_rows(path, XLSX, XLSX.datasets["signalen"])
    assert [n for n, _ in result.rows] == [4, 5]


def test_quoted_and_plain_lines_read_alike(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text(
        "signaal_id;bsn;voornaam;achternaam;geboortedatum;bedrag;opmerking\n"
        'S1;1;a;b;c;d;"twee\nregels; met scheidingsteken"\nS2;2;a;b;c;d;e\n',
        encoding="utf-8",
    )
    result = read_rows(path, CSV, CSV.datasets["signalen"])
    assert [(n, f["note"]) for n, f in result.rows] == [
        (2, "twee\nregels; met scheidingsteken"),
        (4, "e"),
    ]


def _typed_workbook(path: Path) -> None:
    """A workbook as Excel keeps it: amounts as numbers and dates as dates, one row as text."""
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Signalen"
    sheet.append(["Export signalen"])
    sheet.append([])
    sheet.append(["signaal_id", "bsn", "voornaam", "achternaam", "geboortedatum", "bedrag"])
    sheet.append(["S1", "", "", "", dt.datetime(1980, 2, 3), 1048.53])
    sheet.append(["S2", "", "", "", dt.datetime(2001, 12, 31), 450])
    sheet.append(["S3", "", "", "", "03-02-1980", "1.234,56"])  # text cells
    sheet.append(["S4", "", "", "", dt.datetime(1999, 1, 1), -0.5])
    book.save(path)


def test_xlsx_numbers_and_dates_are_taken_as_typed(tmp_path):
    import dataclasses
    import datetime as dt
    from decimal import Decimal

    from doorbraak.sources.values import value_parse

    path = tmp_path / "signalen-2024.xlsx"
    _typed_workbook(path)
    partner = dataclasses.replace(XLSX, decimal=",", date_format="%d-%m-%Y")
    result = read_rows(path, partner, partner.datasets["signalen"])

    def parsed(row: dict[str, str]) -> tuple:
        options = {"codes": None, "date_format": "%d-%m-%Y", "decimal": ","}
        return (
            value_parse("geboortedatum", row["birth_date"], type_name="date", **options),
            value_parse("bedrag", row["amount"], type_name="decimal", **options),
        )

    assert [parsed(row) for _n, row in result.rows] == [
        (dt.date(1980, 2, 3), Decimal("1048.53")),
        (dt.date(2001, 12, 31), Decimal(450)),
        (dt.date(1980, 2, 3), Decimal("1234.56")),
        (dt.date(1999, 1, 1), Decimal("-0.5")),
    ]


@pytest.mark.parametrize(
    ("value", "decimal", "date_format", "text"),
    [
        (1048.53, ",", "%d-%m-%Y", "1048,53"),
        (1048.53, ".", "%d-%m-%Y", "1048.53"),
        (12.0, ",", "%d-%m-%Y", "12"),
        (1e-05, ",", "%d-%m-%Y", "0,00001"),
        (1.5e20, ",", "%d-%m-%Y", "150000000000000000000"),
        ("1.234,56", ".", "%d-%m-%Y", "1.234,56"),
        (True, ",", "%d-%m-%Y", "True"),
        (None, ",", "%d-%m-%Y", ""),
    ],
)
def test_typed_cells_are_written_in_the_mappings_own_notation(value, decimal, date_format, text):
    from doorbraak.sources.values import cell_text

    assert cell_text(value, decimal=decimal, date_format=date_format) == text


def test_a_date_cell_in_a_lossy_date_format_falls_back_to_iso():
    import datetime as dt

    from doorbraak.sources.values import cell_text

    day = dt.datetime(1931, 5, 6)
    assert cell_text(day, decimal=",", date_format="%d-%m-%Y") == "06-05-1931"
    assert cell_text(day, decimal=",", date_format="%d-%m-%y") == "1931-05-06"


def test_a_stream_knows_an_unusable_file_before_its_first_row():
    from doorbraak.sources.readers import rows_stream

    stream = rows_stream(FIXTURES / "header-only.csv", CSV, CSV.datasets["signalen"])
    assert not stream.result.usable
    assert "geen-gegevens" in codes(stream.result)
    assert list(stream.items) == []


def test_a_stream_gives_the_same_rows_and_problems_as_a_whole_read():
    from doorbraak.sources.readers import rows_stream

    for name in ("truncated.csv", "wrong-encoding.csv", "formula-cell.csv"):
        whole = read(name)
        stream = rows_stream(FIXTURES / name, CSV, CSV.datasets["signalen"])
        items = list(stream.items)
        assert [i for i in items if isinstance(i, tuple)] == whole.rows
        assert [i for i in items if not isinstance(i, tuple)] == whole.row_problems
        assert stream.result.headers == whole.headers
