"""Navigation shown to the logged-in user: only links their role may follow; and whether this
is the demo (DOORBRAAK_DEMO), which every page then says."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
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


def navigation(request: HttpRequest) -> dict[str, object]:
    capabilities = user_capabilities(request.user)
    links = [
        {"url": reverse(name), "label": _(label), "current": request.path == reverse(name)}
        for capability, name, label in _LINKS
        if capability in capabilities
    ]
    role = getattr(request.user, "role", "")
    start = reverse(START_PAGES[role]) if role in START_PAGES else reverse("web:public")
    return {"nav_links": links, "start_url": start, "demo": settings.DEMO}
