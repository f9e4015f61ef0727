"""Reads for the area pages (/monitor/gebied/<code>): the region, a gemeente, a wijk, a dorp or
an experiment area, its place among the others, and per plan indicator its gated value per
year with the status against the target that applies to it (its own, the region's path for
a share or a mean, none for a count of part of the region).

Gated cells only (`gated.values_shown`; a dorp or experiment area: the region's gated
breakdown cells, `grouping_levels`, ADR 0042); the latest complete year is judged (ADR 0018).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from doorbraak.areas.models import Area
from doorbraak.core.area_levels import MONITOR_LEVELS
from doorbraak.core.periods import PeriodType, period_parse
from doorbraak.monitor.gated import (
    ShownValue,
    StoredCells,
    values_shown,
)
from doorbraak.monitor.grouping_levels import (
    GroupArea,
    group_area,
    group_areas,
    group_values,
    is_grouping_level,
)
from doorbraak.monitor.selectors import (
    definitions_current,
    indicator_statement,
    plan_indicators,
    regional_trajectory,
    target_trajectory,
)
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from doorbraak.programme.trajectory import Status, Trajectory, target_status

# areas.Area.level -> the monitor's level (IndicatorValue.area_level); buurten are not computed
AREA_LEVELS = {level.stored: level.api for level in MONITOR_LEVELS}
# measures whose value means the same in a wijk as in the region, so the region's trajectory
# is a fair yardstick; a count (households, persons) of one area is a part of the region's
RELATIVE_MEASURES = frozenset({"share", "ratio", "median", "mean", "mean_difference"})


class TargetBasis(StrEnum):
    """What an area's status is measured against."""

    REGION = "regio"  # the region itself, against the plan's (regional) target
    OWN = "eigen"  # a target the plan sets for this very area
    REGIONAL_PATH = "regionaal_traject"  # a share, ratio, median or mean: the region's path
    NONE_HERE = "geen_doel_hier"  # a count: the regional target is for the whole region


@dataclass(frozen=True)
class AreaRef:
    code: str
    name: str
    level: str  # the monitor's level: region, gemeente, wijk


@dataclass(frozen=True)
class AreaYear:
    period: str
    value: float | None
    suppressed: bool
    expected: float | None  # on the trajectory the status is measured against
    status: Status | None  # None when no target applies to this area; RUNNING: not judged
    running: str = ""  # 'lopend jaar, t/m 30 juni 2026' for a running year, else ''


@dataclass(frozen=True)
class AreaLine:
    """One plan indicator on an area page."""

    goal: str  # as SummaryLine
    goal_statement: str
    code: str
    name: str
    unit: str
    waits_for: str  # the rules file's statement, for indicators without a computation
    computed_here: bool  # the rule is computed at this area's level (and a run holds it)
    years: list[AreaYear]
    basis: TargetBasis | None  # None while the indicator waits for data
    trajectory: Trajectory | None  # the one the status is measured against

    @property
    def latest(self) -> AreaYear | None:
        return self.years[-1] if self.years else None

    @property
    def judged(self) -> AreaYear | None:
        """The latest complete year: the one the status is about (ADR 0018)."""
        complete = [year for year in self.years if not year.running]
        return complete[-1] if complete else None

    @property
    def status(self) -> Status | None:
        judged = self.judged
        return judged.status if judged is not None else None


@dataclass(frozen=True)
class AreaDetail:
    area: AreaRef
    up: list[AreaRef]  # the region, then the gemeente (of a wijk)
    down: list[AreaRef]  # the gemeenten of the region, the wijken of a gemeente
    lines: list[AreaLine]
    periods: list[str]  # every year any line has a value for, in order
    running: dict[str, str] = field(default_factory=dict)  # running year -> its label
    # the dorpen of a gemeente, the experiment areas of the region (grouping levels, ADR 0042)
    groups: list[AreaRef] = field(default_factory=list)


def _area_row(code: str) -> Area | None:
    """The newest vintage of a region, gemeente or wijk with this code."""
    return (
        Area.objects.filter(code=code, level__in=AREA_LEVELS)
        .select_related("parent__parent")
        .order_by("-vintage")
        .first()
    )


def _ref(area: Area) -> AreaRef:
    return AreaRef(code=area.code, name=area.name, level=AREA_LEVELS.get(area.level, area.level))


def area_ref(code: str) -> AreaRef | None:
    """The region, a gemeente or a wijk by its code (None for a buurt or an unknown code)."""
    area = _area_row(code)
    return _ref(area) if area is not None else None


def monitor_areas() -> list[AreaRef]:
    """The region and its gemeenten (by name): the areas the dashboard links to."""
    regions = Area.objects.filter(level="regio").order_by("-vintage")
    region = regions.first()
    if region is None:
        return []
    gemeenten = Area.objects.filter(parent=region, level="gemeente").order_by("name")
    return [_ref(region), *(_ref(g) for g in gemeenten)]


