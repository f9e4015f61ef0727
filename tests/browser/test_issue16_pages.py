"""Issue 16's done-when: at 1280 and 390 CSS px (Chromium), the dashboard, an indicator page
(with its gemeente map and wijk tile map drawn), a gemeente and a wijk page, deliveries at a
glance, the linkage review, the board's dashboard, the public home and open data pass
axe-core (no serious or critical problems) and are no wider than the window."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.intake.mappings import mappings_load
from doorbraak.linkage.services import linkage_run
from doorbraak.opendata.services import publish_defaults
from tests.browser.conftest import log_in, screenshot, serious_violations
from tests.browser.test_reflow import too_wide
from tests.linkage.conftest import deliver

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (1280, 390)


def _pages() -> dict[str, str]:
    emmen = Area.objects.get(code="GM0114", level=AreaLevel.GEMEENTE)
    wijk = Area.objects.filter(parent=emmen, level=AreaLevel.WIJK).order_by("code").first()
    assert wijk is not None
    return {
        "dashboard": "/monitor",
        "bestuur": "/monitor/bestuur",  # the board's own dashboard (ADR 0041)
        "indicator": "/monitor/P1",
        "gemeente": f"/monitor/gebied/{emmen.code}",
        "wijk": f"/monitor/gebied/{wijk.code}",
        "aanleveringen": "/aanleveringen/overzicht",
        "koppeling": "/koppeling/beoordelen",
        "open-data": "/open-data",
    }


def _world(synth_dir: Path, tmp_path: Path) -> None:
    mappings_load(path=synth_dir / "exports" / "mappings.yaml")
    deliver(synth_dir, tmp_path)
    linkage_run()
    call_command("monitor", "run", "--periode", "2024", "--periode", "2025")
    publish_defaults()


def _check(page: Page, site: str, path: str, width: int, problems: dict[str, object]) -> None:
    response = page.goto(site + path)
    assert response is not None
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")  # charts and maps drawn
    if extra := too_wide(page):
        problems[f"{width}px {path}"] = f"{extra} px te breed"
    if found := serious_violations(page):
        problems[f"{width}px {path} axe"] = found


def _maps_drawn(page: Page, site: str) -> None:
    page.goto(site + "/monitor/P1")
    gemeenten = page.locator('figure[data-chart="kaart-gemeenten"]')
    expect(gemeenten).to_be_visible()
    expect(gemeenten.locator("svg path").first).to_be_attached()
    assert gemeenten.locator("svg text").filter(has_text="Westerwolde").count() == 1
    expect(page.locator('figure[data-chart="kaart-wijken"] svg')).to_be_attached()


def test_the_issue_16_pages_fit_and_pass_axe_at_1280_and_390(
    browser: Browser, site_with_register: str, synth_dir: Path, tmp_path: Path
) -> None:
    site = site_with_register
    _world(synth_dir, tmp_path)
    pages = _pages()
    problems: dict[str, object] = {}
    for width in WIDTHS:
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)
        for path in ("/", "/open-data"):  # as a visitor
            _check(page, site, path, width, problems)
        log_in(page, site, "programma")
        expect(page.locator("h1")).to_contain_text("Monitor")  # the team lands on the dashboard
        for name, path in pages.items():
            _check(page, site, path, width, problems)
            if name in ("indicator", "gemeente"):
                screenshot(page, f"issue16-{name}-{width}")
        _maps_drawn(page, site)
        context.close()
    assert not problems, problems
