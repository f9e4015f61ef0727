"""Reads for the dashboard ("In één oogopslag", ADR 0032): a tile per operational goal with its
headline indicator, for the filters in the URL (the gemeente x goal overview: `overview`).

The headline indicator of a goal is the one with the goal's own code (D3 for doel D3), else the
goal's first indicator in the plan. Everything comes from one finished run's gated cells
(`gated.values_shown`) and the plan; the view keeps what is built here per filter set while the
monitor's inputs stay the same (`kept_pages.kept`), so many clients at once read a kept page.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Prefetch

from doorbraak.core.periods import PeriodType, period_parse, period_running, running_label
from doorbraak.monitor.area_selectors import RELATIVE_MEASURES, AreaRef, area_basis, monitor_areas
from doorbraak.monitor.gated import TOTAL, ShownValue, StoredCells, values_shown
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.selectors import definitions_current, regional_trajectory
from doorbraak.monitor.tiles import (
    Sparkline,
    SparkPoint,
    TileStatus,
    change_direction,
    sparkline,
    tile_status,
)
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from doorbraak.programme.trajectory import Trajectory

# the breakdowns a reader may filter the tiles on: groups of persons, not places or partners
FILTER_BREAKDOWNS = ("age_group", "signal_source")


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: '' is the default (the latest complete year, the region, the
    totals). `breakdown` is 'dimension:category' (age_group:kind)."""

    period: str = ""
    area: str = ""
    breakdown: str = ""

    @property
    def key(self) -> str:
        return f"{self.period}|{self.area}|{self.breakdown}"

    @property
    def dimension(self) -> str:
        return self.breakdown.partition(":")[0]

    @property
    def category(self) -> str:
        return self.breakdown.partition(":")[2]


@dataclass(frozen=True)
class Choices:
    """The values each filter accepts, in the order the form lists them."""

    periods: tuple[tuple[str, str], ...]  # (period, its label: '2026 (lopend jaar, t/m ...)')
    default_period: str  # the latest complete year ('' when the run has none)
    areas: tuple[AreaRef, ...]  # the region, then its gemeenten by name
    breakdowns: tuple[tuple[str, str, str], ...]  # (dimension:category, dimension, category)


def dashboard_run() -> MonitorRun | None:
    """The newest finished run with yearly values for the region."""
    for run in MonitorRun.objects.filter(status=MonitorRun.Status.DONE).order_by("-id"):
        if "region" in run.levels and _years(run):
            return run
    return None


def _years(run: MonitorRun) -> list[str]:
    return sorted(p for p in run.periods if period_parse(p).type is PeriodType.YEAR)


def running_text(run: MonitorRun, period: str) -> str:
    """The period's running label ('' when it is complete)."""
    parsed = period_parse(period)
    if run.data_until is None or not period_running(parsed, run.data_until):
        return ""
    return running_label(parsed, run.data_until)


def filter_choices(run: MonitorRun | None) -> Choices:
    if run is None:
        return Choices((), "", tuple(monitor_areas()), ())
    years = _years(run)
    periods = tuple(
        (year, f"{year} ({label})" if (label := running_text(run, year)) else year)
        for year in years
    )
    complete = [year for year in years if not running_text(run, year)]
    cells = StoredCells(codes=tuple(_headlines()), periods=tuple(years[-1:]), levels=("region",))
    found = {
        (v.breakdown, v.breakdown_value)
        for v in values_shown(run, cells)
        if v.breakdown in FILTER_BREAKDOWNS
    }
    breakdowns = tuple(
        (f"{dimension}:{category}", dimension, category)
        for dimension in FILTER_BREAKDOWNS
        for d, category in sorted(found)
        if d == dimension
    )
    return Choices(periods, complete[-1] if complete else "", tuple(monitor_areas()), breakdowns)


