"""Security keys and passkeys (WebAuthn) as the second step (ADR 0014), through the real
django-otp-webauthn endpoints and a software authenticator (`soft_authenticator`): a first
login registers a key instead of the app; a user with only a key passes the step only with
that key (a code, a new app or a new key do not open the pages); a user may hold both kinds;
adding, removing and refused attempts are audit lines without a name."""

import json
from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from doorbraak.core.audit import audit_verify
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.accounts import second_step_reset
from doorbraak.partners.models import Role, User
from doorbraak.web.demo import DEMO_PASSWORD
from tests.conftest import UserOf
from tests.partners.soft_authenticator import SoftKey
from tests.web.test_login_mfa import code_of

STEP = "/inloggen/tweede-stap"
KEYS = "/beveiligingssleutels/"
ORIGIN = "http://localhost:8000"  # settings' default (DOORBRAAK_WEBAUTHN_ORIGINS)


def _password(client: Client, username: str) -> None:
    response = client.post("/inloggen", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _register(client: Client, key: SoftKey, **kwargs: Any) -> Any:
    begin = _post(client, f"{KEYS}registreren/begin")
    if begin.status_code != 200:
        return begin
    return _post(client, f"{KEYS}registreren/klaar", key.create(begin.json(), **kwargs))


def _authenticate(client: Client, key: SoftKey, **kwargs: Any) -> Any:
    begin = _post(client, f"{KEYS}controleren/begin")
    assert begin.status_code == 200, begin.content
    options = begin.json()
    return _post(client, f"{KEYS}controleren/klaar?next=/werk", key.get(options, **kwargs))


def _events(action: AuditAction, user: User | None = None) -> list[AuditEvent]:
    found = AuditEvent.objects.filter(action=action).order_by("seq")
    return list(found.filter(object_id=str(user.pk)) if user else found)


def _key_only_user(user_of: UserOf) -> tuple[User, SoftKey]:
    professional = user_of(Role.PROFESSIONAL)
    key = SoftKey(origin=ORIGIN)
    client = Client()
    _password(client, "professional")
    assert _register(client, key).status_code == 200
    return professional, key


def test_a_first_login_registers_a_key_instead_of_the_app(user_of: UserOf) -> None:
    professional = user_of(Role.PROFESSIONAL)
    client = Client()
    _password(client, "professional")
    page = client.get(STEP).content.decode()
    assert "Tweede stap instellen" in page
    assert 'id="passkey-registration-available-template"' in page  # the library's markup
    assert "django_otp_webauthn/otp_webauthn_register.js" in page  # its static script
    assert "<script>" not in page  # no inline script (CSP)
    assert client.get("/werk").status_code == 302
    done = _register(client, SoftKey(origin=ORIGIN))
    assert done.status_code == 200, done.content
    assert client.get("/werk").status_code == 200  # the step is passed
    [credential] = WebAuthnCredential.objects.filter(user=professional)
    assert credential.confirmed
    assert not TOTPDevice.objects.filter(user=professional, confirmed=True).exists()
    [added] = _events(AuditAction.AUTH_MFA_KEY_ADD, professional)
    assert (added.result, added.actor_id) == ("geregistreerd", professional.pk)
    [login] = _events(AuditAction.AUTH_LOGIN, professional)
    assert login.reason == "wachtwoord+sleutel"
    assert audit_verify() == []


def test_with_only_a_key_the_step_is_passed_only_with_that_key(user_of: UserOf) -> None:
    professional, key = _key_only_user(user_of)
    client = Client()
    _password(client, "professional")
    page = client.get(STEP).content.decode()
    assert "Tweede stap instellen" not in page
    assert "Code uit uw app" not in page  # no app to type a code from
    assert 'id="passkey-verification-available-template"' in page
    # a code neither passes nor sets up a new app
    refused = client.post(STEP, {"otp_token": "123456"})
    assert refused.status_code == 400
    assert "geen authenticator-app ingesteld" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=professional).exists()
    # nor may a password alone add a key of its own
    assert _register(client, SoftKey(origin=ORIGIN)).status_code == 403
    assert WebAuthnCredential.objects.filter(user=professional).count() == 1
    # a key that is not registered, or the right key from another site, is refused
    assert _authenticate(client, SoftKey(origin=ORIGIN)).status_code >= 400
    assert _authenticate(client, key, origin="https://phishing.example").status_code >= 400
    assert _authenticate(client, key, rp_id="phishing.example").status_code >= 400
    for page_url in ("/werk", KEYS, "/beheer/"):
        assert client.get(page_url)["Location"].startswith(f"{STEP}?next="), page_url
    assert client.get("/api/v1/indicators").status_code == 403
    reasons = [e.reason for e in _events(AuditAction.AUTH_MFA_FAIL, professional)]
    assert reasons == ["code zonder app", "sleutel registreren", "sleutel", "sleutel", "sleutel"]
    # the key itself
    done = _authenticate(client, key)
    assert done.status_code == 200, done.content
    assert done.json()["redirect_url"] == "/werk"
    assert client.get("/werk").status_code == 200
    logins = _events(AuditAction.AUTH_LOGIN, professional)
    assert [e.reason for e in logins] == ["wachtwoord+sleutel", "wachtwoord+sleutel"]
    assert audit_verify() == []


