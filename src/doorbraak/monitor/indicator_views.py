"""The indicator page (/monitor/<code>): the trend against the target trajectory, per gemeente
and wijk with their maps, and the breakdowns. Charts are Vega-Lite specs built in `charts` and
drawn by static/monitor/charts.js; the tables stay, as the text alternative and for pages
without JavaScript. Its downloads are in `download_views`.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doorbraak.areas.models import AreaGroup, AreaGroupKind
from doorbraak.monitor.charts import bar_spec, draws_trajectory, suppressed_years, trend_spec
from doorbraak.monitor.gated import ShownValue
from doorbraak.monitor.map_context import (
    MapValue,
    compared_gemeenten,
    compared_wijken,
    indicator_maps,
)
from doorbraak.monitor.outreach_sources import SourceLine, source_lines
from doorbraak.monitor.page_parts import STATUS_LABELS, Context, kept_page
from doorbraak.monitor.selectors import (
    definitions_current,
    indicator_detail,
    regional_trajectory,
    target_marks,
)
from doorbraak.partners.access import Capability, requires
from doorbraak.partners.models import Partner


@requires(Capability.VIEW_PROGRAMME)
def indicator_view(request: HttpRequest, code: str) -> HttpResponse:
    return kept_page(
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
