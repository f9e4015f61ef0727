"""The synthetic region: real gemeenten and buurten, synthetic streets, postcodes and addresses.

At region scale the buurten are the real CBS buurten of the ten municipalities. A larger scale
adds synthetic buurten (wijk numbers 40-99, titles marked "synthetisch") so that every buurt
stays a plausible size. Each buurt belongs to one chunk of households (the chunks' shares of
the weights are balanced), so chunks can run in parallel, and addresses are handed out per
buurt without reuse: two households never share an address by accident.
"""

from __future__ import annotations

import csv
import heapq
import itertools
import math
import random
from bisect import bisect
from dataclasses import dataclass, field
from importlib import resources
from typing import NamedTuple

from doorbraak.synth.names import GEMEENTE_PLACES, STREET_KINDS, STREET_STEMS

REGION_HOUSEHOLDS = 30_000
BUURT_CAPACITY = 2000
BUURT_FILE = ("doorbraak.areas", "data/cbs/buurten-85984NED.csv")

# Inhabitants (thousands, rounded) and a relative poverty level: they weight where households live.
GEMEENTEN: dict[str, tuple[str, int, float]] = {
    "GM0047": ("Veendam", 28, 1.3),
    "GM0765": ("Pekela", 12, 1.4),
    "GM0037": ("Stadskanaal", 32, 1.2),
    "GM1950": ("Westerwolde", 26, 1.1),
    "GM1952": ("Midden-Groningen", 61, 1.1),
    "GM1895": ("Oldambt", 39, 1.3),
    "GM0114": ("Emmen", 107, 1.1),
    "GM1681": ("Borger-Odoorn", 25, 1.0),
    "GM1680": ("Aa en Hunze", 25, 0.7),
    "GM0109": ("Coevorden", 35, 0.9),
}
PC4_RANGES = {
    "GM0047": (9640, 10),
    "GM0765": (9660, 6),
    "GM0037": (9500, 10),
    "GM1950": (9540, 20),
    "GM1952": (9600, 40),
    "GM1895": (9670, 30),
    "GM0114": (7800, 50),
    "GM1681": (7880, 20),
    "GM1680": (9450, 20),
    "GM0109": (7740, 30),
}
HOUSE_NUMBERS = 300
MAX_STREETS = 12  # `_streets` draws 6-12
_LETTERS = [a + b for a, b in itertools.product("ABCDEGHJKLMNPRTVWXZ", repeat=2)]
_LETTERS = [pair for pair in _LETTERS if pair not in ("SA", "SD", "SS")]


class Address(NamedTuple):
    address_id: int
    buurt: int
    gemeente: str
    street: str
    number: int
    suffix: str
    postcode: str
    city: str


@dataclass
class Buurt:
    code: str
    title: str
    gemeente: str
    place: str
    pc4: int
    streets: tuple[str, ...]
    capacity: int
    allocated: int = 0
    factor: int = 1
    offset: int = 0
    postcode_block: int = 0  # which block of letter pairs of its pc4 the buurt's streets use

    @property
    def wijk(self) -> str:
        return "WK" + self.code[2:8]


@dataclass
class Region:
    buurten: list[Buurt]
    weights: list[float]
    owners: list[list[int]] = field(default_factory=list)  # buurt indices per chunk

    def partition(self, chunks: int) -> None:
        """Give every buurt to one chunk, balancing the chunks' total weight (largest first)."""
        heap = [(0.0, chunk) for chunk in range(chunks)]
        self.owners = [[] for _ in range(chunks)]
        order = sorted(range(len(self.buurten)), key=lambda i: (-self.weights[i], i))
        for index in order:
            total, chunk = heapq.heappop(heap)
            self.owners[chunk].append(index)
            heapq.heappush(heap, (total + self.weights[index], chunk))
        for owned in self.owners:
            owned.sort()

    def area(self, chunk: int, first_address: int) -> Area:
        return Area(self, self.owners[chunk], first_address)


class Area:
    """The buurten one chunk owns: where its households live and move, and their addresses."""

    def __init__(self, region: Region, owned: list[int], first_address: int) -> None:
        self.region = region
        self.owned = owned
        self.next_address = first_address
        self._cumulative = list(itertools.accumulate(region.weights[i] for i in owned))
        self.by_gemeente: dict[str, list[int]] = {}
        for index in owned:
            self.by_gemeente.setdefault(region.buurten[index].gemeente, []).append(index)
        self._gemeente_cumulative = {
            code: list(itertools.accumulate(region.weights[i] for i in indices))
            for code, indices in self.by_gemeente.items()
        }

    def pick_buurt(self, rng: random.Random, gemeente: str | None = None) -> int:
        """A buurt by weight: anywhere in the chunk's area, or within `gemeente` if it has one."""
        if gemeente is None or gemeente not in self.by_gemeente:
            position = bisect(self._cumulative, rng.random() * self._cumulative[-1])
            return self.owned[min(position, len(self.owned) - 1)]
        cumulative = self._gemeente_cumulative[gemeente]
        position = bisect(cumulative, rng.random() * cumulative[-1])
        return self.by_gemeente[gemeente][min(position, len(cumulative) - 1)]

    def new_address(self, buurt_index: int) -> Address:
        """The next free dwelling in a buurt: a permuted slot, so numbers look scattered."""
        buurt = self.region.buurten[buurt_index]
        slot = (buurt.factor * buurt.allocated + buurt.offset) % buurt.capacity
        rounds = buurt.allocated // buurt.capacity
        buurt.allocated += 1
        street_index, number_index = divmod(slot, HOUSE_NUMBERS)
        number = number_index + 1
        suffix = "" if rounds == 0 and number % 7 else "abcdefgh"[(rounds + number) % 8]
        letters = _LETTERS[(buurt.postcode_block * MAX_STREETS + street_index) % len(_LETTERS)]
        postcode = f"{buurt.pc4} {letters}"
        address_id = self.next_address
        self.next_address += 1
        return Address(
            address_id,
            buurt_index,
            buurt.gemeente,
            buurt.streets[street_index],
            number,
            suffix,
            postcode,
            buurt.place,
        )


