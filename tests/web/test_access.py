"""What each role sees and is refused, and what an anonymous visitor gets."""

import pytest
from django.test import Client

from doorbraak.partners.access import MATRIX, START_PAGES, Capability
from doorbraak.partners.models import Role
from tests.conftest import UserOf

# url → the capability a user needs for it
PAGES: dict[str, Capability] = {
    "/programma": Capability.VIEW_PROGRAMME,
    "/programma/doelen/D1": Capability.VIEW_PROGRAMME,
    "/programma/versies": Capability.VIEW_PROGRAMME,
    "/programma/versies/1": Capability.VIEW_PROGRAMME,
    "/gebieden": Capability.VIEW_AREAS,
    "/gebieden/GM0047": Capability.VIEW_AREAS,
    "/partners": Capability.VIEW_PARTNERS,
    "/organisatie": Capability.OWN_ORGANISATION,
    "/werk": Capability.CASELOAD,
    "/werk/signalen/": Capability.OUTREACH,
    "/mijn-huishouden": Capability.OWN_HOUSEHOLD,
    "/onderzoek": Capability.RESEARCH,
}
CASES = [(role, url) for role in Role for url in PAGES]


@pytest.mark.parametrize(("role", "url"), CASES)
def test_role_gets_page_only_with_capability(client: Client, user_of: UserOf, role: Role, url: str):
    client.force_login(user_of(role))
    response = client.get(url, follow=True)
    expected = 200 if PAGES[url] in MATRIX[role] else 403
    assert response.status_code == expected, f"{role} {url}"
    if expected == 403:
        assert "Geen toegang" in response.content.decode()


@pytest.mark.parametrize("url", list(PAGES))
def test_anonymous_is_sent_to_login(client: Client, demo_world: None, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen?next=")


def test_anonymous_gets_the_public_programme_page(client: Client, demo_world: None) -> None:
    page = client.get("/").content.decode()
    assert "Huishoudens ervaren een kansrijk toekomstperspectief" in page
    assert "streefwaarde nog niet vastgesteld" in page
    assert "Inloggen" in page


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_own_start_page(client: Client, user_of: UserOf, role: Role) -> None:
    client.force_login(user_of(role))
    response = client.get("/start", follow=True)
    assert response.status_code == 200
    landed = [url for url, _ in response.redirect_chain]
    assert _url(START_PAGES[role]) in landed, landed


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@pytest.mark.parametrize(
    "role", [r for r in Role if r not in (Role.ADMINISTRATOR, Role.PROGRAMME_TEAM)]
)
def test_only_administrators_and_programme_team_reach_the_admin(
    client: Client, user_of: UserOf, role: Role
) -> None:
    client.force_login(user_of(role))
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def test_programme_team_may_edit_targets_but_not_users(client: Client, user_of: UserOf) -> None:
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    assert client.get("/beheer/programme/target/").status_code == 200
    assert client.get("/beheer/partners/user/").status_code == 403


def test_household_sees_no_programme_internals_or_partner_list(
    client: Client, user_of: UserOf
) -> None:
    client.force_login(user_of(Role.HOUSEHOLD))
    page = client.get("/mijn-huishouden").content.decode()
    assert 'href="/partners"' not in page
    assert 'href="/programma"' not in page


def test_unknown_page_is_a_dutch_404_without_traceback(client: Client, user_of: UserOf) -> None:
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    response = client.get("/programma/doelen/BESTAATNIET")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_passwords_are_hashed_with_argon2(user_of: UserOf) -> None:
    from doorbraak.conf import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert user_of(Role.PROFESSIONAL).password.startswith("argon2$")
