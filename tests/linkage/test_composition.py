"""The composition rule on hand-made BRP registrations (ADR 0019, `linkage.composition`), and
which household another partner's record goes to (`linkage.facts.brp_composition`)."""

import datetime as dt

from doorbraak.linkage.composition import Registration, compose
from doorbraak.linkage.facts import Linked, assignments_follow_their_plan, brp_composition
from doorbraak.register.services import Provenance

D = dt.date


def _family() -> list[Registration]:
    """Mum and dad at A with a child; the child leaves home for K in March 2023; the parents
    move to B in May 2024; dad leaves for C in 2025 (a separation); a new partner joins mum."""
    return [
        Registration("mum", "A", D(2023, 1, 1), D(2024, 5, 1), "head"),
        Registration("dad", "A", D(2023, 1, 1), D(2024, 5, 1), "partner"),
        Registration("kid", "A", D(2023, 1, 1), D(2023, 3, 1), "child"),
        Registration("kid", "K", D(2023, 3, 1), None, "head"),
        Registration("mum", "B", D(2024, 5, 1), None, "head"),
        Registration("dad", "B", D(2024, 5, 1), D(2025, 1, 1), "partner"),
        Registration("dad", "C", D(2025, 1, 1), None, "head"),
        Registration("new", "B", D(2025, 6, 1), None, "partner"),
    ]


def test_a_household_that_moves_stays_one_and_leavers_start_their_own() -> None:
    found = compose(_family())
    home = found.household_on("mum", D(2023, 6, 1))
    assert found.household_on("mum", D(2025, 7, 1)) == home  # moved from A to B together
    assert found.household_on("dad", D(2024, 6, 1)) == home
    assert found.household_on("new", D(2025, 7, 1)) == home  # joined where mum lives
    assert found.household_on("kid", D(2023, 2, 1)) == home
    assert found.household_on("kid", D(2023, 4, 1)) not in (home, None)  # left home
    assert found.household_on("dad", D(2025, 2, 1)) not in (home, None)  # separated
    assert len(found.households) == 3
    spans = {(p, s.start, s.end) for p, s in found.memberships if s.household == home}
    # memberships with the BRP's dates, joined across the move
    assert spans == {
        ("mum", D(2023, 1, 1), None),
        ("dad", D(2023, 1, 1), D(2025, 1, 1)),
        ("kid", D(2023, 1, 1), D(2023, 3, 1)),
        ("new", D(2025, 6, 1), None),
    }
    addresses = sorted((a, s.start, s.end) for a, s in found.residences if s.household == home)
    assert addresses == [("A", D(2023, 1, 1), D(2024, 5, 1)), ("B", D(2024, 5, 1), None)]


def test_a_later_household_at_the_same_address_is_another_household() -> None:
    found = compose(
        [
            Registration("old", "A", D(2023, 1, 1), D(2023, 6, 1)),
            Registration("old", "Z", D(2023, 6, 1), None),
            Registration("next", "A", D(2023, 9, 1), None),
        ]
    )
    assert found.household_on("old", D(2024, 1, 1)) == found.household_on("old", D(2023, 2, 1))
    assert found.household_on("next", D(2024, 1, 1)) != found.household_on("old", D(2023, 2, 1))


def _record(person: str, household: str, day: str, kind: str = "outreach", **values) -> Linked:
    values = {"signal_date": day, **values}
    return Linked(0, "gemeente-x", kind, values, (person, household), Provenance(origin="test"))


def _brp(person: str, address: str, start: str, end: str = "", role: str = "head") -> Linked:
    values = {
        "address_pseudonym": address, "registered_from": start, "registered_to": end,
        "role": role, "buurt_code": "BU00470000",
    }  # fmt: skip
    return Linked(0, "gemeente-x", "brp", values, (person, "HH-linked-" + person), Provenance())


def test_a_record_goes_to_the_household_its_person_is_registered_in() -> None:
    signal = _record("kid", "HH-linked-kid", "2024-02-01")
    brp_composition(
        [
            _brp("mum", "A", "2023-01-01"),
            _brp("kid", "A", "2023-01-01", role="child"),  # a student still registered home
            signal,
        ]
    )
    assert signal.household != "HH-linked-kid"
    assert signal.household == brp_composition([_brp("mum", "A", "2023-01-01")]).household_on(
        "mum", dt.date(2024, 2, 1)
    )


def test_late_registration_keeps_the_old_household_until_the_brp_says_otherwise() -> None:
    """The kid moved out on 1 March but was registered at K only on 1 June: a signal in April
    still belongs to the parents' household; membership starts on the BRP's date."""
    april, july = _record("kid", "HH-x", "2023-04-15"), _record("kid", "HH-x", "2023-07-01")
    composition = brp_composition(
        [
            _brp("mum", "A", "2023-01-01"),
            _brp("kid", "A", "2023-01-01", "2023-06-01", role="child"),
            _brp("kid", "K", "2023-06-01"),
            april,
            july,
        ]
    )
    parents = composition.household_on("mum", dt.date(2023, 4, 15))
    assert april.household == parents
    assert july.household not in (parents, "HH-x")
    own = [s for p, s in composition.memberships if p == "kid" and s.household == july.household]
    assert [s.start for s in own] == [dt.date(2023, 6, 1)]


def test_without_a_registration_the_household_of_linkage_stays() -> None:
    """A gemeente without a BRP extract (or a person who moved there): records keep the
    household that linkage made; after a registration ends, too."""
    elsewhere = _record("pekela", "HH-linked", "2024-03-01")
    moved = _record("mover", "HH-moved", "2024-03-01")
    before = _record("mover", "HH-moved", "2023-06-01")
    brp_composition([_brp("mover", "A", "2023-01-01", "2024-01-01"), elsewhere, moved, before])
    assert elsewhere.household == "HH-linked"
    assert moved.household == "HH-moved"
    assert before.household != "HH-moved"


def test_a_contact_assignment_stays_with_its_plans_household() -> None:
    """Dad applied for the plan in 2023; he left after a separation in 2024, before the plan's
    second contact person was assigned: the assignment is the plan's, in mum's household,
    though dad is registered in his own by then (seed 23 had two such assignments per 1,500
    households, which put W2 1-2 points low and P5 one or two households high)."""
    plan = _record("dad", "HH-x", "", "plan_goal", plan_start="2023-06-01", record_id="PL1")
    first, second, other = (
        _record("dad", "HH-x", "", "contact_assignment", assign_start=day, plan_id=plan_id)
        for day, plan_id in (("2023-06-01", "PL1"), ("2024-09-01", "PL1"), ("2024-09-01", "PL2"))
    )
    records = [
        _brp("mum", "A", "2023-01-01"),
        _brp("dad", "A", "2023-01-01", "2024-03-01", role="partner"),
        _brp("dad", "C", "2024-03-01"),
        plan, first, second, other,
    ]  # fmt: skip
    composition = brp_composition(records)
    home = composition.household_on("mum", dt.date(2023, 6, 1))
    assert second.household not in (home, None)  # where dad is registered on its date
    assert assignments_follow_their_plan(records) == 1
    assert plan.household == first.household == second.household == home
    assert other.household == composition.household_on("dad", dt.date(2024, 9, 1))  # no such plan
