"""A whole page rendered once per key, URL and language, and filled in per request (ADR 0040).

A kept monitor page's content is one cache lookup (`monitor.kept_pages.page_key`), but the base
template around it (header, menu, footer) was rendered again on every request: with the
session, the user and the middleware, most of a kept page's CPU. `render_kept` keeps the whole
rendered page per process instead, with two stand-ins for what belongs to this request alone:

- the user's name (the header's "Ingelogd als"), filled in HTML-escaped;
- the CSRF token of the logout form, filled in with a fresh masked token (`get_token`, which
  also sets the CSRF cookie as rendering the form did).

The caller's `key` must hold everything else the page may depend on: for the monitor the
viewer (role, capabilities, organisation) and the monitor's state, as `page_key` does. This
module adds the path with its query, the language, the script prefix and the demo flag. What
the stand-in user carries besides the role is blanked (no id, names, e-mail), so a template
that ever shows one of them shows nothing rather than the first viewer's. A request with
messages waiting, or without a logged-in user, gets the page rendered as usual.
"""

import copy
import secrets
import threading
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.translation import get_language

_MARK = secrets.token_hex(12)  # per process; letters and digits only, so escaping keeps them
USER_MARK = f"kept{_MARK}user"
CSRF_MARK = f"kept{_MARK}csrf"

_SHELLS: OrderedDict[Hashable, str] = OrderedDict()
_SHELLS_MAX = 256
_SHELLS_LOCK = threading.Lock()


def render_kept(
    request: HttpRequest, template: str, context: Mapping[str, Any], *, key: Hashable
) -> HttpResponse:
    """`render(request, template, context)`, kept per `key` (see the module docstring)."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False) or len(get_messages(request)):
        # filled too: a fragment cached while a kept page was rendered holds the stand-ins
        return HttpResponse(_filled(render(request, template, context).content.decode(), request))
    full_key = (
        key,
        template,
        request.get_full_path(),
        get_language(),
        get_script_prefix(),
        settings.DEMO,
    )
    with _SHELLS_LOCK:
        shell = _SHELLS.get(full_key)
        if shell is not None:
            _SHELLS.move_to_end(full_key)
    if shell is None:
        shell = _shell(request, template, context)
        with _SHELLS_LOCK:
            _SHELLS[full_key] = shell
            while len(_SHELLS) > _SHELLS_MAX:
                _SHELLS.popitem(last=False)
    return HttpResponse(_filled(shell, request))


def _filled(page: str, request: HttpRequest) -> str:
    """The page with this request's user name (escaped) and CSRF token for the stand-ins."""
    if USER_MARK in page:
        page = page.replace(USER_MARK, escape(getattr(request.user, "username", "")))
    if CSRF_MARK in page:
        page = page.replace(CSRF_MARK, get_token(request))
    return page


def _shell(request: HttpRequest, template: str, context: Mapping[str, Any]) -> str:
    stand_in = copy.copy(request.user)
    for name, blank in (("pk", None), ("first_name", ""), ("last_name", ""), ("email", "")):
        setattr(stand_in, name, blank)
    stand_in.username = USER_MARK
    shown = {**context, "user": stand_in, "csrf_token": CSRF_MARK}
    return render(request, template, shown).content.decode()


def shells_forget() -> None:
    """Drop every kept page (tests; `monitor.kept_pages.pages_forget` calls it too)."""
    with _SHELLS_LOCK:
        _SHELLS.clear()
