"""What every monitor page shares: a page kept per process and viewer's role, rendered whole
(`kept_page`, ADR 0034 and 0040), the status labels, and the heading of a group of indicators
(the ambition, an operational goal, the process indicators).

The pages read materialised, gated values only (`monitor.selectors` and its siblings), never
person records. A running year (the run's data stop before its end) is labelled "lopend jaar,
t/m <datum>" on every page, chart and download, and its status is "niet beoordeeld" (ADR 0018).
"""

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from doorbraak.core.page_shell import render_kept
from doorbraak.monitor.kept_pages import kept, page_key, viewer_key
from doorbraak.monitor.selectors import (
    AMBITION,
)
from doorbraak.programme.selectors import plan_version_current

STATUS_LABELS = {
    "op_koers": _("op koers"),
    "achter": _("achter op het traject"),
    "geen_streefwaarde": _("streefwaarde nog niet vastgesteld"),
    "geen_waarde": _("nog geen meting"),
    "lopend": _("niet beoordeeld: lopend jaar"),
    "geen_tussendoel": _("nog geen tussendoel"),
}


Context = dict[str, object]


def kept_page(
    request: HttpRequest,
    template: str,
    name: str,
    argument: str,
    build: Callable[[], Context | None],
) -> HttpResponse:
    """A monitor page whose context is kept per process, language and viewer (`viewer_key`:
    a role never gets a page kept for another), and whose content the template keeps under
    `page_key`, while the monitor's inputs stay the same; 404 when `build` finds nothing."""
    viewer = viewer_key(request.user)
    context = kept(f"{name}-page", f"{argument}:{get_language()}", build, viewer=viewer)
    if context is None:
        raise Http404(argument)
    key = page_key(name, argument, viewer=viewer)
    return render_kept(request, template, {**context, "page_key": key}, key=key)  # ADR 0040


def group_heading(goal: str, statement: str, area: str = "") -> dict[str, str]:
    """A group of indicators on the dashboard or an area page: the plan's ambition first (its
    own sentence from the plan), then each operational goal, then the process indicators."""
    where = gettext(" in %(area)s, per jaar") % {"area": area} if area else ""
    if statement == AMBITION:
        version = plan_version_current()
        return {
            "kind": "ambition",
            "code": "",
            "title": gettext("De ambitie"),
            "statement": version.ambition if version else "",
            "caption": gettext("Indicatoren van de ambitie") + where,
        }
    if goal:
        return {
            "kind": "goal",
            "code": goal,
            "title": gettext("Doel %(code)s") % {"code": goal},
            "statement": statement,
            "caption": gettext("Indicatoren van doel %(code)s") % {"code": goal} + where,
        }
    return {
        "kind": "process",
        "code": "",
        "title": gettext("Procesindicatoren"),
        "statement": "",
        "caption": gettext("Procesindicatoren") + where,
    }
