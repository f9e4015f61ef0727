"""Reads for the programme: the current plan version and its tree, as models or as a
PlanDefinition (so the CLI and the API share one serialisation, `plan_to_dict`)."""

from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from doorbraak.programme import models as m
from doorbraak.programme.definition import (
    CapitalDef,
    IndicatorDef,
    MilestoneDef,
    OperationalGoalDef,
    PhaseDef,
    PlanDefinition,
    PreconditionDef,
    ProgrammeLineDef,
    StrategicGoalDef,
    TargetDef,
)


def plan_version_current() -> m.PlanVersion | None:
    """The newest plan version (its source file's text is read only when asked for)."""
    return (
        m.PlanVersion.objects.select_related("programme")
        .defer("source_text")
        .order_by("-loaded_at", "-id")
        .first()
    )


def plan_version_get(number: int) -> m.PlanVersion | None:
    return m.PlanVersion.objects.filter(number=number).select_related("programme").first()


def plan_versions() -> QuerySet[m.PlanVersion]:
    return m.PlanVersion.objects.select_related("programme", "loaded_by").order_by("-number")


def _indicators() -> Prefetch:
    return Prefetch(
        "indicators",
        queryset=m.Indicator.objects.select_related("capital", "precondition").prefetch_related(
            Prefetch("targets", queryset=m.Target.objects.prefetch_related("milestones"))
        ),
    )


def programme_lines(version: m.PlanVersion) -> QuerySet[m.ProgrammeLine]:
    """Lines → strategic goals → operational goals → indicators → targets, prefetched."""
    goals = m.OperationalGoal.objects.select_related("capital").prefetch_related(_indicators())
    return version.lines.prefetch_related(
        Prefetch(
            "strategic_goals",
            queryset=m.StrategicGoal.objects.prefetch_related(
                Prefetch("operational_goals", queryset=goals)
            ),
        )
    )


def process_indicators(version: m.PlanVersion) -> QuerySet[m.Indicator]:
    return _goalless(version).filter(kind=m.IndicatorKind.PROCESS)


def ambition_indicators(version: m.PlanVersion) -> QuerySet[m.Indicator]:
    """The ambition's indicators (issue 20): effects under no operational goal."""
    return _goalless(version).filter(kind=m.IndicatorKind.EFFECT)


def _goalless(version: m.PlanVersion) -> QuerySet[m.Indicator]:
    return (
        version.indicators.filter(operational_goal__isnull=True)
        .select_related("capital", "precondition")
        .prefetch_related(
            Prefetch("targets", queryset=m.Target.objects.prefetch_related("milestones"))
        )
    )


def operational_goal_get(version: m.PlanVersion, code: str) -> m.OperationalGoal | None:
    return (
        m.OperationalGoal.objects.filter(
            strategic_goal__programme_line__plan_version=version, code=code
        )
        .select_related("strategic_goal__programme_line", "capital")
        .prefetch_related(_indicators())
        .first()
    )


def region_target(indicator: m.Indicator) -> m.Target | None:
    return next((t for t in indicator.targets.all() if not t.area_code), None)


def target_changes(version: m.PlanVersion) -> QuerySet[m.TargetChange]:
    return m.TargetChange.objects.filter(target__indicator__plan_version=version).select_related(
        "target__indicator", "changed_by"
    )


def plan_definition(version: m.PlanVersion) -> PlanDefinition:
    """The stored version, with targets as they stand now, as a PlanDefinition."""
    return PlanDefinition(
        schema_version=1,
        code=version.programme.code,
        name=version.name,
        mission=version.mission,
        ambition=version.ambition,
        poverty_definition=version.poverty_definition,
        poverty_definition_source=version.poverty_definition_source,
        start_year=version.start_year,
        horizon_year=version.horizon_year,
        capitals=tuple(CapitalDef(c.code, c.name, c.description) for c in version.capitals.all()),
        preconditions=tuple(
            PreconditionDef(p.code, p.name, p.description) for p in version.preconditions.all()
        ),
        phases=tuple(
            PhaseDef(p.code, p.name, p.start, p.end, p.description) for p in version.phases.all()
        ),
        programme_lines=tuple(
            _line_def(line, version.horizon_year) for line in programme_lines(version)
        ),
        process_indicators=tuple(
            _indicator_def(i, version.horizon_year) for i in process_indicators(version)
        ),
        ambition_indicators=tuple(
            _indicator_def(i, version.horizon_year) for i in ambition_indicators(version)
        ),
    )


def _line_def(line: m.ProgrammeLine, horizon: int) -> ProgrammeLineDef:
    return ProgrammeLineDef(
        line.code,
        line.name,
        line.description,
        tuple(
            StrategicGoalDef(
                sg.code,
                sg.statement,
                tuple(
                    OperationalGoalDef(
                        og.code,
                        og.statement,
                        og.capital.code if og.capital else None,
                        tuple(_indicator_def(i, horizon) for i in og.indicators.all()),
                    )
                    for og in sg.operational_goals.all()
                ),
            )
            for sg in line.strategic_goals.all()
        ),
    )


def _indicator_def(i: m.Indicator, horizon: int) -> IndicatorDef:
    target = region_target(i)
    return IndicatorDef(
        code=i.code,
        name=i.name,
        description=i.description,
        kind=i.kind,
        measure=i.measure,
        temporality=i.temporality,
        unit=i.unit,
        direction=i.direction,
        source=i.source,
        breakdowns=tuple(i.breakdowns),
        capital=i.capital.code if i.capital else None,
        precondition=i.precondition.code if i.precondition else None,
        target=_target_def(target, horizon),
    )


def _target_def(target: m.Target | None, horizon: int) -> TargetDef:
    if target is None:
        return TargetDef(None, horizon, None, None, (), "")

    def dec(value: Decimal | None) -> Decimal | None:
        return None if value is None else _plain(value)

    return TargetDef(
        value=dec(target.value),
        horizon=target.horizon,
        baseline=dec(target.baseline),
        baseline_year=target.baseline_year,
        milestones=tuple(MilestoneDef(ms.year, _plain(ms.value)) for ms in target.milestones.all()),
        note=target.note,
    )


def _plain(value: Decimal) -> Decimal:
    """100.00 → 100 and 12.50 → 12.5, without the exponent that normalize() gives 100."""
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
