"""Issuing, checking and revoking API tokens (`api.models.ApiToken`, ADR 0014)."""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from doorbraak.api.models import ApiToken
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.access import Capability, user_can

PREFIX_LENGTH = 8


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Issued:
    key: str  # shown once, stored nowhere
    token: ApiToken


def token_current(user: Any) -> ApiToken | None:
    """The user's token that still works, if any."""
    return (
        ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def token_issue(*, user: Any, days: int | None = None, origin: str = "") -> Issued:
    """A new token for `user`, for their current role; their earlier tokens stop working."""
    if not user.is_active or not user_can(user, Capability.VIEW_PROGRAMME):
        raise UserError(
            "geen-api-toegang",
            f"De rol van '{user.get_username()}' geeft geen toegang tot de API (alleen actieve "
            "gebruikers met een rol die het programma mag zien).",
        )
    days = int(settings.API_TOKEN_DAYS if days is None else days)
    if not 1 <= days <= 366:
        raise UserError("ongeldige-geldigheid", "Een token is 1 tot en met 366 dagen geldig.")
    token_revoke(user=user, origin=origin)
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        role=user.role,
        prefix=key[:PREFIX_LENGTH],
        digest=token_digest(key),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit_record(
        actor=None,
        action=AuditAction.API_TOKEN_ISSUE,
        object_type="gebruiker",
        object_id=str(user.pk),
        result="ok",
        origin=origin,
        reason=f"rol {token.role}, {days} dagen",
    )
    return Issued(key=key, token=token)


def token_revoke(*, user: Any, origin: str = "") -> int:
    """Every token of `user` stops working now. Audited when there was one."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit_record(
            actor=None,
            action=AuditAction.API_TOKEN_REVOKE,
            object_type="gebruiker",
            object_id=str(user.pk),
            result="ingetrokken",
            origin=origin,
        )
    return int(revoked)


def token_user(key: str) -> tuple[Any, ApiToken]:
    """The user a presented token stands for; a `UserError` with the reason otherwise."""
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
    if token is None or token.revoked_at is not None:
        raise UserError("token-onbekend", "Het token is onbekend of ingetrokken.")
    if token.expires_at <= timezone.now():
        raise UserError(
            "token-verlopen",
            f"Het token is verlopen op {timezone.localtime(token.expires_at):%d-%m-%Y}; vraag "
            "een nieuw aan bij de beheerder.",
        )
    if not token.user.is_active:
        raise UserError("token-gebruiker-inactief", "De gebruiker van dit token is niet actief.")
    if token.user.role != token.role:
        raise UserError(
            "token-rol-gewijzigd",
            "De rol van de gebruiker is gewijzigd sinds het token is uitgegeven; vraag een "
            "nieuw token aan.",
        )
    return token.user, token
