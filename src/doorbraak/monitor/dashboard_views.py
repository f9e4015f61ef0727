"""The programme dashboard (/monitor: every plan indicator's latest value and status at a glance,
filters in the URL) and the board's own dashboard (/monitor/bestuur: where are we, ADR 0041).
"""

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from doorbraak.core.page_shell import render_kept
from doorbraak.monitor.ambition_selectors import generational_ratio
from doorbraak.monitor.area_selectors import area_detail, monitor_areas
from doorbraak.monitor.dashboard import (
    Choices,
    Filters,
    dashboard_run,
    filter_choices,
    filters_clean,
)
from doorbraak.monitor.dashboard_page import FILTER_NAMES, dashboard_parts
from doorbraak.monitor.kept_pages import kept, page_key, viewer_key
from doorbraak.monitor.map_context import (
    area_map,
)
from doorbraak.monitor.page_parts import STATUS_LABELS, Context, group_heading, kept_page
from doorbraak.monitor.selectors import (
    dashboard_summary,
    latest_run,
)
from doorbraak.partners.access import Capability, requires


@requires(Capability.VIEW_PROGRAMME)
def dashboard_view(request: HttpRequest) -> HttpResponse:
    """The dashboard for the filters in the URL (periode, gebied, uitsplitsing): a GET form,
    so a view can be shared as a link; an unknown value falls back to its default, said."""
    language = get_language()
    viewer = viewer_key(request.user)
    choices = kept("dashboard-choices", "", lambda: filter_choices(dashboard_run()), viewer=viewer)
    filters, wrong = filters_clean(request.GET, choices)
    context = kept(
        "dashboard-page",
        f"{filters.key}:{language}",
        lambda: _dashboard_context(filters, choices),
        viewer=viewer,
    )
    key = page_key("dashboard", f"{filters.key}:{language}", viewer=viewer)
    return render_kept(  # ADR 0040
        request,
        "monitor/dashboard.html",
        {**context, "wrong": [str(FILTER_NAMES[name]) for name in wrong], "page_key": key},
        key=key,
    )


@requires(Capability.VIEW_PROGRAMME)
def board_view(request: HttpRequest) -> HttpResponse:
    """The board's own dashboard ("waar staan we"): the ambition, a tile per operational goal
    with its trajectory to the target, the gemeenten on the map and per goal, for the last
    complete year; no filters, no process indicators, no deliveries or linkage."""
    return kept_page(request, "monitor/board.html", "board", "", _board_context)


def _board_context() -> Context:
    choices = filter_choices(dashboard_run())
    filters, _wrong = filters_clean({}, choices)
    context = _dashboard_context(filters, choices)
    regions = [area for area in monitor_areas() if area.level == "region"]
    detail = area_detail(regions[0].code) if regions else None
    return {
        **context,
        "goals": [goal for goal in context["goals"] if goal["kind"] == "ambition"],  # type: ignore[attr-defined]
        **(area_map(detail) if detail is not None else {"area_map": None}),
    }


def _dashboard_context(filters: Filters, choices: Choices) -> Context:
    lines = dashboard_summary()
    goals = []
    for (goal, statement), rows in groupby(
        lines, key=lambda line: (line.goal, line.goal_statement)
    ):
        if goal:  # operational goals are tiles; the ambition and process indicators tables
            continue
        goals.append(
            {
                **group_heading(goal, statement),
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
    running = next((line for line in lines if line.running), None)
    run = dashboard_run()
    period = filters.period or choices.default_period
    return {
        "goals": goals,
        "running_period": running.running_period if running else "",
        "running": running.running if running else "",
        "run": latest_run(),
        "computed": computed,
        "waiting": len(lines) - computed,
        "areas": monitor_areas(),
        "generational": generational_ratio(),
        **dashboard_parts(run, filters, choices, period),
    }
