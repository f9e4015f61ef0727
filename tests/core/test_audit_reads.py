"""API reads and downloads are in the audit chain, given or refused, with nothing typed in them."""

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.core.audit import audit_verify
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Role
from tests.conftest import UserOf

BSN = "123456782"


def _since() -> int:
    last = AuditEvent.objects.order_by("-seq").first()
    return last.seq if last else 0


def _lines(since: int) -> list[tuple[str, str, str, str]]:
    return [
        (e.action, e.object_id, e.result, e.actor.username if e.actor else "")
        for e in AuditEvent.objects.filter(seq__gt=since).order_by("seq")
    ]


def _client(user_of: UserOf, role: Role | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(user_of(role))
    return client


def test_every_api_answer_is_a_line_given_or_refused(user_of: UserOf) -> None:
    team, anonymous = _client(user_of, Role.PROGRAMME_TEAM), _client(user_of, None)
    household = _client(user_of, Role.HOUSEHOLD)
    since = _since()
    assert team.get("/api/v1/indicators").status_code == 200
    assert team.get("/api/v1/indicators/D1/values").status_code == 200
    assert anonymous.get("/api/v1/indicators").status_code == 401
    assert household.get("/api/v1/areas").status_code == 403
    assert team.get("/api/v1/runs/latest?page=²").status_code in (400, 404)
    read = AuditAction.API_READ
    assert _lines(since)[:4] == [
        (read, "indicators", "getoond", "programma"),
        (read, "indicator_values:D1", "getoond", "programma"),
        (read, "indicators", "geweigerd", ""),
        (read, "areas", "geweigerd", "huishouden"),
    ]
    assert len(_lines(since)) == 5
    assert audit_verify() == []


def test_what_was_typed_in_an_api_path_is_not_stored(user_of: UserOf) -> None:
    team = _client(user_of, Role.PROGRAMME_TEAM)
    since = _since()
    assert team.get(f"/api/v1/indicators/{BSN}").status_code == 404
    assert team.get(f"/api/v1/{BSN}").status_code == 404
    assert team.get(f"/api/v1/indicators?bsn={BSN}").status_code == 400
    lines = _lines(since)
    assert [(object_id, result) for _a, object_id, result, _u in lines] == [
        ("indicator", "niet-gevonden"),
        ("not_found", "niet-gevonden"),
        ("indicators", "ongeldig"),
    ]
    stored = AuditEvent.objects.filter(seq__gt=since).values_list("object_id", "origin", "reason")
    assert BSN not in str(list(stored))


@pytest.mark.parametrize(("name", "kind"), [("indicator_csv", "csv"), ("indicator_xlsx", "xlsx")])
def test_a_monitor_download_is_a_line(user_of: UserOf, name: str, kind: str) -> None:
    since = _since()
    response = _client(user_of, Role.RESEARCHER).get(reverse(f"monitor:{name}", args=["D1"]))
    assert response.status_code == 200
    [event] = AuditEvent.objects.filter(seq__gt=since)
    assert (event.action, event.object_type, event.object_id, event.reason) == (
        AuditAction.MONITOR_INDICATOR_DOWNLOAD,
        "indicator",
        "D1",
        kind,
    )
    assert event.actor == user_of(Role.RESEARCHER)


def test_the_open_data_download_is_a_line_also_without_login(demo_world: None) -> None:
    since = _since()
    response = Client().get(reverse("opendata:csv"), REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    [event] = AuditEvent.objects.filter(seq__gt=since)
    assert (event.action, event.actor, event.origin) == (
        AuditAction.OPENDATA_CSV_DOWNLOAD,
        None,
        "10.9.8.0/24",  # an anonymous reader: the network only (ADR 0013)
    )
