"""The BRP extract of the synthetic region (`synth.brp`): registrations from the true
households, late registration and people registered where they do not live, and a gemeente
that does not deliver it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from doorbraak.synth import brp
from doorbraak.synth.population import Household, Membership, Person, Residence
from doorbraak.synth.region import Address
from tests.synth.conftest import mappings, table

START, END = date(2023, 1, 1).toordinal(), date(2026, 6, 30).toordinal()


def _person(pid: int, born: date) -> Person:
    return Person(pid, "V", born.toordinal(), "Anna", "", "Bos", "", 0.5)


def _address(number: int) -> Address:
    return Address(number, 0, "GM0047", "Dorpsstraat", number, "", "9641AA", "Veendam")


def _household(hid: int, formed: int, reason: str = "initial", parent: int | None = None):
    household = Household(hid, 0.5, formed, reason, parent)
    household.residences.append(Residence(_address(hid), formed))
    return household


def _seed_where(wanted, key) -> int:
    return next(seed for seed in range(10_000) if wanted(key(seed)))


def test_a_move_registered_late_moves_both_ends_by_the_same_days() -> None:
    home = _household(1, START)
    mum = _person(1, date(1980, 5, 17))
    home.members.append(Membership(mum, "head", START))
    move = date(2024, 3, 1).toordinal()
    home.residences[0].end = move
    home.residences.append(Residence(_address(2), move))
    seed = _seed_where(lambda days: days > 0, lambda s: brp.late_by(s, home.hid, move))
    rows = list(brp.Registrations(seed, START, END).of([home]))
    late = brp.late_by(seed, home.hid, move)
    assert [(r.start, r.end) for r in rows] == [(START, move + late), (move + late, None)]
    assert {r.fault for r in rows} == {"brp_late_registration"}
    assert rows[1].true_start == move


@pytest.mark.parametrize(("reason", "role"), [("leaving_home", "child"), ("separation", "partner")])
def test_who_stays_registered_where_they_left_is_not_registered_at_the_own_address(
    reason: str, role: str
) -> None:
    """A student at the parents' address; a partner at the former address after a
    separation."""
    home = _household(1, START)
    mum, son = _person(1, date(1970, 1, 2)), _person(2, date(2004, 8, 9))
    left = date(2024, 9, 1).toordinal()
    home.members += [Membership(mum, "head", START), Membership(son, role, START, left)]
    own = _household(2, left, reason, parent=1)
    own.members.append(Membership(son, "head", left))
    seed = _seed_where(lambda stays: stays, lambda s: brp.stays_registered(s, own))
    rows = list(brp.Registrations(seed, START, END).of([home, own]))
    sons = [r for r in rows if r.person is son]
    assert [(r.household.hid, r.start, r.end, r.fault) for r in sons] == [
        (1, START, None, "brp_registered_elsewhere")
    ]
    assert sons[0].true_end == left


def test_a_birth_is_registered_from_the_first_of_the_month_never_the_birth_date() -> None:
    home = _household(1, START)
    baby_day = date(2024, 4, 17).toordinal()
    home.members.append(Membership(_person(3, date(2024, 4, 17)), "child", baby_day))
    rows = list(brp.Registrations(1, START, END).of([home]))
    assert [r.start for r in rows] == [date(2024, 4, 1).toordinal()]


def test_the_region_writes_the_extract_where_the_gemeente_delivers_it(small_run: Path) -> None:
    partners = mappings(small_run)["partners"]
    kinds = {
        code: {d["kind"] for d in spec["datasets"].values()} for code, spec in partners.items()
    }
    assert "brp" not in kinds["gemeente-pekela"]  # brp: false in the partner list
    delivering = [code for code in kinds if code.startswith("gemeente-") and "brp" in kinds[code]]
    assert len(delivering) == 9
    faults = Counter(f["kind"] for f in table(small_run, "truth/faults.csv"))
    rows = sum(1 for r in table(small_run, "truth/records.csv") if r["dataset"] == "brp")
    assert 0.01 < faults["brp_late_registration"] / rows < 0.1
    assert faults["brp_registered_elsewhere"] > 0
