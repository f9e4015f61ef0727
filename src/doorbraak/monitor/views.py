"""The programme dashboard (every plan indicator's latest value and status at a glance), the
indicator page (trend against the target trajectory, per gemeente and wijk, breakdowns) with
its CSV and Excel download, and the area page (every indicator for the region, a gemeente or a
wijk). Charts are Vega-Lite specs built in `charts` and drawn by static/monitor/charts.js;
the tables stay, as the text alternative and for pages without JavaScript.

Reads materialised, gated values only (`monitor.selectors`), never person records. A running
year (the run's data stop before its end) is labelled "lopend jaar, t/m <datum>" on every page,
chart and download, and its status is "niet beoordeeld" (ADR 0018).
"""

import csv
import io
from collections.abc import Callable
from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from doorbraak.areas.models import Area, AreaGroup, AreaGroupKind
from doorbraak.areas.selectors import area_get, cbs_figures
from doorbraak.core.area_levels import MONITOR_LEVELS, AreaGrouping
from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.models import AuditAction
from doorbraak.core.numbers import nl, rounded_float
from doorbraak.core.page_shell import render_kept
from doorbraak.monitor.charts import bar_spec, draws_trajectory, suppressed_years, trend_spec
from doorbraak.monitor.dashboard import (
    Choices,
    Filters,
    dashboard_run,
    filter_choices,
    filters_clean,
)
from doorbraak.monitor.dashboard_page import FILTER_NAMES, dashboard_parts
from doorbraak.monitor.gated import ShownValue, run_holding
from doorbraak.monitor.grouping_levels import (
    OVERLAP_NOTE,
    group_areas,
    group_cells,
    group_values,
    is_grouping_level,
)
from doorbraak.monitor.map_context import (
    MapValue,
    area_map,
    compared_gemeenten,
    compared_wijken,
    indicator_maps,
)
from doorbraak.monitor.outreach_sources import SourceLine, source_lines
from doorbraak.monitor.selectors import (
    AMBITION,
    AreaLine,
    TargetBasis,
    area_detail,
    dashboard_summary,
    definitions_current,
    generational_ratio,
    indicator_detail,
    indicator_values,
    kept,
    latest_run,
    monitor_areas,
    page_key,
    plan_has_indicator,
    reference_estimates,
    regional_trajectory,
    target_marks,
    viewer_key,
)
from doorbraak.partners.access import Capability, requires
from doorbraak.partners.models import Partner
from doorbraak.programme.selectors import plan_version_current
from doorbraak.sources.writers import cell_neutralise

STATUS_LABELS = {
    "op_koers": _("op koers"),
    "achter": _("achter op het traject"),
    "geen_streefwaarde": _("streefwaarde nog niet vastgesteld"),
    "geen_waarde": _("nog geen meting"),
    "lopend": _("niet beoordeeld: lopend jaar"),
    "geen_tussendoel": _("nog geen tussendoel"),
}
BASIS_NOTES = {
    TargetBasis.OWN: _("tegen het eigen doel van dit gebied"),
    TargetBasis.REGIONAL_PATH: _("tegen het traject van de regio"),
    TargetBasis.NONE_HERE: _("geen doel voor dit gebied"),
}
LEVEL_NAMES = {level.api: _(level.label.lower()) for level in MONITOR_LEVELS} | {
    grouping.breakdown: _(grouping.label.lower()) for grouping in AreaGrouping
}


Context = dict[str, object]


