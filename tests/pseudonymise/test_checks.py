"""Per-row checks of what only `doorbraak pseudonymise` sees (`pseudonymise.checks`)."""

import datetime as dt
import re
from pathlib import Path

import pytest

from doorbraak.core.errors import UserError
from doorbraak.pseudonymise.bsn import bsn_normalise
from doorbraak.pseudonymise.checks import row_problem
from doorbraak.pseudonymise.cli import _mappings_read

TODAY = dt.date(2026, 12, 1)
HEADERS = {"record_id": "Klantnummer", "name_line": "Naam", "amount": "Bedrag", "bsn": "BSN"}


def _problem(fields: dict[str, str]) -> str:
    bsn = bsn_normalise(fields.get("bsn", ""))
    return row_problem(fields, bsn, headers=HEADERS, date_format="%d-%m-%Y", today=TODAY)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jansen Piet", "naam-zonder-komma:Naam"),
        ("Jansen", "naam-zonder-komma:Naam"),
        ("Jansen, Piet", ""),
        ("Berg van den, J.", ""),
        ("", ""),
    ],
)
def test_a_name_line_without_its_comma_is_a_warning(name: str, expected: str) -> None:
    fields = {"record_id": "K-1", "name_line": name, "amount": "12,50"}
    assert _problem(fields) == expected


MAPPING = """version: 1
partners:
  p:
    delimeter: ";"
    datasets:
      d:
        kind: arrears
        sheeet: Blad1
        columns:
          Dossiernummer: record_id
        types:
          record_id: dag
"""


def test_mapping_format_problems_name_their_lines(tmp_path: Path) -> None:
    """`doorbraak pseudonymise` reports every fault in the mapping's format on its line."""
    path = tmp_path / "mappings.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    with pytest.raises(UserError) as refused:
        _mappings_read(path)
    found = {int(n) for n in re.findall(r"regel (\d+):", refused.value.message)}
    assert found == {4, 8, 12}, refused.value.message


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"record_id": "412", "name_line": "Totaal", "amount": "123.456,78"}, "regel-totaal:Naam"),
        ({"record_id": "412", "name_line": "TOTAAL:", "amount": "1,00"}, "regel-totaal:Naam"),
        (
            {"record_id": "Totaal", "name_line": "", "amount": "123.456,78"},
            "regel-totaal:Klantnummer",
        ),
        # a person's row, whatever a name says
        ({"record_id": "412", "name_line": "Totaal, Jan", "amount": "12,00"}, ""),
        ({"record_id": "412", "name_line": "Som, Anna", "birth_date": "01-02-1980"}, ""),
        ({"record_id": "412", "name_line": "Totaal, A.", "bsn": "111222333"}, ""),
        ({"record_id": "412", "surname": "Som", "birth_date": "01-02-1980"}, ""),
    ],
)
def test_a_totals_row_with_a_number_in_the_key_column_is_a_totals_row(
    fields: dict[str, str], expected: str
) -> None:
    assert _problem({"amount": "", **fields}) == expected
