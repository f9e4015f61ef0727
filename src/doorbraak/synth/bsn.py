"""Burgerservicenummers: the elfproef, unique synthetic BSNs and realistic mistypes.

A BSN has 9 digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11.
Synthetic BSNs come from an affine permutation of the person number, so they are unique
for up to 50 million persons and differ per seed.
"""

from __future__ import annotations

import random

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_PREFIX_SPACE = 10_000_000  # seven leading digits
CAPACITY = _PREFIX_SPACE * 5


def is_valid(bsn: str) -> bool:
    """The elfproef on a 9-digit string (8 digits are not repaired here)."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(bsn, WEIGHTS, strict=True))
    return total % 11 == 0 and bsn != "000000000"


def _weighted_sums(width: int, weights: tuple[int, ...]) -> list[int]:
    return [
        sum(int(d) * w for d, w in zip(f"{n:0{width}d}", weights, strict=True))
        for n in range(10**width)
    ]


_HIGH = _weighted_sums(4, WEIGHTS[:4])  # digits 1-4 of the prefix
_LOW = _weighted_sums(3, WEIGHTS[4:7])  # digits 5-7


class BsnIssuer:
    """Hands out a unique valid BSN for each person number, fixed by the seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(f"bsn:{seed}")
        self._factor = rng.randrange(1, _PREFIX_SPACE // 10) * 10 + rng.choice((1, 3, 7, 9))
        self._offset = rng.randrange(_PREFIX_SPACE)

    def issue(self, number: int) -> str:
        if not 0 <= number < CAPACITY:
            raise ValueError(f"person number {number} outside the BSN capacity")
        group, index = divmod(number, _PREFIX_SPACE)
        prefix = (self._factor * index + self._offset) % _PREFIX_SPACE
        high, low = divmod(prefix, 1000)
        partial = _HIGH[high] + _LOW[low]
        for eighth in (2 * group, 2 * group + 1):
            check = (partial + 2 * eighth) % 11
            if check != 10:
                return f"{prefix:07d}{eighth}{check}"
        raise AssertionError("two consecutive eighth digits cannot both fail")  # pragma: no cover


def mistype(bsn: str, rng: random.Random) -> str:
    """A typing error the elfproef catches: one digit changed, or two neighbours swapped."""
    for _ in range(20):
        digits = list(bsn)
        position = rng.randrange(8)
        if rng.random() < 0.5 and digits[position] != digits[position + 1]:
            digits[position], digits[position + 1] = digits[position + 1], digits[position]
        else:
            digits[position] = str((int(digits[position]) + rng.randrange(1, 10)) % 10)
        typed = "".join(digits)
        if not is_valid(typed):
            return typed
    return bsn[:8] + str((int(bsn[8]) + 1) % 10)  # pragma: no cover
