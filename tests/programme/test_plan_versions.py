"""Loading plans as versions, and target changes with their history."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from doorbraak.partners.models import Role
from doorbraak.programme import models as m
from doorbraak.programme import selectors
from doorbraak.programme.definition import parse_plan_file, plan_to_dict
from doorbraak.programme.services import plan_load_file
from tests.conftest import UserOf

SHIPPED = Path(settings.PLAN_FILE)


def _changed_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_loading_the_same_plan_again_creates_no_version(demo_world: None) -> None:
    outcome = plan_load_file(path=SHIPPED)
    assert not outcome.created
    assert m.PlanVersion.objects.count() == 1


def test_comments_alone_do_not_make_a_new_version(demo_world: None, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("# een opmerking\n" + SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    assert not plan_load_file(path=path).created


def test_a_changed_plan_is_a_new_version_and_the_old_one_stays_readable(
    demo_world: None, tmp_path: Path
) -> None:
    first = selectors.plan_version_current()
    assert first is not None
    before = plan_to_dict(selectors.plan_definition(first))
    path = _changed_copy(
        tmp_path, "Huishoudens ervaren een kansrijk", "Gezinnen ervaren een kansrijk"
    )
    second = plan_load_file(path=path).version
    assert second.number == first.number + 1
    assert selectors.plan_version_current() == second
    assert plan_to_dict(selectors.plan_definition(first)) == before
    statements = [
        line.strategic_goals.all()[0].statement for line in selectors.programme_lines(second)
    ]
    assert any(s.startswith("Gezinnen") for s in statements)


def test_stored_version_round_trips_to_the_file_definition(demo_world: None) -> None:
    version = selectors.plan_version_current()
    assert version is not None
    from_file = parse_plan_file(SHIPPED).plan
    assert from_file is not None
    assert plan_to_dict(selectors.plan_definition(version)) == plan_to_dict(from_file)


def _target(code: str) -> m.Target:
    version = selectors.plan_version_current()
    return m.Target.objects.get(indicator__plan_version=version, indicator__code=code, area_code="")


def test_programme_team_sets_a_target_in_the_admin_and_the_change_is_kept(
    client: Client,
    user_of: UserOf,
) -> None:
    leader = user_of(Role.PROGRAMME_TEAM)
    client.force_login(leader)
    target = _target("D1")
    response = client.post(
        f"/beheer/programme/target/{target.pk}/change/",
        {
            "value": "1400",
            "horizon": "2043",
            "baseline": "0",
            "baseline_year": "2023",
            "note": "Vastgesteld na het eiland van reflectie 2026",
            "milestones-TOTAL_FORMS": "1",
            "milestones-INITIAL_FORMS": "0",
            "milestones-0-year": "2030",
            "milestones-0-value": "500",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    change = m.TargetChange.objects.get(target=target)
    assert change.changed_by == leader
    assert change.before["value"] is None
    assert change.after["value"] == "1400.00"
    assert change.after["milestones"] == [{"year": 2030, "value": "500.00"}]
    page = client.get("/programma/doelen/D1").content.decode()
    assert "streefwaarde 1.400 huishoudens in 2043" in page


def test_unchanged_save_records_no_change(client: Client, user_of: UserOf) -> None:
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    target = _target("W2")
    client.post(
        f"/beheer/programme/target/{target.pk}/change/",
        {
            "value": "100.00",
            "horizon": "2043",
            "baseline": "",
            "baseline_year": "",
            "note": "",
            "milestones-TOTAL_FORMS": "0",
            "milestones-INITIAL_FORMS": "0",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )
    assert not m.TargetChange.objects.filter(target=target).exists()


def test_admin_edited_target_survives_a_new_plan_version_unless_the_file_changed_it(
    demo_world: None, tmp_path: Path
) -> None:
    d1 = _target("D1")
    d1.value = Decimal(1400)
    d1.save()
    w2 = _target("W2")
    w2.value = Decimal(90)
    w2.save()
    path = _changed_copy(
        tmp_path, "Huishoudens ervaren een kansrijk", "Gezinnen ervaren een kansrijk"
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 100", "value: 95", 1), encoding="utf-8")
    plan_load_file(path=path)
    assert _target("D1").value == Decimal(1400)  # file unchanged for D1: admin value kept
    assert _target("W2").value == Decimal(95)  # file changed W2: file wins


def test_old_version_pages_stay_readable(client: Client, user_of: UserOf, tmp_path: Path) -> None:
    path = _changed_copy(
        tmp_path, "Huishoudens ervaren een kansrijk", "Gezinnen ervaren een kansrijk"
    )
    plan_load_file(path=path)
    client.force_login(user_of(Role.BOARD))
    old = client.get("/programma/versies/1").content.decode()
    assert "Dit is een eerdere versie" in old
    assert "Huishoudens ervaren een kansrijk" in old
    assert client.get("/programma/versies/1/doelen/D9").status_code == 200
    assert "Gezinnen ervaren" in client.get("/programma").content.decode()


@pytest.mark.parametrize("code", ["D1", "D9", "W2", "E2"])
def test_goal_page_shows_its_indicators_and_target_state(
    client: Client, user_of, code: str
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    page = client.get(f"/programma/doelen/{code}").content.decode()
    goal = selectors.operational_goal_get(selectors.plan_version_current(), code)  # type: ignore[arg-type]
    assert goal is not None
    for indicator in goal.indicators.all():
        assert indicator.name in page
    expected = "streefwaarde 100% in 2043" if code == "W2" else "streefwaarde nog niet vastgesteld"
    assert expected in page
