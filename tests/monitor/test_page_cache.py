"""Pages and API answers kept per monitor run (ADR 0034): a page kept for one role is never
served to another, authorisation comes before anything kept, and a new run is shown without
a restart (another process's run within STATE_SECONDS). The whole page kept around its
content (`core.page_shell`, ADR 0040): never another role's, user's, language's or run's,
with this request's name and CSRF token filled in, and messages never swallowed."""

import re
from typing import Any

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from doorbraak.core.page_shell import CSRF_MARK, USER_MARK, render_kept
from doorbraak.monitor import kept_pages
from doorbraak.monitor.kept_pages import EVERYONE, kept, page_key, viewer_key
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.access import MATRIX, Capability
from doorbraak.partners.models import Role, User

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
    monkeypatch.setattr(kept_pages, "STATE_SECONDS", 0.0)
    assert client.get(api).json()["run"]["id"] == second.pk
    after = client.get(reverse("monitor:indicator", args=["P1"])).content
    assert after != before
    assert "4.242" in after.decode()


MONITOR_PAGES = [
    reverse("monitor:dashboard"),
    reverse("monitor:indicator", args=["P1"]),
    reverse("monitor:area", args=["GM0114"]),
]


def _header(page: str) -> str:
    found = re.search(r"Ingelogd als ([^<]*)</span>", page)
    assert found is not None, page[:500]
    return found[1]


def _twin(user_of: Any, role: Role, username: str) -> User:
    """A second user of `role` (same groups, so the same second-step standing)."""
    first = user_of(role)
    twin = User.objects.create_user(username=username, role=role, partner=first.partner)
    twin.groups.set(first.groups.all())
    return twin


@pytest.mark.django_db
def test_a_whole_kept_page_is_never_another_roles_or_users(user_of: Any) -> None:
    monitor_run(periods=["2025"], levels=("region", "gemeente"))
    programme = _client(user_of, Role.PROGRAMME_TEAM)
    board = _client(user_of, Role.BOARD)
    twin = Client()
    twin.force_login(_twin(user_of, Role.PROGRAMME_TEAM, "<b>tweede</b>"))
    for url in MONITOR_PAGES:
        for _ in range(2):  # the second time from what was kept
            seen = {}
            for name, client, role in (
                (user_of(Role.PROGRAMME_TEAM).username, programme, Role.PROGRAMME_TEAM),
                (user_of(Role.BOARD).username, board, Role.BOARD),
                ("<b>tweede</b>", twin, Role.PROGRAMME_TEAM),
            ):
                response = client.get(url)
                assert response.status_code == 200, url
                page = response.content.decode()
                assert _header(page) == escape(f"{name} ({role.label})")
                assert USER_MARK not in page
                assert CSRF_MARK not in page
                assert "<b>tweede</b>" not in page  # escaped, as the template did
                seen[name] = page
            assert len(set(seen.values())) == 3


@pytest.mark.django_db
def test_another_language_never_gets_the_kept_page(user_of: Any) -> None:
    monitor_run(periods=["2025"], levels=("region",))
    client = _client(user_of, Role.PROGRAMME_TEAM)
    url = reverse("monitor:indicator", args=["P1"])
    assert '<html lang="nl"' in client.get(url).content.decode()
    with translation.override("en"):
        assert '<html lang="en"' in client.get(url).content.decode()
    assert '<html lang="nl"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_kept_page_carries_this_requests_csrf_token(user_of: Any) -> None:
    monitor_run(periods=["2025"], levels=("region",))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    url = reverse("monitor:indicator", args=["P1"])
    tokens = []
    for _ in range(2):
        page = client.get(url).content.decode()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found is not None
        tokens.append(found[1])
    assert tokens[0] != tokens[1]  # a fresh mask per request, not the kept page's
    assert "csrftoken" in client.cookies
    logout = client.post(reverse("web:logout"), {"csrfmiddlewaretoken": tokens[1]})
    assert logout.status_code == 302  # accepted: not refused as a forged request (403)


@pytest.mark.django_db
def test_waiting_messages_are_shown_not_swallowed_by_a_kept_page(user_of: Any) -> None:
    user = user_of(Role.PROGRAMME_TEAM)

    def request() -> Any:
        made = RequestFactory().get("/monitor/een-pagina")
        made.user = user
        made.session = SessionStore()
        made._messages = FallbackStorage(made)  # type: ignore[attr-defined]
        return made

    quiet = render_kept(request(), "web/base.html", {}, key="test").content.decode()
    assert "Een bericht voor deze gebruiker" not in quiet
    told = request()
    messages.info(told, "Een bericht voor deze gebruiker")
    assert (
        "Een bericht voor deze gebruiker"
        in render_kept(told, "web/base.html", {}, key="test").content.decode()
    )


@pytest.mark.django_db
def test_a_fragment_cached_inside_a_kept_page_never_shows_the_stand_ins(
    user_of: Any, tmp_path: Any, settings: Any
) -> None:
    """A page rendered the usual way (a message waits) may take a content fragment that was
    cached while a kept page was rendered for someone else: it gets this request's name and
    token, never the stand-ins."""
    (tmp_path / "fragment.html").write_text(
        "{% load cache %}{% cache 60 test-fragment %}<p>{{ user.username }}</p>"
        "<form>{% csrf_token %}</form>{% endcache %}{% for m in messages %}{{ m }}{% endfor %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    first, second = user_of(Role.PROGRAMME_TEAM), user_of(Role.BOARD)

    def request(user: User) -> Any:
        made = RequestFactory().get("/een-pagina")
        made.user = user
        made.session = SessionStore()
        made._messages = FallbackStorage(made)  # type: ignore[attr-defined]
        return made

    render_kept(request(first), "fragment.html", {}, key="test")  # caches the fragment
    told = request(second)
    messages.info(told, "Een bericht")
    page = render_kept(told, "fragment.html", {}, key="test").content.decode()
    assert "Een bericht" in page
    assert f"<p>{second.username}</p>" in page
    assert USER_MARK not in page
    assert CSRF_MARK not in page
    kept_pages.pages_forget()
