"""Person outcomes over the period: suitable work, a startkwalificatie, parenting support.

Each is a potential-outcome draw: one random number decides both the untreated and the treated
result, and the effect ledger records the difference for every enrolled person.
"""

from __future__ import annotations

import itertools
import random
from datetime import date

from doorbraak.synth.capitals import (
    NON_QUALIFYING,
    QUALIFICATIONS,
    EffectLedger,
    PersonHistory,
    clamp,
)
from doorbraak.synth.days import DAYS_PER_YEAR, from_ordinal
from doorbraak.synth.draws import between, pick, weighted
from doorbraak.synth.facts import Enrolment, Outcome
from doorbraak.synth.interventions import BY_CODE
from doorbraak.synth.population import Person, capitals_of
from doorbraak.synth.world import World

CONTRACTS = ("vast", "tijdelijk", "uitzend", "beschut")
QUALIFICATION_WEIGHTS = tuple(itertools.accumulate((0.3, 0.25, 0.2, 0.17, 0.08)))


def person_outcomes(
    world: World,
    rng: random.Random,
    person: Person,
    history: PersonHistory,
    ledger: EffectLedger,
) -> list[Outcome]:
    enrolments = history.enrolments.get(person.pid, [])
    found = [
        _outcome(world, history, person, "opvoedondersteuning_ontvangen", e.start, 1, "")
        for e in enrolments
        if e.intervention == "opvoedondersteuning"
    ]
    work = _suitable_work(world, rng, person, enrolments, history, ledger)
    qualification = _qualification(world, rng, person, enrolments, history, ledger)
    return found + [o for o in (work, qualification) if o is not None]


def _outcome(
    world: World,
    history: PersonHistory,
    person: Person,
    kind: str,
    day: int,
    value: int,
    detail: str,
    hours: float | None = None,
) -> Outcome:
    household = history.household_on(person, day)
    address = household.residence_on(day).address
    gemeente = address.gemeente
    return Outcome(
        world.counters.next("outcome"),
        person,
        household,
        kind,
        day,
        value,
        detail,
        gemeente,
        address,
        hours,
    )


def _first(enrolments: list[Enrolment], code: str, before: int) -> Enrolment | None:
    return next((e for e in enrolments if e.intervention == code and e.start < before), None)


def _suitable_work(
    world: World,
    rng: random.Random,
    person: Person,
    enrolments: list[Enrolment],
    history: PersonHistory,
    ledger: EffectLedger,
) -> Outcome | None:
    if person.employed:
        return None
    start = max(world.start_day, person.birth + int(18 * DAYS_PER_YEAR))
    end = min(world.end_day, person.birth + int(67 * DAYS_PER_YEAR), person.died or world.end_day)
    if end - start < 60:
        return None
    base = capitals_of(person, rng)
    untreated = clamp(0.62 - 0.85 * person.need + 0.06 * (base[0] - 2.5))
    enrolment = _first(enrolments, "werkfit-traject", end)
    treated = untreated
    if enrolment is not None:
        treated = clamp(untreated + BY_CODE["werkfit-traject"].outcome_effects["passend_werk"])
        ledger.add("werkfit-traject", "outcome:passend_werk", treated - untreated)
    draw = rng.random()
    if draw >= treated:
        return None
    if draw < untreated or enrolment is None:  # would have found work anyway
        day = start + int(rng.random() * (end - start))
    else:
        day = min(end - 1, max(start, enrolment.start + between(rng, 30, 270)))
    hours = pick(rng, (12, 16, 20, 24, 28, 32, 36, 38, 40)) + pick(rng, (0.0, 0.0, 0.5))
    return _outcome(world, history, person, "passend_werk", day, 1, pick(rng, CONTRACTS), hours)


def _qualification(
    world: World,
    rng: random.Random,
    person: Person,
    enrolments: list[Enrolment],
    history: PersonHistory,
    ledger: EffectLedger,
) -> Outcome | None:
    year = from_ordinal(person.birth).year + 18 + pick(rng, (0, 0, 1, 1, 2))
    day = date(year, 7, 1).toordinal() + between(rng, 0, 14)
    if not world.start_day <= day < world.end_day or (person.died and person.died <= day):
        return None
    if not any(
        m.person is person and m.start <= day for h in history.homes[person.pid] for m in h.members
    ):
        return None
    base = capitals_of(person, rng)
    untreated = clamp(0.82 - 0.55 * person.need + 0.05 * (base[2] - 2.5))
    treated = untreated
    if _first(enrolments, "huiswerkbegeleiding", day) is not None:
        effect = BY_CODE["huiswerkbegeleiding"].outcome_effects["startkwalificatie"]
        treated = clamp(untreated + effect)
        ledger.add("huiswerkbegeleiding", "outcome:startkwalificatie", treated - untreated)
    if rng.random() < treated:
        detail = weighted(rng, QUALIFICATIONS, QUALIFICATION_WEIGHTS)
        return _outcome(world, history, person, "startkwalificatie", day, 1, detail)
    if rng.random() < 0.5:
        return _outcome(
            world, history, person, "startkwalificatie", day, 0, pick(rng, NON_QUALIFYING)
        )
    return None
