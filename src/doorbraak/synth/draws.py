"""Fast random draws for the simulation's inner loops.

`random.Random.randint` and `choice` cost several microseconds each (argument checks, rejection
sampling); these plain-arithmetic versions take a fraction of that, and the simulation makes
millions of draws. They are deterministic for a seeded generator like the originals.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def between(rng: random.Random, low: int, high: int) -> int:
    """A whole number from `low` to `high`, both included."""
    return low + int(rng.random() * (high - low + 1))


def below(rng: random.Random, count: int) -> int:
    return int(rng.random() * count)


def pick(rng: random.Random, options: Sequence[T]) -> T:
    return options[int(rng.random() * len(options))]


def weighted(rng: random.Random, options: Sequence[T], cumulative: Sequence[float]) -> T:
    """One option, by cumulative weights (as `itertools.accumulate` gives them)."""
    return options[bisect(cumulative, rng.random() * cumulative[-1])]
