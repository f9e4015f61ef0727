"""Build the plan, its programme lines and goals, capitals, preconditions and phases."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from gettext import gettext as _
from typing import TypeVar

from yaml.nodes import Node

from doorbraak.core.definitions.fields import Fields, Shape, fields_of
from doorbraak.core.definitions.nodes import (
    Read,
    as_date,
    as_date_or_null,
    as_integer,
    as_text,
    as_text_or_null,
)
from doorbraak.core.definitions.problems import N_
from doorbraak.programme.definition.build_context import BuildContext, build_each, value_of
from doorbraak.programme.definition.build_indicators import build_indicator
from doorbraak.programme.definition.model import (
    CapitalDef,
    OperationalGoalDef,
    PhaseDef,
    PlanDefinition,
    PreconditionDef,
    ProgrammeLineDef,
    StrategicGoalDef,
)

T = TypeVar("T")

PLAN = Shape(
    N_("het plan"),
    required=("schema_version", "programme", "programme_lines"),
    optional=("capitals", "preconditions", "phases", "process_indicators", "ambition_indicators"),
)
PROGRAMME = Shape(
    N_("het blok 'programme'"),
    required=(
        "code",
        "name",
        "mission",
        "ambition",
        "poverty_definition",
        "start_year",
        "horizon_year",
    ),
)
POVERTY_DEFINITION = Shape(N_("de armoededefinitie"), required=("text", "source"))
CAPITAL = Shape(N_("deze kapitaalvorm"), required=("code", "name", "description"))
PRECONDITION = Shape(N_("deze randvoorwaarde"), required=("code", "name", "description"))
PHASE = Shape(N_("deze fase"), required=("code", "name", "start", "description"), optional=("end",))
LINE = Shape(N_("deze programmalijn"), required=("code", "name", "description", "strategic_goals"))
STRATEGIC_GOAL = Shape(
    N_("dit strategische doel"), required=("code", "statement", "operational_goals")
)
OPERATIONAL_GOAL = Shape(
    N_("dit operationele doel"), required=("code", "statement", "indicators"), optional=("capital",)
)


@dataclass(frozen=True)
class _Header:
    """The fields of the `programme:` block; the years keep their lines for the rules."""

    code: str
    name: str
    mission: str
    ambition: str
    poverty_definition: str
    poverty_definition_source: str
    start_year: Read[int] | None
    horizon_year: Read[int] | None


_NO_HEADER = _Header("", "", "", "", "", "", None, None)


def build_plan(root: Node, context: BuildContext) -> PlanDefinition | None:
    fields = fields_of(root, PLAN, context.log)
    if fields is None:
        return None
    version = fields.read("schema_version", as_integer)
    header = _header(fields.node("programme"), context)
    context.default_horizon = value_of(header.horizon_year, 0)
    no_lines = _("Het plan heeft geen programmalijnen. Voeg er ten minste één toe.")
    plan = PlanDefinition(
        schema_version=value_of(version, 0),
        code=header.code,
        name=header.name,
        mission=header.mission,
        ambition=header.ambition,
        poverty_definition=header.poverty_definition,
        poverty_definition_source=header.poverty_definition_source,
        start_year=value_of(header.start_year, 0),
        horizon_year=value_of(header.horizon_year, 0),
        capitals=build_each(fields.items("capitals"), _capital, context),
        preconditions=build_each(fields.items("preconditions"), _precondition, context),
        phases=build_each(fields.items("phases"), _phase, context),
        programme_lines=build_each(fields.items("programme_lines", no_lines), _line, context),
        process_indicators=build_each(fields.items("process_indicators"), build_indicator, context),
        ambition_indicators=build_each(
            fields.items("ambition_indicators"), build_indicator, context
        ),
    )
    years = {"start_year": header.start_year, "horizon_year": header.horizon_year}
    context.source.record(plan, fields.line, schema_version=version, **years)
    return plan


def _header(node: Node | None, context: BuildContext) -> _Header:
    fields = None if node is None else fields_of(node, PROGRAMME, context.log)
    if fields is None:
        return _NO_HEADER
    definition, source = _poverty_definition(fields.node("poverty_definition"), context)
    return _Header(
        code=_text(fields, "code"),
        name=_text(fields, "name"),
        mission=_text(fields, "mission"),
        ambition=_text(fields, "ambition"),
        poverty_definition=definition,
        poverty_definition_source=source,
        start_year=fields.read("start_year", as_integer),
        horizon_year=fields.read("horizon_year", as_integer),
    )


def _poverty_definition(node: Node | None, context: BuildContext) -> tuple[str, str]:
    fields = None if node is None else fields_of(node, POVERTY_DEFINITION, context.log)
    if fields is None:
        return "", ""
    return _text(fields, "text"), _text(fields, "source")


def _text(fields: Fields, key: str) -> str:
    return value_of(fields.read(key, as_text), "")


def _capital(node: Node, context: BuildContext) -> CapitalDef | None:
    return _named(node, context, CAPITAL, CapitalDef)


def _precondition(node: Node, context: BuildContext) -> PreconditionDef | None:
    return _named(node, context, PRECONDITION, PreconditionDef)


def _named(
    node: Node, context: BuildContext, shape: Shape, make: Callable[[str, str, str], T]
) -> T | None:
    """A part made of a code, a name and a description."""
    fields = fields_of(node, shape, context.log)
    if fields is None:
        return None
    code = fields.read("code", as_text)
    part = make(value_of(code, ""), _text(fields, "name"), _text(fields, "description"))
    context.source.record(part, fields.line, code=code)
    return part


def _phase(node: Node, context: BuildContext) -> PhaseDef | None:
    fields = fields_of(node, PHASE, context.log)
    if fields is None:
        return None
    code = fields.read("code", as_text)
    start, end = fields.read("start", as_date), fields.read("end", as_date_or_null)
    phase = PhaseDef(
        code=value_of(code, ""),
        name=_text(fields, "name"),
        start=value_of(start, date.min),
        end=value_of(end, None),
        description=_text(fields, "description"),
    )
    context.source.record(phase, fields.line, code=code, start=start, end=end)
    return phase


def _line(node: Node, context: BuildContext) -> ProgrammeLineDef | None:
    fields = fields_of(node, LINE, context.log)
    if fields is None:
        return None
    code = fields.read("code", as_text)
    empty = _("Deze programmalijn heeft geen strategische doelen. Voeg er ten minste één toe.")
    line = ProgrammeLineDef(
        code=value_of(code, ""),
        name=_text(fields, "name"),
        description=_text(fields, "description"),
        strategic_goals=build_each(
            fields.items("strategic_goals", empty), _strategic_goal, context
        ),
    )
    context.source.record(line, fields.line, code=code)
    return line


def _strategic_goal(node: Node, context: BuildContext) -> StrategicGoalDef | None:
    fields = fields_of(node, STRATEGIC_GOAL, context.log)
    if fields is None:
        return None
    code = fields.read("code", as_text)
    empty = _("Dit strategische doel heeft geen operationele doelen. Voeg er ten minste één toe.")
    goals = build_each(fields.items("operational_goals", empty), _operational_goal, context)
    goal = StrategicGoalDef(value_of(code, ""), _text(fields, "statement"), goals)
    context.source.record(goal, fields.line, code=code)
    return goal


def _operational_goal(node: Node, context: BuildContext) -> OperationalGoalDef | None:
    fields = fields_of(node, OPERATIONAL_GOAL, context.log)
    if fields is None:
        return None
    code, capital = fields.read("code", as_text), fields.read("capital", as_text_or_null)
    empty = _("Dit operationele doel heeft geen indicatoren. Voeg er ten minste één toe.")
    goal = OperationalGoalDef(
        code=value_of(code, ""),
        statement=_text(fields, "statement"),
        capital=value_of(capital, None),
        indicators=build_each(fields.items("indicators", empty), build_indicator, context),
    )
    context.source.record(goal, fields.line, code=code, capital=capital)
    return goal