def _kept_page(
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
    return _kept_page(request, "monitor/board.html", "board", "", _board_context)


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
                **_heading(goal, statement),
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


def _heading(goal: str, statement: str, area: str = "") -> dict[str, str]:
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


def _names(values: list[ShownValue]) -> dict[str, str]:
    codes = {value.area_code for value in values}
    return dict(Area.objects.filter(code__in=codes).values_list("code", "name"))


@requires(Capability.VIEW_PROGRAMME)
def indicator_view(request: HttpRequest, code: str) -> HttpResponse:
    return _kept_page(
        request, "monitor/indicator.html", "indicator", code, lambda: _indicator_context(code)
    )


def _indicator_context(code: str) -> Context | None:
    detail = indicator_detail(code)
    if detail is None:
        return None
    indicator = detail.indicator
    value_title = _value_title(indicator.unit)
    trajectory = regional_trajectory(indicator)
    marks = target_marks(indicator)
    if trajectory is not None and len(trajectory.points) >= 2:
        trend_caption = gettext(
            "Gemeten waarde per jaar tegenover het traject naar de streefwaarde"
        )
        path = gettext(
            " tegenover het traject naar de streefwaarde (gestreepte lijn; nulmeting, mijlpalen "
            "en streefwaarde als gelabelde punten met elk een eigen vorm)"
        )
    elif marks:
        trend_caption = gettext("Gemeten waarde per jaar en de streefwaarde")
        path = gettext(" en de streefwaarde (gelabelde driehoek)")
    else:
        trend_caption = gettext("Gemeten waarde per jaar (nog geen streefwaarde vastgesteld)")
        path = ""
    trend = trend_spec(
        description=gettext(
            "Lijngrafiek van %(code)s in de regio: de gemeten waarde per jaar (doorgetrokken "
            "lijn met ronde punten)%(path)s. De tabel hieronder geeft dezelfde cijfers."
        )
        % {"code": indicator.code, "path": path},
        values=detail.years,
        trajectory=trajectory,
        marks=marks,
        value_title=value_title,
    )
    compared = compared_gemeenten(detail)  # the last complete year; a count per 1.000
    wijken = compared_wijken(detail)
    gemeenten = compared.rows
    hidden = [name for name, v in gemeenten if v.suppressed]
    bars = bar_spec(
        description=gettext("Staafdiagram: %(code)s per gemeente, %(what)s, hoogste eerst.")
        % {"code": indicator.code, "what": compared.title},
        rows=gemeenten,
        value_title=compared.title,
    )
    context: Context = {
        "detail": detail,
        "indicator": detail.indicator,
        "years": [
            {"line": line, "status": STATUS_LABELS.get(str(line.status), "")}
            for line in detail.years
        ],
        "gemeenten": gemeenten,
        "hidden_gemeenten": hidden,
        "trend_chart": trend,
        "trend_legend": draws_trajectory(trend),
        "trend_caption": trend_caption,
        "suppressed_years": suppressed_years(detail.years),
        "has_trend": any(not y.suppressed and y.value is not None for y in detail.years),
        "bar_chart": bars,
        "latest_text": _period_text(detail.latest, detail.latest_running),
        "has_bars": any(not v.suppressed and v.value is not None for _n, v in gemeenten),
        "compared": compared,
        "wijken": wijken.rows,
        "breakdowns": _breakdowns_named(detail.breakdowns),
        "outreach_sources": _outreach_sources(code, gemeenten),
    }
    return {**context, **indicator_maps(code=indicator.code, gemeenten=compared, wijken=wijken)}


def _outreach_sources(code: str, gemeenten: list[tuple[str, MapValue]]) -> list[SourceLine]:
    definitions = definitions_current()
    rule = definitions.get(code) if definitions else None
    return source_lines(rule, {value.area_code: name for name, value in gemeenten})


BREAKDOWN_NAMES = {
    "age_group": _("leeftijdsgroep"),
    "capital": _("kapitaalvorm"),
    "partner": _("organisatie"),
    "signal_source": _("bron van het signaal"),
    "category": _("categorie"),
    "dorp": _("dorp"),
    "experiment": _("experimentgebied"),
}


def _breakdowns_named(
    breakdowns: dict[str, list[ShownValue]],
) -> list[tuple[str, list[tuple[str, ShownValue]]]]:
    """Each breakdown with its Dutch name, and each category with its label (a dorp or a
    partner by its name, not its code)."""
    names = {
        "dorp": dict(AreaGroup.objects.filter(kind=AreaGroupKind.DORP).values_list("code", "name")),
        "experiment": dict(
            AreaGroup.objects.filter(kind=AreaGroupKind.EXPERIMENT).values_list("code", "name")
        ),
        "partner": dict(Partner.objects.values_list("code", "name")),
    }
    named = []
    for dimension, values in breakdowns.items():
        labels = names.get(dimension, {})
        rows = [(labels.get(v.breakdown_value, v.breakdown_value), v) for v in values]
        if labels:
            rows.sort(key=lambda row: row[0])  # dorpen, partners by name; others as stored
        named.append((str(BREAKDOWN_NAMES.get(dimension, dimension)), rows))
    return named


def _period_text(period: str, running: str) -> str:
    """'2026 (lopend jaar, t/m 30 juni 2026)' for a running period, else the period."""
    return f"{period} ({running})" if running else period


def _value_title(unit: str) -> str:
    return gettext("Waarde (%(unit)s)") % {"unit": unit} if unit else gettext("Waarde")


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
    return _kept_page(
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
                **_heading(goal, statement, detail.area.name),
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


HEADER = (
    "indicator", "periode", "niveau", "gebiedscode", "gebied", "uitsplitsing", "categorie",
    "teller", "noemer", "waarde", "onderdrukt", "lopend",
)  # fmt: skip  # 'lopend' last: the earlier columns keep their places for existing sheets


def _download_rows(code: str, *, text: bool) -> list[list[object]]:
    """Every gated value of the indicator in the latest run, totals and each breakdown's
    categories per area level; a suppressed cell stays empty;
    'lopend' holds a running period's label ('lopend jaar, t/m 30 juni 2026', ADR 0018).
    `text`: numbers with a Dutch decimal comma (CSV); otherwise as numbers (XLSX)."""
    if not plan_has_indicator(code):
        raise Http404(code)
    values = [
        value
        for level in ("region", "gemeente", "wijk")
        for breakdown in ("", *_download_breakdowns(code))
        for value in indicator_values(code, level=level, breakdown=breakdown)
    ]
    groups = _download_groups(code)  # dorpen and experiment areas as levels (ADR 0042)
    names = _names(values) | {group.code: group.name for group in group_areas()}
    values += groups
    number: Callable[[float | None], object] = _number if text else _raw
    return [
        [code, v.period, v.area_level, v.area_code, names.get(v.area_code, ""), v.breakdown,
         v.breakdown_value, number(v.numerator), number(v.denominator), number(v.value),
         "ja" if v.suppressed else "nee", v.running]
        for v in values
    ]  # fmt: skip


def _download_groups(code: str) -> list[ShownValue]:
    """The indicator's values per dorp and per experiment area (the levels that are its
    breakdowns), from the newest run that holds them: the region's gated breakdown cells."""
    found: list[ShownValue] = []
    for level in _download_breakdowns(code):
        if is_grouping_level(level):
            cells = group_cells(level, codes=(code,))
            run = run_holding(cells)
            found += group_values(run, level, codes=(code,)) if run is not None else []
    return found


def _download_breakdowns(code: str) -> tuple[str, ...]:
    """The rule's breakdowns that are no area level (age group, dorp, experiment area, ...):
    the download holds their categories after the totals."""
    definitions = definitions_current()
    rule = definitions.get(code) if definitions else None
    levels = {level.api for level in MONITOR_LEVELS}
    return tuple(b for b in rule.breakdowns if b not in levels) if rule else ()


def _download_audit(request: HttpRequest, code: str, kind: str) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.MONITOR_INDICATOR_DOWNLOAD,
        object_type="indicator",
        object_id=code,
        result="getoond",
        origin=client_address(request),
        reason=kind,
    )


@requires(Capability.VIEW_PROGRAMME)
def indicator_csv_view(request: HttpRequest, code: str) -> HttpResponse:
    rows = _download_rows(code, text=True)
    _download_audit(request, code, "csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indicator-{code}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return response


@requires(Capability.VIEW_PROGRAMME)
def indicator_xlsx_view(request: HttpRequest, code: str) -> HttpResponse:
    rows = _download_rows(code, text=False)
    _download_audit(request, code, "xlsx")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=code[:31])
    sheet.append(list(HEADER))
    for row in rows:  # text cells can never start a formula: they are codes and names
        sheet.append([cell_neutralise(c) if isinstance(c, str) else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="indicator-{code}.xlsx"'
    return response


def _raw(value: float | None) -> object:
    """A number cell: rounded as the page rounds it (`core.numbers`); '' when not shown."""
    return "" if value is None else rounded_float(value)


def _number(value: float | None) -> str:
    """Rounded as the page rounds it, with a Dutch decimal comma and no thousands point, as a
    spreadsheet in the Netherlands expects; '' when not shown."""
    return nl(value, grouping=False)