def filters_clean(given: Mapping[str, str], choices: Choices) -> tuple[Filters, list[str]]:
    """The filters from the URL's parameters (periode, gebied, uitsplitsing); a value the
    choices do not hold falls back to the default, and its parameter is named in the list."""
    wrong = []
    period = given.get("periode", "")
    if period and period not in {p for p, _label in choices.periods}:
        wrong.append("periode")
        period = ""
    area = given.get("gebied", "")
    region = choices.areas[0].code if choices.areas else ""
    if area and area not in {a.code for a in choices.areas}:
        wrong.append("gebied")
        area = ""
    breakdown = given.get("uitsplitsing", "")
    if breakdown and breakdown not in {key for key, _d, _c in choices.breakdowns}:
        wrong.append("uitsplitsing")
        breakdown = ""
    return Filters(
        period="" if period == choices.default_period else period,
        area="" if area == region else area,
        breakdown=breakdown,
    ), wrong


# --- Tiles ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    """One operational goal at a glance, for the chosen period, area and group."""

    goal: str
    statement: str
    code: str  # the headline indicator
    name: str
    unit: str
    others: tuple[tuple[str, str], ...]  # the goal's other indicators (code, name)
    waits_for: str
    status: TileStatus
    period: str
    running: str  # the period's running label, '' when complete
    value: float | None
    suppressed: bool
    previous_period: str
    previous: float | None
    change: int  # +1 rose, -1 fell, 0 stayed or unknown (as the rounded values show)
    expected: float | None  # the trajectory's value for the period
    target: float | None  # the plan's target (the region's), None while not set
    horizon: int
    sparkline: Sparkline | None
    trajectory: Trajectory | None  # the one the status is measured against
    years: tuple[tuple[str, float | None], ...] = ()  # every year's shown value, for the text


@dataclass(frozen=True)
class TileGroup:
    """The tiles of one programme line."""

    code: str
    name: str
    tiles: list[Tile]


def headline(goal: pm.OperationalGoal) -> pm.Indicator | None:
    indicators = list(goal.indicators.all())
    own = [i for i in indicators if i.code == goal.code]
    chosen = own or indicators
    return chosen[0] if chosen else None


def plan_lines(version: pm.PlanVersion) -> list[pm.ProgrammeLine]:
    """The plan's lines → strategic goals → operational goals → indicators → targets, in plan
    order, in five queries."""
    indicators = pm.Indicator.objects.order_by("position").prefetch_related("targets__milestones")
    goals = pm.OperationalGoal.objects.order_by("position").prefetch_related(
        Prefetch("indicators", queryset=indicators)
    )
    strategic = pm.StrategicGoal.objects.order_by("position").prefetch_related(
        Prefetch("operational_goals", queryset=goals)
    )
    lines = version.lines.order_by("position")
    return list(lines.prefetch_related(Prefetch("strategic_goals", queryset=strategic)))


def _headlines() -> list[str]:
    version = plan_version_current()
    if version is None:
        return []
    return [
        indicator.code
        for line in plan_lines(version)
        for strategic in line.strategic_goals.all()
        for goal in strategic.operational_goals.all()
        if (indicator := headline(goal)) is not None
    ]


def dashboard_tiles(run: MonitorRun | None, filters: Filters, period: str) -> list[TileGroup]:
    """Per programme line (plan order) a tile per operational goal, for `period` (a year of
    the run) and the filters' area and group."""
    version = plan_version_current()
    if version is None:
        return []
    definitions = definitions_current()
    waiting = {w.code: w.waits_for for w in definitions.waiting} if definitions else {}
    series = _series(run, filters) if run is not None else {}
    area = _area(filters)
    groups = []
    for line in plan_lines(version):
        tiles = [
            _tile(goal, indicator, waiting, series.get(indicator.code, {}), run, period, area)
            for strategic in line.strategic_goals.all()
            for goal in strategic.operational_goals.all()
            if (indicator := headline(goal)) is not None
        ]
        groups.append(TileGroup(line.code, line.name, tiles))
    return groups


@dataclass(frozen=True)
class _Where:
    area: AreaRef
    grouped: bool  # a breakdown category is chosen


