"""Build indicators and their targets from the file's nodes."""

from decimal import Decimal
from gettext import gettext as _

from yaml.nodes import Node

from doorbraak.core.definitions.fields import Fields, Shape, fields_of, read_choice
from doorbraak.core.definitions.nodes import (
    as_integer,
    as_integer_or_null,
    as_number,
    as_number_or_null,
    as_text,
    as_text_or_null,
    is_null,
)
from doorbraak.core.definitions.problems import N_
from doorbraak.programme.definition import vocabulary
from doorbraak.programme.definition.build_context import BuildContext, build_each, value_of
from doorbraak.programme.definition.model import IndicatorDef, MilestoneDef, TargetDef

INDICATOR = Shape(
    N_("deze indicator"),
    required=(
        "code",
        "name",
        "description",
        "kind",
        "measure",
        "temporality",
        "unit",
        "direction",
        "source",
    ),
    optional=("breakdowns", "capital", "precondition", "target"),
)
TARGET = Shape(
    N_("deze streefwaarde"),
    required=("value",),
    optional=("horizon", "baseline", "baseline_year", "milestones", "note"),
)
MILESTONE = Shape(N_("deze mijlpaal"), required=("year", "value"))

_CHOICES = {
    "kind": vocabulary.KINDS,
    "measure": vocabulary.MEASURES,
    "temporality": vocabulary.TEMPORALITIES,
    "direction": vocabulary.DIRECTIONS,
    "source": vocabulary.SOURCES,
}


def build_indicator(node: Node, context: BuildContext) -> IndicatorDef | None:
    fields = fields_of(node, INDICATOR, context.log)
    if fields is None:
        return None
    texts = {key: fields.read(key, as_text) for key in ("code", "name", "description", "unit")}
    texts |= {key: fields.choice(key, allowed) for key, allowed in _CHOICES.items()}
    references = {key: fields.read(key, as_text_or_null) for key in ("capital", "precondition")}
    text = {key: value_of(read, "") for key, read in texts.items()}
    indicator = IndicatorDef(
        code=text["code"],
        name=text["name"],
        description=text["description"],
        kind=text["kind"],
        measure=text["measure"],
        temporality=text["temporality"],
        unit=text["unit"],
        direction=text["direction"],
        source=text["source"],
        breakdowns=_breakdowns(fields, context),
        capital=value_of(references["capital"], None),
        precondition=value_of(references["precondition"], None),
        target=_target(fields.node("target"), context),
    )
    context.source.record(indicator, fields.line, **texts, **references)
    return indicator


def _breakdowns(fields: Fields, context: BuildContext) -> tuple[str, ...]:
    chosen: list[str] = []
    for node in fields.items("breakdowns"):
        read = read_choice(node, "breakdowns", vocabulary.BREAKDOWNS, context.log)
        if read is not None and read.value in chosen:
            message = _("De uitsplitsing '{value}' staat twee keer in de lijst. Verwijder er één.")
            context.log.add(read.line, "dubbele-waarde", message.format(value=read.value))
        elif read is not None:
            chosen.append(read.value)
    return tuple(chosen)


def _target(node: Node | None, context: BuildContext) -> TargetDef:
    """The target block; without one (or `target: null`) the target is not yet set."""
    fields = None if node is None or is_null(node) else fields_of(node, TARGET, context.log)
    if fields is None:
        return TargetDef(None, context.default_horizon, None, None, (), "")
    value = fields.read("value", as_number_or_null)
    baseline = fields.read("baseline", as_number_or_null)
    horizon = fields.read("horizon", as_integer)
    baseline_year = fields.read("baseline_year", as_integer_or_null)
    target = TargetDef(
        value=value_of(value, None),
        horizon=value_of(horizon, context.default_horizon),
        baseline=value_of(baseline, None),
        baseline_year=value_of(baseline_year, None),
        milestones=build_each(fields.items("milestones"), _milestone, context),
        note=value_of(fields.read("note", as_text_or_null), None) or "",
    )
    years = {"horizon": horizon, "baseline_year": baseline_year}
    context.source.record(target, fields.line, value=value, baseline=baseline, **years)
    return target


def _milestone(node: Node, context: BuildContext) -> MilestoneDef | None:
    fields = fields_of(node, MILESTONE, context.log)
    if fields is None:
        return None
    year, value = fields.read("year", as_integer), fields.read("value", as_number)
    milestone = MilestoneDef(year=value_of(year, 0), value=value_of(value, Decimal(0)))
    context.source.record(milestone, fields.line, year=year, value=value)
    return milestone
