"""The strict Content-Security-Policy holds in Chromium: the main pages of every role load
without one violation, and the monitor's Vega-Lite charts are still drawn (Vega's expression
interpreter instead of eval, no <style> element of vega-embed's own)."""

from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, expect

from doorbraak.areas.models import Area
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every violation the page reports, also the ones a console message would not show.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""
PUBLIC = ["/", "/inloggen", "/open-data", "/toegankelijkheid", "/wachtwoord-vergeten"]
BY_USER = {
    "programma": ["/programma", "/gebieden", "/partners", "/register", "/monitor", "/koppeling",
                  "/koppeling/beoordelen", "/pijplijn", "/open-data/kiezen"],
    "professional": ["/werk", "/beveiligingssleutels/"],
    "huishouden": ["/mijn-huishouden"],
    "gegevensbeheerder": ["/organisatie", "/aanleveringen"],
    "onderzoeker": ["/onderzoek"],
    "beheerder": ["/beheer/", "/beheer/partners/user/", "/beheer/partners/user/add/",
                  "/beheer/programme/target/"],
}  # fmt: skip


def _violations(page: Page) -> Callable[[], list[str]]:
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            console.append(message.text)

    def seen() -> list[str]:
        found = console + page.evaluate("window.__csp || []")
        console.clear()
        return found

    page.on("console", on_console)
    page.add_init_script(LISTEN)
    return seen


def _visit(page: Page, site: str, url: str, seen: Callable[[], list[str]]) -> list[str]:
    response = page.goto(f"{site}{url}")
    assert response is not None, url
    assert response.status < 400, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("networkidle")
    return [f"{url}: {v}" for v in seen()]


def test_no_page_breaks_the_policy(page: Page, site_with_register: str) -> None:
    call_command("monitor", "run", "--periode", "2024", "--periode", "2025")
    seen = _violations(page)
    found = []
    for url in PUBLIC:
        found += _visit(page, site_with_register, url, seen)
    gemeente = Area.objects.filter(level="gemeente").order_by("name").first()
    assert gemeente is not None
    for username, urls in BY_USER.items():
        page.context.clear_cookies()
        log_in(page, site_with_register, username)
        charts = ["/monitor/D2", f"/monitor/gebied/{gemeente.code}"]
        extra = charts if username == "programma" else []
        for url in [*urls, *extra]:
            found += _visit(page, site_with_register, url, seen)
            if url == "/monitor/D2":
                charts = page.locator("figure[data-chart] .monitor-chart__canvas svg")
                # drawn: trend, the gemeenten's map, wijk tiles; the gemeenten's bars are rates
                # per 1.000 inwoners (ADR 0041), and this world loads no CBS population
                expect(charts).to_have_count(3)
    assert found == [], "\n".join(found)
