"""The work zone's pages in Chromium at a phone's width (390 px): the professional registers a
household and lands on its page; her caseload names it; nothing sticks out of the screen and
axe-core finds nothing serious. (Fatima's whole day is a later session's browser test.)"""

import secrets
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser]
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture(autouse=True)
def _work_zone_keys(settings: Any) -> None:
    settings.WORK_ZONE_KEY = secrets.token_bytes(32).hex()
    settings.WORK_ZONE_PARTNER_KEY = secrets.token_bytes(32).hex()


def _fits(page: Page, name: str) -> None:
    screenshot(page, f"casework-{name}-390")
    overflow = page.locator("main").evaluate("main => main.scrollWidth - main.clientWidth")
    assert overflow <= 0, f"{name}: the content is {overflow} px wider than a phone's screen"
    assert serious_violations(page) == []


def test_register_a_household_on_a_phone(
    page: Page, site: str, login: Callable[[str], None]
) -> None:
    page.set_viewport_size(PHONE)
    login("professional")
    page.goto(f"{site}/werk/nieuw/")
    _fits(page, "nieuw")
    first = page.locator("fieldset").first
    first.get_by_label("Naam").fill("Fatima Bakker")
    first.get_by_label("Geboortedatum").fill("1984-03-09")
    first.get_by_label("BSN (als het er is)").fill("111222333")
    page.get_by_label("Postcode").fill("9641AB")
    page.get_by_label("Huisnummer en toevoeging").fill("12")
    page.get_by_label("Datum van de toestemming of het besluit").fill("2026-11-02")
    page.get_by_label("Waarvoor gaf het huishouden toestemming?").fill("samen een plan maken")
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima Bakker")
    _fits(page, "huishouden")
    page.goto(f"{site}/werk/")
    expect(
        page.locator("[data-caseload]").get_by_role("link", name="Fatima Bakker")
    ).to_be_visible()
    _fits(page, "mijn-huishoudens")
