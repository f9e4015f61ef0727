"""Open data in Chromium: the public page without login, an indicator page, and the programme
team's choice; axe-core finds nothing serious."""

from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from doorbraak.opendata.models import PublishedIndicator
from doorbraak.opendata.services import publish_defaults
from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_public_sees_published_indicators_and_the_team_chooses(
    page: Page,
    site_with_register: str,
    login: Callable[[str], None],
) -> None:
    call_command("monitor", "run", "--periode", "2025")
    published = publish_defaults()
    assert "D1" in published

    page.goto(f"{site_with_register}/open-data")
    expect(page.locator("h1")).to_have_text("Open data")
    expect(page.get_by_role("heading", name="D1 ", exact=False).first).to_be_visible()
    expect(page.get_by_role("link", name="Alle gepubliceerde waarden", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Hoe we gezinnen beschermen")).to_be_visible()
    assert page.get_by_role("link", name="Kiezen wat er wordt gepubliceerd").count() == 0
    screenshot(page, "open-data")
    assert serious_violations(page) == []

    page.get_by_role("link", name="D1 per wijk en meer uitleg").click()
    expect(page.locator("h1")).to_contain_text("D1")
    expect(page.get_by_role("heading", name="Per wijk")).to_be_visible()
    screenshot(page, "open-data-indicator")
    assert serious_violations(page) == []

    login("programma")
    page.goto(f"{site_with_register}/open-data/kiezen")
    expect(page.locator("h1")).to_have_text("Open data kiezen")
    page.get_by_role("checkbox", name="D2 Vroegtijdig gesignaleerde personen").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("ingetrokken: D2")
    screenshot(page, "open-data-kiezen")
    assert serious_violations(page) == []
    assert not PublishedIndicator.objects.filter(indicator_code="D2").exists()
    page.goto(f"{site_with_register}/open-data/D2")
    expect(page.locator("h1")).not_to_contain_text("D2")
