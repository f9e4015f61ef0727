"""The plan as plain JSON-ready data, and a fingerprint of its content.

Numbers (target values, baselines, milestones) become `float`, or None when not set: JSON
has no decimal type, and every consumer of this dictionary (templates, the API, the
fingerprint) reads floats. Dates become ISO 8601 strings (`2023-02-01`).
"""

import hashlib
import json
from decimal import Decimal
from typing import Any

from doorbraak.programme.definition.model import (
    CapitalDef,
    IndicatorDef,
    OperationalGoalDef,
    PhaseDef,
    PlanDefinition,
    PreconditionDef,
    ProgrammeLineDef,
    StrategicGoalDef,
    TargetDef,
)

JsonDict = dict[str, Any]


def plan_to_dict(plan: PlanDefinition) -> JsonDict:
    """The whole plan as a dictionary that `json.dumps` accepts as is."""
    return {
        "schema_version": plan.schema_version,
        "code": plan.code,
        "name": plan.name,
        "mission": plan.mission,
        "ambition": plan.ambition,
        "poverty_definition": {
            "text": plan.poverty_definition,
            "source": plan.poverty_definition_source,
        },
        "start_year": plan.start_year,
        "horizon_year": plan.horizon_year,
        "capitals": [_named(capital) for capital in plan.capitals],
        "preconditions": [_named(precondition) for precondition in plan.preconditions],
        "phases": [_phase(phase) for phase in plan.phases],
        "programme_lines": [_line(line) for line in plan.programme_lines],
        "process_indicators": [indicator_to_dict(i) for i in plan.process_indicators],
    } | (  # only when present: a plan without them keeps its fingerprint
        {"ambition_indicators": [indicator_to_dict(i) for i in plan.ambition_indicators]}
        if plan.ambition_indicators
        else {}
    )


def plan_fingerprint(plan: PlanDefinition) -> str:
    """SHA-256 (hex) of the plan's canonical JSON: equal content gives an equal fingerprint,
    however the file was formatted or commented."""
    canonical = json.dumps(
        plan_to_dict(plan), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def indicator_to_dict(indicator: IndicatorDef) -> JsonDict:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "description": indicator.description,
        "kind": indicator.kind,
        "measure": indicator.measure,
        "temporality": indicator.temporality,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "source": indicator.source,
        "breakdowns": list(indicator.breakdowns),
        "capital": indicator.capital,
        "precondition": indicator.precondition,
        "target": target_to_dict(indicator.target),
    }


def target_to_dict(target: TargetDef) -> JsonDict:
    return {
        "value": _number(target.value),
        "horizon": target.horizon,
        "baseline": _number(target.baseline),
        "baseline_year": target.baseline_year,
        "milestones": [{"year": m.year, "value": _number(m.value)} for m in target.milestones],
        "note": target.note,
    }


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _named(part: CapitalDef | PreconditionDef) -> JsonDict:
    return {"code": part.code, "name": part.name, "description": part.description}


def _phase(phase: PhaseDef) -> JsonDict:
    return {
        "code": phase.code,
        "name": phase.name,
        "start": phase.start.isoformat(),
        "end": None if phase.end is None else phase.end.isoformat(),
        "description": phase.description,
    }


def _line(line: ProgrammeLineDef) -> JsonDict:
    return {
        "code": line.code,
        "name": line.name,
        "description": line.description,
        "strategic_goals": [_strategic_goal(goal) for goal in line.strategic_goals],
    }


def _strategic_goal(goal: StrategicGoalDef) -> JsonDict:
    return {
        "code": goal.code,
        "statement": goal.statement,
        "operational_goals": [_operational_goal(g) for g in goal.operational_goals],
    }


def _operational_goal(goal: OperationalGoalDef) -> JsonDict:
    return {
        "code": goal.code,
        "statement": goal.statement,
        "capital": goal.capital,
        "indicators": [indicator_to_dict(indicator) for indicator in goal.indicators],
    }
