"""Pages and API answers kept per monitor run (ADR 0034): a page kept for one role is never
served to another, authorisation comes before anything kept, and a new run is shown without
a restart (another process's run within STATE_SECONDS)."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorbraak.monitor import selectors
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.selectors import EVERYONE, kept, page_key, viewer_key
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.access import MATRIX, Capability
from doorbraak.partners.models import Role

VIEWERS = [
    role for role, capabilities in MATRIX.items() if Capability.VIEW_PROGRAMME in capabilities
]


def _client(user_of: Any, role: Role) -> Client:
    client = Client()
    client.force_login(user_of(role))
    return client


@pytest.mark.django_db
def test_every_role_gets_its_own_key(user_of: Any) -> None:
    keys = {viewer_key(user_of(Role(role))) for role in MATRIX if role in Role.values}
    assert len(keys) == len([role for role in MATRIX if role in Role.values])
    assert EVERYONE not in keys


@pytest.mark.django_db
def test_a_page_kept_for_one_role_is_never_served_to_another(user_of: Any) -> None:
    built: list[str] = []

    def page_for(role: str) -> str:
        built.append(role)
        return f"de pagina van {role}"

    for role in VIEWERS:
        viewer = viewer_key(user_of(Role(role)))
        assert kept("test-page", "", lambda r=role: page_for(r), viewer=viewer) == (
            f"de pagina van {role}"
        )
    assert built == VIEWERS  # each role built its own; none was handed another's
    for role in VIEWERS:  # and each gets its own again, now from what was kept
        viewer = viewer_key(user_of(Role(role)))
        assert kept("test-page", "", lambda: "opnieuw", viewer=viewer) == f"de pagina van {role}"
    page_keys = {page_key("test", viewer=viewer_key(user_of(Role(role)))) for role in VIEWERS}
    assert len(page_keys) == len(VIEWERS)


@pytest.mark.django_db
def test_a_steward_of_another_organisation_gets_another_key(user_of: Any) -> None:
    steward = user_of(Role.DATA_STEWARD)
    mine = viewer_key(steward)
    steward.partner_id = (steward.partner_id or 0) + 1
    assert viewer_key(steward) != mine


@pytest.mark.django_db
def test_authorisation_comes_before_the_kept_page(user_of: Any) -> None:
    monitor_run(periods=["2025"], levels=("region", "gemeente"))
    url = reverse("monitor:indicator", args=["P1"])
    assert _client(user_of, Role.PROGRAMME_TEAM).get(url).status_code == 200
    assert _client(user_of, Role.HOUSEHOLD).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # anonymous: to the login page
    api = "/api/v1/indicators/P1/values?period=2025"
    assert _client(user_of, Role.PROGRAMME_TEAM).get(api).status_code == 200
    assert _client(user_of, Role.HOUSEHOLD).get(api).status_code == 403


@pytest.mark.django_db
def test_a_new_run_is_shown_without_a_restart(
    user_of: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's run (here: stored without this process forgetting its pages) is
    shown once STATE_SECONDS have passed; the page and the API name the new run."""
    first = monitor_run(periods=["2025"], levels=("region",)).run
    client = _client(user_of, Role.PROGRAMME_TEAM)
    api = "/api/v1/indicators/P1/values?period=2025"
    assert client.get(api).json()["run"]["id"] == first.pk
    before = client.get(reverse("monitor:indicator", args=["P1"])).content
    values = list(first.values.all())
    second = MonitorRun.objects.create(
        started_at=timezone.now(),
        finished_at=timezone.now(),
        status=MonitorRun.Status.DONE,
        plan_version=first.plan_version,
        fact_batches=first.fact_batches,
        definition_hashes=first.definition_hashes,
        periods=first.periods,
        levels=first.levels,
        threshold=first.threshold,
        fingerprint="another process",
        engine=first.engine,
        data_until=first.data_until,
        value_count=len(values),
    )
    for value in values:
        value.pk = None
        value.run = second
        if value.indicator_code == "P1" and value.area_level == "region" and not value.breakdown:
            value.numerator = value.value = 4242.0  # a figure the first run does not hold
    type(values[0]).objects.bulk_create(values)
    assert client.get(api).json()["run"]["id"] == first.pk  # trusted for STATE_SECONDS
    monkeypatch.setattr(selectors, "STATE_SECONDS", 0.0)
    assert client.get(api).json()["run"]["id"] == second.pk
    after = client.get(reverse("monitor:indicator", args=["P1"])).content
    assert after != before
    assert "4.242" in after.decode()
