"""Navigation shown to the logged-in user: only links their role may follow; and whether this
is the demo (DOORBRAAK_DEMO), which every page then says.

The links are worked out once per process for each role, set of capabilities, language and
URL configuration (`_links_kept`), not on every request: some 20 `reverse()` calls were a
third of a kept monitor page's template time (ADR 0040). Only which link is the current page
is decided per request.
"""

import threading

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from doorbraak.partners.access import START_PAGES, Capability, user_capabilities

_LINKS: list[tuple[Capability, str, str]] = [
    (Capability.VIEW_PROGRAMME, "programme:overview", "Programma"),
    (Capability.VIEW_PROGRAMME, "monitor:dashboard", "Monitor"),
    (Capability.VIEW_PROGRAMME, "register:overview", "Regio in cijfers"),
    (Capability.VIEW_PROGRAMME, "reports:index", "Reflectie"),  # ADR 0038
    (Capability.VIEW_PROGRAMME, "surveys:rounds", "Enquêtes"),
    (Capability.VIEW_AREAS, "areas:tree", "Gebieden"),
    (Capability.VIEW_PARTNERS, "partners:list", "Partners"),
    (Capability.OWN_ORGANISATION, "partners:own", "Mijn organisatie"),
    (Capability.OWN_ORGANISATION, "intake:list", "Aanleveringen"),
    (Capability.OWN_ORGANISATION, "outreach_feedback:partner", "Vroegsignalen"),
    (Capability.LINKAGE_REVIEW, "linkage:report", "Koppeling"),
    (Capability.LINKAGE_REVIEW, "pipeline:jobs", "Pijplijn"),
    (Capability.PUBLISH, "opendata:public", "Open data"),  # the page; it links to choosing
    (Capability.RECORD_LEARNING, "learning:overview", "Leren"),
    (Capability.CASELOAD, "casework:caseload", "Mijn huishoudens"),
    (Capability.OWN_HOUSEHOLD, "own:page", "Mijn huishouden"),
    (Capability.OUTREACH, "outreach:worklist", "Vroegsignalen"),
    (Capability.RESEARCH, "web:research", "Onderzoek"),
    (Capability.ADMINISTER, "admin:index", "Beheer"),
]


Links = tuple[tuple[str, str], ...]  # (url, label) in menu order
_KEPT: dict[tuple[object, ...], tuple[Links, str]] = {}
_KEPT_MAX = 64  # roles x languages x URL configurations: a handful in practice
_KEPT_LOCK = threading.Lock()


def navigation(request: HttpRequest) -> dict[str, object]:
    capabilities = user_capabilities(request.user)
    role = str(getattr(request.user, "role", "") or "")
    links, start = _links_kept(role, capabilities)
    shown = [{"url": url, "label": label, "current": request.path == url} for url, label in links]
    return {"nav_links": shown, "start_url": start, "demo": settings.DEMO}


def _links_kept(role: str, capabilities: frozenset[Capability]) -> tuple[Links, str]:
    """The menu and start page for this role and these capabilities, in the active language,
    under the active URL configuration and script prefix: built once, then kept."""
    key = (role, capabilities, get_language(), get_urlconf(), get_script_prefix())
    found = _KEPT.get(key)
    if found is None:
        found = _links_build(role, capabilities)
        with _KEPT_LOCK:
            if len(_KEPT) >= _KEPT_MAX:
                _KEPT.clear()
            _KEPT[key] = found
    return found


def _links_build(role: str, capabilities: frozenset[Capability]) -> tuple[Links, str]:
    links = tuple(
        (reverse(name), _(label))
        for capability, name, label in _LINKS
        if capability in capabilities
    )
    start = reverse(START_PAGES[role]) if role in START_PAGES else reverse("web:public")
    return links, start


def navigation_forget() -> None:
    """Drop the kept menus (a test that changes the URL configuration under the same key)."""
    with _KEPT_LOCK:
        _KEPT.clear()
