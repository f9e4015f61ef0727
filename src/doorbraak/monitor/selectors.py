"""Reads for the monitor's pages: gated cells from the latest finished run, targets, areas.

The pages read stored cells only through `gated.values_shown` (the one gate that the API and
open data use too), never the register: a run stores only cells that passed the disclosure
gate (a suppressed cell has no numbers), so nothing returned here can show a count below the
threshold. A running period (`ShownValue.until`) is labelled and never judged: the dashboard
and the area pages judge the latest complete year (ADR 0018).

What a page shows depends only on the finished runs, the plan version, its targets and the
rules file, so the views keep a page's context (`kept`) and its rendered content (`page_key`)
per process for as long as none of those changed (`_state`): one cheap lookup decides,
instead of rebuilding the page's tables on every request. Both keys also hold what the
viewer's role may see (`viewer_key`: its capabilities, and its organisation where a capability
reads it), so a page kept for one role is never served to another (ADR 0034).
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from django.core.cache import caches
from django.db import connection
from django.db.models import Max, QuerySet

from doorbraak.areas.models import Area, AreaStatistic
from doorbraak.core.area_levels import MONITOR_LEVELS
from doorbraak.core.page_shell import shells_forget
from doorbraak.core.periods import PeriodType, period_parse
from doorbraak.monitor.charts import TargetMark
from doorbraak.monitor.compiler import reference_estimates_sql
from doorbraak.monitor.definitions import DEFAULT_FILE, IndicatorDefinitions, parse_definitions_file
from doorbraak.monitor.gated import (
    ShownValue,
    StoredCells,
    breakdowns_stored,
    run_holding,
    values_shown,
)
from doorbraak.monitor.grouping_levels import (
    GroupArea,
    group_area,
    group_areas,
    group_values,
    is_grouping_level,
)
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.rate_ratio import PAIRS, RateRatio, rate_ratio
from doorbraak.partners.access import Capability, user_capabilities
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from doorbraak.programme.trajectory import Status, Trajectory, target_status, trajectory_build


@dataclass(frozen=True)
class SummaryLine:
    """One plan indicator on the dashboard."""

    goal: str  # the operational goal's code ('' for the ambition's and process indicators)
    goal_statement: str  # the goal's statement; AMBITION for the ambition's indicators
    code: str
    name: str
    period: str  # the latest complete year with a value ('' when none): the one judged
    value: float | None
    suppressed: bool
    status: Status | None  # None while the indicator waits for data
    waits_for: str  # the rules file's statement, for indicators without a computation
    # the running year after it, shown beside it and never judged (ADR 0018); '' when none
    running_period: str = ""
    running: str = ""  # its label: 'lopend jaar, t/m 30 juni 2026'
    running_value: float | None = None
    running_suppressed: bool = False


# The group of the indicators that measure the plan's ambition itself (issue 20): effect
# indicators under no operational goal. They lead the dashboard and the area pages.
AMBITION = "ambitie"


def _statement(indicator: pm.Indicator) -> str:
    goal = indicator.operational_goal
    if goal is not None:
        return goal.statement
    return AMBITION if indicator.kind == pm.IndicatorKind.EFFECT else ""


_rules: dict[tuple[str, int], IndicatorDefinitions | None] = {}


def definitions_current(path: Path = DEFAULT_FILE) -> IndicatorDefinitions | None:
    """The computation rules, parsed once per version of the file (a parse takes about 0.1 s,
    too long to repeat on every request); None when the file has errors."""
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _rules:
        _rules.clear()
        _rules[key] = parse_definitions_file(path).definitions
    return _rules[key]


T = TypeVar("T")
_PAGES: OrderedDict[Hashable, object] = OrderedDict()
_PAGES_MAX = 256
_PAGES_LOCK = threading.Lock()


STATE_SECONDS = 2.0  # how long one process trusts its last look at the inputs
_last_state: list[tuple[float, tuple[object, ...]]] = []


def _state() -> tuple[object, ...]:
    """What every page's content depends on: the newest finished run, the newest plan version
    and target change, the newest CBS figures, and the rules file's version; looked up at most
    every STATE_SECONDS per process (a run in this process forgets it at once, `pages_forget`)."""
    now = time.monotonic()
    with _PAGES_LOCK:
        if _last_state and now - _last_state[0][0] < STATE_SECONDS:
            return _last_state[0][1]
    runs = (
        MonitorRun.objects.filter(status=MonitorRun.Status.DONE)
        .aggregate(run=Max("id"), at=Max("finished_at"))
        .values()
    )
    plan = pm.PlanVersion.objects.aggregate(version=Max("id"))["version"]
    target = pm.TargetChange.objects.aggregate(change=Max("id"))["change"]
    cbs = AreaStatistic.objects.aggregate(figure=Max("id"))["figure"]
    state = (*runs, plan, target, cbs, DEFAULT_FILE.stat().st_mtime_ns)
    with _PAGES_LOCK:
        _last_state[:] = [(now, state)]
    return state


Viewer = tuple[str, tuple[str, ...], int | None]
# The viewer of what does not depend on who asks (behind the same permission check): the
# API's lookup of the run that holds a query's cells.
EVERYONE: Viewer = ("*", (), None)


PUBLIC: Viewer = ("", (), None)  # what anyone may see: published figures only


def viewer_key(user: Any) -> Viewer:
    """What a page built for `user` may depend on: their role (one screen per role), its
    capabilities, and their organisation when a capability reads it. Users with the same key
    may share a kept page; any other role gets its own (ADR 0034)."""
    capabilities = user_capabilities(user)
    partner = getattr(user, "partner_id", None)
    own = partner if Capability.OWN_ORGANISATION in capabilities else None
    role = str(getattr(user, "role", "") or "") if capabilities else ""
    return role, tuple(sorted(capabilities)), own


def kept(name: str, argument: str, build: Callable[[], T], *, viewer: Viewer) -> T:
    """`build()`, kept in this process for `viewer` (`viewer_key`) for as long as the
    monitor's inputs stay the same."""
    key = (name, argument, viewer, _state())
    with _PAGES_LOCK:
        if key in _PAGES:
            _PAGES.move_to_end(key)
            return _PAGES[key]  # type: ignore[return-value]
    page = build()
    with _PAGES_LOCK:
        _PAGES[key] = page
        while len(_PAGES) > _PAGES_MAX:
            _PAGES.popitem(last=False)
    return page


