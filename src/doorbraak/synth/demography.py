"""How households form, change and dissolve between their formation and the as-of day.

Births, partners joining, separations, deaths, moves between buurten, and children leaving home
at 18-25 to form a household of their own (the generational link: their need follows their
parents'). Households a chunk spawns are simulated in the same chunk, so chunks never depend on
each other.
"""

from __future__ import annotations

import random
from collections import deque

from doorbraak.synth.population import (
    YEAR,
    Household,
    Membership,
    ParentLink,
    Person,
    Population,
    Residence,
    add_partner,
    employ,
    new_household,
    new_person,
)
from doorbraak.synth.world import World


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
    world: World,
    rng: random.Random,
    household: Household,
    population: Population,
    day: int,
    kind: str,
    person: Person | None,
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
        add_partner(world, rng, household, household.head_on(day), day)
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
    world: World,
    rng: random.Random,
    household: Household,
    present: list[Membership],
    day: int,
    mother: Person,
) -> None:
    if len(present) >= 9 or (day - mother.birth) / YEAR > 44:
        return
    father = next((m.person for m in present if m.role != "child" and m.person.sex == "M"), None)
    name_giver = father or mother
    child = new_person(
        world,
        rng,
        birth=day,
        need=household.need,
        surname=(name_giver.prefix, name_giver.surname),
    )
    household.members.append(Membership(child, "child", day))


def _derived_household(
    world: World, rng: random.Random, parent: Household, day: int, reason: str, need: float
) -> Household:
    gemeente = parent.residences[-1].address.gemeente
    buurt = world.area.pick_buurt(rng, gemeente if rng.random() < 0.7 else None)
    return new_household(
        world,
        rng,
        need=need,
        formed=day,
        reason=reason,
        parent_hid=parent.hid,
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
    world: World,
    rng: random.Random,
    household: Household,
    population: Population,
    day: int,
    child: Person,
) -> Household:
    need = min(1.0, max(0.0, 0.55 * household.need + 0.45 * rng.betavariate(2, 2.4)))
    new = _derived_household(world, rng, household, day, "leaving_home", need)
    _end_membership(household, child, day)
    new.members.append(Membership(child, "head", day))
    child.need = need
    employ(child, day, rng)
    parents = [m.person for m in household.members_on(day) if m.role != "child"]
    population.links += [ParentLink(p, child, household.hid, new.hid, day) for p in parents]
    return new
