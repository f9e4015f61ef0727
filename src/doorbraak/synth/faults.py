"""The faults real registration exports have, injected on purpose and recorded in the truth.

Client faults belong to a partner's master record of a person and so repeat in every row that
partner exports about them: a missing or mistyped BSN, a BSN whose leading zero a spreadsheet
dropped, a name or address spelled differently. Row faults hit single rows: duplicates, late
corrections (a wrong value re-sent correctly in the next year's export), impossible dates,
empty required fields and amounts that are not numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from doorbraak.synth import bsn as bsn_rules
from doorbraak.synth import names

FAULT_KINDS = (
    "bsn_missing",
    "bsn_leading_zero_dropped",
    "bsn_mistyped",
    "surname_variant",
    "given_name_variant",
    "address_variant",
    "duplicate_row",
    "late_correction",
    "invalid_date",
    "empty_required",
    "invalid_amount",
)
# Partners whose export passed through a spreadsheet that read the BSN as a number.
LEADING_ZERO_PARTNERS = frozenset(
    {
        "gemeente-veendam",
        "gemeente-stadskanaal",
        "gemeente-midden-groningen",
        "gemeente-aa-en-hunze",
        "wonen-kanaalstreek",
        "ggz-kanaalzicht",
        "geldzorg-veenkolonien",
        "scholengemeenschap-veendal",
        "gemeente-oldambt",
        "roc-veenstreek",
    }
)
INVALID_AMOUNTS = ("abc", "n.v.t.", "12,34,56", "1.2.3", "-", "€ 450,-x")


@dataclass(frozen=True)
class FaultRates:
    bsn_mistyped: float = 0.008
    surname_variant: float = 0.025
    given_name_variant: float = 0.02
    address_variant: float = 0.03
    duplicate_row: float = 0.008
    late_correction: float = 0.01
    invalid_date: float = 0.002
    empty_required: float = 0.002
    invalid_amount: float = 0.003


def unit(salt: int, key: int, stream: int) -> float:
    """A stable uniform number in [0, 1) for (partner salt, person or address, fault kind)."""
    x = (salt * 0x9E3779B1 + key * 0x85EBCA77 + stream * 0xC2B2AE3D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x2C1B3C6D) & 0xFFFFFFFF
    x ^= x >> 12
    x = (x * 0x297A2D39) & 0xFFFFFFFF
    x ^= x >> 15
    return x / 4294967296.0


@dataclass
class ClientFaults:
    """The faults a partner's master record of one person (or address) carries."""

    salt: int
    bsn_missing: float
    leading_zero: bool
    rates: FaultRates
    has_bsn: bool = True  # False: the partner's export has no BSN column at all

    def bsn(self, pid: int, value: str) -> tuple[str, str | None]:
        """The BSN as this partner holds it, and the fault kind if it is wrong."""
        if not self.has_bsn:
            return "", None
        if unit(self.salt, pid, 1) < self.bsn_missing:
            return "", "bsn_missing"
        if unit(self.salt, pid, 2) < self.rates.bsn_mistyped:
            return bsn_rules.mistype(value, random.Random(self.salt * 31 + pid)), "bsn_mistyped"
        if self.leading_zero and value.startswith("0"):
            return value.lstrip("0"), "bsn_leading_zero_dropped"
        return value, None

    def surname(self, pid: int, value: str) -> str | None:
        if unit(self.salt, pid, 3) < self.rates.surname_variant:
            return names.surname_variant(value, random.Random(self.salt * 37 + pid))
        return None

    def given_name(self, pid: int, value: str) -> str | None:
        if unit(self.salt, pid, 4) < self.rates.given_name_variant:
            return names.given_variant(value, random.Random(self.salt * 41 + pid))
        return None

    def address(self, address_id: int, street: str, suffix: str) -> tuple[str, str] | None:
        """A variant (street, suffix) for this address, or None when spelled right."""
        if unit(self.salt, address_id, 5) >= self.rates.address_variant:
            return None
        rng = random.Random(self.salt * 43 + address_id)
        if suffix and rng.random() < 0.5:
            return street, names.suffix_variant(suffix, rng)
        return names.street_variant(street, rng), suffix


def corrupt(field: str, value: object, rng: random.Random) -> object:
    """A plausible wrong value for a late correction to fix later."""
    if isinstance(value, float):
        return round(value * rng.choice((10.0, 0.1, 1.1)), 2)
    if isinstance(value, int) and not isinstance(value, bool):
        return (
            value + rng.choice((-40, -7, 7, 31))
            if field.endswith(("date", "start", "since"))
            else max(1, value - 1)
        )
    if isinstance(value, str) and value:
        return value[::-1] if len(value) > 3 else value + "x"
    return value
