"""The generated data has what the monitor and the effect evaluation need."""

from collections import defaultdict
from pathlib import Path

from .conftest import table


def test_children_leave_home_and_head_a_household_of_their_own(model_run: Path) -> None:
    memberships = table(model_run, "truth/memberships.csv")
    roles = defaultdict(set)
    for row in memberships:
        roles[row["person_id"]].add((row["role"], row["household_id"]))
    grown_up = [
        person
        for person, held in roles.items()
        if {r for r, _ in held} >= {"child", "head"} and len({h for _, h in held}) > 1
    ]
    links = table(model_run, "truth/parent_child.csv")
    linked = {row["child_person_id"] for row in links if row["child_household_id"]}
    assert len(grown_up) > 50
    assert set(grown_up) & linked
    households = {row["household_id"]: row for row in table(model_run, "truth/households.csv")}
    for row in links[:100]:
        child_household = households[row["child_household_id"]]
        assert child_household["formation_reason"] == "leaving_home"
        assert child_household["parent_household_id"] == row["parent_household_id"]


def test_contact_persons_change_with_staff_turnover(model_run: Path) -> None:
    contacts = defaultdict(list)
    for row in table(model_run, "truth/facts/contact_assignments.csv"):
        contacts[row["plan_id"]].append(row["contact_person_id"])
    changed = [plan for plan, people in contacts.items() if len(set(people)) > 1]
    assert len(changed) > 0.2 * len(contacts)
    assert all(len(people) == 1 or people[0] != people[1] for people in contacts.values())


def test_signals_come_from_each_partner_type(model_run: Path) -> None:
    signals = table(model_run, "truth/facts/signals.csv")
    kinds = defaultdict(set)
    for row in signals:
        kinds[row["source_kind"]].add(row["source_partner"])
    assert set(kinds) == {"huur", "energie", "water", "zorgverzekering", "school"}
    assert "noorderlicht-energie" in kinds["energie"]
    assert "" in kinds["energie"]
    assert kinds["water"] == {"waterbedrijf-veenstroom"}
    assert "zorgverzekeraar-noordkroon" in kinds["zorgverzekering"]
    assert len(kinds["huur"] - {""}) == 5
    assert kinds["school"] == {
        "openbaar-onderwijs-kanaalstreek",
        "scholengemeenschap-veendal",
        "roc-veenstreek",
    }
    for folder in (
        "woonstichting-veenhorst",
        "noorderlicht-energie",
        "waterbedrijf-veenstroom",
        "zorgverzekeraar-noordkroon",
        "roc-veenstreek",
    ):
        assert any((model_run / "exports" / folder).iterdir())


def test_about_one_in_five_signalled_residents_is_reached(model_run: Path) -> None:
    signals = [row for row in table(model_run, "truth/facts/signals.csv") if row["end_result"]]
    reached = sum(bool(row["reached_date"]) for row in signals)
    assert 0.15 < reached / len(signals) < 0.3
    results = {row["end_result"] for row in signals}
    assert results == {
        "niet_opgepakt",
        "al_bekend_schuldhulp",
        "geen_contact",
        "wil_geen_hulp",
        "betaald_regeling",
        "advies",
        "vervolghulp",
    }


def test_a_naive_comparison_differs_from_the_true_effect(model_run: Path) -> None:
    """Needier people are enrolled more often, so treated-vs-untreated understates the effect."""
    persons = {row["person_id"]: row for row in table(model_run, "truth/persons.csv")}
    treated = {
        row["person_id"]
        for row in table(model_run, "truth/facts/enrolments.csv")
        if row["intervention_code"] == "werkfit-traject"
    }
    working = {
        row["person_id"]
        for row in table(model_run, "truth/facts/outcomes.csv")
        if row["outcome"] == "passend_werk" and row["value"] == "1"
    }
    eligible = {
        pid
        for pid, row in persons.items()
        if row["employed_initially"] == "0" and 1960 <= int(row["birth_date"][:4]) <= 2006
    }
    with_work = len(eligible & treated & working) / len(eligible & treated)
    without = len((eligible - treated) & working) / len(eligible - treated)
    naive = with_work - without
    effects = table(model_run, "truth/effects.csv")
    true = next(
        float(row["mean_applied_effect"])
        for row in effects
        if row["intervention"] == "werkfit-traject" and row["target"] == "outcome:passend_werk"
    )
    assert true > 0.1
    assert naive < true - 0.05


def test_true_effects_differ_per_intervention(model_run: Path) -> None:
    effects = table(model_run, "truth/effects.csv")
    assert {row["intervention"] for row in effects} == {
        "budgetcoaching",
        "opvoedondersteuning",
        "werkfit-traject",
        "maatjesproject",
        "huiswerkbegeleiding",
        "sterk-in-je-vel",
    }
    assert len({row["true_effect"] for row in effects}) > 5
    assert all(int(row["n_units"]) > 0 for row in effects)


def test_assessments_are_noisy_readings_of_the_latent_capitals(model_run: Path) -> None:
    levels = table(model_run, "truth/facts/assessments.csv")
    latent = {row["assessment_id"]: row for row in table(model_run, "truth/assessment_latent.csv")}
    differences = [
        int(row["level"]) - float(latent[row["assessment_id"]][row["capital"]])
        for row in levels[:5_000]
        if 1.5 < float(latent[row["assessment_id"]][row["capital"]]) < 4.5
    ]
    spread = (sum(d * d for d in differences) / len(differences)) ** 0.5
    assert 0.4 < spread < 0.9
    assert {row["instrument_version"] for row in levels} == {"1.0", "1.1"}


def test_facts_carry_no_names_or_bsns(model_run: Path) -> None:
    bsns = {row["bsn"] for row in table(model_run, "truth/persons.csv")[:2_000]}
    for path in (model_run / "truth" / "facts").glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        assert not any(bsn in text for bsn in list(bsns)[:300]), path.name
        assert "Jansen" not in text