def test_a_user_may_hold_both_an_app_and_a_key(user_of: UserOf) -> None:
    board = user_of(Role.BOARD)
    app = TOTPDevice.objects.create(user=board, name="app", confirmed=True)
    client = Client()
    _password(client, "bestuur")
    assert client.post(STEP, {"otp_token": code_of(app)}).status_code == 302
    assert "Sleutel toevoegen" in client.get(KEYS).content.decode()
    key = SoftKey(origin=ORIGIN)
    assert _register(client, key).status_code == 200  # after the step: adds a key
    assert len(_events(AuditAction.AUTH_MFA_KEY_ADD, board)) == 1
    assert len(_events(AuditAction.AUTH_LOGIN, board)) == 1  # no second login line
    # the next login offers both, and either passes
    by_key = Client()
    _password(by_key, "bestuur")
    page = by_key.get(STEP).content.decode()
    assert "Code uit uw app" in page
    assert 'id="passkey-verification-available-template"' in page
    assert _authenticate(by_key, key).status_code == 200
    assert by_key.get("/programma").status_code == 200
    by_app = Client()
    _password(by_app, "bestuur")
    assert by_app.post(STEP, {"otp_token": code_of(app, steps_ahead=1)}).status_code == 302
    assert by_app.get("/programma").status_code == 200


def test_a_key_is_removed_by_its_owner_only_and_audited(user_of: UserOf) -> None:
    professional, key = _key_only_user(user_of)
    [credential] = WebAuthnCredential.objects.filter(user=professional)
    board = user_of(Role.BOARD)
    app = TOTPDevice.objects.create(user=board, name="app", confirmed=True)
    other = Client()
    _password(other, "bestuur")
    other.post(STEP, {"otp_token": code_of(app)})
    assert other.post(f"{KEYS}{credential.pk}/verwijderen").status_code == 404
    assert WebAuthnCredential.objects.filter(pk=credential.pk).exists()
    owner = Client()
    _password(owner, "professional")
    assert owner.post(f"{KEYS}{credential.pk}/verwijderen").status_code == 302  # to the step
    assert WebAuthnCredential.objects.filter(pk=credential.pk).exists()
    assert _authenticate(owner, key).status_code == 200
    assert "Uw sleutels" in owner.get(KEYS).content.decode()
    response = owner.post(f"{KEYS}{credential.pk}/verwijderen", follow=True)
    assert "De beveiligingssleutel is verwijderd." in response.content.decode()
    assert not WebAuthnCredential.objects.filter(user=professional).exists()
    [removed] = _events(AuditAction.AUTH_MFA_KEY_REMOVE, professional)
    assert removed.result == "verwijderd"


def test_the_administrators_reset_forgets_keys_too(user_of: UserOf) -> None:
    professional, _key = _key_only_user(user_of)
    assert second_step_reset(user=professional, actor=user_of(Role.ADMINISTRATOR)) == 1
    assert not WebAuthnCredential.objects.filter(user=professional).exists()
    client = Client()
    _password(client, "professional")
    assert "Tweede stap instellen" in client.get(STEP).content.decode()


def test_a_key_never_logs_in_without_the_password(user_of: UserOf) -> None:
    _professional, key = _key_only_user(user_of)
    anonymous = Client()
    assert _post(anonymous, f"{KEYS}controleren/begin").status_code == 403  # no passwordless
    answer = key.get({"rpId": "localhost", "challenge": "AAAAAAAAAAAAAAAAAAAAAA"})
    assert _post(anonymous, f"{KEYS}controleren/klaar", answer).status_code >= 400
    assert anonymous.get("/werk").status_code == 302


def test_no_name_reaches_the_audit_or_the_key(user_of: UserOf) -> None:
    professional = user_of(Role.PROFESSIONAL)
    professional.first_name, professional.last_name = "Jantje", "Jansen"
    professional.save()
    client = Client()
    _password(client, "professional")
    options = _post(client, f"{KEYS}registreren/begin").json()
    assert options["user"]["displayName"] == "professional"  # the user name, not the person
    assert "Jansen" not in json.dumps(options)
    lines = AuditEvent.objects.values_list("object_id", "reason", "result", "origin")
    assert not any("Jansen" in str(line) or "professional" in str(line) for line in lines)


@pytest.mark.parametrize("origin", ["https://doorbraak.example.nl"])
def test_the_origin_comes_from_the_settings(user_of: UserOf, settings, origin: str) -> None:  # type: ignore[no-untyped-def]
    settings.OTP_WEBAUTHN_RP_ID = "doorbraak.example.nl"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [origin]
    user_of(Role.PROFESSIONAL)
    client = Client()
    _password(client, "professional")
    assert _register(client, SoftKey(origin=ORIGIN)).status_code >= 400  # localhost now refused
    client = Client()
    _password(client, "professional")
    assert _register(client, SoftKey(origin=origin)).status_code == 200
