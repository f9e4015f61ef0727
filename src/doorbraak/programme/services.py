"""Writes for the programme: load a plan definition as a new version; change a target.

Loading the same content twice creates nothing (versions are keyed by the definition's
fingerprint). A changed file becomes a new version; earlier versions stay as they were.
Targets edited in the admin are carried into the new version unless the file changed
that target itself (see docs/adr/0002-plan-versions-and-targets.md).
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from doorbraak.core.errors import ProblemsError
from doorbraak.programme import models as m
from doorbraak.programme.definition import (
    IndicatorDef,
    PlanDefinition,
    TargetDef,
    parse_plan_file,
    parse_plan_text,
    plan_fingerprint,
)


@dataclass(frozen=True)
class PlanLoadResult:
    version: m.PlanVersion
    created: bool


def plan_load_file(*, path: Path, user: Any = None) -> PlanLoadResult:
    result = parse_plan_file(path)
    if result.plan is None or not result.ok:
        problems = "\n".join(str(problem) for problem in result.problems)
        message = f"Het planbestand bevat fouten:\n{problems}"
        raise ProblemsError("plan-ongeldig", message, result.problems)
    text = path.read_text(encoding="utf-8")
    return plan_load(definition=result.plan, source_name=path.name, source_text=text, user=user)


@transaction.atomic
def plan_load(
    *, definition: PlanDefinition, source_name: str, source_text: str, user: Any = None
) -> PlanLoadResult:
    programme, _ = m.Programme.objects.get_or_create(
        code=definition.code, defaults={"name": definition.name}
    )
    previous = programme.versions.select_for_update().order_by("-number").first()
    fingerprint = plan_fingerprint(definition)
    if previous is not None and previous.fingerprint == fingerprint:
        return PlanLoadResult(previous, created=False)
    version = m.PlanVersion.objects.create(
        programme=programme,
        number=(previous.number + 1) if previous else 1,
        fingerprint=fingerprint,
        source_name=source_name,
        source_text=source_text,
        name=definition.name,
        mission=definition.mission,
        ambition=definition.ambition,
        poverty_definition=definition.poverty_definition,
        poverty_definition_source=definition.poverty_definition_source,
        start_year=definition.start_year,
        horizon_year=definition.horizon_year,
        loaded_by=user if getattr(user, "pk", None) else None,
    )
    _VersionWriter(version, definition, _carried_targets(previous, definition)).write()
    return PlanLoadResult(version, created=True)


def _carried_targets(
    previous: m.PlanVersion | None, definition: PlanDefinition
) -> dict[str, m.Target]:
    """Region targets of the previous version whose file value did not change in this file."""
    if previous is None:
        return {}
    before = parse_plan_text(previous.source_text, previous.source_name).plan
    if before is None:
        return {}
    old_file_targets = {i.code: i.target for i in before.indicators()}
    unchanged = [
        i.code for i in definition.indicators() if old_file_targets.get(i.code) == i.target
    ]
    targets = m.Target.objects.filter(
        indicator__plan_version=previous, indicator__code__in=unchanged, area_code=""
    ).select_related("indicator")
    return {target.indicator.code: target for target in targets.prefetch_related("milestones")}


class _VersionWriter:
    """Writes one PlanDefinition as rows under a PlanVersion."""

    def __init__(
        self, version: m.PlanVersion, plan: PlanDefinition, carried: dict[str, m.Target]
    ) -> None:
        self.version = version
        self.plan = plan
        self.carried = carried
        self.capitals: dict[str, m.Capital] = {}
        self.preconditions: dict[str, m.Precondition] = {}
        self.position = 0

    def write(self) -> None:
        v = self.version
        for i, c in enumerate(self.plan.capitals):
            self.capitals[c.code] = m.Capital.objects.create(
                plan_version=v, code=c.code, name=c.name, description=c.description, position=i
            )
        for i, p in enumerate(self.plan.preconditions):
            self.preconditions[p.code] = m.Precondition.objects.create(
                plan_version=v, code=p.code, name=p.name, description=p.description, position=i
            )
        for i, ph in enumerate(self.plan.phases):
            m.Phase.objects.create(
                plan_version=v,
                code=ph.code,
                name=ph.name,
                start=ph.start,
                end=ph.end,
                description=ph.description,
                position=i,
            )
        for indicator in self.plan.ambition_indicators:
            self._indicator(indicator, goal=None)
        for i, line in enumerate(self.plan.programme_lines):
            self._line(line, i)
        for indicator in self.plan.process_indicators:
            self._indicator(indicator, goal=None)

    def _line(self, line: Any, position: int) -> None:
        row = m.ProgrammeLine.objects.create(
            plan_version=self.version,
            code=line.code,
            name=line.name,
            description=line.description,
            position=position,
        )
        for i, sg in enumerate(line.strategic_goals):
            sg_row = m.StrategicGoal.objects.create(
                programme_line=row, code=sg.code, statement=sg.statement, position=i
            )
            for j, og in enumerate(sg.operational_goals):
                og_row = m.OperationalGoal.objects.create(
                    strategic_goal=sg_row,
                    code=og.code,
                    statement=og.statement,
                    capital=self.capitals.get(og.capital or ""),
                    position=j,
                )
                for indicator in og.indicators:
                    self._indicator(indicator, goal=og_row)

    def _indicator(self, d: IndicatorDef, goal: m.OperationalGoal | None) -> None:
        self.position += 1
        row = m.Indicator.objects.create(
            plan_version=self.version,
            operational_goal=goal,
            code=d.code,
            name=d.name,
            description=d.description,
            kind=d.kind,
            measure=d.measure,
            temporality=d.temporality,
            unit=d.unit,
            direction=d.direction,
            source=d.source,
            breakdowns=list(d.breakdowns),
            capital=self.capitals.get(d.capital or ""),
            precondition=self.preconditions.get(d.precondition or ""),
            position=self.position,
        )
        carried = self.carried.get(d.code)
        _target_write(carried if carried is not None else d.target, row)


def _target_write(source: TargetDef | m.Target, indicator: m.Indicator) -> None:
    """A target for an indicator, from the plan file or carried over from the last version."""
    target = m.Target.objects.create(
        indicator=indicator,
        value=source.value,
        horizon=source.horizon,
        baseline=source.baseline,
        baseline_year=source.baseline_year,
        note=source.note,
    )
    milestones = source.milestones if isinstance(source, TargetDef) else source.milestones.all()
    m.Milestone.objects.bulk_create(
        m.Milestone(target=target, year=ms.year, value=ms.value) for ms in milestones
    )


def target_snapshot(target: m.Target) -> dict[str, Any]:
    """A JSON-able picture of a target and its milestones, for the change history."""

    def num(value: Decimal | None) -> str | None:
        return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))

    return {
        "value": num(target.value),
        "horizon": target.horizon,
        "baseline": num(target.baseline),
        "baseline_year": target.baseline_year,
        "note": target.note,
        "milestones": [
            {"year": ms.year, "value": num(ms.value)} for ms in target.milestones.order_by("year")
        ],
    }


def target_change_record(*, target: m.Target, before: dict[str, Any], user: Any) -> None:
    """Append a TargetChange when the target differs from `before`."""
    after = target_snapshot(target)
    if after != before:
        m.TargetChange.objects.create(
            target=target,
            before=before,
            after=after,
            changed_by=user if getattr(user, "pk", None) else None,
        )