def page_key(name: str, argument: str = "", *, viewer: Viewer) -> str:
    """A key for a rendered page's content (the template's fragment cache): it changes when
    anything the page shows may have changed, and with what the viewer may see."""
    return hashlib.sha256(repr((name, argument, viewer, _state())).encode()).hexdigest()[:32]


def pages_forget() -> None:
    """Drop every kept page (tests that roll back runs whose ids come back)."""
    with _PAGES_LOCK:
        _PAGES.clear()
        _last_state.clear()
    caches["default"].clear()
    shells_forget()


def _plan_indicators(version: pm.PlanVersion) -> QuerySet[pm.Indicator]:
    """The plan version's indicators in plan order, with their goal, targets and milestones."""
    return (
        pm.Indicator.objects.filter(plan_version=version)
        .select_related("operational_goal")
        .prefetch_related("targets__milestones")
        .order_by("position")
    )


def latest_run() -> MonitorRun | None:
    return MonitorRun.objects.filter(status=MonitorRun.Status.DONE).order_by("-id").first()


def indicator_values(
    code: str, *, level: str, period: str | None = None, breakdown: str = ""
) -> list[ShownValue]:
    """Gated values of one indicator at one area level from the newest run that holds them
    (every period when `period` is None); `breakdown` '' gives the totals, a dimension gives
    its categories."""
    cells = StoredCells(
        codes=(code,),
        periods=None if period is None else (period,),
        levels=(level,),
        breakdown=breakdown,
    )
    run = run_holding(cells)
    return values_shown(run, cells) if run is not None else []


def dashboard_summary() -> list[SummaryLine]:
    """Per plan indicator (in plan order): the latest complete year's region value and its
    status against the target trajectory, and the running year's value beside it (labelled,
    not judged: ADR 0018); or what the indicator waits for."""
    version = plan_version_current()
    if version is None:
        return []
    definitions = definitions_current()
    waiting = {w.code: w.waits_for for w in definitions.waiting} if definitions else {}
    run = next(
        (
            r
            for r in MonitorRun.objects.filter(status=MonitorRun.Status.DONE).order_by("-id")
            if "region" in r.levels
            and any(period_parse(p).type is PeriodType.YEAR for p in r.periods)
        ),
        None,
    )
    region: dict[str, ShownValue] = {}  # the latest complete year
    running: dict[str, ShownValue] = {}  # the running year, when the data stop within it
    if run is not None:
        years = tuple(p for p in run.periods if period_parse(p).type is PeriodType.YEAR)
        totals = StoredCells(periods=years, levels=("region",), breakdown="")
        for value in values_shown(run, totals):  # the latest year wins
            (running if value.until else region)[value.indicator_code] = value
    lines = []
    for indicator in _plan_indicators(version):
        goal = indicator.operational_goal
        row = region.get(indicator.code)
        now = running.get(indicator.code)
        shown = None if row is None else row.value
        status: Status | None = None
        if indicator.code not in waiting:
            status = target_status(
                trajectory=_trajectory(indicator),
                year=float(row.period) if row is not None else float(version.start_year),
                observed=shown,
                higher_is_better=indicator.direction == pm.Direction.HIGHER,
            )
        lines.append(
            SummaryLine(
                goal=goal.code if goal else "",
                goal_statement=_statement(indicator),
                code=indicator.code,
                name=indicator.name,
                period=row.period if row is not None else "",
                value=shown,
                suppressed=bool(row and row.suppressed),
                status=status,
                waits_for=waiting.get(indicator.code, ""),
                running_period=now.period if now is not None else "",
                running=now.running if now is not None else "",
                running_value=now.value if now is not None else None,
                running_suppressed=bool(now and now.suppressed),
            )
        )
    return lines


