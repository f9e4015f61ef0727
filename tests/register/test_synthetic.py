"""The synthetic adapter: the synthetic region's clean facts into the register, through the
one write path."""

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from doorbraak.core.errors import UserError
from doorbraak.register import models as r
from doorbraak.register.synthetic import synthetic_facts_load
from tests.conftest import TEST_KEY


def _lines(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.mark.parametrize(
    ("table", "model"),
    [
        ("persons", r.Person),
        ("households", r.Household),
        ("memberships", r.Membership),
        ("residences", r.Residence),
        ("signals", r.Signal),
        ("plans", r.SupportPlan),
        ("plan_goals", r.PlanGoal),
        ("contact_assignments", r.ContactAssignment),
        ("enrolments", r.Enrolment),
        ("assessments", r.CapitalAssessment),
        ("outcomes", r.Outcome),
    ],
)
def test_every_fact_row_is_in_the_register(
    demo_world: None, synth_dir: Path, table: str, model: type
) -> None:
    assert model.objects.count() == _lines(synth_dir / "truth" / "facts" / f"{table}.csv")  # type: ignore[attr-defined]


def test_loading_the_same_files_again_changes_nothing(demo_world: None, synth_dir: Path) -> None:
    before = (r.FactBatch.objects.count(), r.Signal.objects.count(), r.Person.objects.count())
    result = synthetic_facts_load(
        facts_dir=synth_dir / "truth" / "facts", key=TEST_KEY, as_of=dt.date(2026, 6, 30)
    )
    assert not result.created
    assert (
        r.FactBatch.objects.count(),
        r.Signal.objects.count(),
        r.Person.objects.count(),
    ) == before


def test_a_failing_load_leaves_nothing_behind(
    demo_world: None, synth_dir: Path, tmp_path: Path
) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(synth_dir / "truth" / "facts", facts)
    with (facts / "outcomes.csv").open("a", encoding="utf-8") as handle:
        handle.write("O99999999,P99999999,H99999999,zelfvertrouwen,2026-01-01,1,,\n")
    before = {m: m.objects.count() for m in (r.FactBatch, r.Person, r.Signal, r.Outcome)}
    with pytest.raises(UserError) as error:
        synthetic_facts_load(facts_dir=facts, key=TEST_KEY, as_of=dt.date(2026, 6, 30))
    assert {m: m.objects.count() for m in before} == before
    assert "uitkomst" in error.value.message
    assert "'persoon' verwijst naar" in error.value.message
    assert "er is niets opgeslagen" in error.value.message


def test_missing_files_get_a_dutch_error(db: None, tmp_path: Path) -> None:
    with pytest.raises(UserError) as error:
        synthetic_facts_load(facts_dir=tmp_path, key=TEST_KEY, as_of=dt.date(2026, 6, 30))
    assert "ontbreken de bestanden" in error.value.message


def test_the_register_holds_no_source_ids_names_or_bsns(demo_world: None, synth_dir: Path) -> None:
    truth = synth_dir / "truth" / "persons.csv"
    with truth.open(encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))[:200]
    pseudonyms = set(r.Person.objects.values_list("pseudonym", flat=True))
    for person in people:
        assert person["person_id"] not in pseudonyms
        assert person["bsn"] not in pseudonyms
    assert all(len(p) == 64 for p in list(pseudonyms)[:100])
    text_fields = {f.name for f in r.PlanGoal._meta.get_fields()}
    assert "goal_text" not in text_fields
    assert "text" not in text_fields


def test_generational_links_survive_in_the_register(demo_world: None) -> None:
    """Someone who was a child in one household heads another later."""
    children = set(r.Membership.objects.filter(role="child").values_list("person_id", flat=True))
    heads = set(r.Membership.objects.filter(role="head").values_list("person_id", flat=True))
    assert children & heads


def test_every_fact_has_provenance(demo_world: None) -> None:
    for model in (r.Signal, r.SupportPlan, r.ContactAssignment, r.CapitalAssessment):
        assert not model.objects.filter(batch__isnull=True).exists()
        assert not model.objects.filter(source_row__isnull=True).exists()
    assert r.Signal.objects.filter(source_partner__isnull=False).exists()
