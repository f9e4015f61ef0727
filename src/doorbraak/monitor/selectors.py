"""Reads of materialised indicator values: only gated cells from the latest finished run.

Dashboards, the API and open data read here, never the register: a run stores only cells that
passed the disclosure gate (a suppressed cell has no numbers), so nothing returned here can
show a count below the threshold.
"""

from dataclasses import dataclass

from doorbraak.core.periods import PeriodType, period_parse
from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from doorbraak.programme.trajectory import Status, Trajectory, target_status, trajectory_build


@dataclass(frozen=True)
class ShownValue:
    period: str
    area_level: str
    area_code: str
    breakdown: str
    breakdown_value: str
    numerator: float | None
    denominator: float | None
    value: float | None
    suppressed: bool


@dataclass(frozen=True)
class SummaryLine:
    """One plan indicator on the dashboard."""

    goal: str  # the operational goal's code ('' for process indicators)
    goal_statement: str
    code: str
    name: str
    period: str  # the latest year with a value ('' when none)
    value: float | None
    suppressed: bool
    status: Status | None  # None while the indicator waits for data
    waits_for: str  # the rules file's statement, for indicators without a computation


def latest_run() -> MonitorRun | None:
    return MonitorRun.objects.filter(status=MonitorRun.Status.DONE).order_by("-id").first()


def _latest_run_with(**cells: object) -> int | None:
    """The newest finished run that holds such cells (a run over one quarter does not hide
    the years of an earlier run)."""
    found = (
        IndicatorValue.objects.filter(run__status=MonitorRun.Status.DONE, **cells)
        .order_by("-run_id")
        .values_list("run_id", flat=True)
        .first()
    )
    return int(found) if found is not None else None


def indicator_values(
    code: str, *, level: str, period: str | None = None, breakdown: str = ""
) -> list[ShownValue]:
    """Gated values of one indicator at one area level from the latest run (every period when
    `period` is None); `breakdown` '' gives the totals, a dimension gives its categories."""
    cells: dict[str, object] = {
        "indicator_code": code,
        "area_level": level,
        "breakdown": breakdown,
    }
    if period is not None:
        cells["period"] = period
    run = _latest_run_with(**cells)
    if run is None:
        return []
    rows = IndicatorValue.objects.filter(run_id=run, **cells)
    return [
        ShownValue(
            period=row.period,
            area_level=row.area_level,
            area_code=row.area_code,
            breakdown=row.breakdown,
            breakdown_value=row.breakdown_value,
            numerator=None if row.suppressed else row.numerator,
            denominator=None if row.suppressed else row.denominator,
            value=None if row.suppressed else row.value,
            suppressed=row.suppressed,
        )
        for row in rows.order_by("period", "area_code", "breakdown_value")
    ]


def dashboard_summary() -> list[SummaryLine]:
    """Per plan indicator (in plan order): the latest year's region value and its status
    against the target trajectory, or what the indicator waits for."""
    version = plan_version_current()
    if version is None:
        return []
    definitions = parse_definitions_file().definitions
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
    region: dict[str, IndicatorValue] = {}
    if run is not None:
        years = [p for p in run.periods if period_parse(p).type is PeriodType.YEAR]
        for value in IndicatorValue.objects.filter(
            run=run, area_level="region", breakdown="", period__in=years
        ).order_by("period"):
            region[value.indicator_code] = value  # the latest year wins
    lines = []
    indicators = (
        pm.Indicator.objects.filter(plan_version=version)
        .select_related("operational_goal")
        .prefetch_related("targets__milestones")
        .order_by("position")
    )
    for indicator in indicators:
        goal = indicator.operational_goal
        row = region.get(indicator.code)
        shown = None if row is None or row.suppressed else row.value
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
                goal_statement=goal.statement if goal else "",
                code=indicator.code,
                name=indicator.name,
                period=row.period if row is not None else "",
                value=shown,
                suppressed=bool(row and row.suppressed),
                status=status,
                waits_for=waiting.get(indicator.code, ""),
            )
        )
    return lines


@dataclass(frozen=True)
class YearLine:
    period: str
    value: float | None
    suppressed: bool
    expected: float | None  # on the target trajectory, None while no target is set
    status: Status


@dataclass(frozen=True)
class IndicatorDetail:
    indicator: pm.Indicator
    waits_for: str
    years: list[YearLine]  # the region, every year of the latest run
    latest: str  # the latest year with values ('' when none)
    by_gemeente: list[ShownValue]
    by_wijk: list[ShownValue]
    breakdowns: dict[str, list[ShownValue]]  # dimension -> region values in the latest year


def _trajectory(indicator: pm.Indicator) -> Trajectory | None:
    target = next((t for t in indicator.targets.all() if not t.area_code), None)
    if target is None:
        return None
    return trajectory_build(
        value=target.value,
        horizon=target.horizon,
        baseline=target.baseline,
        baseline_year=target.baseline_year,
        milestones=[(m.year, m.value) for m in target.milestones.all()],
    )


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
    definitions = parse_definitions_file().definitions
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
            ),
        )
        for v in region
    ]
    latest = years[-1].period if years else ""
    breakdowns: dict[str, list[ShownValue]] = {}
    if latest:
        for dimension in (
            IndicatorValue.objects.filter(indicator_code=code, area_level="region", period=latest)
            .exclude(breakdown="")
            .values_list("breakdown", flat=True)
            .distinct()
        ):
            breakdowns[dimension] = indicator_values(
                code, level="region", period=latest, breakdown=dimension
            )
    return IndicatorDetail(
        indicator=indicator,
        waits_for=waiting.get(code, ""),
        years=years,
        latest=latest,
        by_gemeente=indicator_values(code, level="gemeente", period=latest) if latest else [],
        by_wijk=indicator_values(code, level="wijk", period=latest) if latest else [],
        breakdowns=breakdowns,
    )
