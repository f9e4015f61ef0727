"""Persons and households: who they are, and the households living in the region at the start.

How households then change over time is `demography`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from doorbraak.synth.days import DAYS_PER_YEAR
from doorbraak.synth.draws import pick
from doorbraak.synth.names import GIVEN_FEMALE, GIVEN_MALE, SURNAMES
from doorbraak.synth.region import Address
from doorbraak.synth.world import World

POVERTY_THRESHOLD = 0.53  # latent need at or above which a household counts as in poverty
YEAR = DAYS_PER_YEAR


@dataclass(slots=True)
class Person:
    pid: int
    sex: str
    birth: int
    given: str
    prefix: str
    surname: str
    bsn: str
    need: float
    employed: bool = False
    died: int | None = None
    capitals: list[float] = field(default_factory=list)
    key: str = ""  # the pseudonymous id in the output files, P000000042

    def __post_init__(self) -> None:
        self.key = f"P{self.pid:09d}"


@dataclass(slots=True)
class Membership:
    person: Person
    role: str  # head | partner | child
    start: int
    end: int | None = None


@dataclass(slots=True)
class Residence:
    address: Address
    start: int
    end: int | None = None


@dataclass(slots=True)
class Household:
    hid: int
    need: float
    formed: int
    reason: str  # initial | leaving_home | separation
    parent_hid: int | None
    members: list[Membership] = field(default_factory=list)
    residences: list[Residence] = field(default_factory=list)
    dissolved: int | None = None
    social_renter: bool = False
    energy_client: bool = False
    insured: bool = False
    key: str = ""  # the pseudonymous id in the output files, H000000042

    def __post_init__(self) -> None:
        self.key = f"H{self.hid:09d}"

    @property
    def in_poverty(self) -> bool:
        return self.need >= POVERTY_THRESHOLD

    def members_on(self, day: int) -> list[Membership]:
        return [m for m in self.members if m.start <= day and (m.end is None or m.end > day)]

    def residence_on(self, day: int) -> Residence:
        for residence in reversed(self.residences):
            if residence.start <= day:
                return residence
        return self.residences[0]

    def head_on(self, day: int) -> Person:
        present = self.members_on(day) or self.members
        adults = [m for m in present if m.role != "child"] or present
        return adults[0].person


@dataclass(slots=True)
class ParentLink:
    parent: Person
    child: Person
    parent_household: int
    child_household: int | None = None
    left_home: int | None = None


@dataclass
class Population:
    """What a chunk's demography produced."""

    households: list[Household] = field(default_factory=list)
    links: list[ParentLink] = field(default_factory=list)


def new_person(
    world: World,
    rng: random.Random,
    *,
    birth: int,
    need: float,
    sex: str | None = None,
    surname: tuple[str, str] | None = None,
) -> Person:
    pid = world.counters.next("person")
    sex = sex or ("V" if rng.random() < 0.5 else "M")
    given = pick(rng, GIVEN_FEMALE if sex == "V" else GIVEN_MALE)
    prefix, family = surname or pick(rng, SURNAMES)
    return Person(pid, sex, birth, given, prefix, family, world.issuer.issue(pid - 1), need)


def capitals_of(person: Person, rng: random.Random) -> list[float]:
    """The person's latent capitals at the programme start, drawn the first time they matter.

    Order: economisch, sociaal, cultureel, pedagogisch, mentaal (see `capitals.CAPITALS`).
    """
    if not person.capitals:
        need = person.need
        person.capitals = [3.4 - 1.8 * need + rng.gauss(0, 0.45) for _ in range(5)]
        person.capitals[0] -= 0.4 * need
    return person.capitals


def new_household(
    world: World,
    rng: random.Random,
    *,
    need: float,
    formed: int,
    reason: str,
    parent_hid: int | None,
    address: Address,
) -> Household:
    household = Household(world.counters.next("household"), need, formed, reason, parent_hid)
    household.residences.append(Residence(address, formed))
    household.social_renter = rng.random() < 0.35 + 0.45 * need
    household.energy_client = rng.random() < 0.45
    household.insured = rng.random() < 0.5
    return household


def initial_household(world: World, rng: random.Random) -> Household:
    """A household living in the region on the programme's first day."""
    start = world.start_day
    need = rng.betavariate(2, 2)
    buurt = world.area.pick_buurt(rng)
    household = new_household(
        world,
        rng,
        need=need,
        formed=start,
        reason="initial",
        parent_hid=None,
        address=world.area.new_address(buurt),
    )
    kind = rng.random()
    head_age = rng.uniform(19, 85) if kind < 0.45 else rng.uniform(22, 55)
    head = new_person(world, rng, birth=start - int(head_age * YEAR), need=need)
    employ(head, start, rng)
    household.members.append(Membership(head, "head", start))
    if kind >= 0.45 + 0.2 * need * 0.5 or (kind < 0.45 and rng.random() < 0.3):
        add_partner(world, rng, household, head, start)
    if kind >= 0.55 or (head_age < 45 and rng.random() < 0.15):
        _add_children(world, rng, household, start, head_age, need)
    return household


def employ(person: Person, day: int, rng: random.Random) -> None:
    age = (day - person.birth) / YEAR
    person.employed = 18 <= age < 67 and rng.random() < 0.85 - 0.7 * person.need


def add_partner(
    world: World, rng: random.Random, household: Household, head: Person, day: int
) -> Person:
    sex = "M" if head.sex == "V" else "V"
    if rng.random() < 0.04:
        sex = head.sex
    birth = head.birth + int(rng.gauss(0, 3) * YEAR)
    keep_name = rng.random() < 0.5
    surname = (head.prefix, head.surname) if not keep_name else None
    partner = new_person(world, rng, birth=birth, need=household.need, sex=sex, surname=surname)
    employ(partner, day, rng)
    household.members.append(Membership(partner, "partner", day))
    return partner


def _add_children(
    world: World,
    rng: random.Random,
    household: Household,
    day: int,
    head_age: float,
    need: float,
) -> None:
    count = 1 + int(rng.random() * (2.2 + 1.5 * need))
    head = household.members[0].person
    for _ in range(count):
        age = rng.uniform(0, min(24.5, head_age - 18))
        if age < 0:
            continue
        child = new_person(
            world, rng, birth=day - int(age * YEAR), need=need, surname=(head.prefix, head.surname)
        )
        household.members.append(Membership(child, "child", day))
