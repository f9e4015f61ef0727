"""Logging in with the organisation's own OpenID Connect provider (ADR 0014), through
mozilla-django-oidc; off unless DOORBRAAK_OIDC_CLIENT_ID is set.

The provider proves who someone is; doorbraak keeps which account, role and partner that is:
the claim DOORBRAAK_OIDC_MATCH_CLAIM must name exactly one active account (no account is made
on first login). On top of mozilla-django-oidc's checks (signature, nonce, PKCE, expiry) the
ID token must come from DOORBRAAK_OIDC_ISSUER and be meant for this client (`aud`).

The provider's multi-factor authentication counts as the second step only when its ID token
says so: an `amr` value in DOORBRAAK_OIDC_MFA_AMR or its `acr` in DOORBRAAK_OIDC_MFA_ACR.
Otherwise the user gets doorbraak's own second step after the provider's login.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from doorbraak.partners.models import User


def oidc_enabled() -> bool:
    return bool(settings.OIDC_ENABLED)


def _values(text: str) -> set[str]:
    return {value.strip() for value in str(text).split(",") if value.strip()}


def idp_mfa(claims: dict[str, Any]) -> str:
    """The `amr`/`acr` value by which the provider vouches for multi-factor authentication,
    or '' when it does not."""
    amr = claims.get("amr") or []
    amr = [amr] if isinstance(amr, str) else amr
    trusted_amr = _values(settings.OIDC_MFA_AMR)
    for value in amr:
        if str(value) in trusted_amr:
            return f"amr:{value}"
    acr = str(claims.get("acr") or "")
    if acr and acr in _values(settings.OIDC_MFA_ACR):
        return f"acr:{acr}"
    return ""


class OidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, silent when OIDC is off (it is always in
    AUTHENTICATION_BACKENDS), matching existing accounts only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()
        self._configured = False

    def _configure(self) -> None:
        if not self._configured:
            super().__init__()
            self._configured = True

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        if not oidc_enabled() or request is None:
            return None
        self._configure()
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        issuer = settings.OIDC_OP_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        self._id_claims = payload
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get(settings.OIDC_MATCH_CLAIM))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        value = str(claims.get(settings.OIDC_MATCH_CLAIM) or "").strip()
        if not value:
            return self.UserModel.objects.none()
        field = "email" if settings.OIDC_MATCH_CLAIM == "email" else "username"
        users = self.UserModel.objects.filter(is_active=True, **{f"{field}__iexact": value})
        return users

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        """The account as it is (nothing is copied from the provider), marked with the
        provider's multi-factor claim for the callback view."""
        user.mfa_by_idp = idp_mfa(getattr(self, "_id_claims", {})) or idp_mfa(claims)  # type: ignore[attr-defined]
        return user

    def get_user(self, user_id: Any) -> User | None:
        user = self.UserModel.objects.filter(pk=user_id, is_active=True).first()
        return user
