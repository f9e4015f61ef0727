"""The programme plan as data: a pure reader and validator for plan files (no Django).

`parse_plan_file` reads a YAML plan file into immutable definitions and reports every
problem at once, each with its line, a stable code and a Dutch message. Imports only the
standard library and PyYAML.
"""

from doorbraak.core.problems import Problem
from doorbraak.programme.definition.model import (
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
from doorbraak.programme.definition.parser import parse_plan_file, parse_plan_text
from doorbraak.programme.definition.problems import ParseResult
from doorbraak.programme.definition.serialise import plan_fingerprint, plan_to_dict

__all__ = [
    "CapitalDef",
    "IndicatorDef",
    "MilestoneDef",
    "OperationalGoalDef",
    "ParseResult",
    "PhaseDef",
    "PlanDefinition",
    "PreconditionDef",
    "Problem",
    "ProgrammeLineDef",
    "StrategicGoalDef",
    "TargetDef",
    "parse_plan_file",
    "parse_plan_text",
    "plan_fingerprint",
    "plan_to_dict",
]
