"""The area page (/monitor/gebied/<code>): every plan indicator for the region, a gemeente, a
wijk, a dorp or an experiment area (ADR 0042), its status against what applies to the area,
CBS's published figures beside them, and its gemeenten or wijken on a map.
"""

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doorbraak.areas.selectors import area_get, cbs_figures
from doorbraak.core.area_levels import MONITOR_LEVELS, AreaGrouping
from doorbraak.monitor.ambition_selectors import reference_estimates
from doorbraak.monitor.area_selectors import AreaLine, TargetBasis, area_detail
from doorbraak.monitor.charts import draws_trajectory, trend_spec
from doorbraak.monitor.grouping_levels import (
    OVERLAP_NOTE,
    is_grouping_level,
)
from doorbraak.monitor.map_context import (
    area_map,
)
from doorbraak.monitor.page_parts import STATUS_LABELS, Context, group_heading, kept_page
from doorbraak.partners.access import Capability, requires

BASIS_NOTES = {
    TargetBasis.OWN: _("tegen het eigen doel van dit gebied"),
    TargetBasis.REGIONAL_PATH: _("tegen het traject van de regio"),
    TargetBasis.NONE_HERE: _("geen doel voor dit gebied"),
}
LEVEL_NAMES = {level.api: _(level.label.lower()) for level in MONITOR_LEVELS} | {
    grouping.breakdown: _(grouping.label.lower()) for grouping in AreaGrouping
}


def _area_status(line: AreaLine) -> str:
    """The status cell of an area page: the status and what it was measured against."""
    if line.basis is TargetBasis.NONE_HERE:
        return str(BASIS_NOTES[TargetBasis.NONE_HERE])
    if line.status is None:
        return ""
    label = str(STATUS_LABELS.get(str(line.status), ""))
    note = BASIS_NOTES.get(line.basis) if line.basis else None
    if note and line.status in ("op_koers", "achter"):
        return f"{label} ({note})"
    return label


@requires(Capability.VIEW_PROGRAMME)
def area_view(request: HttpRequest, area_code: str) -> HttpResponse:
    return kept_page(
        request, "monitor/area.html", "area", area_code, lambda: _area_context(area_code)
    )


def _area_context(area_code: str) -> Context | None:
    detail = area_detail(area_code)
    if detail is None:
        return None
    goals = []
    for (goal, statement), lines in groupby(
        detail.lines, key=lambda line: (line.goal, line.goal_statement)
    ):
        rows = []
        for line in lines:
            by_period = {year.period: year for year in line.years}
            chart = None
            shown = [y for y in line.years if not y.suppressed and y.value is not None]
            if len(shown) >= 2:  # one point is no trend; the table shows it
                chart = trend_spec(
                    description=gettext(
                        "Verloop van %(code)s in %(area)s per jaar (doorgetrokken lijn met "
                        "ronde punten)%(path)s."
                    )
                    % {
                        "code": line.code,
                        "area": detail.area.name,
                        "path": gettext(", tegenover het traject (gestreepte lijn)")
                        if line.trajectory is not None
                        else "",
                    },
                    values=line.years,
                    trajectory=line.trajectory,
                    value_title=line.unit,
                    small=True,
                )
            rows.append(
                {
                    "line": line,
                    "cells": [by_period.get(period) for period in detail.periods],
                    "status": _area_status(line),
                    "chart": chart,
                    "legend": chart is not None and draws_trajectory(chart),
                }
            )
        goals.append(
            {
                **group_heading(goal, statement, detail.area.name),
                "rows": rows,
                "charts": any(row["chart"] for row in rows),
            }
        )
    area = detail.area
    return {
        "detail": detail,
        "area": area,
        "period_heads": [
            {"period": period, "running": detail.running.get(period, "")}
            for period in detail.periods
        ],
        "level_name": LEVEL_NAMES.get(area.level, area.level),
        "goals": goals,
        **_cbs(area.code),
        "computed": sum(1 for line in detail.lines if not line.waits_for),
        "waiting": sum(1 for line in detail.lines if line.waits_for),
        "down_level": LEVEL_NAMES.get(
            {"region": "gemeente", "gemeente": "wijk"}.get(area.level, ""), ""
        ),
        **_grouping_context(area.level),
        **area_map(detail),  # its gemeenten or wijken on a map (monitor.map_context)
    }


def _grouping_context(level: str) -> dict[str, object]:
    """A dorp or experiment area's page: what its values are, and the overlap rule for an
    experiment area; the gemeente's dorpen and the region's experiment areas are listed."""
    # 'dit dorp', 'dit experimentgebied' (het-woorden); 'deze gemeente', 'deze wijk'
    this = gettext("dit %(level)s") if is_grouping_level(level) else gettext("deze %(level)s")
    return {
        "this_area": this % {"level": LEVEL_NAMES.get(level, level)},
        "grouping": is_grouping_level(level),
        "overlap_note": OVERLAP_NOTE if level == "experiment" else "",
        "groups_title": {"gemeente": _("Dorpen"), "region": _("Experimentgebieden")}.get(level),
    }


def _cbs(code: str) -> dict[str, object]:
    """CBS's published figures beside the programme's, and per CBS year the estimate of the
    households in poverty that the monitor's P1-AANDEEL divides by (computed by the monitor)."""
    stored = area_get(code)
    cbs = cbs_figures(stored) if stored else None
    if stored is None or cbs is None:
        return {"cbs": None}
    return {"cbs": cbs, "cbs_estimates": reference_estimates(stored, cbs.years)}
