"""The gemeente map's labels do not overlap (issue 16): at 1280, 390 and 320 CSS px the drawn
name-and-value labels of the ten gemeenten are measured in Chromium and no two boxes touch
(Stadskanaal and Westerwolde did at 1280 px; Veendam and Pekela too). The indicator page's
map and the board's map are both checked, and neither page scrolls sideways."""

import pytest
from playwright.sync_api import Browser, expect

from doorbraak.monitor.services import monitor_run
from tests.browser.conftest import log_in
from tests.browser.test_reflow import too_wide
from tests.conftest import catalogue_part

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (1280, 390, 320)
GAP = 1  # px: boxes closer than this count as touching
LABELS = """(id) => Array.from(
  document.querySelectorAll(`figure[data-chart="${id}"] svg .mark-text.role-mark text`)
).map((t) => { const r = t.getBoundingClientRect();
  return [t.textContent, r.left, r.top, r.right, r.bottom]; })"""

Box = tuple[str, float, float, float, float]


def touching(boxes: list[Box]) -> list[tuple[str, str]]:
    """The pairs of labels whose boxes overlap or come closer than GAP."""
    return [
        (a[0], b[0])
        for index, a in enumerate(boxes)
        for b in boxes[index + 1 :]
        if a[1] < b[3] + GAP and b[1] < a[3] + GAP and a[2] < b[4] + GAP and b[2] < a[4] + GAP
    ]


def test_touching_finds_overlap_and_closeness() -> None:
    assert touching([("a", 0, 0, 10, 10), ("b", 5, 5, 15, 15)]) == [("a", "b")]
    assert touching([("a", 0, 0, 10, 10), ("b", 10.5, 0, 20, 10)]) == [("a", "b")]
    assert touching([("a", 0, 0, 10, 10), ("b", 12, 0, 20, 10)]) == []


def test_the_gemeente_labels_do_not_overlap_at_1280_390_and_320(
    browser: Browser, site_with_register: str
) -> None:
    site = site_with_register
    monitor_run(
        periods=["2024", "2025"],
        levels=("region", "gemeente"),
        definitions=catalogue_part("P1", "W2"),
    )
    pages: list[tuple[str, str, str]] = [
        ("programma", "/monitor/P1", "kaart-gemeenten"),
        ("bestuur", "/monitor/bestuur", "kaart-gebied"),
    ]
    problems: dict[str, object] = {}
    for width in WIDTHS:
        for username, path, chart in pages:
            context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
            page = context.new_page()
            page.set_default_timeout(20_000)
            log_in(page, site, username)
            page.goto(site + path)
            figure = page.locator(f'figure[data-chart="{chart}"]')
            expect(figure).to_be_visible()
            expect(figure.locator("svg .mark-text.role-mark text").first).to_be_attached()
            boxes: list[Box] = page.evaluate(LABELS, chart)
            names = [box[0] for box in boxes]
            assert len(boxes) == 10, names  # every gemeente labelled
            assert any(name.startswith("Stadskanaal") for name in names)
            if found := touching(boxes):
                problems[f"{width}px {path}"] = found
            if extra := too_wide(page):
                problems[f"{width}px {path} breedte"] = f"{extra} px te breed"
            context.close()
    assert not problems, problems
