"""The programme dashboard in Chromium: every operational goal, values or what they wait for."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_programme_team_sees_every_goal_on_the_dashboard(
    page: Page,
    site_with_register: str,
    login,  # type: ignore[no-untyped-def]
) -> None:
    call_command("monitor", "run", "--periode", "2025")
    login("programma")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Monitor").click()
    expect(page.locator("h1")).to_have_text("Monitor: alle doelen in één oogopslag")
    goals = pm.OperationalGoal.objects.filter(
        strategic_goal__programme_line__plan_version=plan_version_current()
    )
    for goal in goals:
        expect(page.get_by_role("heading", name=goal.code, exact=False).first).to_be_visible()
    assert page.locator("[data-indicator]").count() >= goals.count()
    assert page.get_by_text("Wacht op:").count() > 0
    screenshot(page, "monitor-dashboard")
    assert serious_violations(page) == []

    page.get_by_role("link", name="D2 ", exact=False).first.click()
    expect(page.locator("h1")).to_contain_text("D2")
    expect(page.get_by_role("heading", name="Verloop in de regio")).to_be_visible()
    expect(page.get_by_role("link", name="Download alle waarden (CSV)")).to_be_visible()
    screenshot(page, "monitor-indicator")
    assert serious_violations(page) == []
