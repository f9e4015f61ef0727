"""Reflow (WCAG 1.4.10, which axe does not check): every page each role can reach fits a
320 and a 390 CSS px wide screen without sideways scrolling; on a narrow screen the menu is
a button; at 390 px the pages are also free of serious accessibility problems.

"Every page each role can reach" is found the way a user finds it: from the role's start
page, following the links on each page (the menu included). Pages of one kind (an indicator,
a gemeente, a goal) are visited twice, not forty times: the same template at the same width.
"""

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import log_in, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROLES = ["", "programma", "bestuur", "gegevensbeheerder", "professional", "huishouden"]
ROLES += ["onderzoeker", "vroegsignalering"]
WIDTHS = (320, 390)
# not pages to look at: leaving, downloads, the Django admin, the login flow, posts
SKIP = re.compile(
    r"^/(uitloggen|beheer|api|static|inloggen|wachtwoord|beveiligingssleutels)|"
    r"\.(csv|xlsx|json|pdf)$|/resultaat$|/download"
)
PER_KIND = 2
MAX_PAGES = 40


def page_kind(path: str) -> str:
    """Paths of one template share a kind: '/monitor/D2' and '/monitor/P7' are both
    '/monitor/*'; '/programma/doelen/W2' is '/programma/doelen/*'."""
    parts = path.strip("/").split("/")
    if len(parts) <= 1:
        return path
    return "/" + "/".join(parts[:-1]) + "/*"


def reachable_pages(page: Page, site: str, start: str) -> list[str]:
    """Breadth first from `start` over same-site links: at most PER_KIND pages of a kind."""
    host = urlparse(site).netloc
    todo, seen, kinds = [start], [], {}  # type: ignore[var-annotated]
    while todo and len(seen) < MAX_PAGES:
        path = todo.pop(0)
        if path in seen or kinds.get(page_kind(path), 0) >= PER_KIND:
            continue
        response = page.goto(site + path)
        if response is None or response.status >= 400 or urlparse(page.url).path != path:
            continue
        seen.append(path)
        kinds[page_kind(path)] = kinds.get(page_kind(path), 0) + 1
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urljoin(site + path, href))
            if url.netloc == host and not SKIP.search(url.path) and url.path not in todo:
                todo.append(url.path)
    return seen


def assert_house_colour(link: Locator) -> None:
    """A menu link in the house style's colour, not the browser's default link blue/purple."""
    colour = link.evaluate("e => getComputedStyle(e).color")
    assert colour not in ("rgb(0, 0, 238)", "rgb(85, 26, 139)"), colour


def too_wide(page: Page) -> int:
    """How many CSS px the page is wider than the window (0: no sideways scrolling)."""
    return int(
        page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("username", ROLES)
def test_every_page_fits_a_phone_without_sideways_scrolling(
    browser: Browser, site_with_register: str, username: str
) -> None:
    site = site_with_register
    call_command("monitor", "run", "--periode", "2024", "--periode", "2025")
    problems: dict[str, object] = {}
    for width in WIDTHS:
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
        page = context.new_page()
        page.set_default_timeout(15_000)
        if username:
            log_in(page, site, username)
        start = urlparse(page.url).path if username else "/"
        pages = reachable_pages(page, site, start)
        assert len(pages) >= (1 if username == "huishouden" else 3), pages
        for path in pages:
            page.goto(site + path)
            page.wait_for_load_state("networkidle")  # charts drawn
            if extra := too_wide(page):
                problems[f"{width}px {path}"] = f"{extra} px te breed"
            if width == 390 and (found := serious_violations(page)):
                problems[f"{width}px {path} axe"] = found
        context.close()
    assert not problems, problems


def test_the_menu_is_a_button_on_a_phone_and_a_row_of_links_on_a_desktop(
    browser: Browser, site: str
) -> None:
    for width, button in ((390, True), (1280, False)):
        context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
        page = context.new_page()
        log_in(page, site, "programma")
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        monitor = nav.get_by_role("link", name="Monitor", exact=True)
        menu = nav.locator("summary", has_text="Menu")
        if button:
            expect(monitor).to_be_hidden()
            menu.click()
            expect(monitor).to_be_visible()
            assert_house_colour(monitor)
            screenshot(page, "menu-390")
            monitor.click()
            expect(page.locator("h1")).to_contain_text("Monitor")
        else:
            expect(menu).to_be_hidden()
            expect(monitor).to_be_visible()
            assert_house_colour(monitor)
        context.close()
