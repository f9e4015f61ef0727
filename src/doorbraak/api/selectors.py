"""Reads of the API: what the monitor materialised, the plan's indicator metadata, area names.

Values come only from the monitor's one gate for stored values (`monitor.gated.values_shown`)
over a finished `MonitorRun`: cells that passed the disclosure gate, a suppressed cell without
numbers (ADR 0007). Nothing here reads the register's persons, households or facts, so nothing
the API returns can name one.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, QuerySet

from doorbraak.areas.models import Area
from doorbraak.core.area_levels import MONITOR_LEVELS_STORED, AreaLevel
from doorbraak.monitor.compiler import LEVELS
from doorbraak.monitor.definitions import IndicatorComputation
from doorbraak.monitor.definitions.vocabulary import AREA_LEVELS
from doorbraak.monitor.gated import (
    ShownValue,
    StoredCells,
    run_holding,
    values_count,
    values_shown,
)
from doorbraak.monitor.grouping_levels import (
    group_area,
    group_areas,
    group_cells,
    group_values,
    is_grouping_level,
)
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.selectors import definitions_current
from doorbraak.programme import models as pm

# --- Indicators -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    code: str
    statement: str


@dataclass(frozen=True)
class RegionTarget:
    value: Decimal | None  # None while the target is not yet set
    horizon: int
    baseline: Decimal | None
    baseline_year: int | None


@dataclass(frozen=True)
class IndicatorInfo:
    """A computed indicator: the plan's words and the rule's shape; never a number."""

    code: str
    name: str
    description: str
    unit: str
    direction: str
    direction_label: str
    kind: str  # the plan's: process or effect
    kind_label: str
    measure: str  # the rule's: count, count_distinct, share, ratio, median, mean_difference
    window: str
    area_levels: tuple[str, ...]
    breakdowns: tuple[str, ...]  # non-area breakdown dimensions
    goal: Goal | None
    target: RegionTarget | None


def _info(indicator: pm.Indicator, rule: IndicatorComputation) -> IndicatorInfo:
    goal = indicator.operational_goal
    target = next((t for t in indicator.targets.all() if not t.area_code), None)
    return IndicatorInfo(
        code=indicator.code,
        name=indicator.name,
        description=indicator.description,
        unit=indicator.unit,
        direction=indicator.direction,
        direction_label=str(indicator.get_direction_display()),
        kind=indicator.kind,
        kind_label=str(indicator.get_kind_display()),
        measure=rule.kind,
        window=rule.window,
        area_levels=("region", *[b for b in rule.breakdowns if b in AREA_LEVELS]),
        breakdowns=tuple(b for b in rule.breakdowns if b not in AREA_LEVELS),
        goal=Goal(goal.code, goal.statement) if goal else None,
        target=RegionTarget(
            value=target.value,
            horizon=target.horizon,
            baseline=target.baseline,
            baseline_year=target.baseline_year,
        )
        if target
        else None,
    )


def _current_plan_id() -> int | None:
    """The id of `programme.selectors.plan_version_current()` (same order), without loading
    the version's source text on every request."""
    found = (
        pm.PlanVersion.objects.order_by("-loaded_at", "-id").values_list("id", flat=True).first()
    )
    return int(found) if found is not None else None


def _plan_indicators(codes: list[str] | None = None) -> QuerySet[pm.Indicator]:
    found = (
        pm.Indicator.objects.filter(plan_version_id=_current_plan_id())
        .select_related("operational_goal")
        .prefetch_related("targets")
        .order_by("position")
    )
    return found.filter(code__in=codes) if codes is not None else found


def indicators() -> list[IndicatorInfo]:
    """The current plan's indicators that the monitor computes, in plan order."""
    rules = definitions_current()
    if rules is None:
        return []
    return [
        _info(indicator, rule)
        for indicator in _plan_indicators()
        if (rule := rules.get(indicator.code)) is not None
    ]


def indicator(code: str) -> IndicatorInfo | None:
    """One computed indicator; None for a code the plan lacks or the monitor does not compute."""
    rules = definitions_current()
    rule = rules.get(code) if rules is not None else None
    found = _plan_indicators([code]).first() if rule is not None else None
    return _info(found, rule) if found is not None and rule is not None else None


def indicator_breakdowns(code: str) -> tuple[str, ...] | None:
    """The non-area breakdowns of a computed indicator of the current plan (None when it is
    not one): what the values need, in one query instead of the whole description."""
    rules = definitions_current()
    rule = rules.get(code) if rules is not None else None
    if rule is None or not _plan_indicators([code]).exists():
        return None
    return tuple(b for b in rule.breakdowns if b not in AREA_LEVELS)


