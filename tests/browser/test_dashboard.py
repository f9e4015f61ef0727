"""The dashboard in Chromium at 1280 and 390 px (ADR 0032): a tile per operational goal with a
status in words and a shape, sparklines drawn by the server, the filter form (a GET form: the
URL carries the choice), the gemeente overview; no sideways scrolling and no serious or
critical axe problems. Writes the screenshots docs/screenshots lists."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, expect

from doorbraak.areas.models import Area
from doorbraak.areas.services import statline_load
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from doorbraak.synth.cbs import FILE as SYNTHETIC_CBS_FILE
from tests.browser.conftest import log_in, screenshot, serious_violations
from tests.browser.test_reflow import too_wide

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_dashboard_at_a_glance(
    browser: Browser, site_with_register: str, synth_dir: Path, width: int, height: int
) -> None:
    statline_load(path=synth_dir / SYNTHETIC_CBS_FILE, synthetic=True)
    call_command("monitor", "run", "--periode", "2023", "--periode", "2024", "--periode", "2025",
                 "--periode", "2026")  # fmt: skip
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, site_with_register, "programma")
        page.goto(f"{site_with_register}/monitor")
        expect(page.locator("h1")).to_have_text("Monitor: alle doelen in één oogopslag")
        goals = pm.OperationalGoal.objects.filter(
            strategic_goal__programme_line__plan_version=plan_version_current()
        )
        tiles = page.locator("li.monitor-tile")
        expect(tiles).to_have_count(goals.count())
        assert page.locator("li.monitor-tile svg.monitor-spark").count() > 0
        for status in page.locator("li.monitor-tile [data-status-words]").all_text_contents():
            assert status.strip()  # every status in words, beside its colour and shape
        assert too_wide(page) <= 0
        assert serious_violations(page) == []
        screenshot(page, f"dashboard-tegels-{width}")
        page.locator("#lijn-werkveld").scroll_into_view_if_needed()
        screenshot(page, f"dashboard-tegels-werkveld-{width}")
        page.locator("#gemeenten-naast-elkaar").scroll_into_view_if_needed()
        screenshot(page, f"dashboard-gemeenten-{width}")

        # the filter form is a plain GET form: the URL carries the choice
        gemeente = Area.objects.filter(level="gemeente").order_by("name").first()
        assert gemeente is not None
        page.get_by_label("Jaar", exact=True).select_option("2024")
        page.get_by_label("Gebied", exact=True).select_option(gemeente.code)
        page.get_by_role("button", name="Toon").click()
        page.wait_for_load_state()
        assert re.search(rf"periode=2024&gebied={gemeente.code}", page.url)
        expect(page.get_by_text(f"De tegels tonen 2024, {gemeente.name}.")).to_be_visible()
        expect(page.get_by_label("Gebied", exact=True)).to_have_value(gemeente.code)
        assert too_wide(page) <= 0
        assert serious_violations(page) == []
    finally:
        context.close()
