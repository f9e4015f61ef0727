"""Years in poverty from the gemeenten' income support records (issue 20, docs/poverty.md).

A record of the dataset kind `income_support` says that a gemeente granted a person a
provision (bijstand, bijzondere bijstand, a minimaregeling under its own threshold, debt
counselling) from a start date to an end date (its last day; empty: still running). Each
calendar year the provision ran becomes one `poverty_statuses` row for the person and the
household the link run placed the record in; several provisions in one year are one row, whose
basis is the first of `PRIORITY` and whose dates span them all. An open provision runs to the
data's last day.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from doorbraak.register.services import Provenance

KIND = "income_support"
PRIORITY = ("bijstand", "minimaregeling", "bijzondere_bijstand", "schuldhulp", "achterstand")
DEFINITION = "gemeentelijke minimagrens"


class Record(Protocol):
    person: str
    household: str
    kind: str
    partner: str
    date: dt.date | None
    provenance: Provenance

    def get(self, name: str) -> str: ...

    def day(self, name: str) -> dt.date | None: ...


def poverty_years(
    records: Iterable[Record], *, until: dt.date
) -> Iterator[tuple[Provenance, dict[str, Any]]]:
    """(provenance, fields) of each person's, household's and year's poverty row."""
    years: dict[tuple[str, str, int], list[tuple[Record, dt.date, dt.date | None]]] = {}
    for record in records:
        if record.kind != KIND or record.date is None or record.date > until:
            continue
        last = record.day("support_end")
        end = last + dt.timedelta(days=1) if last else None
        for year, start, end_of_year in _years(record.date, end, until):
            years.setdefault((record.person, record.household, year), []).append(
                (record, start, end_of_year)
            )
    for (person, household, year), spells in sorted(years.items()):
        yield _row(person, household, year, spells)


def _years(
    start: dt.date, end: dt.date | None, until: dt.date
) -> Iterator[tuple[int, dt.date, dt.date | None]]:
    """The calendar years [start, end) touches, with the part in each; the data's last year
    stays open when the provision does."""
    last = (end - dt.timedelta(days=1)).year if end else until.year
    for year in range(start.year, min(last, until.year) + 1):
        begin = max(start, dt.date(year, 1, 1))
        stop = dt.date(year + 1, 1, 1)
        if end is not None:
            yield year, begin, min(end, stop)
        else:
            yield year, begin, None if year == until.year else stop


def _row(
    person: str, household: str, year: int, spells: list[tuple[Record, dt.date, dt.date | None]]
) -> tuple[Provenance, dict[str, Any]]:
    def rank(spell: tuple[Record, dt.date, dt.date | None]) -> int:
        basis = spell[0].get("provision")
        return PRIORITY.index(basis) if basis in PRIORITY else len(PRIORITY)

    first = min(spells, key=rank)[0]
    ends = [end for _record, _start, end in spells]
    incomes = [x for x in (_decimal(r.get("income_pct")) for r, _s, _e in spells) if x is not None]
    threshold = first.get("threshold_pct")
    return first.provenance, {
        "household": household,
        "person": person,
        "year": year,
        "basis": first.get("provision"),
        "income_pct": min(incomes) if incomes else None,
        "threshold_pct": int(threshold) if threshold.isdigit() else None,
        "definition": f"{DEFINITION} ({first.partner})"[:60],
        "valid_from": min(start for _record, start, _end in spells),
        "valid_to": None if None in ends else max(end for end in ends if end is not None),
    }


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None
