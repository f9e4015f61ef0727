"""Sessions end (ADR 0014): after DOORBRAAK_SESSION_IDLE_MINUTES without a request (sliding),
and DOORBRAAK_SESSION_MAX_HOURS after logging in however active; the login page says why."""

import time

from django.test import Client

from doorbraak.partners.middleware import ACTIVE_KEY, SINCE_KEY
from doorbraak.partners.models import Role
from tests.conftest import UserOf


def _logged_in(user_of: UserOf) -> Client:
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    assert client.get("/programma").status_code == 200
    return client


def _shift(client: Client, key: str, seconds_ago: int) -> None:
    session = client.session
    session[key] = int(time.time()) - seconds_ago
    session.save()


def test_a_session_idle_longer_than_the_limit_is_logged_out(user_of: UserOf) -> None:
    client = _logged_in(user_of)
    _shift(client, ACTIVE_KEY, 31 * 60)
    response = client.get("/programma", follow=True)
    assert response.redirect_chain[-1][0].startswith("/inloggen?next=")
    assert "U bent uitgelogd omdat u 30 minuten niets hebt gedaan" in response.content.decode()
    assert client.get("/programma").status_code == 302  # and stays logged out


def test_activity_keeps_a_session_alive(user_of: UserOf) -> None:
    client = _logged_in(user_of)
    for minutes_ago in (29, 20, 29):  # each request renews the idle clock
        _shift(client, ACTIVE_KEY, minutes_ago * 60)
        assert client.get("/programma").status_code == 200
        assert client.session[ACTIVE_KEY] >= int(time.time()) - 1


def test_a_session_ends_after_the_maximum_however_active(user_of: UserOf, settings) -> None:  # type: ignore[no-untyped-def]
    client = _logged_in(user_of)
    _shift(client, SINCE_KEY, 8 * 3600 + 60)
    assert client.get("/programma").status_code == 302
    settings.SESSION_IDLE_MINUTES = 5
    client = _logged_in(user_of)
    _shift(client, ACTIVE_KEY, 6 * 60)
    assert client.get("/programma").status_code == 302


def test_the_session_cookie_expires_with_the_idle_limit(user_of: UserOf, settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 30 * 60
    client = _logged_in(user_of)
    assert client.session.get_expiry_age() <= 30 * 60
