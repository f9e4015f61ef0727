"""The login pages (ADR 0014): user name and password, the second step, the organisation's
OpenID Connect provider, and a new password by e-mail link.

Thin: who needs the second step and how a code is checked is `partners.mfa`; throttling is
django-axes' (`partners.lockout`); the provider is `partners.oidc`. Every login that ends, and
every failed second step, is an audit line; failed passwords are (`core.audit_hooks`).
"""

import logging
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from jwt import PyJWTError
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)
from requests import RequestException

from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.models import AuditAction
from doorbraak.partners import mfa
from doorbraak.partners.oidc import oidc_enabled

log = logging.getLogger("doorbraak.login")


def login_record(request: HttpRequest, user: Any, how: str) -> None:
    audit_record(
        actor=user,
        action=AuditAction.AUTH_LOGIN,
        object_type="gebruiker",
        object_id=str(user.pk),
        result="ingelogd",
        origin=client_address(request),
        reason=how,
    )


def _next(request: HttpRequest) -> str:
    """The page asked for before logging in, if it is one of ours."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else ""


def _to_second_step(wanted: str) -> HttpResponse:
    step = reverse("web:second_step")
    return HttpResponseRedirect(f"{step}?{urlencode({'next': wanted})}" if wanted else step)


class LoginView(auth_views.LoginView):
    """Step one: user name and password (django-axes counts the failures)."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"oidc": oidc_enabled()}

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        if mfa.second_step_done(self.request):
            login_record(self.request, form.get_user(), "wachtwoord")
            return response
        return _to_second_step(_next(self.request))


def second_step_view(request: HttpRequest) -> HttpResponse:
    """Step two: the code from the authenticator app or a security key (`security_keys`); the
    first time, setting up either."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    if mfa.second_step_done(request):
        return redirect(_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL))
    user = request.user
    device = mfa.app_device(user)
    has_keys = bool(mfa.key_devices(user))
    setting_up = device is None and not has_keys  # no device of either kind yet
    if setting_up:
        device = mfa.app_device_pending(user)
    error = ""
    if request.method == "POST":
        error = _code_try(request, device, setting_up=setting_up)
        if not error:
            return redirect(_next(request) or resolve_url(settings.LOGIN_REDIRECT_URL))
    context: dict[str, Any] = {
        "setting_up": setting_up,
        "has_app": device is not None,
        "has_keys": has_keys,
        "error": error,
        "next": _next(request),
        "nav_links": [],
    }
    if setting_up and device is not None:
        context |= {"qr_svg": mfa.app_qr_svg(device), "secret": mfa.app_secret_text(device)}
    return render(request, "registration/second_step.html", context, status=400 if error else 200)


def _code_try(request: HttpRequest, device: Any, *, setting_up: bool) -> str:
    """'' when the code is right (the session has then passed the step), else the reason."""
    if device is None:  # only security keys: a code cannot pass, nor set up an app now
        _step_failed(request, reason="code zonder app")
        return _(
            "Voor uw account is geen authenticator-app ingesteld. Log in met uw "
            "beveiligingssleutel."
        )
    return _app_code_try(request, device, setting_up=setting_up)


def _app_code_try(request: HttpRequest, device: Any, *, setting_up: bool) -> str:
    wait = mfa.app_wait_seconds(device)
    if wait:
        _step_failed(request, reason="te snel na een foute code")
        return _(
            "U hebt te vaak een verkeerde code gegeven. Wacht %(seconds)d seconden en probeer "
            "het dan opnieuw met de code die uw app dan toont."
        ) % {"seconds": wait}
    if not mfa.app_code_check(device, request.POST.get("otp_token", "")):
        _step_failed(request, reason="app instellen" if setting_up else "code")
        return _(
            "Deze code klopt niet of is al gebruikt. Typ de zes cijfers die uw app nu toont; "
            "staat de klok van uw telefoon goed?"
        )
    if setting_up:
        mfa.app_confirm(request, device)
        _device_record(request)
    else:
        mfa.step_passed(request, device)
    login_record(request, request.user, "wachtwoord+app")
    return ""


def _step_failed(request: HttpRequest, *, reason: str) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.AUTH_MFA_FAIL,
        object_type="gebruiker",
        object_id=str(request.user.pk),
        result="mislukt",
        origin=client_address(request),
        reason=reason,
    )


def _device_record(request: HttpRequest) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.AUTH_MFA_DEVICE_ADD,
        object_type="gebruiker",
        object_id=str(request.user.pk),
        result="ingesteld",
        origin=client_address(request),
    )


# --- The organisation's OpenID Connect provider ----------------------------------------------


class OidcStartView(OIDCAuthenticationRequestView):
    """To the provider, with state, nonce and PKCE (404 when OIDC is off)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if oidc_enabled():
            super().__init__(*args, **kwargs)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: logged in (and past the second step when the provider vouches
    for its MFA), or back to the login page with a Dutch reason."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        try:
            return super().dispatch(request, *args, **kwargs)
        except (SuspiciousOperation, PyJWTError, RequestException, ValueError, KeyError) as refused:
            log.warning("OIDC login refused: %s: %s", type(refused).__name__, refused)
            audit_record(
                actor=None,
                action=AuditAction.AUTH_LOGIN_FAIL,
                object_type="gebruiker",
                object_id="onbekend",
                result="mislukt",
                origin=client_address(request),
                reason="oidc: antwoord van de provider afgewezen",
            )
            return self.login_failure()

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Inloggen via uw organisatie is niet gelukt: de provider weigerde, of er is "
                "geen actief doorbraak-account dat bij uw organisatieaccount hoort. Vraag de "
                "functioneel beheerder om een account."
            ),
        )
        return redirect("web:login")

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        vouched = getattr(self.user, "mfa_by_idp", "")
        if vouched:
            self.request.session[mfa.IDP_MFA_KEY] = vouched
            login_record(self.request, self.user, f"oidc ({vouched})")
            return response
        return _to_second_step(self.request.session.get("oidc_login_next") or "")


# --- A new password by e-mail link -----------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """'Wachtwoord vergeten': a link to the address on the account, if there is one (the page
    says the same either way, so it does not tell which addresses have an account)."""

    template_name = "registration/reset_request.html"
    email_template_name = "registration/reset_email.txt"
    subject_template_name = "registration/reset_subject.txt"
    success_url = reverse_lazy("web:password_reset_sent")


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "registration/reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the e-mail: choose a new password once; then log in (with the second
    step: the link never logs anyone in)."""

    template_name = "registration/reset_confirm.html"
    reset_url_token = "kiezen"  # noqa: S105 (the path segment Django swaps the token for)
    success_url = reverse_lazy("web:login")
    post_reset_login = False

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action=AuditAction.AUTH_PASSWORD_RESET,
            object_type="gebruiker",
            object_id=str(form.user.pk),
            result="gekozen",
            origin=client_address(self.request),
        )
        messages.success(self.request, _("Uw nieuwe wachtwoord is ingesteld. Log nu in."))
        return response
