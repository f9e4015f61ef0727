"""The state one generation run shares, and the per-chunk view every simulation step uses.

Everything random inside a chunk comes from the chunk's own generator (`chunk_rng`), and every
id a chunk hands out lies in the chunk's own range (`STRIDES`), so a chunk's output depends
only on the seed and its number: chunks can run in any process, in any order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from doorbraak.synth.bsn import BsnIssuer
from doorbraak.synth.days import ordinal
from doorbraak.synth.region import Area, Region

PROGRAMME_START = date(2023, 1, 1)
CHUNK_HOUSEHOLDS = 2_000
# Ids per chunk of 2,000 initial households; far above what a chunk uses (persons: about
# 5,600). Persons are kept dense because their number also picks their BSN.
STRIDES = {
    "person": 12_000,
    "household": 6_000,
    "address": 12_000,
    "signal": 40_000,
    "plan": 6_000,
    "assignment": 20_000,
    "enrolment": 12_000,
    "assessment": 30_000,
    "outcome": 60_000,
    "registration": 40_000,  # BRP registrations (synth.brp)
    "income": 120_000,  # a gemeente's income support record per person and year in poverty
}


class ChunkOverflowError(RuntimeError):
    """A chunk needed more ids than its range holds (an internal limit, not a user error)."""


class Counters:
    """Running ids within one chunk's ranges."""

    def __init__(self, chunk: int) -> None:
        self._next = {kind: chunk * stride + 1 for kind, stride in STRIDES.items()}
        self._limit = {kind: (chunk + 1) * stride for kind, stride in STRIDES.items()}

    def next(self, kind: str) -> int:
        value = self._next[kind]
        if value > self._limit[kind]:
            raise ChunkOverflowError(f"chunk ran out of {kind} ids")
        self._next[kind] = value + 1
        return value


@dataclass
class World:
    seed: int
    as_of: date
    region: Region
    staff: dict[str, int] = field(default_factory=dict)  # contact persons per gemeente
    issuer: BsnIssuer = field(init=False)
    start_day: int = field(init=False)
    end_day: int = field(init=False)
    chunk: int = 0
    counters: Counters = field(init=False)
    area: Area = field(init=False)

    def __post_init__(self) -> None:
        self.issuer = BsnIssuer(self.seed)
        self.start_day = ordinal(PROGRAMME_START)
        self.end_day = ordinal(self.as_of)
        self.enter(0)

    def enter(self, chunk: int) -> None:
        """Switch to `chunk`: its id ranges and the buurten it owns."""
        self.chunk = chunk
        self.counters = Counters(chunk)
        if self.region.owners:
            self.area = self.region.area(chunk, chunk * STRIDES["address"] + 1)

    def chunk_rng(self, chunk: int, purpose: str = "") -> random.Random:
        return random.Random(f"synth:{self.seed}:{chunk}:{purpose}")
