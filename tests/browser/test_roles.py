"""Each role logs in through the real login form in Chromium, lands on its own start page,
sees its own menu, and is refused what it must not see. Pages pass axe-core."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from doorbraak.partners.models import Role
from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# username → (heading on the start page, menu items, a page it must be refused)
ROLES: dict[str, tuple[str, list[str], str]] = {
    "programma": (  # lands on the dashboard: where are we (issue 16 item 8)
        "Monitor",
        ["Programma", "Monitor", "Gebieden", "Partners", "Open data"],
        "/werk",
    ),
    "bestuur": (  # its own dashboard: where are we, no operational detail (issue 16)
        "Waar staan we",
        ["Programma", "Gebieden", "Partners"],
        "/organisatie",
    ),
    "gegevensbeheerder": ("Woonstichting Veenhorst", ["Programma", "Mijn organisatie"], "/werk"),
    "professional": ("Mijn huishoudens", ["Programma", "Mijn huishoudens"], "/organisatie"),
    "huishouden": ("Mijn huishouden", ["Mijn huishouden"], "/programma"),
    "onderzoeker": ("Onderzoek", ["Programma", "Onderzoek"], "/werk"),
    "vroegsignalering": ("Vroegsignalen", ["Vroegsignalen"], "/werk"),
    "beheerder": ("Beheer", [], "/werk"),
}


@pytest.mark.parametrize("username", list(ROLES))
def test_role_logs_in_lands_on_its_page_and_is_refused_the_rest(
    page: Page, site: str, login: Callable[[str], None], username: str
) -> None:
    heading, menu, refused = ROLES[username]
    login(username)
    expect(page.locator("h1")).to_contain_text(heading)
    screenshot(page, f"start-{username}")
    if menu:
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        for item in menu:
            expect(nav.get_by_role("link", name=item, exact=True)).to_be_visible()
    page.goto(site + refused)
    expect(page.locator("h1")).to_have_text("Geen toegang")
    assert "Traceback" not in page.content()


def test_wrong_password_gets_a_dutch_message(page: Page, site: str) -> None:
    page.goto(f"{site}/inloggen")
    page.get_by_label("Gebruikersnaam").fill("programma")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Gebruikersnaam of wachtwoord klopt niet")


def test_anonymous_visitor_reads_the_programme_and_is_sent_to_login(page: Page, site: str) -> None:
    page.goto(site + "/")
    expect(page.locator("h1")).to_have_text("Samen doorbreken we generatiearmoede")
    expect(page.get_by_text("Het Werkveld").first).to_be_visible()
    assert page.get_by_text("streefwaarde nog niet vastgesteld").count() > 10
    screenshot(page, "public")
    for path in ("/programma", "/gebieden", "/partners", "/werk", "/mijn-huishouden"):
        page.goto(site + path)
        assert "/inloggen?next=" in page.url
        expect(page.locator("h1")).to_have_text("Inloggen")


PAGES_BY_ROLE: dict[str, list[str]] = {
    "": ["/", "/inloggen", "/toegankelijkheid"],
    "programma": [
        "/programma",
        "/programma/doelen/D1",
        "/programma/doelen/W2",
        "/programma/versies",
        "/gebieden",
        "/gebieden/GM0047",
        "/gebieden/WK004700",
        "/partners",
    ],
    "gegevensbeheerder": ["/organisatie"],
    "professional": ["/werk", "/werk/niet-bestaand"],
    "huishouden": ["/mijn-huishouden", "/programma"],
    "onderzoeker": ["/onderzoek"],
    "vroegsignalering": ["/werk/signalen/"],
}


@pytest.mark.parametrize("username", list(PAGES_BY_ROLE))
def test_pages_have_no_serious_accessibility_violations(
    page: Page, site: str, login: Callable[[str], None], username: str
) -> None:
    if username:
        login(username)
    problems = {}
    for path in PAGES_BY_ROLE[username]:
        page.goto(site + path)
        screenshot(
            page, f"axe-{username or 'anoniem'}-{path.strip('/').replace('/', '-') or 'home'}"
        )
        if found := serious_violations(page):
            problems[path] = found
    assert not problems, problems


def test_role_names_match_the_model() -> None:
    from doorbraak.web.demo import DEMO_USERS

    assert set(ROLES) == set(DEMO_USERS)
    assert {role for role, _ in DEMO_USERS.values()} == set(Role)
