"""Poverty trajectories (issue 20): years in poverty from 2015, entries, exits, relapses and
generational transmission at the rates `truth/poverty_model.csv` records."""

import math
from collections import defaultdict
from pathlib import Path

from doorbraak.synth import poverty

from .conftest import mappings, table


def _years(run: Path) -> dict[str, set[int]]:
    years: dict[str, set[int]] = defaultdict(set)
    for row in table(run, "truth/facts/poverty_statuses.csv"):
        years[row["person_id"]].add(int(row["year"]))
    return years


def test_rows_are_years_from_2015_within_their_year(model_run: Path) -> None:
    rows = table(model_run, "truth/facts/poverty_statuses.csv")
    assert rows
    for row in rows:
        year = int(row["year"])
        assert poverty.HISTORY_START <= year <= 2026
        assert row["valid_from"][:4] == str(year)
        assert row["valid_to"] <= f"{year + 1}-01-01"
        assert row["valid_from"] < row["valid_to"]
    assert min(int(row["year"]) for row in rows) == poverty.HISTORY_START


def test_a_minimaregeling_lies_under_the_gemeentes_own_threshold(model_run: Path) -> None:
    rows = table(model_run, "truth/facts/poverty_statuses.csv")
    for row in rows:
        assert int(row["threshold_pct"]) == poverty.THRESHOLDS[row["gemeente_code"]]
        if row["basis"] == "minimaregeling":
            assert float(row["income_pct"]) <= int(row["threshold_pct"])
    assert {row["basis"] for row in rows} == {b for b, _ in poverty.BASES}


def test_entries_exits_and_relapses_follow_the_years(model_run: Path) -> None:
    years = _years(model_run)
    events = table(model_run, "truth/poverty_events.csv")
    kinds = {(row["year"], row["event"]) for row in events}
    for year in range(poverty.HISTORY_START + 2, 2027):
        assert {(str(year), kind) for kind in ("entry", "exit", "relapse")} <= kinds
    exits: dict[str, list[int]] = defaultdict(list)
    for row in sorted(events, key=lambda row: int(row["year"])):
        person, year = row["person_id"], int(row["year"])
        inside = year in years[person]
        assert inside == (row["event"] != "exit"), row
        if row["event"] == "exit":
            assert year - 1 in years[person]
            exits[person].append(year)
        else:
            recent = any(year - e <= poverty.RELAPSE_YEARS for e in exits[person])
            assert recent == (row["event"] == "relapse"), row


def test_young_adults_who_grew_up_in_poverty_are_poor_twice_as_often(model_run: Path) -> None:
    """Pooled over the programme's complete years, the two rates of young adults are the
    generator's: the base rate, and the base rate times the known ratio (within 3 SE)."""
    model = {row["parameter"]: row["value"] for row in table(model_run, "truth/poverty_model.csv")}
    assert float(model["rate_ratio"]) == poverty.RATE_RATIO == 2.0
    years = _years(model_run)
    born = {
        row["person_id"]: int(row["birth_year_month"][:4])
        for row in table(model_run, "truth/facts/persons.csv")
    }
    seen: dict[int, set[str]] = defaultdict(set)
    for row in table(model_run, "truth/facts/memberships.csv"):
        for year in (2023, 2024, 2025):
            last = f"{year}-12-31"
            if row["valid_from"] <= last and (not row["valid_to"] or row["valid_to"] > last):
                seen[year].add(row["person_id"])
    counts = {True: [0, 0], False: [0, 0]}  # grew up in poverty -> [poor now, all]
    for year, people in seen.items():
        for person in people:
            if 18 <= year - born[person] <= 27:
                grew = any(12 <= y - born[person] <= 17 for y in years.get(person, ()))
                counts[grew][0] += year in years.get(person, ())
                counts[grew][1] += 1
    for grew, expected in ((False, poverty.YOUNG_BASE),
                           (True, poverty.YOUNG_BASE * poverty.RATE_RATIO)):  # fmt: skip
        poor, total = counts[grew]
        error = math.sqrt(expected * (1 - expected) / total)
        assert abs(poor / total - expected) < 3 * error, (grew, poor, total, expected)


def test_every_gemeente_exports_its_income_support_from_2015(model_run: Path) -> None:
    """The gemeente's export holds a record for every spell of a person's years in poverty
    in one household, in the yearly files from 2015, declared as the kind income_support."""
    facts = table(model_run, "truth/facts/poverty_statuses.csv")
    records = [
        row for row in table(model_run, "truth/records.csv") if row["dataset"] == "income_support"
    ]
    assert {row["partner"] for row in records} == {row["partner"] for row in facts}
    assert {(r["partner"], r["person_id"]) for r in records} == {
        (r["partner"], r["person_id"]) for r in facts
    }
    # one record per spell (sent again in the year it ends), not one per person and year
    assert len({(r["partner"], r["record_key"]) for r in records}) < len(facts)
    spec = mappings(model_run)["partners"]
    for partner in {row["partner"] for row in facts}:
        kinds = {d["kind"]: d["files"] for d in spec[partner]["datasets"].values()}
        assert any(name.endswith("-2015.csv") or name.endswith("-2015.xlsx")
                   for name in kinds["income_support"])  # fmt: skip
