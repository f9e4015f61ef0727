"""The client's address behind the reverse proxy (core.client_address): X-Forwarded-For counts
only from a trusted proxy, read from the right; django-axes and the audit chain use it, so one
client's lockout behind nginx no longer locks every other client out."""

import ipaddress

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from doorbraak.conf.security import trusted_proxies_parse
from doorbraak.core.client_address import client_address, client_network
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Role
from doorbraak.web.demo import DEMO_PASSWORD
from tests.conftest import UserOf

PROXY = "127.0.0.1"
CLIENT_A = "203.0.113.5"
CLIENT_B = "198.51.100.23"


@pytest.fixture
def behind_proxy(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXIES = trusted_proxies_parse("127.0.0.1, 10.0.0.0/8, ::1")


def _address(remote: str, forwarded: str | None = None) -> str:
    extra = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_forwarded_header_is_ignored() -> None:
    assert _address(PROXY, CLIENT_A) == PROXY
    assert _address(CLIENT_B, CLIENT_A) == CLIENT_B


@pytest.mark.usefixtures("behind_proxy")
def test_a_spoofed_header_from_an_untrusted_peer_is_ignored() -> None:
    assert _address(CLIENT_B, CLIENT_A) == CLIENT_B
    assert _address(CLIENT_B, f"{PROXY}, 10.1.1.1") == CLIENT_B


@pytest.mark.usefixtures("behind_proxy")
def test_from_the_trusted_proxy_the_real_client_is_used() -> None:
    assert _address(PROXY, CLIENT_A) == CLIENT_A
    assert _address(PROXY, f"  {CLIENT_A} ") == CLIENT_A
    # the client's own made-up hop on the left is not believed: nginx appended the real one
    assert _address(PROXY, f"6.6.6.6, {CLIENT_A}") == CLIENT_A
    assert _address("::1", "2001:db8::7") == "2001:db8::7"
    assert _address("::ffff:127.0.0.1", CLIENT_A) == CLIENT_A
    assert _address(PROXY) == PROXY  # no header: the proxy itself (a health check)


@pytest.mark.usefixtures("behind_proxy")
def test_a_chain_of_proxies_yields_the_right_most_untrusted_hop() -> None:
    # client -> load balancer 10.0.0.2 -> nginx 10.0.0.3 -> gunicorn, peer 127.0.0.1
    assert _address(PROXY, f"{CLIENT_A}, 10.0.0.2, 10.0.0.3") == CLIENT_A
    assert _address(PROXY, f"6.6.6.6, {CLIENT_A}, 10.0.0.2, 10.0.0.3") == CLIENT_A
    # an untrusted hop in the middle is where trust ends, whatever stands left of it
    assert _address(PROXY, f"{CLIENT_A}, {CLIENT_B}, 10.0.0.3") == CLIENT_B
    # every hop trusted: the furthest proxy
    assert _address(PROXY, "10.0.0.2, 10.0.0.3") == "10.0.0.2"
    # garbage a trusted proxy would never write: stop at the proxy that passed it on
    assert _address(PROXY, f"{CLIENT_A}, niet-een-adres, 10.0.0.3") == "10.0.0.3"
    assert _address("", CLIENT_A) == ""


def test_the_setting_refuses_what_is_not_an_address() -> None:
    assert trusted_proxies_parse("") == ()
    assert trusted_proxies_parse("127.0.0.1,10.0.0.0/8") == (
        ipaddress.ip_network("127.0.0.1/32"),
        ipaddress.ip_network("10.0.0.0/8"),
    )
    with pytest.raises(ImproperlyConfigured, match="'nginx' is geen IP-adres"):
        trusted_proxies_parse("127.0.0.1, nginx")


def _login(client: Client, username: str, password: str, forwarded: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/inloggen",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.usefixtures("behind_proxy")
def test_a_lockout_behind_the_proxy_locks_that_client_only(user_of: UserOf, settings) -> None:  # type: ignore[no-untyped-def]
    professional = user_of(Role.PROFESSIONAL)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "professional", f"fout-{attempt}", CLIENT_A)
    assert _login(Client(), "professional", DEMO_PASSWORD, CLIENT_A).status_code == 429
    # the same account from another client behind the same proxy is not locked
    response = _login(Client(), "professional", DEMO_PASSWORD, CLIENT_B)
    assert response.status_code == 302, response.content.decode()[:500]
    failures = AuditEvent.objects.filter(action=AuditAction.AUTH_LOGIN_FAIL)
    assert {e.origin for e in failures} == {CLIENT_A}
    [lockout] = AuditEvent.objects.filter(action=AuditAction.AUTH_LOGIN_LOCKOUT)
    assert (lockout.object_id, lockout.origin) == (str(professional.pk), CLIENT_A)


def _download(client: Client) -> AuditEvent:
    response = client.get(reverse("opendata:csv"), REMOTE_ADDR=PROXY,
                          HTTP_X_FORWARDED_FOR=CLIENT_A)  # fmt: skip
    assert response.status_code == 200
    return AuditEvent.objects.filter(action=AuditAction.OPENDATA_CSV_DOWNLOAD).latest("seq")


@pytest.mark.usefixtures("behind_proxy")
def test_audit_lines_record_the_client_not_the_proxy(user_of: UserOf) -> None:
    client = Client()
    client.force_login(user_of(Role.RESEARCHER))
    assert _download(client).origin == CLIENT_A


@pytest.mark.usefixtures("behind_proxy")
def test_an_anonymous_download_keeps_only_the_network(demo_world: None) -> None:
    """ADR 0013: an anonymous reader's full address is never stored."""
    assert _download(Client()).origin == "203.0.113.0/24"
    ipv6 = Client().get(reverse("opendata:csv"), REMOTE_ADDR="2001:db8:1:2::99")
    assert ipv6.status_code == 200
    event = AuditEvent.objects.filter(action=AuditAction.OPENDATA_CSV_DOWNLOAD).latest("seq")
    assert event.origin == "2001:db8:1::/48"
    assert client_network(RequestFactory().get("/", REMOTE_ADDR="")) == ""
