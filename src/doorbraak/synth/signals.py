"""Income shocks, the payment arrears they cause, and the early signals partners send.

A shock (job loss, illness, separation, a bill too many) hits needier households more often.
Some weeks later arrears start at one or more creditors; those not paid off in time become a
signal to the municipality, which tries to reach the resident (outreach, see `outreach`).
Pupils with long absence are signalled by their school.
"""

from __future__ import annotations

import random

from doorbraak.synth.days import DAYS_PER_YEAR
from doorbraak.synth.draws import between
from doorbraak.synth.facts import Signal
from doorbraak.synth.partners import Roles
from doorbraak.synth.population import Household, Person
from doorbraak.synth.world import World

# kind: (chance a shock leads to arrears with this creditor, chance they become a signal)
ARREARS = {
    "huur": (0.65, 0.8),
    "energie": (0.55, 0.75),
    "water": (0.35, 0.7),
    "zorgverzekering": (0.45, 0.8),
}


def shock_days(world: World, rng: random.Random, household: Household) -> list[int]:
    rate = 0.05 + 1.1 * household.need**2
    end = household.dissolved or world.end_day
    days: list[int] = []
    day = float(household.formed)
    while True:
        day += rng.expovariate(rate) * DAYS_PER_YEAR
        if day >= end:
            return days
        days.append(int(day))


def household_signals(
    world: World, rng: random.Random, roles: Roles, household: Household
) -> list[Signal]:
    """Every signal about this household, in order of signal date."""
    found: list[Signal] = []
    for shock in shock_days(world, rng, household):
        for kind, (arrears_chance, signal_chance) in ARREARS.items():
            if kind == "huur" and not household.social_renter:
                continue
            if rng.random() < arrears_chance and rng.random() < signal_chance:
                signal = _arrears_signal(world, rng, roles, household, shock, kind)
                if signal is not None:
                    found.append(signal)
    found += _absence_signals(world, rng, roles, household)
    found.sort(key=lambda s: (s.day, s.kind))
    return found


def _creditor(roles: Roles, household: Household, kind: str, gemeente: str) -> str | None:
    if kind == "huur":
        return roles.housing[gemeente]
    if kind == "energie" and not household.energy_client:
        return None
    if kind == "zorgverzekering" and not household.insured:
        return None
    return roles.creditor[kind]


def _amount(rng: random.Random, kind: str) -> float:
    if kind == "huur":
        value = rng.uniform(480, 820) * rng.uniform(1.5, 3.5)
    elif kind == "energie":
        value = rng.uniform(150, 1600)
    elif kind == "water":
        value = rng.uniform(40, 420)
    else:
        value = 140.0 * between(rng, 2, 8) + rng.uniform(0, 30)
    return round(value, 2)


def _arrears_signal(
    world: World, rng: random.Random, roles: Roles, household: Household, shock: int, kind: str
) -> Signal | None:
    origin = shock + between(rng, 10, 60)
    day = origin + between(rng, 30, 100)
    if day >= world.end_day or (household.dissolved and day >= household.dissolved):
        return None
    residence = household.residence_on(day)
    gemeente = residence.address.gemeente
    signal = Signal(
        world.counters.next("signal"),
        household,
        household.head_on(day),
        kind,
        _creditor(roles, household, kind, gemeente),
        gemeente,
        residence.address,
        origin,
        day,
    )
    signal.amount = _amount(rng, kind)
    signal.crisis = kind == "energie" and rng.random() < 0.12
    return signal


def _absence_signals(
    world: World, rng: random.Random, roles: Roles, household: Household
) -> list[Signal]:
    found = []
    rate = 0.01 + 0.14 * household.need
    for member in household.members:
        if member.role != "child":
            continue
        for day in _absence_days(world, rng, member.person, member.start, member.end, rate):
            residence = household.residence_on(day)
            gemeente = residence.address.gemeente
            school, _ = roles.school((day - member.person.birth) / DAYS_PER_YEAR)
            origin = day - between(rng, 7, 30)
            signal = Signal(
                world.counters.next("signal"),
                household,
                member.person,
                "school",
                school,
                gemeente,
                residence.address,
                origin,
                day,
            )
            signal.hours = between(rng, 16, 80)
            found.append(signal)
    return found


def _absence_days(
    world: World, rng: random.Random, pupil: Person, start: int, end: int | None, rate: float
) -> list[int]:
    first = max(start, pupil.birth + int(5 * DAYS_PER_YEAR)) + 30
    last = min(end or world.end_day, pupil.birth + int(19 * DAYS_PER_YEAR), world.end_day)
    days: list[int] = []
    day = float(first)
    while first < last:
        day += rng.expovariate(rate) * DAYS_PER_YEAR
        if day >= last:
            break
        days.append(int(day))
    return days
