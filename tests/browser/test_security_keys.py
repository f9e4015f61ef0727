"""A security key as the second step in Chromium (issue 12, ADR 0014): Chromium's virtual
authenticator (DevTools' WebAuthn domain: CTAP2, built in, with user verification) plays the
key. A professional without a second step registers the key on the setup page, lands on the
caseload, logs out, and logs in again with password and key alone (no code field on the page).
The relying party id and origin are the live server's, set as a server sets them (settings).
The pages keep the strict Content-Security-Policy (the library's JavaScript is static) and
pass axe-core."""

from collections.abc import Iterator
from typing import Any

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import CDPSession, ConsoleMessage, Page, expect

from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import User
from doorbraak.web.demo import DEMO_PASSWORD
from tests.browser.conftest import screenshot, serious_violations
from tests.browser.test_csp import LISTEN

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def key_site(site: str, settings: Any) -> str:
    """The live server as the relying party: its host and its address (http://localhost:PORT)."""
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [site]
    assert site.startswith("http://localhost:")
    return site


@pytest.fixture
def authenticator(page: Page) -> Iterator[tuple[CDPSession, str]]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    yield cdp, added["authenticatorId"]
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": added["authenticatorId"]})


def _csp_watch(page: Page) -> list[str]:
    seen: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            seen.append(message.text)

    page.on("console", on_console)
    page.add_init_script(LISTEN)
    return seen


def _password(page: Page, site: str) -> None:
    page.goto(f"{site}/inloggen")
    page.get_by_label("Gebruikersnaam").fill("professional")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_professional_registers_a_key_and_logs_in_with_it(
    page: Page, key_site: str, authenticator: tuple[CDPSession, str]
) -> None:
    cdp, authenticator_id = authenticator
    csp = _csp_watch(page)
    _password(page, key_site)
    expect(page.locator("h1")).to_have_text("Tweede stap instellen")
    register = page.get_by_role("button", name="Beveiligingssleutel registreren")
    expect(register).to_be_visible()  # the library's script found WebAuthn and showed it
    assert serious_violations(page) == []
    register.click()
    expect(page.locator("h1")).to_have_text("Mijn huishoudens")  # registered: step passed
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    [credential] = stored["credentials"]
    assert credential["rpId"] == "localhost"
    professional = User.objects.get(username="professional")
    assert WebAuthnCredential.objects.filter(user=professional, confirmed=True).count() == 1

    page.get_by_role("button", name="Uitloggen").click()
    _password(page, key_site)
    expect(page.locator("h1")).to_have_text("Tweede stap")
    assert page.get_by_label("Code uit uw app").count() == 0  # only the key passes
    page.goto(f"{key_site}/werk/")  # every page leads back to the step
    expect(page.locator("h1")).to_have_text("Tweede stap")
    assert serious_violations(page) == []
    screenshot(page, "login-tweede-stap-sleutel")
    page.get_by_role("button", name="Inloggen met beveiligingssleutel").click()
    expect(page.locator("h1")).to_have_text("Mijn huishoudens")
    assert "/werk" in page.url  # back to the page asked for
    used = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert used["credentials"][0]["signCount"] > credential["signCount"]

    page.goto(f"{key_site}/beveiligingssleutels/")
    expect(page.get_by_role("table")).to_contain_text("Geregistreerd")
    assert serious_violations(page) == []
    page.wait_for_load_state("networkidle")
    assert csp + page.evaluate("window.__csp || []") == []
    logins = AuditEvent.objects.filter(action=AuditAction.AUTH_LOGIN, object_id=professional.pk)
    assert [e.reason for e in logins.order_by("seq")] == ["wachtwoord+sleutel"] * 2
    assert AuditEvent.objects.filter(action=AuditAction.AUTH_MFA_KEY_ADD).count() == 1
