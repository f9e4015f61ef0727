"""Login throttling with django-axes (ADR 0014): after DOORBRAAK_LOGIN_FAILURE_LIMIT failed
logins for one user name from one address, that login is locked for
DOORBRAAK_LOGIN_COOLOFF_MINUTES, the right password included.

django-axes keeps its counts under `username_key`, a keyed hash: the user name as typed (which
may be a person's name or a BSN) is stored nowhere. Each failed login is an audit line
(`core.audit_hooks`); a lockout is one more (`lockout_record`).
"""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.models import AuditAction

STATUS_LOCKED = 429


def username_key(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """What django-axes counts failures under: an HMAC of the user name as typed."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    if not typed:
        return None
    key = f"axes:{settings.SECRET_KEY}".encode()
    return hmac.new(key, str(typed).strip().lower().encode(), hashlib.sha256).hexdigest()[:40]


def cooloff_minutes() -> int:
    return max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))


def lockout_message() -> str:
    return _(
        "Te veel mislukte pogingen om in te loggen. Inloggen met deze gebruikersnaam is vanaf "
        "dit adres %(minutes)d minuten geblokkeerd, ook met het goede wachtwoord. Wachtwoord "
        "vergeten? Vraag een nieuw aan via de link onder het formulier."
    ) % {"minutes": cooloff_minutes()}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """django-axes' AXES_LOCKOUT_CALLABLE: the login page again, with a Dutch reason (429)."""
    context = {"form": AuthenticationForm(request), "locked": lockout_message()}
    return render(request, "registration/login.html", context, status=STATUS_LOCKED)


def lockout_record(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Receiver of django-axes' `user_locked_out`: one audit line, naming the account by id,
    for the failure that locks (django-axes also signals each attempt during the lock)."""
    if request is None or getattr(request, "axes_failures_since_start", None) != (
        settings.AXES_FAILURE_LIMIT
    ):
        return
    typed = request.POST.get("username", "")
    named = get_user_model()._default_manager.filter(username=typed).first() if typed else None
    audit_record(
        actor=None,
        action=AuditAction.AUTH_LOGIN_LOCKOUT,
        object_type="gebruiker",
        object_id=str(named.pk) if named else "onbekend",
        result="geblokkeerd",
        origin=client_address(request),
        reason=f"{settings.AXES_FAILURE_LIMIT} mislukte pogingen",
    )
