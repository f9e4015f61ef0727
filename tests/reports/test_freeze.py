"""A frozen year never changes: the model, its queryset, the database and the report's hash
check each refuse; freezing again gives the same version, changed content needs a correction,
and a correction lists what changed."""

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditEvent
from doorbraak.reports import sections
from doorbraak.reports.document import report_build
from doorbraak.reports.models import FrozenError, ReflectionSnapshot
from doorbraak.reports.sections import SectionProvider, section_providers, section_register
from doorbraak.reports.services import lock_sha256, snapshot_freeze
from tests.reports.conftest import YEAR

pytestmark = pytest.mark.django_db


def test_a_frozen_year_records_its_inputs_and_hashes(frozen: ReflectionSnapshot) -> None:
    assert frozen.version == 1
    assert frozen.monitor_run is not None
    assert frozen.plan_version is not None
    assert set(frozen.sections) == {
        "plan",
        "figures",
        "deliveries",
        "methods",
        "surveys",
        "learning",
        "evaluations",
    }
    assert len(frozen.lock_sha256) == 64
    assert frozen.lock_sha256 == lock_sha256()
    assert frozen.sections["deliveries"]["run"]["fingerprint"] == frozen.monitor_run.fingerprint
    assert frozen.sections["plan"]["fingerprint"] == frozen.plan_version.fingerprint
    assert AuditEvent.objects.filter(action="reports.snapshot.freeze").exists()


def test_the_model_and_its_queryset_refuse_any_change(frozen: ReflectionSnapshot) -> None:
    frozen.sections["figures"]["indicators"][0]["series"][-1]["value"] = 999999.0
    with pytest.raises(FrozenError):
        frozen.save()
    with pytest.raises(FrozenError):
        ReflectionSnapshot.objects.filter(pk=frozen.pk).update(content_sha256="x")
    with pytest.raises(FrozenError):
        frozen.delete()
    with pytest.raises(FrozenError):
        ReflectionSnapshot.objects.filter(pk=frozen.pk).delete()
    stored = ReflectionSnapshot.objects.get(pk=frozen.pk)
    assert stored.sections["figures"]["indicators"][0]["series"][-1]["value"] != 999999.0


def test_the_database_refuses_an_update_behind_the_application(
    frozen: ReflectionSnapshot,
) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reports_reflectionsnapshot SET content_sha256 = %s WHERE id = %s",
            ["0" * 64, frozen.pk],
        )
    assert ReflectionSnapshot.objects.get(pk=frozen.pk).content_sha256 == frozen.content_sha256


def test_the_report_refuses_figures_that_no_longer_match_their_hash(
    frozen: ReflectionSnapshot,
) -> None:
    frozen.sections["figures"]["indicators"][0]["name"] = "iets anders"
    with pytest.raises(UserError) as refused:
        report_build(frozen)
    assert refused.value.code == "bevroren-jaar-aangetast"


def test_freezing_again_with_the_same_figures_gives_the_same_version(
    frozen: ReflectionSnapshot,
) -> None:
    again = snapshot_freeze(year=YEAR)
    assert not again.created
    assert again.snapshot.pk == frozen.pk


@pytest.fixture
def changing_section() -> Iterator[list[int]]:
    """A provider whose frozen data the test changes: another app's section, as it plugs in."""
    state = [1]
    before = section_providers()
    section_register(SectionProvider("test", "Proef", lambda _context: {"n": state[0]}))
    yield state
    sections._REGISTRY[:] = before


def test_changed_content_needs_a_correction_that_lists_what_changed(
    run_2025: None, changing_section: list[int]
) -> None:
    first = snapshot_freeze(year=YEAR).snapshot
    changing_section[0] = 2
    with pytest.raises(UserError) as refused:
        snapshot_freeze(year=YEAR)
    assert refused.value.code == "jaar-al-bevroren"
    second = snapshot_freeze(year=YEAR, correction=True)
    assert second.created
    assert second.snapshot.version == 2
    assert second.snapshot.previous_id == first.pk
    assert [c["section"] for c in second.snapshot.changed_since] == ["test"]
    assert ReflectionSnapshot.objects.get(pk=first.pk).sections["test"] == {"n": 1}


def test_a_year_without_a_monitor_run_is_not_frozen(demo_world: None) -> None:
    with pytest.raises(UserError) as refused:
        snapshot_freeze(year=YEAR)
    assert refused.value.code == "geen-monitorrun"


def test_the_command_says_freeze_first(run_2025: None, tmp_path: object) -> None:
    with pytest.raises(UserError) as refused:
        call_command("report", "--year", str(YEAR), "--out", str(tmp_path))
    assert refused.value.code == "bevries-eerst"
