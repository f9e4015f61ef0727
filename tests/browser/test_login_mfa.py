"""Logging in with the second step in Chromium (issue 12): a professional without an app sets
one up from the page (the test plays the app: it reads the secret the page shows and computes
the code), lands on the caseload, logs in again with a code, and is logged out once the session
has been idle past the limit. The pages pass axe-core."""

import re
import time
from base64 import b32decode

import pytest
from django.contrib.sessions.models import Session
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from doorbraak.partners.middleware import ACTIVE_KEY
from doorbraak.web.demo import DEMO_PASSWORD
from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _password(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _app_code(secret_text: str, *, steps_ahead: int = 0) -> str:
    """What the authenticator app shows for the secret it was given."""
    secret = secret_text.replace(" ", "")
    generator = TOTP(b32decode(secret + "=" * (-len(secret) % 8)))
    generator.time = time.time() + steps_ahead * 30
    return f"{generator.token():06d}"


def _idle(page: Page, minutes: int) -> None:
    """Make the browser's session look idle for `minutes` (its last request that long ago)."""
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    stored = Session.objects.get(session_key=cookie["value"])
    data = stored.get_decoded()
    data[ACTIVE_KEY] = int(time.time()) - minutes * 60
    stored.session_data = Session.objects.encode(data)
    stored.save()


def test_a_professional_sets_up_the_app_logs_in_with_a_code_and_times_out(
    page: Page, site: str
) -> None:
    _password(page, site, "professional")
    expect(page.locator("h1")).to_have_text("Tweede stap instellen")
    expect(page.get_by_role("img", name="QR-code om de app in te stellen")).to_be_visible()
    screenshot(page, "login-tweede-stap-instellen")
    assert serious_violations(page) == []
    secret = page.locator("[data-geheim]").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret), secret

    page.get_by_label("Code uit uw app").fill("123456")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    page.goto(f"{site}/werk/")  # every page leads back to the step
    expect(page.locator("h1")).to_have_text("Tweede stap instellen")
    time.sleep(1.1)  # django-otp's wait after a wrong code
    page.get_by_label("Code uit uw app").fill(_app_code(secret))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("h1")).to_have_text("Mijn huishoudens")

    page.get_by_role("button", name="Uitloggen").click()
    _password(page, site, "professional")
    expect(page.locator("h1")).to_have_text("Tweede stap")
    assert page.locator("[data-geheim]").count() == 0  # the secret only while setting up
    assert serious_violations(page) == []
    page.get_by_label("Code uit uw app").fill(_app_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Verder").click()
    expect(page.locator("h1")).to_have_text("Mijn huishoudens")

    _idle(page, 29)
    page.goto(f"{site}/werk/")
    expect(page.locator("h1")).to_have_text("Mijn huishoudens")  # still within the limit
    _idle(page, 31)
    page.goto(f"{site}/werk/")
    expect(page.locator("h1")).to_have_text("Inloggen")
    expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd omdat u 30 minuten")
    screenshot(page, "login-na-inactiviteit")


def test_the_lockout_shows_in_the_browser(page: Page, site: str) -> None:
    for attempt in range(5):
        page.goto(f"{site}/inloggen")
        page.get_by_label("Gebruikersnaam").fill("bestuur")
        page.get_by_label("Wachtwoord").fill(f"fout-{attempt}")
        page.get_by_role("button", name="Inloggen").click()
    _password(page, site, "bestuur")
    expect(page.get_by_role("alert")).to_contain_text("Te veel mislukte pogingen")
    assert "/inloggen" in page.url
    assert serious_violations(page) == []