def _read_real_buurten() -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {code: [] for code in GEMEENTEN}
    path = resources.files(BUURT_FILE[0]).joinpath(BUURT_FILE[1])
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["Identifier"].strip()
            gemeente = "GM" + code[2:6]
            if gemeente in found:
                found[gemeente].append((code, row["Title"].strip()))
    return {gm: sorted(rows) for gm, rows in found.items()}


def _place_for(gemeente: str, titles: list[str]) -> str:
    """The place a wijk belongs to: the longest known place name found in its buurt titles."""
    places = GEMEENTE_PLACES[gemeente]
    for place in sorted(places, key=len, reverse=True):
        if any(place.lower() in title.lower() for title in titles):
            return place
    return places[0]


def _streets(rng: random.Random) -> tuple[str, ...]:
    count = rng.randint(6, 12)
    chosen = rng.sample(STREET_STEMS, count)
    return tuple(stem + rng.choice(STREET_KINDS) for stem in chosen)


def _make_buurt(code: str, title: str, place: str, rng: random.Random) -> tuple[Buurt, float]:
    gemeente = "GM" + code[2:6]
    streets = _streets(rng)
    capacity = len(streets) * HOUSE_NUMBERS
    factor = rng.randrange(1, capacity)
    while math.gcd(factor, capacity) != 1:
        factor += 1
    buurt = Buurt(  # pc4 and postcode block are set in build_region, by ordinal
        code, title, gemeente, place, 0, streets, capacity, 0, factor, rng.randrange(capacity)
    )
    weight = rng.lognormvariate(0, 0.7) * (0.3 if title.lower().startswith("verspr") else 1.0)
    return buurt, weight


def build_region(seed: int, households: int) -> Region:
    """The real buurten, plus synthetic ones when `households` exceeds the region's size."""
    rng = random.Random(f"region:{seed}")
    real = _read_real_buurten()
    buurten: list[Buurt] = []
    weights: list[float] = []
    total_weight = sum(pop * poverty for _, pop, poverty in GEMEENTEN.values())
    for gemeente, (_, pop, poverty) in GEMEENTEN.items():
        rows = list(real[gemeente])
        share = pop * poverty / total_weight
        if households > REGION_HOUSEHOLDS:
            rows += _synthetic_rows(gemeente, share * households, rows)
        by_wijk: dict[str, list[str]] = {}
        for code, title in rows:
            by_wijk.setdefault(code[6:8], []).append(title)
        places = {wijk: _place_for(gemeente, titles) for wijk, titles in by_wijk.items()}
        made = [_make_buurt(code, title, places[code[6:8]], rng) for code, title in rows]
        base, span = PC4_RANGES[gemeente]
        for ordinal, (buurt, _) in enumerate(made):
            # postcode + house number is unique, as in the BAG: a pc4 per buurt in turn, and
            # a letter pair per street (unique up to 30 x span buurten per gemeente)
            buurt.pc4 = base + ordinal % span
            buurt.postcode_block = ordinal // span
        scale = share / sum(weight for _, weight in made)
        buurten += [buurt for buurt, _ in made]
        weights += [weight * scale for _, weight in made]
    return Region(buurten, weights)


def _synthetic_rows(
    gemeente: str, households: float, real: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Extra buurten for a scale above the region's, on wijk numbers 40-99 the CBS does not use."""
    wanted = min(6000, math.ceil(households / 200)) - len(real)
    places = GEMEENTE_PLACES[gemeente]
    taken = {code for code, _ in real}
    rows: list[tuple[str, str]] = []
    candidates = (
        f"BU{gemeente[2:]}{wijk:02d}{buurt:02d}" for wijk in range(40, 100) for buurt in range(100)
    )
    for code in candidates:
        if len(rows) >= wanted:
            break
        if code not in taken:
            wijk = int(code[6:8]) - 40
            rows.append((code, f"{places[wijk % len(places)]} synthetisch {len(rows) + 1}"))
    return rows
