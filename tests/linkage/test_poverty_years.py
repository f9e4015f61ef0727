"""Income support records become one poverty row per person, household and year (the
record's end date is its last day)."""

import datetime as dt
from decimal import Decimal

from doorbraak.linkage.facts import Linked
from doorbraak.linkage.poverty import poverty_years
from doorbraak.register.services import Provenance

D = dt.date
UNTIL = D(2026, 6, 30)


def _record(pk: int, provision: str, start: str, end: str = "", **more: str) -> Linked:
    values = {"provision": provision, "support_start": start, "support_end": end, **more}
    return Linked(
        pk, "gemeente-veendam", "income_support", values, ("persoon-1", "huishouden-1"),
        Provenance(partner="gemeente-veendam", row=pk + 1),
    )  # fmt: skip


def test_each_year_a_provision_ran_is_one_row() -> None:
    rows = [v for _p, v in poverty_years([_record(1, "bijstand", "2021-03-01", "2023-06-30")],
                                         until=UNTIL)]  # fmt: skip
    assert [(v["year"], v["valid_from"], v["valid_to"]) for v in rows] == [
        (2021, D(2021, 3, 1), D(2022, 1, 1)),
        (2022, D(2022, 1, 1), D(2023, 1, 1)),
        (2023, D(2023, 1, 1), D(2023, 7, 1)),
    ]
    assert {v["basis"] for v in rows} == {"bijstand"}


def test_an_open_provision_runs_to_the_data_and_stays_open() -> None:
    rows = [v for _p, v in poverty_years([_record(1, "schuldhulp", "2025-11-01")], until=UNTIL)]
    assert [(v["year"], v["valid_to"]) for v in rows] == [(2025, D(2026, 1, 1)), (2026, None)]


def test_provisions_in_one_year_are_one_row_with_the_strongest_basis() -> None:
    records = [
        _record(1, "bijzondere_bijstand", "2024-02-01", "2024-02-29", income_pct="118.5",
                threshold_pct="120"),
        _record(2, "minimaregeling", "2024-05-01", "2024-08-31", income_pct="112"),
        _record(3, "bijstand", "2026-08-01"),  # after the data's last day: not yet
    ]  # fmt: skip
    found = list(poverty_years(records, until=UNTIL))
    assert len(found) == 1
    provenance, row = found[0]
    assert row["basis"] == "minimaregeling"
    assert provenance.row == 3  # the record that gave the basis
    assert (row["valid_from"], row["valid_to"]) == (D(2024, 2, 1), D(2024, 9, 1))
    assert row["income_pct"] == Decimal("112")
    assert row["threshold_pct"] is None  # the minimaregeling's record names none
    assert row["definition"] == "gemeentelijke minimagrens (gemeente-veendam)"