# --- Values -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueQuery:
    """Which cells: None leaves a coordinate free; breakdown '' (`gated.TOTAL`) means the totals."""

    codes: tuple[str, ...] | None = None
    period: str | None = None
    level: str | None = None
    area: str | None = None
    breakdown: str | None = None

    def cells(self) -> StoredCells:
        if is_grouping_level(self.level):  # the region's breakdown cells (ADR 0042)
            assert self.level is not None  # noqa: S101 - narrowed for mypy
            return group_cells(
                self.level,
                codes=self.codes,
                periods=None if self.period is None else (self.period,),
            )
        return StoredCells(
            codes=self.codes,
            periods=None if self.period is None else (self.period,),
            levels=None if self.level is None else (self.level,),
            area=self.area,
            breakdown=self.breakdown,
        )


@dataclass(frozen=True)
class Cell:
    indicator: str
    period: str
    area_level: str
    area_code: str
    breakdown: str
    category: str
    numerator: float | None
    denominator: float | None
    value: float | None
    suppressed: bool
    until: dt.date | None = None  # the data's last day when the period is running (ADR 0018)
    running: str = ""  # its label: 'lopend jaar, t/m 30 juni 2026'


@dataclass(frozen=True)
class ValuePage:
    run: MonitorRun | None
    total: int
    cells: list[Cell]


def run_for(query: ValueQuery) -> MonitorRun | None:
    """The newest finished run that holds such cells (a later run over one quarter does not
    hide the years of an earlier run; the same rule as the monitor's pages)."""
    return run_holding(query.cells())


def _cell(shown: ShownValue) -> Cell:
    return Cell(
        indicator=shown.indicator_code,
        period=shown.period,
        area_level=shown.area_level,
        area_code=shown.area_code,
        breakdown=shown.breakdown,
        category=shown.breakdown_value,
        numerator=shown.numerator,
        denominator=shown.denominator,
        value=shown.value,
        suppressed=shown.suppressed,
        until=shown.until,
        running=shown.running,
    )


def _group_values(run: MonitorRun, query: ValueQuery) -> list[ShownValue]:
    """The run's values at a grouping level (dorp, experiment): the region's breakdown cells
    of each group, relabelled (`monitor.grouping_levels`); few enough to page in memory."""
    assert query.level is not None  # noqa: S101 - only called for a grouping level
    return group_values(
        run,
        query.level,
        codes=query.codes,
        periods=None if query.period is None else (query.period,),
        area=query.area,
    )


def values_page(run: MonitorRun, query: ValueQuery, *, offset: int, limit: int) -> ValuePage:
    """One page of the run's gated cells, in a stable order, and how many there are in all."""
    if is_grouping_level(query.level):
        found = _group_values(run, query)
        window = found[offset : offset + limit]
        return ValuePage(run=run, total=len(found), cells=[_cell(value) for value in window])
    shown = values_shown(run, query.cells(), window=slice(offset, offset + limit))
    total = values_count(run, query.cells())
    return ValuePage(run=run, total=total, cells=[_cell(value) for value in shown])


def values_reported(run: MonitorRun, query: ValueQuery) -> list[Cell]:
    """Every cell of the run with a number to report (for the DHIS2 and ADX exports):
    suppressed cells, cells without a value (a share of nobody) and cells of a running period
    are left out: a DHIS2 period is a whole period, and half a year reported as the year would
    be read as the year (ADR 0018)."""
    shown = (
        [v for v in _group_values(run, query) if not v.suppressed and v.value is not None]
        if is_grouping_level(query.level)
        else values_shown(run, query.cells(), reported=True)
    )
    return [_cell(value) for value in shown if value.until is None]


# --- Areas and runs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaInfo:
    code: str
    name: str
    level: str  # the API's level name: region, gemeente, wijk
    parent: str  # the parent's code ('' for the region)
    vintage: int


def areas(level: str | None = None) -> list[AreaInfo]:
    """The region, its gemeenten and wijken in the newest CBS vintage of each level, then the
    dorpen (under their gemeente) and experiment areas (under the region)."""
    found: list[AreaInfo] = []
    for api_level in LEVELS:
        if level is not None and api_level != level:
            continue
        db_level = AreaLevel.from_api(api_level).stored
        vintage = Area.objects.filter(level=db_level).aggregate(newest=Max("vintage"))["newest"]
        rows = (
            Area.objects.filter(level=db_level, vintage=vintage)
            .select_related("parent")
            .order_by("code")
        )
        found += [
            AreaInfo(
                code=area.code,
                name=area.name,
                level=api_level,
                parent=area.parent.code if area.parent else "",
                vintage=area.vintage,
            )
            for area in rows
        ]
    if level is None or is_grouping_level(level):  # dorpen and experiment areas (ADR 0042)
        found += [
            AreaInfo(code=g.code, name=g.name, level=g.level, parent=g.parent, vintage=g.vintage)
            for g in group_areas(level)
        ]
    return found


def area_exists(code: str) -> bool:
    """The region, a gemeente or wijk, a dorp or an experiment area."""
    found = Area.objects.filter(code=code, level__in=MONITOR_LEVELS_STORED).exists()
    return found or group_area(code) is not None


def run_latest() -> MonitorRun | None:
    return (
        MonitorRun.objects.filter(status=MonitorRun.Status.DONE)
        .select_related("plan_version")
        .order_by("-id")
        .first()
    )