def _area_basis(
    indicator: pm.Indicator, area: AreaRef
) -> tuple[TargetBasis, Trajectory | None, bool]:
    """What the area is measured against, that trajectory, and whether a target applies."""
    if area.level == "region":
        return TargetBasis.REGION, regional_trajectory(indicator), True
    own = next((t for t in indicator.targets.all() if t.area_code == area.code), None)
    if own is not None:
        return TargetBasis.OWN, target_trajectory(own), True
    if indicator.measure in RELATIVE_MEASURES:
        return TargetBasis.REGIONAL_PATH, regional_trajectory(indicator), True
    return TargetBasis.NONE_HERE, None, False


def area_basis(
    indicator: pm.Indicator, area: AreaRef
) -> tuple[TargetBasis, Trajectory | None, bool]:
    """What `area`'s value of the indicator is measured against (as on its area page)."""
    return _area_basis(indicator, area)


def _area_cells(area: AreaRef) -> dict[str, list[ShownValue]]:
    """Per indicator: the area's yearly totals from the newest finished run that holds yearly
    totals of that indicator for this area (a quarter-only run does not hide them); for a dorp
    or experiment area its stored breakdown cells of the region (`grouping_levels`)."""
    if is_grouping_level(area.level):
        rows = group_values(None, area.level, area=area.code)
    else:
        rows = values_shown(None, StoredCells(levels=(area.level,), area=area.code, breakdown=""))
    by_code: dict[str, dict[int, list[ShownValue]]] = {}
    for row in rows:
        if period_parse(row.period).type is not PeriodType.YEAR:
            continue
        by_code.setdefault(row.indicator_code, {}).setdefault(row.run_id, []).append(row)
    return {code: runs[max(runs)] for code, runs in by_code.items()}


def area_detail(area_code: str) -> AreaDetail | None:
    """Everything an area page shows, gated: per plan indicator (in plan order) the area's
    value per year and its status; None for a code that is not the region, a gemeente, a wijk,
    a dorp or an experiment area."""
    place = _area_place(area_code)
    if place is None:
        return None
    area, up, down, groups = place
    version = plan_version_current()
    if version is None:
        return AreaDetail(area=area, up=up, down=down, lines=[], periods=[], groups=groups)
    definitions = definitions_current()
    waiting = {w.code: w.waits_for for w in definitions.waiting} if definitions else {}
    cells = _area_cells(area)
    lines = []
    for indicator in plan_indicators(version):
        goal = indicator.operational_goal
        basis, trajectory, applies = _area_basis(indicator, area)
        higher = indicator.direction == pm.Direction.HIGHER
        years = []
        for cell in cells.get(indicator.code, []):
            years.append(
                AreaYear(
                    period=cell.period,
                    value=cell.value,
                    suppressed=cell.suppressed,
                    expected=trajectory.value_at(float(cell.period)) if trajectory else None,
                    status=target_status(
                        trajectory=trajectory,
                        year=float(cell.period),
                        observed=cell.value,
                        higher_is_better=higher,
                        running=bool(cell.until),
                    )
                    if applies
                    else None,
                    running=cell.running,
                )
            )
        waits_for = waiting.get(indicator.code, "")
        lines.append(
            AreaLine(
                goal=goal.code if goal else "",
                goal_statement=indicator_statement(indicator),
                code=indicator.code,
                name=indicator.name,
                unit=indicator.unit,
                waits_for=waits_for,
                computed_here=bool(years),
                years=years,
                basis=None if waits_for else basis,
                trajectory=trajectory,
            )
        )
    periods = sorted({year.period for line in lines for year in line.years})
    running = {year.period: year.running for line in lines for year in line.years if year.running}
    return AreaDetail(
        area=area, up=up, down=down, lines=lines, periods=periods, running=running, groups=groups
    )


Place = tuple[AreaRef, list[AreaRef], list[AreaRef], list[AreaRef]]


def _group_ref(group: GroupArea) -> AreaRef:
    return AreaRef(code=group.code, name=group.name, level=group.level)


def _area_place(area_code: str) -> Place | None:
    """The area, the areas above it, its gemeenten or wijken, and its dorpen (a gemeente) or
    experiment areas (the region); a dorp or experiment area has its gemeente (or the region)
    above it and nothing below."""
    row = _area_row(area_code)
    if row is None:
        group = group_area(area_code)
        if group is None:
            return None
        parent = _area_row(group.parent)
        up = [*_place_up(parent), _ref(parent)] if parent is not None else []
        return _group_ref(group), up, [], []
    area = _ref(row)
    down_level = {"region": "gemeente", "gemeente": "wijk"}.get(area.level)
    down = (
        [_ref(a) for a in Area.objects.filter(parent=row, level=down_level).order_by("name")]
        if down_level
        else []
    )
    groups = []
    if area.level == "gemeente":
        groups = [_group_ref(g) for g in group_areas("dorp", within=area.code)]
    elif area.level == "region":
        groups = [_group_ref(g) for g in group_areas("experiment")]
    return area, _place_up(row), down, groups


def _place_up(row: Area) -> list[AreaRef]:
    up: list[AreaRef] = []
    parent = row.parent
    while parent is not None:
        up.insert(0, _ref(parent))
        parent = parent.parent
    return up
