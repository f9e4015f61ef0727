"""Reads for the monitor's pages: gated cells from the latest finished run, the rules file, the
plan's indicators and their targets, the dashboard's summary and an indicator page's detail.

The pages read stored cells only through `gated.values_shown` (the one gate that the API and
open data use too), never the register: a run stores only cells that passed the disclosure
gate (a suppressed cell has no numbers), so nothing returned here can show a count below the
threshold. A running period (`ShownValue.until`) is labelled and never judged: the dashboard
and the area pages judge the latest complete year (ADR 0018).

The area pages' reads are in `area_selectors`, the ambition's own measures (the generational
ratio, CBS's reference estimates) in `ambition_selectors`, and the pages kept per process in
`kept_pages`.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db.models import QuerySet

from doorbraak.core.periods import PeriodType, period_parse
from doorbraak.monitor.charts import TargetMark
from doorbraak.monitor.definitions import DEFAULT_FILE, IndicatorDefinitions, parse_definitions_file
from doorbraak.monitor.gated import (
    ShownValue,
    StoredCells,
    breakdowns_stored,
    run_holding,
    values_shown,
)
from doorbraak.monitor.models import MonitorRun
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


def indicator_statement(indicator: pm.Indicator) -> str:
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


def plan_indicators(version: pm.PlanVersion) -> QuerySet[pm.Indicator]:
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
    for indicator in plan_indicators(version):
        goal = indicator.operational_goal
        row = region.get(indicator.code)
        now = running.get(indicator.code)
        shown = None if row is None else row.value
        status: Status | None = None
        if indicator.code not in waiting:
            status = target_status(
                trajectory=regional_trajectory(indicator),
                year=float(row.period) if row is not None else float(version.start_year),
                observed=shown,
                higher_is_better=indicator.direction == pm.Direction.HIGHER,
            )
        lines.append(
            SummaryLine(
                goal=goal.code if goal else "",
                goal_statement=indicator_statement(indicator),
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


def target_trajectory(target: pm.Target | None) -> Trajectory | None:
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
    """The trajectory of the plan's regional target (the one without an area code); None
    while it is not set."""
    return target_trajectory(next((t for t in indicator.targets.all() if not t.area_code), None))


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
    trajectory = regional_trajectory(indicator)
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
