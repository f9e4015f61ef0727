"""A file that is no export at all is one fatal problem with its own code and a Dutch message
naming the fault; only the first bytes decide, except for a workbook, which is opened."""

from pathlib import Path

import pytest

from doorbraak.sources.faults import looks_utf16, sample_fault
from doorbraak.sources.mapping import mapping_load
from doorbraak.sources.readers import read_rows
from tests.sources.broken import CSV_CASES, XLSX_CASES, Broken, assert_plain_dutch, broken_write

FIXTURES = Path(__file__).parent / "fixtures"
MAPPINGS = mapping_load(FIXTURES / "mappings.yaml")
GOOD_CSV = (
    "signaal_id;bsn;voornaam;achternaam;geboortedatum;bedrag;opmerking\n"
    "S1;123456782;Renée;Jansen;01-02-1980;12,50;x\n"
)


@pytest.mark.parametrize(
    ("partner", "case"),
    [("proef-csv", case) for case in CSV_CASES] + [("proef-xlsx", case) for case in XLSX_CASES],
    ids=lambda value: getattr(value, "name", value),
)
def test_a_broken_file_is_one_fatal_problem(tmp_path: Path, partner: str, case: Broken) -> None:
    mapping = MAPPINGS.partners[partner]
    dataset = mapping.datasets["signalen"]
    good = tmp_path / "goed.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    if case.suffix == ".xlsx":
        good = FIXTURES / "title-rows.xlsx"
    path = broken_write(case, good, dataset.header_row, tmp_path, "signalen")
    result = read_rows(path, mapping, dataset)
    assert not result.usable
    assert result.rows == []
    fatal = [p for p in result.file_problems if p.code == case.code]
    assert len(fatal) == 1, result.file_problems
    assert_plain_dutch(fatal[0].message, case.words)


@pytest.mark.parametrize("text", ["a;b\r\n1;2\r\n", "Naam;Plaats\r\nRenée;Veendam\r\n", "xy"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised(text: str, encoding: str) -> None:
    assert looks_utf16(text.encode(encoding))


@pytest.mark.parametrize(
    "sample",
    [b"a;b\r\n1;2\r\n", "Renée;€ 12,50\r\n".encode("cp1252"), "Renée\n".encode()],
)
def test_text_is_no_fault(sample: bytes) -> None:
    assert sample_fault(sample, excel=False) is None
    assert not looks_utf16(sample)
