"""The second login step (ADR 0014): who needs it, and the TOTP app that gives it.

Every account except a resident's (role `huishouden`) needs a second step before any page: a
code from an authenticator app (django-otp's TOTP device), a security key or passkey (WebAuthn,
django-otp-webauthn's credential; `partners.security_keys`), or the multi-factor
authentication of the organisation's OpenID Connect provider when its ID token says so
(`partners.oidc`). A user may hold both an app and keys; one without an app passes the step
only with a key, and sets up an app only when they hold no device at all (the first login).
Only with DOORBRAAK_DEMO on may the demo accounts skip it; the pages then say so.

The session remembers a passed step as django-otp does (`otp_login`), or under `IDP_MFA_KEY`
for the provider's; `partners.middleware.SecondStepMiddleware` sends every other request of a
session without it to the step.
"""

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from doorbraak.partners.models import Role, User

IDP_MFA_KEY = "doorbraak_mfa_idp"  # session: the `amr`/`acr` value the provider vouched with
DEMO_GROUP = "demo"  # the accounts `doorbraak demo` makes; exempt only with DOORBRAAK_DEMO
APP_DEVICE_NAME = "authenticator-app"


def second_step_required(user: Any) -> bool:
    """True for every staff account, superusers included; not for residents."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or user.role != Role.HOUSEHOLD)


def demo_exempt(user: Any) -> bool:
    return bool(settings.DEMO) and user.groups.filter(name=DEMO_GROUP).exists()


def second_step_done(request: HttpRequest) -> bool:
    user = request.user
    if not second_step_required(user) or request.session.get(IDP_MFA_KEY):
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified()) or demo_exempt(user)


def demo_account_mark(user: User) -> None:
    """`doorbraak demo`'s accounts: they skip the second step while DOORBRAAK_DEMO is on."""
    user.groups.add(Group.objects.get_or_create(name=DEMO_GROUP)[0])


def app_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def key_devices(user: User) -> list[WebAuthnCredential]:
    """The user's security keys and passkeys, newest first."""
    return list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("-pk"))


def has_any_device(user: User) -> bool:
    """Has the user set up a second step of either kind?"""
    return app_device(user) is not None or bool(key_devices(user))


def app_device_pending(user: User) -> TOTPDevice:
    """The app being set up: a new secret until its first code is right."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def app_code_check(device: TOTPDevice, code: str) -> bool:
    """True when `code` is the app's current code (a code is used once; after a wrong one
    django-otp makes the next attempt wait 1, 2, 4, … seconds)."""
    code = "".join(code.split())
    return code.isdigit() and len(code) == device.digits and bool(device.verify_token(code))


def app_wait_seconds(device: TOTPDevice) -> int:
    """Seconds before the next code may be tried after wrong ones (0: now)."""
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))


def app_confirm(request: HttpRequest, device: TOTPDevice) -> None:
    """The first right code: the app is the user's, and this session has passed the step."""
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)


def step_passed(request: HttpRequest, device: TOTPDevice) -> None:
    otp_login(request, device)


def app_secret_text(device: TOTPDevice) -> str:
    """The secret as the apps ask for it when typed: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def app_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code (no script, no image request)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, light="#fff"))


def devices_reset(user: User) -> int:
    """Forget every second-step device of `user` (lost phone): they set up a new one at their
    next login, after their own password."""
    apps, _ = TOTPDevice.objects.filter(user=user).delete()
    keys = sum(key_remove(key) for key in WebAuthnCredential.objects.filter(user=user))
    return int(apps) + keys


def key_remove(key: WebAuthnCredential) -> int:
    """Forget one security key (its attestation goes with it)."""
    deleted, _ = WebAuthnCredential.objects.filter(pk=key.pk).delete()
    return 1 if deleted else 0
