"""One chunk of households simulated end to end: demography, signals, support, effects.

Chunks are independent: a chunk's households, and every household they spawn, live and die
inside it. That keeps memory bounded at any scale and the output fixed by the seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from doorbraak.synth.capitals import EffectLedger, PersonHistory, plan_assessments
from doorbraak.synth.demography import simulate
from doorbraak.synth.facts import ChunkFacts, Outcome
from doorbraak.synth.interventions import EnrolmentRules, enrol
from doorbraak.synth.outcomes import person_outcomes
from doorbraak.synth.partners import Roles
from doorbraak.synth.population import Person, Population, initial_household
from doorbraak.synth.poverty import PovertyHistory, poverty_history
from doorbraak.synth.signals import household_signals
from doorbraak.synth.support import household_support
from doorbraak.synth.world import World

READING_OUTCOMES = (
    ("informal_help", "informele_hulp"),
    ("self_confidence", "zelfvertrouwen"),
    ("at_home", "prettig_in_de_wijk"),
)


@dataclass
class ChunkResult:
    number: int
    population: Population
    facts: ChunkFacts
    persons: list[Person] = field(default_factory=list)
    poverty: PovertyHistory = field(default_factory=PovertyHistory)


def simulate_chunk(
    world: World,
    roles: Roles,
    rules: EnrolmentRules,
    ledger: EffectLedger,
    number: int,
    households: int,
) -> ChunkResult:
    rng = world.chunk_rng(number)
    population = simulate(world, rng, [initial_household(world, rng) for _ in range(households)])
    facts = ChunkFacts()
    history = PersonHistory()
    persons: dict[int, Person] = {}
    for household in population.households:
        for member in household.members:
            persons[member.person.pid] = member.person
            homes = history.homes[member.person.pid]
            if not homes or homes[-1] is not household:
                homes.append(household)
    for household in population.households:
        signals = household_signals(world, rng, roles, household)
        plans = household_support(world, rng, household, signals)
        facts.signals += signals
        facts.plans += plans
        for plan in plans:
            for enrolment in enrol(world, rng, rules, household, plan):
                facts.enrolments.append(enrolment)
                history.enrolments[enrolment.person.pid].append(enrolment)
    for plan in facts.plans:
        facts.assessments += plan_assessments(world, rng, plan, history, ledger)
    ordered = [persons[pid] for pid in sorted(persons)]
    for person in ordered:
        facts.outcomes += person_outcomes(world, rng, person, history, ledger)
    facts.outcomes += _reading_outcomes(world, facts)
    # its own generator, so the poverty years leave every other output as it was
    poverty = poverty_history(world, world.chunk_rng(number, "armoede"), population)
    return ChunkResult(number, population, facts, ordered, poverty)


def _reading_outcomes(world: World, facts: ChunkFacts) -> list[Outcome]:
    """Outcomes a welfare assessment records alongside the capital levels."""
    found = []
    for reading in facts.assessments:
        for attribute, kind in READING_OUTCOMES:
            value = getattr(reading, attribute)
            if value is not None:
                found.append(
                    Outcome(
                        world.counters.next("outcome"),
                        reading.person,
                        reading.household,
                        kind,
                        reading.day,
                        int(value),
                        "",
                        reading.gemeente,
                        reading.address,
                    )
                )
    return found
