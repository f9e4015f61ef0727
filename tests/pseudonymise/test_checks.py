"""Per-row checks of what only `doorbraak pseudonymise` sees (`pseudonymise.checks`)."""

import datetime as dt

import pytest

from doorbraak.pseudonymise.bsn import bsn_normalise
from doorbraak.pseudonymise.checks import row_problem

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
