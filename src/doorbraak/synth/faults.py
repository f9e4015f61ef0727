"""The faults real registration exports have, injected on purpose and recorded in the truth.

Client faults belong to a partner's master record of a person and so repeat in every row that
partner exports about them: a missing or mistyped BSN, a BSN whose leading zero a spreadsheet
dropped, a name or address spelled differently. Row faults hit single rows: duplicates, late
corrections (a wrong value re-sent correctly in the next year's export), impossible dates,
empty required fields and amounts that are not numbers.

`--corruption zwaar` (`HEAVY`) adds, per partner's master record, the heavy corruption an
independent linkage benchmark has (FEBRL 4: given name and surname agree in about two thirds
of true pairs, swapped in about 4%), with Dutch specifics (`HeavyFaults`): the surname's
tussenvoegsel written after it ("Berg, van der"), abbreviated ("v.d. Berg") or left out, a
double surname ("Jansen-de Vries") against the own surname, initials for the given name,
given name and surname swapped, day and month transposed, a one-digit slip in the date of
birth, and missing given name, date of birth, street or postcode.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date

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
    "brp_late_registration",  # the BRP extract's own (synth.brp)
    "brp_registered_elsewhere",
)
HEAVY_FAULT_KINDS = (  # only with --corruption zwaar
    "names_swapped",
    "surname_prefix_variant",
    "double_surname",
    "initials_only",
    "birth_date_transposed",
    "birth_date_typo",
    "field_missing",
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
    heavy: HeavyRates | None = None


@dataclass(frozen=True)
class HeavyRates:
    """Per partner's view of a person; a true pair has two views, so a name agrees in a pair
    with (1 - rate)^2: names (given and surname both) in about two thirds of pairs."""

    names_swapped: float = 0.03
    surname_prefix_variant: float = 0.5  # of persons whose surname has a tussenvoegsel
    double_surname: float = 0.03
    initials_only: float = 0.03
    birth_date_transposed: float = 0.03
    birth_date_typo: float = 0.03
    field_missing: float = 0.02  # each of given name, date of birth, street, postcode


CORRUPTION = {
    "normaal": FaultRates(),
    "zwaar": FaultRates(
        surname_variant=0.055, given_name_variant=0.05, address_variant=0.08, heavy=HeavyRates()
    ),
}


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

    def heavy(self, pid: int, values: dict[str, object]) -> list[tuple[str, str, str, str]]:
        """The heavy corruption (`HeavyFaults`) when the rates ask for it, applied in place."""
        if self.rates.heavy is None:
            return []
        return HeavyFaults(self.salt, self.rates.heavy).apply(pid, values)

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


class HeavyFaults:
    """The heavy corruption of one partner's view of a person (`HeavyRates`); stable per
    (partner, person) like every client fault, so it repeats in all of that partner's rows."""

    def __init__(self, salt: int, rates: HeavyRates) -> None:
        self.salt, self.rates = salt, rates

    def apply(self, pid: int, values: dict[str, object]) -> list[tuple[str, str, str, str]]:
        """Change `values` (the identity block) in place; the faults as (kind, field, true,
        written)."""
        rng = random.Random(self.salt * 53 + pid)
        found: list[tuple[str, str, str, str]] = []
        found += self._surname(pid, values, rng)
        found += self._given(pid, values)
        found += self._birth(pid, values, rng)
        found += self._missing(pid, values)
        if unit(self.salt, pid, 20) < self.rates.names_swapped:
            given, surname = str(values["given_name"]), str(values["surname"])
            values["given_name"], values["surname"] = surname, given
            values["full_surname"], values["surname_prefix"] = given, ""
            found.append(("names_swapped", "name", f"{given} {surname}", f"{surname} {given}"))
        return found

    def _surname(
        self, pid: int, values: dict[str, object], rng: random.Random
    ) -> list[tuple[str, str, str, str]]:
        prefix, surname = str(values["surname_prefix"]), str(values["surname"])
        true = str(values["full_surname"])
        if prefix and unit(self.salt, pid, 21) < self.rates.surname_prefix_variant:
            form = rng.randrange(3)
            if form == 0:  # "Berg, van der" (the prefix after the name, as in an index)
                values["full_surname"] = f"{surname}, {prefix}"
            elif form == 1:  # "v.d. Berg"
                short = "".join(f"{word[0]}." for word in prefix.split())
                values["surname_prefix"] = short
                values["full_surname"] = f"{short} {surname}"
            else:  # the prefix left out
                values["surname_prefix"], values["full_surname"] = "", surname
            return [("surname_prefix_variant", "surname", true, str(values["full_surname"]))]
        if unit(self.salt, pid, 22) < self.rates.double_surname:
            other_prefix, other = rng.choice(names.SURNAMES)
            spouse = f"{other_prefix} {other}".strip()
            values["surname"] = f"{spouse}-{true}" if rng.random() < 0.5 else f"{true}-{spouse}"
            values["surname_prefix"] = ""
            values["full_surname"] = values["surname"]
            return [("double_surname", "surname", true, str(values["surname"]))]
        return []

    def _given(self, pid: int, values: dict[str, object]) -> list[tuple[str, str, str, str]]:
        given = str(values["given_name"])
        if given and unit(self.salt, pid, 23) < self.rates.initials_only:
            values["given_name"] = f"{given[0]}."
            return [("initials_only", "given_name", given, f"{given[0]}.")]
        return []

    def _birth(
        self, pid: int, values: dict[str, object], rng: random.Random
    ) -> list[tuple[str, str, str, str]]:
        """The date of birth (a day ordinal) with day and month transposed, or one digit of
        the day slipped; both only where the result is a real date."""
        if not isinstance(values["birth_date"], int):
            return []
        birth = date.fromordinal(values["birth_date"])
        written = None
        if unit(self.salt, pid, 24) < self.rates.birth_date_transposed and birth.day <= 12:
            written, kind = birth.replace(month=birth.day, day=birth.month), "birth_date_transposed"
        elif unit(self.salt, pid, 25) < self.rates.birth_date_typo:
            tens = rng.choice([d for d in range(3) if d != birth.day // 10])
            day = max(1, tens * 10 + birth.day % 10)
            if day <= calendar.monthrange(birth.year, birth.month)[1]:
                written, kind = birth.replace(day=day), "birth_date_typo"
        if written is None or written == birth:
            return []
        values["birth_date"] = written.toordinal()
        return [(kind, "birth_date", birth.isoformat(), written.isoformat())]

    def _missing(self, pid: int, values: dict[str, object]) -> list[tuple[str, str, str, str]]:
        found = []
        for stream, name in enumerate(("given_name", "birth_date", "street", "postcode")):
            if unit(self.salt, pid, 30 + stream) < self.rates.field_missing:
                found.append(("field_missing", name, str(values[name]), ""))
                values[name] = None if name == "birth_date" else ""
        if any(f[1] == "street" for f in found):
            values["address_line"] = ""
        return found


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
