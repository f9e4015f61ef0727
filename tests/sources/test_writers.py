"""The writer neutralises cells a spreadsheet would run and round-trips ordinary values."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorbraak.sources.mapping import mapping_load
from doorbraak.sources.readers import read_rows
from doorbraak.sources.writers import cell_neutralise, rows_write

FIXTURES = Path(__file__).parent / "fixtures"
MAPPINGS = mapping_load(FIXTURES / "mappings.yaml")
HEADERS = ["signaal_id", "bsn", "voornaam", "achternaam", "geboortedatum", "bedrag", "opmerking"]


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+31 6 1234", "'+31 6 1234"),
        ("\tcmd", "'\tcmd"),
        ("-12,50", "-12,50"),
        ("+3", "+3"),
        ("gewoon", "gewoon"),
    ],
)
def test_cell_neutralise(raw, written):
    assert cell_neutralise(raw) == written


@pytest.mark.parametrize("partner", ["proef-csv", "proef-cp1252", "proef-xlsx"])
def test_formula_file_comes_back_neutralised(tmp_path, partner):
    mapping = MAPPINGS.partners[partner]
    dataset = mapping.datasets["signalen"]
    csv_partner = MAPPINGS.partners["proef-csv"]
    source = read_rows(FIXTURES / "formula-cell.csv", csv_partner, csv_partner.datasets["signalen"])
    out = tmp_path / ("uit." + mapping.file_type)
    rows = [list(fields.values()) for _n, fields in source.rows]
    rows_write(out, mapping, HEADERS, rows, title_rows=["Titel", "Tweede"], sheet=dataset.sheet)
    back = read_rows(out, mapping, dataset)
    assert [f["note"] for _n, f in back.rows] == [
        '\'=HYPERLINK("http://evil.example","klik")',
        "'@SUM(A1)",
    ]
    assert back.rows[0][1]["amount"] == "-12,50"


safe_text = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "Zs"), whitelist_characters=",.'/"),
    max_size=10,
).map(str.strip)


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    rows=st.lists(st.lists(safe_text, min_size=7, max_size=7), min_size=1, max_size=8),
    neutral=st.text(max_size=8),
)
def test_round_trip_and_neutralise(tmp_path, rows, neutral):
    mapping = MAPPINGS.partners["proef-csv"]
    rows = [["r" + str(i), *row[1:]] for i, row in enumerate(rows)]
    out = tmp_path / "rt.csv"
    rows_write(out, mapping, HEADERS, rows)
    back = read_rows(out, mapping, mapping.datasets["signalen"])
    assert [list(f.values()) for _n, f in back.rows] == rows
    assert not cell_neutralise("=" + neutral).startswith("=")


def test_xlsx_headers_and_title_rows_are_neutralised_too(tmp_path):
    import openpyxl

    mapping = MAPPINGS.partners["proef-xlsx"]
    out = tmp_path / "kop.xlsx"
    rows_write(out, mapping, ["=kop", "gewoon"], [["1", "2"]], title_rows=["@titel"])
    sheet = openpyxl.load_workbook(out).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["'@titel", None],
        ["'=kop", "gewoon"],
        ["1", "2"],
    ]
