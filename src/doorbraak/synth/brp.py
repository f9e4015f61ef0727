"""The BRP extract: who is registered at which address, with which role, from when to when.

Every gemeente that delivers it (`Roles.brp`: the partner list's `source_format.brp`, true
unless set to false) sends the registrations at its addresses as dataset kind `brp`, in its own
export dialect, through pseudonymise and intake like every other file. A registration is a
person's membership of a true household cut by the household's residences: the person, the
address, the role (head, partner, child), registered from and to.

The BRP's own realities, at rates recorded in `truth/faults.csv`:
- `brp_late_registration`: a move (the household's, a partner joining, a young adult leaving
  home, a separation) is registered `LATE_DAYS` after it happened, in `LATE_RATE` of moves;
  the registration at the old address ends on the same late day. Births and deaths are
  registered on the day.
- `brp_registered_elsewhere`: a young adult who left home stays registered at the parents'
  household, or a partner who left after a separation at the former address
  (`ELSEWHERE_RATE`), and is not registered at the own address at all.

No date of birth leaves in it: a registration that begins with a birth says the first day of
the birth month (the month is what the register may know). History before the programme: the
world starts on 1 January 2023 and knows no earlier addresses, so everyone living in the
region then is registered from that day (a child's childhood in the household is its birth
year and that membership); a date before 2023 would also be a date of birth for many.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from doorbraak.synth.faults import unit
from doorbraak.synth.population import Household, Membership, Person
from doorbraak.synth.region import Address

LATE_RATE = 0.08  # of moves registered late
LATE_DAYS = (7, 120)  # how late: uniform in days
# of those who leave a household, the share that stays registered there: young adults
# leaving home (a student at the parents' address), partners after a separation
ELSEWHERE_RATE = {"leaving_home": 0.08, "separation": 0.05}
SALT = 0xB2B


@dataclass(frozen=True)
class Registration:
    """One row of the extract, and how it differs from the truth."""

    person: Person
    household: Household  # the true household
    address: Address
    role: str
    start: int
    end: int | None  # exclusive; None: still registered on the as-of day
    true_start: int
    true_end: int | None
    fault: str  # "", "brp_late_registration" or "brp_registered_elsewhere"


def late_by(seed: int, key: int, day: int) -> int:
    """Days a move on `day` (of household or person `key`) was registered late; 0 mostly."""
    if unit(SALT + seed, key, day) >= LATE_RATE:
        return 0
    low, high = LATE_DAYS
    return low + int(unit(SALT + seed, key, day + 7919) * (high - low + 1))


def stays_registered(seed: int, household: Household) -> bool:
    """Whether the person who formed `household` by leaving another (a young adult leaving
    home, a partner after a separation) stays registered at the household they left."""
    rate = ELSEWHERE_RATE.get(household.reason, 0.0)
    if household.parent_hid is None or not rate:
        return False
    return unit(SALT + seed, household.members[0].person.pid, 21) < rate


class Registrations:
    """The registrations of one chunk's households (all of them, known to the world)."""

    def __init__(self, seed: int, start_day: int, end_day: int) -> None:
        self.seed, self.start_day, self.end_day = seed, start_day, end_day

    def of(self, households: list[Household]) -> Iterator[Registration]:
        away: dict[int, list[Household]] = {}
        for household in households:
            if stays_registered(self.seed, household):
                away.setdefault(household.members[0].person.pid, []).append(household)
        for household in households:
            for member in household.members:
                left = away.get(member.person.pid, [])
                if any(h is household for h in left):
                    continue  # registered at the address they left instead
                stays = any(h.parent_hid == household.hid for h in left)
                yield from self._rows(household, member, stays)

    def _rows(
        self, household: Household, member: Membership, stays: bool
    ) -> Iterator[Registration]:
        end = None if stays else member.end
        for residence in household.residences:
            start = max(member.start, residence.start)
            stop = _least(end, residence.end)
            if stop is not None and stop <= start:
                continue
            true_start, true_end = start, stop
            if stays and member.end is not None and (stop is None or stop > member.end):
                true_end = member.end  # where the truth has them leave
            if start == member.person.birth:  # a birth: never the date of birth itself
                start = true_start = _month_start(start)
            start = start + self._delay(household, member, start, residence.start)
            if stop is not None:
                stop += self._delay(household, member, stop, residence.end)
            if stop is not None and stop >= self.end_day:
                stop = None
            if start >= self.end_day or (stop is not None and stop <= start):
                continue
            fault = "brp_registered_elsewhere" if true_end != _least(end, residence.end) else ""
            if not fault and (start, stop) != (true_start, true_end):
                fault = "brp_late_registration"
            yield Registration(
                member.person, household, residence.address, member.role, start, stop,
                true_start, true_end, fault,
            )  # fmt: skip

    def _delay(self, household: Household, member: Membership, day: int, move: int | None) -> int:
        """How late the change on `day` was registered: a move of the household (a later
        residence starts that day) or the person's own move in or out (not a birth, a death,
        or the programme's start)."""
        if move == day and any(r.start == day for r in household.residences[1:]):
            return late_by(self.seed, household.hid, day)
        person = member.person
        if day in (person.birth, person.died, self.start_day):
            return 0
        if day in (member.start, member.end):
            return late_by(self.seed, person.pid, day)
        return 0


def _month_start(day: int) -> int:
    found = date.fromordinal(day)
    return found.replace(day=1).toordinal()


def _least(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)
