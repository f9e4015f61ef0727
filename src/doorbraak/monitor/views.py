"""The programme dashboard: every plan indicator's latest value and status at a glance.

Reads materialised, gated values only (`monitor.selectors`), never person records.
"""

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from doorbraak.monitor.selectors import dashboard_summary, latest_run
from doorbraak.partners.access import Capability, requires

STATUS_LABELS = {
    "op_koers": _("op koers"),
    "achter": _("achter op het traject"),
    "geen_streefwaarde": _("streefwaarde nog niet vastgesteld"),
    "geen_waarde": _("nog geen meting"),
}


@requires(Capability.VIEW_PROGRAMME)
def dashboard_view(request: HttpRequest) -> HttpResponse:
    lines = dashboard_summary()
    goals = []
    for (goal, statement), rows in groupby(
        lines, key=lambda line: (line.goal, line.goal_statement)
    ):
        goals.append(
            {
                "code": goal,
                "statement": statement or _("Procesindicatoren"),
                "rows": [
                    {
                        "line": line,
                        "status": STATUS_LABELS.get(str(line.status), "") if line.status else "",
                    }
                    for line in rows
                ],
            }
        )
    computed = sum(1 for line in lines if not line.waits_for)
    return render(
        request,
        "monitor/dashboard.html",
        {
            "goals": goals,
            "run": latest_run(),
            "computed": computed,
            "waiting": len(lines) - computed,
        },
    )
