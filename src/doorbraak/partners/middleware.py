"""Two checks on every request of a logged-in user (ADR 0014).

`IdleTimeoutMiddleware` logs out a session idle for DOORBRAAK_SESSION_IDLE_MINUTES (sliding)
or older than DOORBRAAK_SESSION_MAX_HOURS; the login page then says why. `SecondStepMiddleware`
lets a staff session that has not passed the second step (`partners.mfa`) reach only that step
and the logout: pages redirect to the step, the API answers 403 as a Dutch problem.
"""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils.translation import gettext as _

from doorbraak.partners.mfa import second_step_done

ACTIVE_KEY = "doorbraak_actief"  # session: time of the last request (seconds since epoch)
SINCE_KEY = "doorbraak_sinds"  # session: time of the first request after logging in
TOUCH_EVERY = 60  # seconds: the session (and its cookie's expiry) is renewed at most this often
OPEN_DURING_STEP = (
    "web:second_step",
    "web:logout",
    # the security-key ceremonies of the step (partners.security_keys; the library refuses to
    # register a key for a user who already holds a device until the step is passed)
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
)

Handler = Callable[[HttpRequest], HttpResponse]


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = int(time.time())
        session = request.session
        active = int(session.get(ACTIVE_KEY, now))
        since = int(session.get(SINCE_KEY, now))
        idle = int(settings.SESSION_IDLE_MINUTES) * 60
        if now - active > idle or now - since > int(settings.SESSION_MAX_HOURS) * 3600:
            logout(request)
            text = _(
                "U bent uitgelogd omdat u %(minutes)d minuten niets hebt gedaan, of langer dan "
                "%(hours)d uur was ingelogd. Log opnieuw in."
            )
            values = {"minutes": settings.SESSION_IDLE_MINUTES, "hours": settings.SESSION_MAX_HOURS}
            messages.info(request, text % values)
            return
        session.setdefault(SINCE_KEY, now)
        if ACTIVE_KEY not in session or now - active >= TOUCH_EVERY:
            session[ACTIVE_KEY] = now  # modified: saved, with a new expiry


class SecondStepMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated or second_step_done(request):
            return self.get_response(request)
        match = getattr(request, "resolver_match", None) or _resolve(request.path_info)
        if match is not None and match.view_name in OPEN_DURING_STEP:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return _api_refusal()
        step = reverse("web:second_step")
        return HttpResponseRedirect(f"{step}?{urlencode({'next': request.get_full_path()})}")


def _resolve(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None


def _api_refusal() -> HttpResponse:
    body = {
        "type": "urn:doorbraak:api:probleem:tweede-stap-ontbreekt",
        "title": _("Geen toegang"),
        "status": 403,
        "detail": _(
            "Rond eerst het inloggen af met de tweede stap (de code uit uw app), of gebruik "
            "een API-token."
        ),
    }
    return JsonResponse(body, status=403, content_type="application/problem+json")
