"""Income and poverty trajectories with generational transmission at known rates (issue 20).

A gemeente knows a person as in poverty in a year when it pays the household income support
(Participatiewet), bijzondere bijstand or a minimaregeling under its own threshold of the social
minimum (`THRESHOLDS`), or runs debt counselling for it (docs/poverty.md). Its records go back
to `HISTORY_START`, before the programme start, so four years in a row and growing up at 12-17
can be read inside the window. The model, year by year (ages are `year - birth year`):

- a household's status is a chain driven by its need: it enters, exits (`exit_rate`) and, in
  the `RELAPSE_YEARS` after an exit, re-enters at `RELAPSE` (a relapse);
- a young adult (18-27) has a status of their own (a Participatiewet claim of their own, also
  when living at home), drawn at `YOUNG_BASE`, times `RATE_RATIO` when they grew up in poverty
  (in poverty in an observed year at 12-17); it persists with `YOUNG_STAY` and keeps that
  rate in every year, so the rate ratio among young adults is `RATE_RATIO` by construction;
- everyone else has the status of the household they live in; a household headed by a young
  adult has the head's.

Before the programme start (2015-2022) the households living in the region on its first day
are taken to have existed with the same members (those born by then); a head or partner who
was under 18 then lived with parents the region does not know: their status in those years
is that of their parents' household (a chain of its own), recorded under the household they
live in now (which had no address yet: those rows count for the person's history only).
Pure: no Django. The only randomness is the chunk's own generator.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from doorbraak.synth.days import ordinal
from doorbraak.synth.population import Household, Person, Population
from doorbraak.synth.region import Address
from doorbraak.synth.world import World

HISTORY_START = 2015
RATE_RATIO = 2.0  # poverty rate of young adults who grew up in poverty / of those who did not
YOUNG_BASE = 0.12  # poverty rate of young adults who did not grow up in poverty
YOUNG_STAY = 0.6  # a young adult in poverty this year is so next year with this chance
GREW_UP_AGES = (12, 17)
YOUNG_AGES = (18, 27)
RELAPSE_YEARS = 2
RELAPSE = 0.35  # entry chance in the years right after an exit
DEFINITION = "gemeentelijke minimagrens 2026-1"
# The gemeente's own income threshold for its minimaregelingen, % of the social minimum: a
# setting of each gemeente (the synthetic ones differ, as real ones do).
THRESHOLDS = {
    "GM0047": 120, "GM0765": 120, "GM0037": 125, "GM1950": 120, "GM1952": 130,
    "GM1895": 120, "GM0114": 125, "GM1681": 120, "GM1680": 110, "GM0109": 115,
}  # fmt: skip
DEFAULT_THRESHOLD = 120
BASES = (("bijstand", 0.5), ("minimaregeling", 0.25), ("bijzondere_bijstand", 0.1),
         ("schuldhulp", 0.15))  # fmt: skip


def stationary(need: float) -> float:
    """The long-run share of years in poverty of a household with this need."""
    return min(0.95, max(0.02, (need - 0.25) * 1.6))


def exit_rate(need: float) -> float:
    return 0.32 - 0.22 * need


def entry_rate(need: float) -> float:
    share = stationary(need)
    return min(0.9, share * exit_rate(need) / (1 - share))


@dataclass(slots=True)
class Stay:
    """A person in a household for (part of) a year: [start, end) as day ordinals."""

    person: Person
    household: Household
    chain: str  # whose status chain: the household's key, or `<person>-ouders`
    need: float
    head: Person | None  # the household's head that year (None: unknown parents)
    address: Address  # where the gemeente has the person that year
    start: int
    end: int


@dataclass(slots=True)
class StatusYear:
    """One fact row: a person in poverty in (part of) a year, by the gemeente's reading."""

    rid: int  # the gemeente's record: one per spell (`world.STRIDES["income"]`)
    person: Person
    household: Household
    address: Address
    year: int
    start: int
    end: int
    basis: str
    income_pct: float
    threshold: int

    @property
    def gemeente(self) -> str:
        return self.address.gemeente