@dataclass(frozen=True)
class YearLine:
    period: str
    value: float | None
    suppressed: bool
    expected: float | None  # on the target trajectory, None while no target is set
    status: Status  # RUNNING for a running year: not judged
    running: str = ""  # 'lopend jaar, t/m 30 juni 2026' for a running year, else ''


@dataclass(frozen=True)
class IndicatorDetail:
    indicator: pm.Indicator
    waits_for: str
    reading: str  # how the rule computes it, in plain Dutch (the rules file's note)
    years: list[YearLine]  # the region, every year of the latest run
    latest: str  # the latest year with values ('' when none)
    latest_running: str  # its running label ('' when it is complete)
    by_gemeente: list[ShownValue]
    by_wijk: list[ShownValue]
    breakdowns: dict[str, list[ShownValue]]  # dimension -> region values in the latest year


def _trajectory(indicator: pm.Indicator) -> Trajectory | None:
    """The trajectory of the plan's regional target (the one without an area code)."""
    return _target_trajectory(next((t for t in indicator.targets.all() if not t.area_code), None))


def plan_has_indicator(code: str) -> bool:
    """Whether the current plan version has an indicator with this code."""
    return pm.Indicator.objects.filter(plan_version=plan_version_current(), code=code).exists()


def indicator_detail(code: str) -> IndicatorDetail | None:
    """Everything the indicator page shows, gated; None for a code the plan does not have."""
    version = plan_version_current()
    indicator = (
        pm.Indicator.objects.filter(plan_version=version, code=code)
        .select_related("operational_goal")
        .prefetch_related("targets__milestones")
        .first()
    )
    if indicator is None:
        return None
    definitions = definitions_current()
    waiting = {w.code: w.waits_for for w in definitions.waiting} if definitions else {}
    trajectory = _trajectory(indicator)
    higher = indicator.direction == pm.Direction.HIGHER
    region = [
        v
        for v in indicator_values(code, level="region")
        if period_parse(v.period).type is PeriodType.YEAR
    ]
    years = [
        YearLine(
            period=v.period,
            value=v.value,
            suppressed=v.suppressed,
            expected=trajectory.value_at(float(v.period)) if trajectory else None,
            status=target_status(
                trajectory=trajectory,
                year=float(v.period),
                observed=v.value,
                higher_is_better=higher,
                running=bool(v.until),
            ),
            running=v.running,
        )
        for v in region
    ]
    latest = years[-1].period if years else ""
    breakdowns: dict[str, list[ShownValue]] = {}
    if latest:
        for dimension in breakdowns_stored(
            StoredCells(codes=(code,), periods=(latest,), levels=("region",))
        ):
            breakdowns[dimension] = indicator_values(
                code, level="region", period=latest, breakdown=dimension
            )
    return IndicatorDetail(
        indicator=indicator,
        waits_for=waiting.get(code, ""),
        reading=_reading(definitions, code),
        years=years,
        latest=latest,
        latest_running=years[-1].running if years else "",
        by_gemeente=indicator_values(code, level="gemeente", period=latest) if latest else [],
        by_wijk=indicator_values(code, level="wijk", period=latest) if latest else [],
        breakdowns=breakdowns,
    )


def _reading(definitions: IndicatorDefinitions | None, code: str) -> str:
    rule = definitions.get(code) if definitions else None
    return rule.note if rule else ""


# --- Area pages -------------------------------------------------------------------------------

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


def _target_trajectory(target: pm.Target | None) -> Trajectory | None:
    if target is None:
        return None
    return trajectory_build(
        value=target.value,
        horizon=target.horizon,
        baseline=target.baseline,
        baseline_year=target.baseline_year,
        milestones=[(m.year, m.value) for m in target.milestones.all()],
    )