def _area(filters: Filters) -> _Where:
    areas = monitor_areas()
    chosen = next((a for a in areas if a.code == filters.area), areas[0] if areas else None)
    fallback = AreaRef(code="", name="", level="region")
    return _Where(chosen or fallback, bool(filters.breakdown))


def _series(run: MonitorRun, filters: Filters) -> dict[str, dict[str, ShownValue]]:
    """Per headline indicator: its cells per year for the filters' area and group."""
    level = "gemeente" if filters.area else "region"
    cells = StoredCells(
        codes=tuple(_headlines()),
        periods=tuple(_years(run)),
        levels=(level,),
        area=filters.area or None,
        breakdown=filters.dimension or TOTAL,
    )
    series: dict[str, dict[str, ShownValue]] = {}
    for value in values_shown(run, cells):
        if not filters.breakdown or value.breakdown_value == filters.category:
            series.setdefault(value.indicator_code, {})[value.period] = value
    return series


def _basis(indicator: pm.Indicator, where: _Where) -> tuple[Trajectory | None, bool]:
    """The trajectory the tile is measured against, and whether any target applies here: a
    count of one gemeente or group is a part of the regional count the target is for."""
    if where.grouped:
        relative = indicator.measure in RELATIVE_MEASURES
        return (regional_trajectory(indicator), True) if relative else (None, False)
    _basis_kind, trajectory, applies = area_basis(indicator, where.area)
    return trajectory, applies


def _tile(
    goal: pm.OperationalGoal,
    indicator: pm.Indicator,
    waiting: dict[str, str],
    cells: dict[str, ShownValue],
    run: MonitorRun | None,
    period: str,
    where: _Where,
) -> Tile:
    trajectory, applies = _basis(indicator, where)
    target = next((t for t in indicator.targets.all() if not t.area_code), None)
    now = cells.get(period)
    before = cells.get(str(int(period) - 1)) if period else None
    value = now.value if now is not None else None
    previous = before.value if before is not None and not before.until else None
    running = running_text(run, period) if run is not None and period else ""
    status = _status(indicator, waiting, trajectory, applies, period, value, previous, running)
    if status is TileStatus.NO_VALUE and now is not None and now.suppressed:
        status = TileStatus.SUPPRESSED
    return Tile(
        goal=goal.code,
        statement=goal.statement,
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        others=tuple((i.code, i.name) for i in goal.indicators.all() if i.pk != indicator.pk),
        waits_for=waiting.get(indicator.code, ""),
        status=status,
        period=period,
        running=running,
        value=value,
        suppressed=bool(now and now.suppressed),
        previous_period=before.period if before is not None else "",
        previous=previous,
        change=change_direction(previous, value),
        expected=trajectory.value_at(float(period)) if trajectory and period else None,
        target=float(target.value) if target is not None and target.value is not None else None,
        horizon=target.horizon if target is not None else 0,
        sparkline=_spark(cells, trajectory, period),
        trajectory=trajectory,
        years=tuple((p, c.value) for p, c in sorted(cells.items())),
    )


def _status(
    indicator: pm.Indicator,
    waiting: dict[str, str],
    trajectory: Trajectory | None,
    applies: bool,
    period: str,
    value: float | None,
    previous: float | None,
    running: str,
) -> TileStatus:
    if indicator.code in waiting:
        return TileStatus.WAITING
    target_set = regional_trajectory(indicator) is not None
    if target_set and not applies and not running and value is not None:
        return TileStatus.NO_TARGET_HERE
    return tile_status(
        trajectory=trajectory,
        year=float(period) if period else 0.0,
        observed=value,
        previous=previous,
        higher_is_better=indicator.direction == pm.Direction.HIGHER,
        running=bool(running),
    )


def _spark(
    cells: dict[str, ShownValue], trajectory: Trajectory | None, period: str
) -> Sparkline | None:
    points = [
        SparkPoint(int(p), c.value, suppressed=c.suppressed, running=bool(c.until))
        for p, c in sorted(cells.items())
    ]
    return sparkline(
        points=points, trajectory=trajectory, judged_year=int(period) if period else None
    )
