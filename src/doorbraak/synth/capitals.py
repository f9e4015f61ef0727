"""Latent capitals over time, capital assessments with measurement noise, and outcomes.

A person's five capitals start from their household's need, drift, and rise by the true effects
of the interventions they follow. An assessment reads them on the 1-5 scale with noise. Outcomes
are drawn as potential outcomes (untreated and treated share one random number), so the truth
can state each enrolled unit's real effect.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from doorbraak.synth.days import DAYS_PER_YEAR
from doorbraak.synth.draws import between
from doorbraak.synth.facts import CAPITALS, Assessment, Enrolment, Plan
from doorbraak.synth.interventions import BY_CODE, ramp
from doorbraak.synth.population import Household, Person, capitals_of
from doorbraak.synth.world import World

NOISE = 0.55  # standard deviation of an assessment's measurement error, in scale points
INSTRUMENT = "vijf-kapitalen"
VERSION_SWITCH_YEAR = 2025  # version 1.1 of the instrument from this year on
QUALIFICATIONS = ("MBO-2", "MBO-3", "MBO-4", "HAVO", "VWO")
NON_QUALIFYING = ("VMBO-BB", "VMBO-KB", "MBO-1")


@dataclass
class EffectLedger:
    """Running sums of the individual effects the simulation applied, per intervention/target."""

    sums: dict[tuple[str, str], list[float]] = field(
        default_factory=lambda: defaultdict(lambda: [0.0, 0.0])
    )

    def add(self, intervention: str, target: str, effect: float) -> None:
        entry = self.sums[(intervention, target)]
        entry[0] += 1
        entry[1] += effect


@dataclass
class PersonHistory:
    """A person's enrolments and households within one chunk."""

    enrolments: dict[int, list[Enrolment]] = field(default_factory=lambda: defaultdict(list))
    homes: dict[int, list[Household]] = field(default_factory=lambda: defaultdict(list))

    def household_on(self, person: Person, day: int) -> Household:
        homes = self.homes[person.pid]
        for household in reversed(homes):
            if any(m.person is person and m.start <= day for m in household.members):
                return household
        return homes[0]


def clamp(chance: float) -> float:
    return min(0.98, max(0.02, chance))


def latent(
    world: World, rng: random.Random, person: Person, enrolments: list[Enrolment], day: int
) -> list[float]:
    base = capitals_of(person, rng)
    drift = (0.06 - 0.14 * person.need) * (day - world.start_day) / DAYS_PER_YEAR
    values = [value + drift for value in base]
    for enrolment in enrolments:
        share = ramp(enrolment.start, day)
        if share:
            for capital, effect in BY_CODE[enrolment.intervention].capital_effects.items():
                values[CAPITALS.index(capital)] += effect * share
    return values


def plan_assessments(
    world: World,
    rng: random.Random,
    plan: Plan,
    history: PersonHistory,
    ledger: EffectLedger,
) -> list[Assessment]:
    """Readings of everyone 12+ in the plan's household: at the start, then every 5-8 months."""
    found: list[Assessment] = []
    household = plan.household
    last = plan.end if plan.end is not None else world.end_day
    for member in household.members_on(plan.start):
        person = member.person
        if plan.start - person.birth < 12 * DAYS_PER_YEAR:
            continue
        day = plan.start + between(rng, 0, 30)
        stop = min(last, member.end or last, world.end_day)
        while day < stop and len(found) < 40:
            found.append(_reading(world, rng, plan, person, day, history, ledger))
            day += between(rng, 150, 240)
    return found


def _reading(
    world: World,
    rng: random.Random,
    plan: Plan,
    person: Person,
    day: int,
    history: PersonHistory,
    ledger: EffectLedger,
) -> Assessment:
    enrolments = history.enrolments.get(person.pid, [])
    values = latent(world, rng, person, enrolments, day)
    for enrolment in enrolments:
        share = ramp(enrolment.start, day)
        for capital, effect in BY_CODE[enrolment.intervention].capital_effects.items():
            if share:
                ledger.add(enrolment.intervention, f"capital:{capital}", effect * share)
    levels = [min(5, max(1, round(v + rng.gauss(0, NOISE)))) for v in values]
    address = plan.household.residence_on(day).address
    gemeente = address.gemeente
    version = "1.1" if day >= _year_start(VERSION_SWITCH_YEAR) else "1.0"
    reading = Assessment(
        world.counters.next("assessment"),
        person,
        plan.household,
        gemeente,
        address,
        day,
        version,
        levels,
        values,
    )
    if day - person.birth >= 16 * DAYS_PER_YEAR:
        base = capitals_of(person, rng)
        need = person.need
        reading.informal_help = _draw(
            rng, ledger, enrolments, day, "informele_hulp", 0.72 - 0.5 * need + 0.08 * (base[1] - 3)
        )
        reading.self_confidence = _draw(
            rng, ledger, enrolments, day, "zelfvertrouwen", 0.62 - 0.45 * need + 0.1 * (base[4] - 3)
        )
        reading.at_home = _draw(
            rng, ledger, enrolments, day, "prettig_in_de_wijk", 0.72 - 0.3 * need
        )
    return reading


def _year_start(year: int) -> int:
    from datetime import date

    return date(year, 1, 1).toordinal()


def _draw(
    rng: random.Random,
    ledger: EffectLedger,
    enrolments: list[Enrolment],
    day: int,
    outcome: str,
    chance: float,
) -> bool:
    """One potential-outcome draw: treated and untreated share the random number."""
    untreated = clamp(chance)
    treated = untreated
    for enrolment in enrolments:
        effect = BY_CODE[enrolment.intervention].outcome_effects.get(outcome)
        share = ramp(enrolment.start, day)
        if effect and share:
            before = treated
            treated = clamp(treated + effect * share)
            ledger.add(enrolment.intervention, f"outcome:{outcome}", treated - before)
    return rng.random() < treated
