"""Households from the BRP: who is registered together, from when to when (pure: no Django).

The rule (docs/adr/0019-household-composition-from-the-brp.md):

- People registered at one address at overlapping times are one household (an *occupancy*:
  it begins with the first registration at the address and ends when the last one there
  ends; a registration that begins on or after that end starts the next occupancy).
- A household that moves is still the same household: when everyone registered at an address
  on its last day is registered at one new address from that day on (an occupancy that begins
  that day), the two occupancies are one household. Whoever leaves while others stay (a young
  adult leaving home, a partner after a separation) starts a household of their own, and
  whoever moves in where people already live (a partner joining) joins theirs.
- A membership is a person's time in a household: their registrations in it, joined where one
  begins when the previous ends; the BRP's dates, not the day a partner first saw them.
- A record of another partner belongs to the household in which its person is registered on
  the record's date (`Composition.household_on`); a person registered where they do not live
  (a student still at the parents' address) counts in the household of registration. A record
  whose person is not registered that day (another gemeente, no BRP there, or before a late
  registration) keeps the household linkage made (`linkage.households`).
"""

import datetime as dt
import hashlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Registration:
    """One BRP row: a linked person registered at an address (pseudonyms), from - to
    (exclusive; None: still registered), with a role and where it came from."""

    person: str
    address: str
    start: dt.date
    end: dt.date | None
    role: str = ""
    buurt: str = ""
    origin: Any = None  # the row's provenance, carried along


@dataclass
class Span:
    """A person's membership of a BRP household, or the household's time at an address."""

    household: str
    start: dt.date
    end: dt.date | None
    first: Registration  # the registration it starts with (role, provenance)


@dataclass
class Composition:
    """Households, memberships and residences from the registrations."""

    registrations: list[tuple[str, Registration]] = field(default_factory=list)  # (household, row)
    memberships: list[tuple[str, Span]] = field(default_factory=list)  # (person, span)
    residences: list[tuple[str, Span]] = field(default_factory=list)  # (address, span)
    _by_person: dict[str, list[tuple[dt.date, dt.date | None, str]]] = field(default_factory=dict)

    def household_on(self, person: str, day: dt.date | None) -> str | None:
        """The household `person` is registered in on `day`, or None."""
        spans = self._by_person.get(person)
        if not spans or day is None:
            return None
        at = bisect_right([start for start, _end, _h in spans], day) - 1
        if at < 0:
            return None
        _start, end, household = spans[at]
        return household if end is None or day < end else None

    @property
    def households(self) -> set[str]:
        return {household for household, _row in self.registrations}

    def rename(self, names: dict[str, str]) -> None:
        """Give every household another name (the register's pseudonym of its key)."""
        self.registrations = [(names[h], row) for h, row in self.registrations]
        for _key, span in [*self.memberships, *self.residences]:
            span.household = names[span.household]
        self._by_person = {
            person: [(start, end, names[h]) for start, end, h in spans]
            for person, spans in self._by_person.items()
        }


def compose(registrations: Iterable[Registration]) -> Composition:
    """The BRP households of `registrations` (see the module docstring)."""
    rows = sorted(
        (r for r in registrations if r.end is None or r.end > r.start),
        key=lambda r: (r.address, r.start, r.person),
    )
    occupancy = _occupancies(rows)
    starts: dict[int, dt.date] = {}
    for number, row in zip(occupancy, rows, strict=True):
        starts.setdefault(number, row.start)
    parent = list(range(len(starts)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for left, right in _moves(rows, occupancy, starts):
        a, b = root(left), root(right)
        if a != b:
            parent[max(a, b)] = min(a, b)
    first_row: dict[int, Registration] = {}
    for number, row in zip(occupancy, rows, strict=True):
        first_row.setdefault(number, row)
    name = {n: household_key(first_row[root(n)]) for n in starts}
    composition = Composition(
        registrations=[(name[n], row) for n, row in zip(occupancy, rows, strict=True)]
    )
    _spans(composition)
    return composition


def household_key(row: Registration) -> str:
    """A BRP household's linkage key: its first address and day (never a linkage key)."""
    text = f"brp\x1f{row.address}\x1f{row.start.isoformat()}"
    return "BRP" + hashlib.sha256(text.encode()).hexdigest()[:16]


def _occupancies(rows: list[Registration]) -> list[int]:
    """The occupancy number of each row (rows sorted by address and start)."""
    numbers: list[int] = []
    address: str | None = None
    until: dt.date | None = None
    number = -1
    for row in rows:
        if row.address == address and (until is None or row.start < until):
            until = None if until is None or row.end is None else max(until, row.end)
        else:
            number += 1
            address, until = row.address, row.end
        numbers.append(number)
    return numbers


def _moves(
    rows: list[Registration], occupancy: list[int], starts: dict[int, dt.date]
) -> Iterable[tuple[int, int]]:
    """(from, to) occupancies a whole household moved between."""
    ends: dict[int, dt.date | None] = {}
    for number, row in zip(occupancy, rows, strict=True):
        end = ends.get(number, row.start)
        ends[number] = None if row.end is None or end is None else max(end, row.end)
    by_person: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for number, row in zip(occupancy, rows, strict=True):
        by_person[row.person].append((row.start, number))
    last: dict[int, list[Registration]] = defaultdict(list)
    for number, row in zip(occupancy, rows, strict=True):
        if ends[number] is not None and row.end == ends[number]:
            last[number].append(row)
    for number, leaving in last.items():
        day = ends[number]
        targets = set()
        for row in leaving:
            targets.add(next((n for s, n in by_person[row.person] if s == day), None))
        target = targets.pop() if len(targets) == 1 else None
        if target is not None and starts[target] == day:
            yield number, target


def _spans(composition: Composition) -> None:
    """Memberships per person and household, residences per household and address."""
    person_rows: dict[tuple[str, str], list[Registration]] = defaultdict(list)
    address_rows: dict[tuple[str, str], list[Registration]] = defaultdict(list)
    for household, row in composition.registrations:
        person_rows[(row.person, household)].append(row)
        address_rows[(row.address, household)].append(row)
    for (person, household), found in sorted(person_rows.items()):
        for span in _joined(household, found):
            composition.memberships.append((person, span))
    for (address, household), found in sorted(address_rows.items()):
        for span in _joined(household, found):
            composition.residences.append((address, span))
    by_person: dict[str, list[tuple[dt.date, dt.date | None, str]]] = defaultdict(list)
    for person, span in composition.memberships:
        by_person[person].append((span.start, span.end, span.household))
    for spans in by_person.values():
        spans.sort(key=lambda s: s[0])
    composition._by_person = dict(by_person)


def _joined(household: str, rows: list[Registration]) -> list[Span]:
    """Rows of one household joined where one begins when (or before) the previous ends."""
    spans: list[Span] = []
    for row in sorted(rows, key=lambda r: r.start):
        current = spans[-1] if spans else None
        if current is not None and (current.end is None or row.start <= current.end):
            if current.end is not None:
                current.end = None if row.end is None else max(current.end, row.end)
            continue
        spans.append(Span(household, row.start, row.end, row))
    return spans
