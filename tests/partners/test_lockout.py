"""Login throttling (issue 12's attack: 30 wrong passwords, then the right one worked): after
DOORBRAAK_LOGIN_FAILURE_LIMIT failures the right password fails too until the cool-off has
passed; every failure and the lockout are audit lines; the name as typed is stored nowhere."""

import datetime as dt

from axes.models import AccessAttempt
from django.test import Client

from doorbraak.core.audit import audit_verify
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Role
from doorbraak.web.demo import DEMO_PASSWORD
from tests.conftest import UserOf

ADDRESS = "192.0.2.7"
BSN = "123456782"  # what someone might type as a user name


def _try(client: Client, username: str, password: str, address: str = ADDRESS):  # type: ignore[no-untyped-def]
    return client.post(
        "/inloggen", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _events(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_the_right_password_fails_after_repeated_failures_until_the_cooloff(
    user_of: UserOf, settings
) -> None:  # type: ignore[no-untyped-def]
    professional = user_of(Role.PROFESSIONAL)
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    client = Client()
    for attempt in range(limit):
        response = _try(client, "professional", f"fout-{attempt}")
        assert response.status_code == (429 if attempt == limit - 1 else 200), attempt
    locked = _try(client, "professional", DEMO_PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Te veel mislukte pogingen" in page
    assert "15 minuten geblokkeerd, ook met het goede wachtwoord" in page
    assert "Traceback" not in page
    assert client.get("/werk").status_code == 302  # not logged in
    assert _try(Client(), "professional", DEMO_PASSWORD, "198.51.100.9").status_code == 302
    # the cool-off passes
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert _try(Client(), "professional", DEMO_PASSWORD)["Location"].startswith("/inloggen/")
    failures = _events(AuditAction.AUTH_LOGIN_FAIL)
    assert len(failures) == limit + 1  # the right password during the lock counts too
    assert {e.object_id for e in failures} == {str(professional.pk)}
    assert {e.origin for e in failures} == {ADDRESS}
    [lockout] = _events(AuditAction.AUTH_LOGIN_LOCKOUT)
    assert (lockout.object_id, lockout.result, lockout.origin) == (
        str(professional.pk),
        "geblokkeerd",
        ADDRESS,
    )
    assert audit_verify() == []


def test_thirty_wrong_passwords_never_end_in_a_login(user_of: UserOf) -> None:
    """The attack as the outside test ran it."""
    user_of(Role.PROGRAMME_TEAM)
    client = Client()
    for attempt in range(30):
        _try(client, "programma", f"raad-{attempt}")
    assert _try(client, "programma", DEMO_PASSWORD).status_code == 429
    assert client.get("/programma").status_code == 302
    assert len(_events(AuditAction.AUTH_LOGIN_LOCKOUT)) == 1


def test_the_name_as_typed_is_stored_nowhere(demo_world: None) -> None:
    client = Client()
    for _ in range(6):
        _try(client, BSN, "fout")
    stored = " ".join(
        str(value)
        for row in AccessAttempt.objects.values()
        for value in row.values()
        if value is not None
    )
    assert AccessAttempt.objects.exists()
    assert BSN not in stored
    for event in AuditEvent.objects.all():
        assert BSN not in f"{event.object_id} {event.reason} {event.origin}"
    [lockout] = _events(AuditAction.AUTH_LOGIN_LOCKOUT)
    assert lockout.object_id == "onbekend"