@dataclass
class PovertyHistory:
    rows: list[StatusYear] = field(default_factory=list)  # a spell's rows share their `rid`
    events: list[tuple[str, int, str]] = field(default_factory=list)  # person, year, event
    grew_up: set[int] = field(default_factory=set)  # pids who grew up in poverty (observed)


def _age(person: Person, year: int) -> int:
    return year - date.fromordinal(person.birth).year


def _from(person: Person, day: int) -> int:
    """A newborn counts from the first of the next month, as a benefit adds a child: a record
    never starts on a birth date (which must not leave a partner)."""
    if day != person.birth:
        return day
    born = date.fromordinal(day)
    first = date(born.year + born.month // 12, born.month % 12 + 1, 1)
    return ordinal(first)


def _address(household: Household, day: int) -> Address:
    return household.residence_on(day).address


def _stays_after_start(household: Household, year: int, world: World) -> Iterator[Stay]:
    low, high = ordinal(date(year, 1, 1)), ordinal(date(year + 1, 1, 1))
    middle = ordinal(date(year, 7, 1))
    head = household.head_on(max(low, household.formed))
    for member in household.members:
        start = _from(member.person, max(member.start, low))
        end = min(member.end if member.end is not None else high, high)
        if start < end and start < world.end_day:
            address = _address(household, min(max(start, middle), end - 1))
            yield Stay(
                member.person, household, household.key, household.need, head, address,
                start, end,
            )  # fmt: skip


def _stays_before_start(household: Household, year: int, world: World) -> Iterator[Stay]:
    """Members of a household living in the region on the first day, in a year before it."""
    if household.reason != "initial":
        return
    low, high = ordinal(date(year, 1, 1)), ordinal(date(year + 1, 1, 1))
    initial = [m for m in household.members if m.start == world.start_day]
    head = household.head_on(world.start_day)
    address = _address(household, world.start_day)
    for member in initial:
        person = member.person
        start = _from(person, max(low, person.birth))
        if start >= high:
            continue  # not born yet
        if _age(head, year) < YOUNG_AGES[0] and person is not head and member.role == "child":
            continue  # the household did not exist yet; these children are not followed
        if _age(person, year) < YOUNG_AGES[0] and member.role != "child":
            parents = f"{person.key}-ouders"
            yield Stay(person, household, parents, person.need, None, address, start, high)
            continue
        yield Stay(person, household, household.key, household.need, head, address, start, high)


class _Trajectories:
    def __init__(self, world: World, rng: random.Random) -> None:
        self.world, self.rng = world, rng
        self.household_in: dict[str, bool] = {}
        self.household_exit: dict[str, int] = {}
        self.young_in: dict[int, bool] = {}
        self.person_last: dict[int, tuple[int, bool]] = {}  # pid -> (year, in poverty)
        self.person_exit: dict[int, int] = {}
        self.history = PovertyHistory()
        self.spells: dict[int, tuple[Household, StatusYear]] = {}  # pid -> latest row

    def household_step(self, key: str, need: float, year: int) -> bool:
        rng = self.rng
        if key not in self.household_in:
            state = rng.random() < stationary(need)
        elif self.household_in[key]:
            state = rng.random() >= exit_rate(need)
            if not state:
                self.household_exit[key] = year
        else:
            recent = year - self.household_exit.get(key, -99) <= RELAPSE_YEARS
            state = rng.random() < (max(RELAPSE, entry_rate(need)) if recent else entry_rate(need))
        self.household_in[key] = state
        return state

    def young_step(self, person: Person) -> bool:
        rate = YOUNG_BASE * (RATE_RATIO if person.pid in self.history.grew_up else 1.0)
        before = self.young_in.get(person.pid)
        if before is None:
            state = self.rng.random() < rate
        elif before:
            state = self.rng.random() < YOUNG_STAY
        else:
            state = self.rng.random() < rate * (1 - YOUNG_STAY) / (1 - rate)
        self.young_in[person.pid] = state
        return state

    def year(self, year: int, stays: list[Stay]) -> None:
        young: dict[int, bool] = {}
        for stay in stays:
            person = stay.person
            if person.pid not in young and YOUNG_AGES[0] <= _age(person, year) <= YOUNG_AGES[1]:
                young[person.pid] = self.young_step(person)
        chains: dict[str, bool] = {}
        for stay in stays:
            if stay.chain in chains:
                continue
            head = stay.head
            if head is not None and head.pid in young:
                chains[stay.chain] = young[head.pid]
            else:
                chains[stay.chain] = self.household_step(stay.chain, stay.need, year)
        persons: dict[int, tuple[Person, bool]] = {}
        for stay in stays:
            person = stay.person
            status = young.get(person.pid, chains[stay.chain])
            if status:
                self.history.rows.append(self.row(stay, year))
            persons[person.pid] = (person, status or persons.get(person.pid, (person, False))[1])
        for person, status in persons.values():
            self.record(person, year, status)

    def record(self, person: Person, year: int, status: bool) -> None:
        """The person's year (in poverty in any household that year): an entry, exit or
        relapse against the year before, and growing up in poverty."""
        history = self.history
        if status and GREW_UP_AGES[0] <= _age(person, year) <= GREW_UP_AGES[1]:
            history.grew_up.add(person.pid)
        last = self.person_last.get(person.pid)
        if last is not None and last[0] == year - 1 and last[1] != status:
            if status:
                relapse = year - self.person_exit.get(person.pid, -99) <= RELAPSE_YEARS
                history.events.append((person.key, year, "relapse" if relapse else "entry"))
            else:
                self.person_exit[person.pid] = year
                history.events.append((person.key, year, "exit"))
        self.person_last[person.pid] = (year, status)

    def row(self, stay: Stay, year: int) -> StatusYear:
        """The year's row; a person in poverty in the same household the year before continues
        that spell: the same record, basis and income (one gemeente decision)."""
        person, household = stay.person, stay.household
        before = self.spells.get(person.pid)
        if before is not None and before[0] is household and before[1].year == year - 1:
            last = before[1]
            found = StatusYear(
                last.rid, person, household, last.address, year, stay.start, stay.end,
                last.basis, last.income_pct, last.threshold,
            )  # fmt: skip
        else:
            found = self.new_spell(stay, year)
        self.spells[person.pid] = (household, found)
        return found

    def new_spell(self, stay: Stay, year: int) -> StatusYear:
        rng = self.rng
        threshold = THRESHOLDS.get(stay.address.gemeente, DEFAULT_THRESHOLD)
        draw, basis = rng.random(), BASES[-1][0]
        for name, weight in BASES:
            if draw < weight:
                basis = name
                break
            draw -= weight
        income = 100.0 if basis == "bijstand" else rng.uniform(92, threshold)
        if basis == "schuldhulp":
            income = rng.uniform(92, threshold + 30)
        return StatusYear(
            self.world.counters.next("income"), stay.person, stay.household, stay.address, year,
            stay.start, stay.end, basis, round(income, 1), threshold,
        )  # fmt: skip


def poverty_history(world: World, rng: random.Random, population: Population) -> PovertyHistory:
    """Every person's years in poverty from `HISTORY_START` to the as-of year, the entries,
    exits and relapses, and who grew up in poverty."""
    trajectories = _Trajectories(world, rng)
    start_year = date.fromordinal(world.start_day).year
    for year in range(HISTORY_START, world.as_of.year + 1):
        stays: list[Stay] = []
        for household in population.households:
            if year < start_year:
                stays.extend(_stays_before_start(household, year, world))
            else:
                stays.extend(_stays_after_start(household, year, world))
        trajectories.year(year, stays)
    return trajectories.history
