"""The second login step through the pages (ADR 0014): a staff account gets nothing but the
step until it has given a code from its authenticator app; the first time it sets the app up.
Residents need no second step; demo accounts skip it only with DOORBRAAK_DEMO on."""

import re
import time
from base64 import b32decode
from typing import Any

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorbraak.core.audit import audit_verify
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Role, User
from doorbraak.web.demo import DEMO_PASSWORD
from tests.conftest import UserOf

STEP = "/inloggen/tweede-stap"


def code_of(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or `steps_ahead` periods of 30 s later)."""
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time() + steps_ahead * device.step
    return f"{generator.token():0{device.digits}d}"


def code_from_secret(secret_text: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app computes from the secret the setup page shows."""
    secret = secret_text.replace(" ", "")
    generator = TOTP(b32decode(secret + "=" * (-len(secret) % 8)))
    generator.time = time.time() + steps_ahead * 30
    return f"{generator.token():06d}"


def password_login(
    client: Client, username: str, password: str = DEMO_PASSWORD, **extra: Any
) -> HttpResponse:
    return client.post("/inloggen", {"username": username, "password": password}, **extra)


def _new(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_a_password_alone_reaches_only_the_second_step(user_of: UserOf) -> None:
    user_of(Role.PROFESSIONAL)
    client = Client()
    response = password_login(client, "professional")
    assert response.status_code == 302
    assert response["Location"] == STEP
    for page in ("/werk", "/programma", "/start", "/beheer/"):
        refused = client.get(page)
        assert refused.status_code == 302, page
        assert refused["Location"].startswith(f"{STEP}?next="), page
    api = client.get("/api/v1/indicators")
    assert api.status_code == 403
    assert api["Content-Type"] == "application/problem+json"
    assert "tweede stap" in api.json()["detail"]
    assert not _new(AuditAction.AUTH_LOGIN)  # not logged in until the step is done


def test_the_first_login_sets_up_the_app_then_the_pages_open(user_of: UserOf) -> None:
    professional = user_of(Role.PROFESSIONAL)
    client = Client()
    password_login(client, "professional")
    page = client.get(STEP).content.decode()
    assert "Tweede stap instellen" in page
    assert "<svg" in page  # the QR code, inline
    secret = re.search(r"<code data-geheim>([A-Z2-7 ]+)</code>", page)
    assert secret, page
    wrong = client.post(STEP, {"otp_token": "000000"})
    assert wrong.status_code == 400
    assert "Deze code klopt niet" in wrong.content.decode()
    time.sleep(1.1)  # django-otp makes the next try wait a second after a wrong code
    right = client.post(STEP, {"otp_token": code_from_secret(secret.group(1)), "next": "/werk"})
    assert right.status_code == 302
    assert right["Location"] == "/werk"
    assert client.get("/werk").status_code == 200
    assert TOTPDevice.objects.get(user=professional).confirmed
    [failed] = _new(AuditAction.AUTH_MFA_FAIL)
    assert (failed.object_id, failed.reason) == (str(professional.pk), "app instellen")
    assert [e.object_id for e in _new(AuditAction.AUTH_MFA_DEVICE_ADD)] == [str(professional.pk)]
    [login] = _new(AuditAction.AUTH_LOGIN)
    assert (login.actor, login.reason) == (professional, "wachtwoord+app")
    assert audit_verify() == []


def test_later_logins_ask_the_code_once_and_refuse_it_twice(user_of: UserOf) -> None:
    board = user_of(Role.BOARD)
    device = TOTPDevice.objects.create(user=board, name="app", confirmed=True)
    client = Client()
    password_login(client, "bestuur")
    page = client.get(STEP).content.decode()
    assert "Tweede stap" in page
    assert "Tweede stap instellen" not in page
    assert "<svg" not in page  # the secret is shown only while setting up
    code = code_of(device)
    assert client.post(STEP, {"otp_token": code}).status_code == 302
    assert client.get("/programma").status_code == 200
    again = Client()
    password_login(again, "bestuur")
    reused = again.post(STEP, {"otp_token": code})
    assert reused.status_code == 400  # a code works once
    assert again.get("/programma").status_code == 302


def test_wrong_codes_make_the_next_try_wait(user_of: UserOf) -> None:
    steward = user_of(Role.DATA_STEWARD)
    device = TOTPDevice.objects.create(user=steward, name="app", confirmed=True)
    client = Client()
    password_login(client, "gegevensbeheerder")
    client.post(STEP, {"otp_token": "111111"})
    client.post(STEP, {"otp_token": "222222"})
    waiting = client.post(STEP, {"otp_token": code_of(device)})  # right, but too soon
    assert waiting.status_code == 400
    assert "Wacht" in waiting.content.decode()
    assert client.get("/organisatie").status_code == 302
    reasons = [e.reason for e in _new(AuditAction.AUTH_MFA_FAIL)]
    assert reasons == ["code", "te snel na een foute code", "te snel na een foute code"]


def test_a_resident_needs_no_second_step(user_of: UserOf) -> None:
    resident = user_of(Role.HOUSEHOLD)
    client = Client()
    response = password_login(client, "huishouden")
    assert response["Location"] == "/start"
    assert client.get("/mijn-huishouden", follow=True).status_code == 200
    [login] = _new(AuditAction.AUTH_LOGIN)
    assert (login.actor, login.reason) == (resident, "wachtwoord")


def test_a_superuser_needs_the_second_step_too(demo_world: None) -> None:
    User.objects.create_superuser(username="opdrachtregel", password="Lang-genoeg-2026")
    client = Client()
    password_login(client, "opdrachtregel", "Lang-genoeg-2026")
    assert client.get("/beheer/")["Location"].startswith(STEP)


def test_demo_accounts_skip_the_step_only_in_the_demo(user_of: UserOf, settings) -> None:  # type: ignore[no-untyped-def]
    user_of(Role.PROGRAMME_TEAM)
    settings.DEMO = True
    demo = Client()
    assert password_login(demo, "programma")["Location"] == "/start"
    assert demo.get("/programma").status_code == 200
    assert "Alleen demo" in demo.get("/programma").content.decode()
    assert "Alleen demo:" in Client().get("/inloggen").content.decode()
    User.objects.create_user(
        username="echt", password="Lang-genoeg-2026", role=Role.PROGRAMME_TEAM
    )  # not a demo account: the step, demo or not
    other = Client()
    password_login(other, "echt", "Lang-genoeg-2026")
    assert other.get("/programma")["Location"].startswith(STEP)
    settings.DEMO = False
    assert demo.get("/programma")["Location"].startswith(STEP)
    assert "Alleen demo" not in Client().get("/inloggen").content.decode()


def test_a_forgotten_password_goes_by_dutch_e_mail_and_still_needs_the_step(
    user_of: UserOf,
) -> None:
    researcher = user_of(Role.RESEARCHER)
    researcher.email = "onderzoeker@hogeschool.example"
    researcher.save()
    sent = Client().post("/wachtwoord-vergeten", {"email": "onderzoeker@hogeschool.example"})
    assert sent.status_code == 302
    Client().post("/wachtwoord-vergeten", {"email": "onbekend@example.org"})  # same answer
    [message] = mail.outbox
    assert message.to == ["onderzoeker@hogeschool.example"]
    assert message.subject == "Uw doorbraak-account: kies een wachtwoord"
    assert "Beste onderzoeker" in message.body
    link = re.search(r"https?://[^/]+(/wachtwoord/nieuw/\S+/)", message.body)
    assert link, message.body
    client = Client()
    form = client.get(link.group(1), follow=True)
    assert "Nieuw wachtwoord kiezen" in form.content.decode()
    new = "Nieuw-en-lang-2026"
    chosen = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert chosen["Location"] == "/inloggen"
    assert [e.object_id for e in _new(AuditAction.AUTH_PASSWORD_RESET)] == [str(researcher.pk)]
    assert client.get("/onderzoek").status_code == 302  # the link logs nobody in
    assert password_login(client, "onderzoeker", new)["Location"] == STEP


@pytest.mark.parametrize("field", ["username", "password"])
def test_the_login_page_keeps_its_dutch_labels(demo_world: None, field: str) -> None:
    page = Client().get("/inloggen").content.decode()
    assert f'name="{field}"' in page
    assert "Wachtwoord vergeten?" in page
    assert "Inloggen met uw organisatieaccount" not in page  # OIDC is off unless configured
