"""The menu kept per role, language and URL configuration (web.context, ADR 0040): a role never
gets another role's menu, a language never another language's labels, a script prefix never
another prefix's links; only the current page is decided per request."""

from collections.abc import Iterator

import pytest
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from django.utils import translation

from doorbraak.partners.access import MATRIX, START_PAGES
from doorbraak.partners.models import Role, User
from doorbraak.web import context
from doorbraak.web.context import navigation, navigation_forget


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    navigation_forget()
    yield
    navigation_forget()
    set_script_prefix("/")


def _menu(role: str, path: str = "/") -> dict[str, object]:
    request = RequestFactory().get(path)
    request.user = User(username=f"iemand-{role}", role=role, is_active=True)
    return navigation(request)


def _expected(role: str) -> list[str]:
    """The menu built by hand from the matrix, not by the code under test."""
    capabilities = MATRIX[role]
    return [reverse(name) for capability, name, _ in context._LINKS if capability in capabilities]


def test_each_role_gets_its_own_menu_after_every_other_role_was_kept() -> None:
    roles = list(Role.values)
    for role in roles + list(reversed(roles)):  # each role asked once before and once after
        menu = _menu(role)
        assert [link["url"] for link in menu["nav_links"]] == _expected(role), role  # type: ignore[attr-defined]
        assert menu["start_url"] == reverse(START_PAGES[role])
    programme = {link["url"] for link in _menu(Role.PROGRAMME_TEAM)["nav_links"]}  # type: ignore[attr-defined]
    household = {link["url"] for link in _menu(Role.HOUSEHOLD)["nav_links"]}  # type: ignore[attr-defined]
    assert reverse("monitor:dashboard") in programme
    assert reverse("monitor:dashboard") not in household  # the test can tell two menus apart


def test_another_language_never_gets_the_kept_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    # no English catalogue ships yet, so mark each label with the language it was made in
    monkeypatch.setattr(context, "_", lambda text: f"{text} [{translation.get_language()}]")
    with translation.override("nl"):
        dutch = [link["label"] for link in _menu(Role.PROGRAMME_TEAM)["nav_links"]]  # type: ignore[attr-defined]
    with translation.override("en"):
        english = [link["label"] for link in _menu(Role.PROGRAMME_TEAM)["nav_links"]]  # type: ignore[attr-defined]
    assert dutch
    assert all(label.endswith("[nl]") for label in dutch)
    assert english
    assert all(label.endswith("[en]") for label in english)


def test_another_script_prefix_never_gets_the_kept_links() -> None:
    plain = _menu(Role.BOARD)
    set_script_prefix("/doorbraak/")
    prefixed = _menu(Role.BOARD)
    assert all(link["url"].startswith("/doorbraak/") for link in prefixed["nav_links"])  # type: ignore[attr-defined]
    assert str(prefixed["start_url"]).startswith("/doorbraak/")
    assert not any(link["url"].startswith("/doorbraak/") for link in plain["nav_links"])  # type: ignore[attr-defined]


def test_the_current_page_is_decided_per_request() -> None:
    dashboard = reverse("monitor:dashboard")
    on_dashboard = _menu(Role.PROGRAMME_TEAM, dashboard)["nav_links"]
    elsewhere = _menu(Role.PROGRAMME_TEAM, "/ergens-anders")["nav_links"]
    assert [link["url"] for link in on_dashboard if link["current"]] == [dashboard]  # type: ignore[attr-defined]
    assert not [link for link in elsewhere if link["current"]]  # type: ignore[attr-defined]
