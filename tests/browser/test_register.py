"""The register in the browser: the aggregate overview, a professional's caseload and one
household's timeline, the resident's own timeline; all axe-clean."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _login(page: Page, site: str, username: str) -> None:
    log_in(page, site, username)


def test_professional_opens_a_household_from_the_caseload(
    page: Page, site_with_register: str
) -> None:
    _login(page, site_with_register, "professional")
    expect(page.locator("h1")).to_have_text("Mijn huishoudens")  # her start page, with names
    page.get_by_role("link", name="Wat de monitor over uw huishoudens weet (zonder namen)").click()
    expect(page.locator("h1")).to_have_text("Uw huishoudens in de monitor")
    assert serious_violations(page) == []
    page.get_by_role("link", name=re.compile(r"^Huishouden ")).first.click()
    expect(page.get_by_role("heading", name="Tijdlijn")).to_be_visible()
    expect(
        page.get_by_role("cell", name=re.compile("Nieuwe vaste contactpersoon")).first
    ).to_be_visible()
    screenshot(page, "register-household")
    assert serious_violations(page) == []


def test_board_member_reads_the_region_in_figures(page: Page, site_with_register: str) -> None:
    _login(page, site_with_register, "bestuur")
    page.get_by_role("link", name="Regio in cijfers").click()
    expect(page.get_by_role("table")).to_contain_text("Emmen")
    expect(page.get_by_role("table")).to_contain_text("Regio")
    screenshot(page, "register-overview")
    assert serious_violations(page) == []


def test_resident_lands_on_the_own_timeline(page: Page, site_with_register: str) -> None:
    _login(page, site_with_register, "huishouden")
    # its own page (ADR 0027); not linked to a case here, it leads to what partners delivered
    expect(page.locator("h1")).to_have_text("Mijn huishouden")
    page.get_by_role("link", name="Bekijk wat partners over uw huishouden doorgaven").click()
    expect(page.get_by_role("heading", name="Tijdlijn")).to_be_visible()
    assert "/huishoudens/" in page.url