def regional_trajectory(indicator: pm.Indicator) -> Trajectory | None:
    """The trajectory of the plan's regional target; None while it is not set."""
    return _trajectory(indicator)


def target_marks(indicator: pm.Indicator, *, area_code: str = "") -> list[TargetMark]:
    """The known points of a target (baseline, milestones, the target at its horizon) for the
    charts; [] while the target is not set."""
    target = next((t for t in indicator.targets.all() if t.area_code == area_code), None)
    if target is None or target.value is None:
        return []
    marks = []
    if target.baseline is not None and target.baseline_year is not None:
        marks.append(TargetMark(target.baseline_year, float(target.baseline), "nulmeting"))
    marks += [TargetMark(m.year, float(m.value), "mijlpaal") for m in target.milestones.all()]
    marks.append(TargetMark(target.horizon, float(target.value), "streefwaarde"))
    return sorted(marks, key=lambda mark: mark.year)


def _area_basis(
    indicator: pm.Indicator, area: AreaRef
) -> tuple[TargetBasis, Trajectory | None, bool]:
    """What the area is measured against, that trajectory, and whether a target applies."""
    if area.level == "region":
        return TargetBasis.REGION, _trajectory(indicator), True
    own = next((t for t in indicator.targets.all() if t.area_code == area.code), None)
    if own is not None:
        return TargetBasis.OWN, _target_trajectory(own), True
    if indicator.measure in RELATIVE_MEASURES:
        return TargetBasis.REGIONAL_PATH, _trajectory(indicator), True
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
    for indicator in _plan_indicators(version):
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
                goal_statement=_statement(indicator),
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


@dataclass(frozen=True)
class RatioLine:
    """The generational measure (A5) for the region: the ratio of two gated poverty rates in
    the latest complete year in which both are shown, with its 95% interval (issue 20)."""

    code: str
    period: str
    ratio: RateRatio
    exposed_rate: float
    unexposed_rate: float


def generational_ratio(code: str = "A5") -> RatioLine | None:
    """None while either share is suppressed, empty or not computed."""
    exposed_code, unexposed_code = PAIRS[code]
    run = latest_run()
    if run is None:
        return None
    years = tuple(p for p in run.periods if period_parse(p).type is PeriodType.YEAR)
    cells = StoredCells(
        codes=(exposed_code, unexposed_code), periods=years, levels=("region",), breakdown=""
    )
    by_year: dict[str, dict[str, ShownValue]] = {}
    for value in values_shown(run, cells):
        if not value.until and not value.suppressed:
            by_year.setdefault(value.period, {})[value.indicator_code] = value
    for period in sorted(by_year, reverse=True):
        pair = by_year[period]
        if exposed_code not in pair or unexposed_code not in pair:
            continue
        exposed, unexposed = pair[exposed_code], pair[unexposed_code]
        ratio = rate_ratio(
            exposed_hits=exposed.numerator,
            exposed=exposed.denominator,
            unexposed_hits=unexposed.numerator,
            unexposed=unexposed.denominator,
        )
        if ratio is not None and exposed.value is not None and unexposed.value is not None:
            return RatioLine(code, period, ratio, exposed.value, unexposed.value)
    return None


# The reference a P1-AANDEEL-style share divides by; the area page shows it beside CBS's rows.
POVERTY_REFERENCE = "cbs_huishoudens_rond_sociaal_minimum"


@dataclass(frozen=True)
class ReferenceEstimate:
    households: int
    year: int  # the CBS year it comes from (the region: its gemeenten's oldest)


def reference_estimates(
    area: Area, years: list[int], reference: str = POVERTY_REFERENCE
) -> dict[int, ReferenceEstimate | None]:
    """Per year, the published figure a reference_share divides by for `area` in that year:
    the compiler's own SQL (`reference_estimates_sql`), so the area page's "CBS ernaast" and
    the monitor's denominators cannot drift apart. It reads CBS's published figures
    (areas_areastatistic), never the register."""
    found: dict[int, ReferenceEstimate | None] = {}
    with connection.cursor() as cursor:
        for year in years:
            cursor.execute(
                f"SELECT households, year FROM ({reference_estimates_sql(reference, year)}) AS r "  # noqa: S608 - compiled from literals
                "WHERE area_level = %s AND area_code = %s",
                [area.level, area.code],
            )
            row = cursor.fetchone()
            found[year] = (
                ReferenceEstimate(int(row[0]), int(row[1])) if row and row[0] is not None else None
            )
    return found
