"""Persons and households, and how households form, change and dissolve over time.

Each household is simulated from its formation to the as-of day: births, partners joining,
separations, deaths, moves between buurten, and children leaving home at 18-25 to form a
household of their own (the generational link). Households a chunk spawns are simulated in
the same chunk, so chunks never depend on each other.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field

from doorbraak.synth.draws import pick
from doorbraak.synth.days import DAYS_PER_YEAR
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
    world: World, rng: random.Random, *, birth: int, need: float, sex: str | None = None,
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


def _new_household(
    world: World, rng: random.Random, *, need: float, formed: int, reason: str,
    parent_hid: int | None, address: Address,
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
    household = _new_household(
        world, rng, need=need, formed=start, reason="initial", parent_hid=None,
        address=world.area.new_address(buurt),
    )
    kind = rng.random()
    head_age = rng.uniform(19, 85) if kind < 0.45 else rng.uniform(22, 55)
    head = new_person(world, rng, birth=start - int(head_age * YEAR), need=need)
    _employ(head, start, rng)
    household.members.append(Membership(head, "head", start))
    if kind >= 0.45 + 0.2 * need * 0.5 or (kind < 0.45 and rng.random() < 0.3):
        _add_partner(world, rng, household, head, start)
    if kind >= 0.55 or (head_age < 45 and rng.random() < 0.15):
        _add_children(world, rng, household, start, head_age, need)
    return household


def _employ(person: Person, day: int, rng: random.Random) -> None:
    age = (day - person.birth) / YEAR
    person.employed = 18 <= age < 67 and rng.random() < 0.85 - 0.7 * person.need


def _add_partner(
    world: World, rng: random.Random, household: Household, head: Person, day: int
) -> Person:
    sex = "M" if head.sex == "V" else "V"
    if rng.random() < 0.04:
        sex = head.sex
    birth = head.birth + int(rng.gauss(0, 3) * YEAR)
    keep_name = rng.random() < 0.5
    surname = (head.prefix, head.surname) if not keep_name else None
    partner = new_person(world, rng, birth=birth, need=household.need, sex=sex, surname=surname)
    _employ(partner, day, rng)
    household.members.append(Membership(partner, "partner", day))
    return partner


def _add_children(
    world: World, rng: random.Random, household: Household, day: int, head_age: float,
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


def simulate(world: World, rng: random.Random, initial: list[Household]) -> Population:
    """Run every household (and each one it spawns) from formation to the as-of day."""
    population = Population()
    queue = deque(initial)
    while queue:
        household = queue.popleft()
        population.households.append(household)
        queue.extend(_live(world, rng, household, population))
    population.households.sort(key=lambda h: h.hid)
    return population


def _exp_times(rng: random.Random, rate: float, start: int, end: int) -> list[int]:
    """Event days of a Poisson process with `rate` per year on [start, end)."""
    times: list[int] = []
    if rate <= 0:
        return times
    day = float(start)
    while True:
        day += rng.expovariate(rate) * YEAR
        if day >= end:
            return times
        times.append(int(day))


def _live(
    world: World, rng: random.Random, household: Household, population: Population
) -> list[Household]:
    events = _draw_events(world, rng, household)
    events.sort(key=lambda event: (event[0], event[1]))
    spawned: list[Household] = []
    for day, kind, person in events:
        if household.dissolved is not None:
            break
        spawned += _apply(world, rng, household, population, day, kind, person)
    return spawned


def _draw_events(
    world: World, rng: random.Random, household: Household
) -> list[tuple[int, str, Person | None]]:
    start, end = household.formed, world.end_day
    events: list[tuple[int, str, Person | None]] = []
    events += [(day, "move", None) for day in _exp_times(rng, 0.07, start + 30, end)]
    adults = [m for m in household.members if m.role != "child"]
    for member in household.members:
        person = member.person
        if member.role == "child" and rng.random() < 0.9:
            leave = person.birth + int(rng.uniform(18, 25.5) * YEAR)
            if start < leave < end:
                events.append((leave, "leave", person))
        age = (start - person.birth) / YEAR
        if age >= 62:
            death_rate = 0.004 * 1.1 ** (age - 62)
            events += [(d, "death", person) for d in _exp_times(rng, death_rate, start, end)[:1]]
        if member.role != "child" and person.sex == "V" and age < 42:
            birth_rate = 0.09 if len(adults) == 2 else 0.03
            events += [(d, "birth", person) for d in _exp_times(rng, birth_rate, start, end)]
    if len(adults) == 2:
        events += [(d, "separation", None) for d in _exp_times(rng, 0.025, start, end)[:1]]
    elif len(adults) == 1 and 20 <= (start - adults[0].person.birth) / YEAR < 50:
        events += [(d, "partner", None) for d in _exp_times(rng, 0.06, start, end)[:1]]
    return events


def _apply(
    world: World, rng: random.Random, household: Household, population: Population, day: int,
    kind: str, person: Person | None,
) -> list[Household]:
    present = household.members_on(day)
    if person is not None and all(m.person is not person for m in present):
        return []
    if kind == "move":
        _move(world, rng, household, day)
    elif kind == "birth" and person is not None:
        _birth(world, rng, household, present, day, person)
    elif kind == "death" and person is not None:
        _end_membership(household, person, day)
        person.died = day
    elif kind == "partner" and len([m for m in present if m.role != "child"]) == 1:
        _add_partner(world, rng, household, household.head_on(day), day)
    elif kind == "separation":
        return _separate(world, rng, household, present, day)
    elif kind == "leave" and person is not None:
        return [_leave_home(world, rng, household, population, day, person)]
    return []


def _end_membership(household: Household, person: Person, day: int) -> None:
    for member in household.members:
        if member.person is person and member.end is None:
            member.end = day
    if not household.members_on(day):
        household.dissolved = day
        household.residences[-1].end = day


def _move(world: World, rng: random.Random, household: Household, day: int) -> None:
    current = household.residences[-1]
    gemeente = current.address.gemeente
    target = world.area.pick_buurt(rng, gemeente if rng.random() < 0.75 else None)
    current.end = day
    household.residences.append(Residence(world.area.new_address(target), day))


def _birth(
    world: World, rng: random.Random, household: Household, present: list[Membership], day: int,
    mother: Person,
) -> None:
    if len(present) >= 9 or (day - mother.birth) / YEAR > 44:
        return
    father = next((m.person for m in present if m.role != "child" and m.person.sex == "M"), None)
    name_giver = father or mother
    child = new_person(
        world, rng, birth=day, need=household.need,
        surname=(name_giver.prefix, name_giver.surname),
    )
    household.members.append(Membership(child, "child", day))


def _derived_household(
    world: World, rng: random.Random, parent: Household, day: int, reason: str, need: float
) -> Household:
    gemeente = parent.residences[-1].address.gemeente
    buurt = world.area.pick_buurt(rng, gemeente if rng.random() < 0.7 else None)
    return _new_household(
        world, rng, need=need, formed=day, reason=reason, parent_hid=parent.hid,
        address=world.area.new_address(buurt),
    )


def _separate(
    world: World, rng: random.Random, household: Household, present: list[Membership], day: int
) -> list[Household]:
    adults = [m for m in present if m.role != "child"]
    if len(adults) != 2:
        return []
    leaving = adults[1] if rng.random() < 0.7 else adults[0]
    need = min(1.0, household.need + rng.uniform(0.0, 0.15))
    new = _derived_household(world, rng, household, day, "separation", need)
    _end_membership(household, leaving.person, day)
    new.members.append(Membership(leaving.person, "head", day))
    for member in household.members_on(day):
        if member.role == "partner":
            member.role = "head"
    return [new]


def _leave_home(
    world: World, rng: random.Random, household: Household, population: Population, day: int,
    child: Person,
) -> Household:
    need = min(1.0, max(0.0, 0.55 * household.need + 0.45 * rng.betavariate(2, 2.4)))
    new = _derived_household(world, rng, household, day, "leaving_home", need)
    _end_membership(household, child, day)
    new.members.append(Membership(child, "head", day))
    child.need = need
    _employ(child, day, rng)
    parents = [m.person for m in household.members_on(day) if m.role != "child"]
    population.links += [ParentLink(p, child, household.hid, new.hid, day) for p in parents]
    return new
