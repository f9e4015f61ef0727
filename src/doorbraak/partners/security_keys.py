"""Security keys and passkeys (WebAuthn) as the second login step (ADR 0014), through
django-otp-webauthn.

The library's four JSON endpoints, each wrapped so that what it does is an audit line like the
app's: a key registered (`auth.mfa.key.add`; the first device of a user also ends the login),
a login with a key (`auth.login.success`, 'wachtwoord+sleutel') and every refused attempt
(`auth.mfa.fail`, 'sleutel'). Passwordless login is off (settings): a key is only ever the
second step, after the password and django-axes. The library refuses to register a key in a
session that has not passed the step when the user already holds a device, so a password alone
never adds a key to an account that has one.

The browser side is the library's own static JavaScript (no inline script: the strict CSP
holds); `security_keys_view` is the page where a logged-in user adds and removes keys. The
relying party id and the allowed origins come from settings (DOORBRAAK_WEBAUTHN_RP_ID,
DOORBRAAK_WEBAUTHN_ORIGINS). The key carries only the user name, never a person's name.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as library
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.models import AuditAction
from doorbraak.partners import mfa

HOW = "wachtwoord+sleutel"


class KeyHelper(WebAuthnHelper):
    """The library's helper, with the user name (never the full name) on the key."""

    def get_credential_display_name(self, user: AbstractBaseUser) -> str:
        return user.get_username()


def _record(request: HttpRequest, action: AuditAction, result: str, reason: str = "") -> None:
    audit_record(
        actor=request.user,
        action=action,
        object_type="gebruiker",
        object_id=str(request.user.pk),
        result=result,
        origin=client_address(request),
        reason=reason,
    )


def _login_record(request: HttpRequest) -> None:
    from doorbraak.partners.login_views import login_record  # the views import this module

    login_record(request, request.user, HOW)


class _Audited:
    """Mixin: a refused ceremony (an error answer, also from the library's checks before the
    view runs, or an exception) is an audit line."""

    failure_reason = "sleutel"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        except Exception:
            self._failed(request)
            raise
        if response.status_code >= 400:
            self._failed(request)
        return response

    def _failed(self, request: HttpRequest) -> None:
        if request.user.is_authenticated:
            _record(request, AuditAction.AUTH_MFA_FAIL, "mislukt", self.failure_reason)


class RegistrationBeginView(_Audited, library.BeginCredentialRegistrationView):
    failure_reason = "sleutel registreren"


class RegistrationCompleteView(_Audited, library.CompleteCredentialRegistrationView):
    failure_reason = "sleutel registreren"

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        first = not mfa.second_step_done(self.request)
        response: HttpResponse = super().post(*args, **kwargs)  # raises when refused
        _record(self.request, AuditAction.AUTH_MFA_KEY_ADD, "geregistreerd")
        if first:  # the library marked the session as past the step: the login is done
            _login_record(self.request)
        return response


class AuthenticationBeginView(_Audited, library.BeginCredentialAuthenticationView):
    pass


class AuthenticationCompleteView(_Audited, library.CompleteCredentialAuthenticationView):
    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().post(*args, **kwargs)  # raises when refused
        _login_record(self.request)
        return response


def security_keys_view(request: HttpRequest) -> HttpResponse:
    """A logged-in user's own keys: add one (the library's script), remove one."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    context = {
        "keys": mfa.key_devices(request.user),
        "has_app": mfa.app_device(request.user) is not None,
    }
    return render(request, "registration/security_keys.html", context)


@require_POST
def security_key_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("web:login")
    key = get_object_or_404(WebAuthnCredential, pk=pk, user=request.user)
    mfa.key_remove(key)
    _record(request, AuditAction.AUTH_MFA_KEY_REMOVE, "verwijderd")
    messages.success(request, _("De beveiligingssleutel is verwijderd."))
    return redirect("otp_webauthn:keys")


app_name = "otp_webauthn"  # the name the library's template tags reverse
urlpatterns = [
    path(
        "registreren/begin", RegistrationBeginView.as_view(), name="credential-registration-begin"
    ),
    path(
        "registreren/klaar",
        RegistrationCompleteView.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "controleren/begin",
        AuthenticationBeginView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "controleren/klaar",
        AuthenticationCompleteView.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "vertalingen.js",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
    path("", security_keys_view, name="keys"),
    path("<int:pk>/verwijderen", security_key_remove_view, name="remove"),
]
