"""Producing one chunk's output in memory: simulate it, render its exports, truth and facts.

A `Producer` holds what every chunk needs (region, partners, experiments) and is built once
per process; `produce` returns plain data (`ChunkOutput`) that another process can receive.
"""

from __future__ import annotations

import gc
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from doorbraak.synth.brp import Registrations
from doorbraak.synth.capitals import EffectLedger
from doorbraak.synth.chunk import ChunkResult, simulate_chunk
from doorbraak.synth.exports import ExportBatch, Exports
from doorbraak.synth.interventions import EnrolmentRules, Experiment, plan_experiments
from doorbraak.synth.partners import Roles, load_partners
from doorbraak.synth.poverty import StatusYear
from doorbraak.synth.records import Recorder
from doorbraak.synth.region import GEMEENTEN, build_region
from doorbraak.synth.truth import Truth
from doorbraak.synth.world import CHUNK_HOUSEHOLDS, World


@dataclass(frozen=True)
class Settings:
    seed: int
    households: int
    as_of: date
    corruption: str = "normaal"  # a key of faults.CORRUPTION

    @property
    def chunks(self) -> int:
        return (self.households + CHUNK_HOUSEHOLDS - 1) // CHUNK_HOUSEHOLDS

    def chunk_size(self, number: int) -> int:
        return min(CHUNK_HOUSEHOLDS, self.households - number * CHUNK_HOUSEHOLDS)

    def households_through(self, number: int) -> int:
        """Initial households in chunks 0 to `number`, for progress reports."""
        return min(self.households, (number + 1) * CHUNK_HOUSEHOLDS)


@dataclass
class ChunkOutput:
    number: int
    exports: ExportBatch
    tables: dict[str, str]
    counts: dict[str, Any]
    effects: dict[tuple[str, str], list[float]]


def staff_pools(households: int) -> dict[str, int]:
    """Contact persons per gemeente: about one per 120 households it holds."""
    total = sum(pop * poverty for _, pop, poverty in GEMEENTEN.values())
    return {
        gm: max(6, round(households * pop * poverty / total / 120))
        for gm, (_, pop, poverty) in GEMEENTEN.items()
    }


def setup_world(settings: Settings) -> World:
    region = build_region(settings.seed, settings.households)
    region.partition(settings.chunks)
    world = World(settings.seed, settings.as_of, region)
    world.staff = staff_pools(settings.households)
    return world


class Producer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.world = setup_world(settings)
        self.roles = Roles(load_partners())
        self.experiments: list[Experiment] = plan_experiments(self.world)
        self.rules = EnrolmentRules(self.experiments)
        self.exports = Exports(
            list(self.roles.by_code.values()), settings.as_of, settings.corruption
        )
        self.recorder = Recorder(self.exports, self.roles, settings.as_of, self.world.start_day)
        self.truth = Truth(self.world, self.roles)

    def produce(self, number: int) -> ChunkOutput:
        world = self.world
        world.enter(number)
        ledger = EffectLedger()
        size = self.settings.chunk_size(number)
        result = simulate_chunk(world, self.roles, self.rules, ledger, number, size)
        self._record(result)
        self.truth.write_chunk(result)
        return ChunkOutput(
            number, self.exports.finish(), self.truth.take(), _counts(result), dict(ledger.sums)
        )

    def _record(self, result: ChunkResult) -> None:
        rng = self.world.chunk_rng(result.number, "exports")
        recorder, facts = self.recorder, result.facts
        self.exports.begin()
        for signal in facts.signals:
            recorder.signal(rng, signal)
        for plan in facts.plans:
            recorder.plan(rng, plan)
        for enrolment in facts.enrolments:
            recorder.enrolment(rng, enrolment)
        for reading in facts.assessments:
            recorder.assessment(rng, reading)
        for outcome in facts.outcomes:
            recorder.outcome(rng, outcome)
        spells: dict[int, list[StatusYear]] = {}
        for row in result.poverty.rows:
            spells.setdefault(row.rid, []).append(row)
        for spell in spells.values():  # after the others: their rows stay as they were
            recorder.income_support(rng, spell)
        # the BRP extract last, on its own random stream: the other exports stay as they were
        rng = self.world.chunk_rng(result.number, "brp")
        world = self.world
        registrations = Registrations(world.seed, world.start_day, world.end_day)
        for registration in registrations.of(result.population.households):
            recorder.registration(rng, registration, world.counters.next("registration"))


def _counts(result: ChunkResult) -> dict[str, Any]:
    facts = result.facts
    return {
        "households": len(result.population.households),
        "persons": len(result.persons),
        "signals_per_source": dict(Counter(signal.kind for signal in facts.signals)),
        "plans": len(facts.plans),
        "contact_assignments": sum(len(plan.assignments) for plan in facts.plans),
        "enrolments": len(facts.enrolments),
        "assessments": len(facts.assessments),
        "outcomes": len(facts.outcomes),
    }


_PRODUCER: Producer | None = None


def start_worker(settings: Settings) -> None:
    """Pool initializer: build this process's producer once.

    First every object inherited from the forked parent is frozen out of the garbage
    collector: a parent that had started threads (DuckDB's, in the linkage tests) can leave
    objects a collection in the child crashes on (a segfault seen when the poverty years,
    which allocate many small objects, ran after the linkage tests)."""
    gc.freeze()
    global _PRODUCER  # one producer per worker process, by design
    _PRODUCER = Producer(settings)


def produce_in_worker(number: int) -> ChunkOutput:
    if _PRODUCER is None:
        raise RuntimeError("start_worker was not called in this process")
    return _PRODUCER.produce(number)
