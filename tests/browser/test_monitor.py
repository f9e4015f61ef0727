"""The monitor in Chromium: the dashboard (every operational goal, values or what they wait
for), an indicator page with its charts drawn, and an area page; each free of serious
accessibility problems."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from doorbraak.areas.models import Area
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from tests.browser.conftest import log_in, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_programme_team_sees_every_goal_on_the_dashboard(
    page: Page,
    site_with_register: str,
    login,  # type: ignore[no-untyped-def]
) -> None:
    call_command("monitor", "run", "--periode", "2024", "--periode", "2025")
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
    expect(page.get_by_role("heading", name="Per gebied")).to_be_visible()
    screenshot(page, "monitor-dashboard")
    assert serious_violations(page) == []

    # the indicator page: the trend and the gemeente map are drawn, the tables stay (D2 is a
    # count, compared per 1.000 households: this world loads no CBS figures, so the map is
    # grey, its table says "geen CBS-cijfer", and there are no bars; ADR 0041)
    page.get_by_role("link", name="D2 ", exact=False).first.click()
    expect(page.locator("h1")).to_contain_text("D2")
    expect(page.get_by_role("heading", name="Verloop in de regio")).to_be_visible()
    expect(page.get_by_role("link", name="Download alle waarden (CSV)")).to_be_visible()
    trend = page.locator('figure[data-chart="grafiek-verloop"]')
    expect(trend.locator(".monitor-chart__canvas svg")).to_have_count(1)
    expect(trend.get_by_role("img")).to_have_attribute("aria-label", re.compile(r"\S"))
    expect(trend.locator("svg")).to_contain_text("Jaar")
    bars = page.locator('figure[data-chart="kaart-gemeenten"]')
    expect(bars.locator(".monitor-chart__canvas svg")).to_have_count(1)
    expect(page.get_by_role("table", name="Waarde per gemeente")).to_be_visible()
    expect(page.get_by_role("table", name="Waarde per gemeente")).to_contain_text("CBS-cijfer")
    trend.scroll_into_view_if_needed()
    screenshot(page, "monitor-indicator")
    bars.scroll_into_view_if_needed()
    screenshot(page, "monitor-indicator-gemeenten")
    assert serious_violations(page) == []

    # from the per-gemeente table to that gemeente's area page, and on to a wijk
    gemeente = Area.objects.filter(level="gemeente").order_by("name").first()
    assert gemeente is not None
    page.get_by_role("table", name="Waarde per gemeente").get_by_role(
        "link", name=gemeente.name, exact=True
    ).click()
    expect(page.locator("h1")).to_have_text(f"{gemeente.name} (gemeente)")
    expect(page.get_by_role("heading", name="Wijken")).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    expect(page.locator("figure[data-chart] svg").first).to_be_visible()
    screenshot(page, "monitor-area-gemeente")
    page.locator("figure[data-chart]").first.scroll_into_view_if_needed()
    screenshot(page, "monitor-area-gemeente-charts")
    assert serious_violations(page) == []

    wijk = Area.objects.filter(parent=gemeente, level="wijk").order_by("name").first()
    assert wijk is not None
    # a dorp may carry the wijk's name (Anderen: wijk and village), so the wijk's own link
    page.locator(f'a[href$="/monitor/gebied/{wijk.code}"]').first.click()
    expect(page.locator("h1")).to_have_text(f"{wijk.name} (wijk)")
    expect(page.get_by_role("link", name=gemeente.name, exact=True)).to_be_visible()
    screenshot(page, "monitor-area-wijk")
    assert serious_violations(page) == []


def test_the_area_page_works_without_javascript(
    browser,  # type: ignore[no-untyped-def]
    site_with_register: str,
) -> None:
    call_command("monitor", "run", "--periode", "2025")
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, site_with_register, "bestuur")
        region = Area.objects.get(level="regio")
        page.goto(f"{site_with_register}/monitor/gebied/{region.code}")
        expect(page.locator("h1")).to_have_text(f"{region.name} (regio)")
        expect(page.get_by_role("heading", name="Gemeenten")).to_be_visible()
        assert page.locator("[data-indicator]").count() > 0
        expect(page.locator("figure[data-chart]").first).to_be_hidden()  # no empty frames
    finally:
        context.close()
