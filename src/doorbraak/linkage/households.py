"""Households from linked persons, address pseudonyms and dates (pure: no Django).

Partners record clients, not households, so a household is inferred: the people recorded at
one address pseudonym are one household, and a household that moves is still the same
household. A person's consecutive addresses are therefore joined, except when the person was
younger than `LEAVING_HOME_AGE` at the move: a young adult who moves out starts a household of
their own (the synthetic region's ground truth, and CBS's household statistics, count it so).

Known limit: a separation at one address is not seen (both partners stay joined through the
old address), so such households are counted once; on the synthetic region this and the
rarer opposite error keep the count within 1% of the truth (see docs/benchmarks.md).

A record without an address pseudonym belongs to its person's address closest in time, or,
when the person has no address at all, to a household of its own keyed by the person.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

LEAVING_HOME_AGE = 25
# per dataset kind: the field whose date places a record in time
DATE_OF_KIND = {
    "outreach": "signal_date",
    "arrears": "signal_date",
    "absence": "reported_date",
    "plan_goal": "plan_start",
    "contact_assignment": "assign_start",
    "contact_moment": "contact_date",
    "enrolment": "enrol_start",
    "assessment": "assessment_date",
    "placement": "work_start",
    "diploma": "diploma_date",
    "brp": "registered_from",  # a BRP registration (linkage.composition)
    "income_support": "support_start",
}


@dataclass(frozen=True)
class Sighting:
    """One record's place in time: who, where, when (ISO date or ''), born when ('' if not)."""

    record_id: str
    person: str
    address: str
    date: str
    birth_year: str


def households(sightings: Iterable[Sighting]) -> dict[str, str]:
    """Record id -> household key ('HH' + the smallest address or person key it holds)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(a: str, b: str) -> None:
        first, second = root(a), root(b)
        if first != second:
            parent[max(first, second)] = min(first, second)

    by_person: dict[str, list[Sighting]] = defaultdict(list)
    for sighting in sightings:
        by_person[sighting.person].append(sighting)
    node_of: dict[str, str] = {}
    for person, seen in by_person.items():
        placed = sorted((s for s in seen if s.address), key=lambda s: (s.date, s.address))
        previous: Sighting | None = None
        for sighting in placed:
            root("a:" + sighting.address)
            if previous and sighting.address != previous.address and _moves_along(sighting):
                join("a:" + previous.address, "a:" + sighting.address)
            previous = sighting
        for sighting in seen:
            address = sighting.address or _nearest_address(sighting, placed)
            node_of[sighting.record_id] = "a:" + address if address else "p:" + person
    return {record: "HH" + root(node)[2:18] for record, node in node_of.items()}


def _moves_along(sighting: Sighting) -> bool:
    """Whether a move is the household's (True) or a young adult leaving home (False)."""
    if not (sighting.date[:4].isdigit() and sighting.birth_year.isdigit()):
        return True
    return int(sighting.date[:4]) - int(sighting.birth_year) >= LEAVING_HOME_AGE


def _nearest_address(sighting: Sighting, placed: list[Sighting]) -> str:
    if not placed:
        return ""
    if not sighting.date:
        return placed[-1].address
    return min(placed, key=lambda s: (abs(_day(s.date) - _day(sighting.date)), s.date)).address


def _day(iso: str) -> int:
    """Day number of an ISO date; 0 when there is none (sorts an undated record first)."""
    try:
        return dt.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return 0
