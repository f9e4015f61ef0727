"""Households and D2 from the register's facts and from the synthetic truth, computed the same
way on both sides (used by tests/linkage/test_truth_households.py; reads only a `FactSet`'s
rows and the truth files, so it measures an older register the same way).

D2's reading (INDICATORS.md, `monitor/data/indicators.yaml`): the distinct persons who are
members, on the signal's date, of a household with a signal in the year that the outreach
reached; as in the monitor's SQL the household needs a residence on that date.
"""

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

AS_OF = dt.date(2026, 6, 30)
YEARS = (2023, 2024, 2025, 2026)  # 2026: to the as-of day


def truth(synth_dir: Path, name: str) -> list[dict[str, str]]:
    with (synth_dir / "truth" / "facts" / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _day(text: Any) -> dt.date | None:
    if isinstance(text, dt.date) or text is None:
        return text
    return dt.date.fromisoformat(text) if text else None


@dataclass
class Intervals:
    """Per key (household), the (value, from, to) intervals; to is exclusive, None open."""

    by_key: dict[str, list[tuple[str, dt.date, dt.date | None]]]

    def on(self, key: str, day: dt.date) -> set[str]:
        return {
            value
            for value, start, end in self.by_key.get(key, ())
            if start <= day and (end is None or end > day)
        }


def intervals(rows: list[dict[str, Any]], key: str, value: str, start: str, end: str) -> Intervals:
    found: dict[str, list[tuple[str, dt.date, dt.date | None]]] = defaultdict(list)
    for row in rows:
        begin = _day(row[start])
        if begin is not None:
            found[str(row[key])].append((str(row[value]), begin, _day(row.get(end))))
    return Intervals(dict(found))


@dataclass(frozen=True)
class Reading:
    """One year on one side: D2, the reached households and their members on the day."""

    d2: int
    households: int
    members: int  # summed over (household, signal day) pairs

    @property
    def per_household(self) -> float:
        return self.members / self.households if self.households else 0.0


@dataclass(frozen=True)
class Side:
    signals: list[tuple[str, dt.date, str]]  # household, signal date, receiving gemeente
    members: Intervals
    residences: Intervals

    def reading(self, year: int, keep: Callable[[str], bool] = lambda gemeente: True) -> Reading:
        persons: set[str] = set()
        seen: dict[str, int] = {}
        for household, day, gemeente in self.signals:
            if day.year != year or day >= AS_OF or not keep(gemeente):
                continue
            if not self.residences.on(household, day):
                continue
            present = self.members.on(household, day)
            persons |= present
            seen.setdefault(household, len(present))
        return Reading(len(persons), len(seen), sum(seen.values()))


def register_side(rows: Callable[[str], list[dict[str, Any]]], gemeente_of: dict[str, str]) -> Side:
    """The register's facts (`rows(name)`: a FactSet's rows by fact type); a signal's
    gemeente is the gemeente partner that reported it (`gemeente_of`: partner -> gemeente)."""
    signals = []
    for s in rows("signals"):
        if s["reached_on"]:
            reporters = [gemeente_of[p] for p in s["reported_by"].split() if p in gemeente_of]
            signals.append((s["household"], s["signal_date"], reporters[0] if reporters else ""))
    return Side(
        signals,
        intervals(rows("memberships"), "household", "person", "valid_from", "valid_to"),
        intervals(rows("residences"), "household", "address_pseudonym", "valid_from", "valid_to"),
    )


def truth_side(synth_dir: Path) -> Side:
    signals = [
        (s["household_id"], dt.date.fromisoformat(s["signal_date"]), s["gemeente_code"])
        for s in truth(synth_dir, "signals")
        if s["reached_date"] and s["reached_date"] <= AS_OF.isoformat()
    ]
    return Side(
        signals,
        intervals(truth(synth_dir, "memberships"), "household_id", "person_id", "valid_from",
                  "valid_to"),
        intervals(truth(synth_dir, "residences"), "household_id", "address_id", "valid_from",
                  "valid_to"),
    )  # fmt: skip


def households_on(
    members: Intervals, day: dt.date, keep: Callable[[str], bool] = lambda household: True
) -> tuple[int, int]:
    """Households with a member on `day`, and their members."""
    counted = [len(members.on(h, day)) for h in members.by_key if keep(h)]
    present = [n for n in counted if n]
    return len(present), sum(present)
