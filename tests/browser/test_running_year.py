"""The running year on a phone: the dashboard at 390 px wide says that 2026 is a running year
up to the day the data run (ADR 0018), shows its values apart from the judged year, and the
page does not scroll sideways."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LABEL = "lopend jaar, t/m 30 juni 2026"
# how many lines of text a header cell's row is high (every cell of a row is equally high)
LINES = """cell => {
  const style = getComputedStyle(cell);
  const line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
  const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
  return (cell.getBoundingClientRect().height - padding) / line;
}"""


def test_the_dashboard_labels_the_running_year_on_a_phone(
    page: Page,
    site_with_register: str,
    login,  # type: ignore[no-untyped-def]
) -> None:
    call_command("monitor", "run", "--periode", "2025", "--periode", "2026", "--niveau", "region")
    page.set_viewport_size({"width": 390, "height": 844})
    login("programma")
    page.goto(f"{site_with_register}/monitor")
    note = page.locator('p.monitor-running[data-running="2026"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text(f"2026 is een {LABEL}")
    expect(note).to_contain_text("niet tegen het traject beoordeeld")
    head = page.get_by_role("columnheader", name=f"2026 ({LABEL})").first
    head.scroll_into_view_if_needed()
    expect(head).to_be_visible()
    assert page.get_by_text("niet beoordeeld: lopend jaar").count() == 0  # status: 2025 only
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways: {width} px"
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "monitor-dashboard-lopend-jaar-390")
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", ["/monitor", "/monitor/bestuur"])
def test_the_running_year_column_stays_low_on_a_phone(
    page: Page,
    site_with_register: str,
    login,  # type: ignore[no-untyped-def]
    path: str,
) -> None:
    """At 390 px the ambition table's running-year heading does not wrap its long label into a
    tall column (both dashboards): it shows the year short and keeps the label for screen
    readers, while the note above the table says what the running year is."""
    call_command("monitor", "run", "--periode", "2025", "--periode", "2026", "--niveau", "region")
    page.set_viewport_size({"width": 390, "height": 844})
    login("programma")
    page.goto(f"{site_with_register}{path}")
    table = page.locator('table:has(caption[id="tabel-ambition"])')
    running = table.get_by_role("columnheader", name=f"2026 ({LABEL})")
    expect(running).to_be_visible()
    lines = running.evaluate(LINES)
    running.scroll_into_view_if_needed()
    screenshot(page, f"monitor-{path.strip('/').replace('/', '-')}-lopend-kolom-390")
    assert lines <= 2.2, f"the header row is {lines:.1f} lines high"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == []
