"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against a live server.

Playwright's sync API keeps an event loop running in this thread, so the ORM must be allowed
to run here too. The live server's database is flushed after each test, so every test loads
the demo world again.
"""

import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, sync_playwright

from doorbraak.partners.mfa import second_step_required
from doorbraak.partners.models import User
from doorbraak.web.demo import DEMO_PASSWORD
from tests.conftest import world_setup

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("DOORBRAAK_CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network: no background calls home, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the tests through `tasks.py test`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db: None) -> str:  # type: ignore[no-untyped-def]
    world_setup()
    return str(live_server.url)


@pytest.fixture
def site_with_register(live_server, transactional_db: None, synth_dir: Path) -> str:  # type: ignore[no-untyped-def]
    world_setup(synth_dir)
    return str(live_server.url)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def login(page: Page, site: str) -> Callable[[str], None]:
    return partial(log_in, page, site)


def log_in(page: Page, site: str, username: str) -> None:
    """Log in as a demo user the way a user does: password, then (staff roles) the code from
    the authenticator app the user has set up (`app_code`)."""
    code = app_code(username)
    page.goto(f"{site}/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/inloggen/tweede-stap" in page.url and code:
        page.get_by_label("Code uit uw app").fill(code)
        page.get_by_role("button", name="Verder").click()
        page.wait_for_load_state()


def app_code(username: str) -> str:
    """The code the user's authenticator app shows now ('' for a role without the second
    step): the app is set up once per test, and a code may be used again in the next login
    of the same test (as if half a minute had passed)."""
    user = User.objects.get(username=username)
    if not second_step_required(user):
        return ""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "browser"}
    )
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{generator.token():0{device.digits}d}"


_AXE = Axe()


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the current page, readable."""
    results = _AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
