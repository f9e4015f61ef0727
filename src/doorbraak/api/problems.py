"""Errors of the API as problem details (RFC 9457, `application/problem+json`), titled in Dutch.

`exception_handler` is DRF's exception handler (settings.REST_FRAMEWORK): every error of an
API view, the unexpected ones included, becomes a problem document with `type`, a Dutch
`title`, `status`, a Dutch `detail` and `instance` (the path). An unexpected error is logged
with its traceback for the operator; the client sees only a Dutch apology.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

from doorbraak.api.authentication import TokenNotAccepted
from doorbraak.core.errors import UserError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:doorbraak:api:probleem:"  # a stable URI per kind of problem


class Missing(exceptions.NotFound):
    """A 404 whose detail is ours (Dutch) and may be shown; DRF's own texts are English."""


def _titles() -> dict[int, tuple[str, str]]:
    """Status → (type slug, Dutch title); a function so gettext runs per request."""
    return {
        400: ("ongeldige-vraag", _("Ongeldige vraag")),
        401: ("niet-ingelogd", _("Niet ingelogd")),
        403: ("geen-toegang", _("Geen toegang")),
        404: ("niet-gevonden", _("Niet gevonden")),
        405: ("methode-niet-toegestaan", _("Methode niet toegestaan")),
        406: ("formaat-niet-beschikbaar", _("Formaat niet beschikbaar")),
        415: ("formaat-niet-ondersteund", _("Formaat niet ondersteund")),
        429: ("te-veel-verzoeken", _("Te veel verzoeken")),
        500: ("interne-fout", _("Interne fout")),
    }


def _default_detail(status: int) -> str:
    return {
        401: _("Log in, of stuur een geldig token mee in de kop Authorization: Token <sleutel>."),
        403: _("Uw rol geeft geen toegang tot de monitor."),
        404: _("Dit adres bestaat niet in de API."),
        405: _("De API kan alleen lezen: gebruik GET."),
        406: _("De API levert JSON (en ADX als XML op het ADX-adres)."),
        415: _("De API neemt geen gegevens aan."),
        429: _("Wacht even en probeer het dan opnieuw."),
        500: _("Er ging aan onze kant iets mis. De fout is vastgelegd; probeer het later opnieuw."),
    }.get(status, _("De vraag kon niet worden beantwoord."))


def problem(
    status: int,
    *,
    detail: str = "",
    instance: str = "",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    """A problem document as a DRF response."""
    slug, title = _titles().get(status, ("fout", _("Fout")))
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + slug,
        "title": title,
        "status": status,
        "detail": detail or _default_detail(status),
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return Response(body, status=status, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def _status_and_detail(exc: Exception) -> tuple[int, str, dict[str, Any]]:
    if isinstance(exc, UserError):
        return 400, exc.message, {"code": exc.code}
    if isinstance(exc, Missing):
        return 404, str(exc.detail), {}
    if isinstance(exc, Http404 | exceptions.NotFound):
        return 404, "", {}
    if isinstance(exc, DjangoPermissionDenied):
        return 403, "", {}
    if isinstance(exc, TokenNotAccepted):  # our own Dutch reason, with its code
        return 401, str(exc.detail), {"code": exc.get_codes()}
    if isinstance(exc, exceptions.AuthenticationFailed) and exc.status_code == 401:
        return 401, _("Het token is ongeldig, of de gebruiker is niet (meer) actief."), {}
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return int(exc.status_code), "", {}  # DRF's English text is not shown
    if isinstance(exc, exceptions.PermissionDenied):
        return int(exc.status_code), "", {}
    if isinstance(exc, exceptions.APIException):
        return int(exc.status_code), "", {}
    return 500, "", {}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's hook: every exception of an API view becomes a Dutch problem document."""
    request = context.get("request")
    path = request.path if request is not None else ""
    status, detail, extra = _status_and_detail(exc)
    if status == 500:
        # The traceback goes to the operator's log; it names the path, never a person.
        logger.error("Onverwachte fout in de API op %s", path, exc_info=exc)
    headers: dict[str, str] = {}
    auth_header = getattr(exc, "auth_header", None)
    if auth_header and status == 401:
        headers["WWW-Authenticate"] = str(auth_header)
    wait = getattr(exc, "wait", None)
    if wait is not None:
        headers["Retry-After"] = str(int(wait))
    return problem(status, detail=detail, instance=path, headers=headers, **extra)
