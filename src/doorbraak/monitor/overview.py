"""The gemeente x goal overview of the dashboard (ADR 0032): rows the gemeenten, columns each
goal's computed headline indicator, for one year of the dashboard's run.

It compares gemeenten, so counts become rates: per 1.000 households, or per 1.000 inhabitants
for an indicator counted in persons (when CBS's population is loaded for every gemeente;
otherwise per 1.000 households, and the column says so), divided by CBS's latest published
figure up to the period (`areas_areastatistic`, public). A rate is only computed from a shown
cell: a suppressed cell stays a mark, never 0. `gemeente_rates` gives the same rates for one
indicator's gemeenten, for the monitor's map, its table and bar chart (`map_context`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from doorbraak.areas.models import AreaStatistic
from doorbraak.monitor.area_selectors import AreaRef, monitor_areas
from doorbraak.monitor.dashboard import headline, plan_lines, running_text
from doorbraak.monitor.gated import TOTAL, ShownValue, StoredCells, values_shown
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.selectors import definitions_current
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current

COUNT_MEASURES = frozenset({"count", "count_distinct", "sum"})
PERSON_UNITS = frozenset({"personen", "jongeren", "ouders", "kinderen", "inwoners"})
HOUSEHOLDS, INHABITANTS = "HuishoudensTotaal", "AantalInwoners"
PER = 1000
PER_HOUSEHOLDS, PER_INHABITANTS = "huishoudens", "inwoners"  # what a rate is per 1.000 of


@dataclass(frozen=True)
class Column:
    code: str
    goal: str
    name: str
    unit: str  # the indicator's unit ('%', 'huishoudens', 'personen')
    per: str  # a count turned into a rate: PER_HOUSEHOLDS or PER_INHABITANTS; '' otherwise


@dataclass(frozen=True)
class Cell:
    value: float | None  # the rate (or the value itself for a share, ratio, mean)
    suppressed: bool
    count: float | None = None  # the shown count a rate comes from
    no_denominator: bool = False  # a count without CBS's figure for this gemeente


@dataclass(frozen=True)
class Overview:
    period: str
    running: str
    columns: list[Column]
    rows: list[tuple[AreaRef, list[Cell]]]
    cbs_years: list[int]  # the CBS years the rates divide by


def gemeente_overview(run: MonitorRun | None, period: str) -> Overview | None:
    """Rows the gemeenten, columns each goal's computed headline indicator, for `period`."""
    version = plan_version_current()
    gemeenten = monitor_areas()[1:]
    if run is None or version is None or not period or not gemeenten:
        return None
    definitions = definitions_current()
    waiting = {w.code for w in definitions.waiting} if definitions else set()
    indicators = _overview_indicators(version, waiting)
    cells = StoredCells(
        codes=tuple(i.code for _goal, i in indicators),
        periods=(period,),
        levels=("gemeente",),
        breakdown=TOTAL,
    )
    shown = {(v.indicator_code, v.area_code): v for v in values_shown(run, cells)}
    denominators, years = _denominators(int(period))
    codes = [g.code for g in gemeenten]
    columns = [_column(goal, i, denominators, codes) for goal, i in indicators]
    rows = [
        (g, [_cell(c, shown.get((c.code, g.code)), denominators.get(g.code, {})) for c in columns])
        for g in gemeenten
    ]
    return Overview(period, running_text(run, period), columns, rows, years)


@dataclass(frozen=True)
class Rates:
    """One indicator's gemeenten as they are compared: `cells` per gemeente code."""

    per: str  # PER_HOUSEHOLDS or PER_INHABITANTS for a count; '' for a share, ratio, mean
    cells: dict[str, Cell]
    cbs_years: list[int]  # the CBS years a rate divides by ([] when nothing is divided)


def gemeente_rates(indicator: pm.Indicator, values: Iterable[ShownValue], period: str) -> Rates:
    """The gated values of one indicator per gemeente in `period` (a year) by the overview's
    rule: a count per 1.000 households (or inhabitants), anything else as it is."""
    shown = list(values)
    denominators, years = _denominators(int(period[:4]))
    column = _column("", indicator, denominators, [v.area_code for v in shown])
    cells = {v.area_code: _cell(column, v, denominators.get(v.area_code, {})) for v in shown}
    return Rates(column.per, cells, years if column.per else [])


def _overview_indicators(
    version: pm.PlanVersion, waiting: set[str]
) -> list[tuple[str, pm.Indicator]]:
    """(goal code, headline indicator) of each goal that is computed per gemeente."""
    headlines = [
        (goal.code, indicator)
        for line in plan_lines(version)
        for strategic in line.strategic_goals.all()
        for goal in strategic.operational_goals.all()
        if (indicator := headline(goal)) is not None and indicator.code not in waiting
    ]
    return [(goal, i) for goal, i in headlines if "gemeente" in i.breakdowns]


def _denominators(year: int) -> tuple[dict[str, dict[str, float]], list[int]]:
    """Per gemeente code: CBS's households and inhabitants, each the latest year up to `year`."""
    rows = (
        AreaStatistic.objects.filter(
            area__level="gemeente",
            measure__in=(HOUSEHOLDS, INHABITANTS),
            year__lte=year,
            value__isnull=False,
        )
        .order_by("area__code", "measure", "year")
        .values_list("area__code", "measure", "year", "value")
    )
    found: dict[str, dict[str, float]] = {}
    years: set[int] = set()
    for (code, measure), group in groupby(rows, key=lambda row: (row[0], row[1])):
        *_rest, (_code, _measure, latest, value) = list(group)
        if value is not None:  # filtered out above; the type does not know
            found.setdefault(code, {})[measure] = float(value)
            years.add(latest)
    return found, sorted(years)


def _column(
    goal: str,
    indicator: pm.Indicator,
    denominators: dict[str, dict[str, float]],
    gemeenten: Iterable[str],
) -> Column:
    if indicator.measure not in COUNT_MEASURES:
        return Column(indicator.code, goal, indicator.name, indicator.unit, per="")
    persons = indicator.unit in PERSON_UNITS and all(
        INHABITANTS in denominators.get(code, {}) for code in gemeenten
    )
    return Column(
        indicator.code,
        goal,
        indicator.name,
        indicator.unit,
        per=PER_INHABITANTS if persons else PER_HOUSEHOLDS,
    )


def _cell(column: Column, value: ShownValue | None, cbs: dict[str, float]) -> Cell:
    if value is None or value.suppressed or value.value is None:
        return Cell(None, suppressed=bool(value and value.suppressed))
    if not column.per:
        return Cell(value.value, suppressed=False)
    base = cbs.get(INHABITANTS if column.per == PER_INHABITANTS else HOUSEHOLDS)
    if not base:
        return Cell(None, suppressed=False, count=value.value, no_denominator=True)
    return Cell(PER * value.value / base, suppressed=False, count=value.value)
