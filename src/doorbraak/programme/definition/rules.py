"""Rules over a whole plan: codes, references between parts, years and values.

Each rule checks one concern and reports every violation. Rules only look at fields the
source map locates: a field that could not be read has already been reported.
"""

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from gettext import gettext as _
from typing import Protocol

from doorbraak.core.definitions.problems import ProblemLog, did_you_mean, quoted_list
from doorbraak.core.definitions.sourcemap import SourceMap
from doorbraak.programme.definition import vocabulary
from doorbraak.programme.definition.model import PlanDefinition, TargetDef


@dataclass(frozen=True)
class Check:
    """One run of the rules over a plan."""

    plan: PlanDefinition
    source: SourceMap
    log: ProblemLog

    def located(self, part: object, field: str) -> bool:
        return self.source.line(part, field) is not None

    def report(self, part: object, field: str, code: str, message: str) -> None:
        self.log.add(self.source.line_or_part(part, field), code, message)


Rule = Callable[[Check], None]


class Coded(Protocol):
    @property
    def code(self) -> str: ...


def check_plan(plan: PlanDefinition, source: SourceMap, log: ProblemLog) -> None:
    """Run every rule over the plan, adding what they find to `log`."""
    check = Check(plan, source, log)
    for rule in RULES:
        rule(check)


def schema_version_known(check: Check) -> None:
    version = check.plan.schema_version
    if check.located(check.plan, "schema_version") and version not in vocabulary.SCHEMA_VERSIONS:
        message = _("Schemaversie {version} is onbekend. Gebruik 'schema_version: {known}'.")
        known = vocabulary.SCHEMA_VERSIONS[-1]
        check.report(
            check.plan,
            "schema_version",
            "onbekende-schemaversie",
            message.format(version=version, known=known),
        )


def programme_years_ordered(check: Check) -> None:
    plan = check.plan
    if _years_located(check) and plan.horizon_year < plan.start_year:
        message = _(
            "Het horizonjaar {horizon} ligt vóór het startjaar {start}. Verbeter een van beide."
        )
        text = message.format(horizon=plan.horizon_year, start=plan.start_year)
        check.report(plan, "horizon_year", "ongeldige-looptijd", text)


def _years_located(check: Check) -> bool:
    return check.located(check.plan, "start_year") and check.located(check.plan, "horizon_year")


def codes_well_formed(check: Check) -> None:
    message = _(
        "Ongeldige code '{code}'. Een code bestaat uit letters, cijfers, '.', '_' en '-', "
        "zonder spaties, en begint met een letter of cijfer."
    )
    for part in _coded_parts(check.plan):
        if check.located(part, "code") and not re.fullmatch(vocabulary.CODE_PATTERN, part.code):
            check.report(part, "code", "ongeldige-code", message.format(code=part.code))


def codes_unique(check: Check) -> None:
    plan = check.plan
    goals: list[Coded] = [*plan.strategic_goals(), *plan.operational_goals()]
    groups: list[tuple[str, Iterable[Coded]]] = [
        (_("een kapitaalvorm"), plan.capitals),
        (_("een randvoorwaarde"), plan.preconditions),
        (_("een fase"), plan.phases),
        (_("een programmalijn"), plan.programme_lines),
        (_("een doel"), goals),
        (_("een indicator"), plan.indicators()),
    ]
    for label, parts in groups:
        _report_duplicates(check, label, parts)


def _report_duplicates(check: Check, label: str, parts: Iterable[Coded]) -> None:
    message = _(
        "De code '{code}' is al gebruikt voor {label} op regel {first}. "
        "Geef elk onderdeel een eigen code."
    )
    first_lines: dict[str, int] = {}
    for part in parts:
        code, line = part.code, check.source.line(part, "code")
        if line is None:
            continue
        if code in first_lines:
            text = message.format(code=code, label=label, first=first_lines[code])
            check.log.add(line, "dubbele-code", text)
        else:
            first_lines[code] = line


def _coded_parts(plan: PlanDefinition) -> list[Coded]:
    return [
        *plan.capitals,
        *plan.preconditions,
        *plan.phases,
        *plan.programme_lines,
        *plan.strategic_goals(),
        *plan.operational_goals(),
        *plan.indicators(),
    ]


def capital_references_known(check: Check) -> None:
    known = [capital.code for capital in check.plan.capitals]
    message = _("Onbekende kapitaalvorm '{code}'.")
    advice = _("Gebruik een code uit 'capitals': {known}.")
    parts: list[object] = [*check.plan.operational_goals(), *check.plan.indicators()]
    for part in parts:
        _check_reference(check, part, "capital", known, message, advice, "onbekende-kapitaalvorm")


def precondition_references_known(check: Check) -> None:
    known = [precondition.code for precondition in check.plan.preconditions]
    message = _("Onbekende randvoorwaarde '{code}'.")
    advice = _("Gebruik een code uit 'preconditions': {known}.")
    for indicator in check.plan.indicators():
        _check_reference(
            check, indicator, "precondition", known, message, advice, "onbekende-randvoorwaarde"
        )


def _check_reference(
    check: Check, part: object, field: str, known: list[str], message: str, advice: str, code: str
) -> None:
    reference = getattr(part, field)
    if reference is None or not check.located(part, field) or reference in known:
        return
    text = message.format(code=reference) + did_you_mean(reference, known)
    check.report(part, field, code, text + " " + advice.format(known=quoted_list(known)))


def target_years_in_range(check: Check) -> None:
    """Horizons and milestone years lie within the programme (when its own years are sound)."""
    if not _years_located(check) or check.plan.horizon_year < check.plan.start_year:
        return
    first, last = check.plan.start_year, check.plan.horizon_year
    for indicator in check.plan.indicators():
        target = indicator.target
        if check.located(target, "horizon"):
            _check_year(check, target, "horizon", target.horizon, (first, last))
        for milestone in target.milestones:
            if check.located(milestone, "year"):
                _check_year(
                    check, milestone, "year", milestone.year, (first, min(last, target.horizon))
                )


def _check_year(check: Check, part: object, field: str, year: int, bounds: tuple[int, int]) -> None:
    if bounds[0] <= year <= bounds[1]:
        return
    message = _(
        "Het jaar {year} valt buiten de periode {first}-{last}. Kies een jaar in die periode."
    )
    check.report(
        part,
        field,
        "jaar-buiten-looptijd",
        message.format(year=year, first=bounds[0], last=bounds[1]),
    )


def milestones_increasing(check: Check) -> None:
    message = _(
        "Mijlpaal {year} staat na mijlpaal {previous}. "
        "Zet de mijlpalen op volgorde van jaar, elk jaar één keer."
    )
    for target in _targets(check.plan):
        located = [m for m in target.milestones if check.located(m, "year")]
        for previous, milestone in itertools.pairwise(located):
            if milestone.year <= previous.year:
                text = message.format(year=milestone.year, previous=previous.year)
                check.report(milestone, "year", "mijlpalen-niet-oplopend", text)


def baseline_before_horizon(check: Check) -> None:
    message = _(
        "Het jaar van de nulmeting ({baseline}) ligt na de horizon van de streefwaarde "
        "({horizon}). Kies een eerder jaar."
    )
    for target in _targets(check.plan):
        year = target.baseline_year
        if year is not None and check.located(target, "baseline_year") and year > target.horizon:
            text = message.format(baseline=year, horizon=target.horizon)
            check.report(target, "baseline_year", "nulmeting-na-horizon", text)


def percentages_in_range(check: Check) -> None:
    message = _(
        "{value} is geen percentage: de eenheid is '%', dus de waarde moet tussen 0 en 100 liggen."
    )
    for indicator in check.plan.indicators():
        if indicator.unit != vocabulary.PERCENT_UNIT:
            continue
        for part, field, value in _target_values(indicator.target):
            if value is not None and check.located(part, field) and not 0 <= value <= 100:
                check.report(part, field, "buiten-bereik", message.format(value=value))


def _target_values(target: TargetDef) -> list[tuple[object, str, Decimal | None]]:
    values: list[tuple[object, str, Decimal | None]] = [
        (target, "value", target.value),
        (target, "baseline", target.baseline),
    ]
    return values + [(milestone, "value", milestone.value) for milestone in target.milestones]


def shares_in_percent(check: Check) -> None:
    message = _("Een indicator met meetwijze 'share' is een aandeel: geef als eenheid '%'.")
    for indicator in check.plan.indicators():
        if (
            indicator.measure == "share"
            and check.located(indicator, "unit")
            and indicator.unit != "%"
        ):
            check.report(indicator, "unit", "eenheid-past-niet", message)


def process_indicators_are_process(check: Check) -> None:
    message = _(
        "Een indicator onder 'process_indicators' moet 'kind: process' hebben. "
        "Verplaats hem naar een operationeel doel of pas 'kind' aan."
    )
    for indicator in check.plan.process_indicators:
        if check.located(indicator, "kind") and indicator.kind != "process":
            check.report(indicator, "kind", "verkeerde-soort", message)


def ambition_indicators_are_effect(check: Check) -> None:
    message = _(
        "Een indicator onder 'ambition_indicators' meet de ambitie en moet 'kind: effect' "
        "hebben. Pas 'kind' aan."
    )
    for indicator in check.plan.ambition_indicators:
        if check.located(indicator, "kind") and indicator.kind != "effect":
            check.report(indicator, "kind", "verkeerde-soort", message)


def phases_end_after_start(check: Check) -> None:
    message = _(
        "De fase eindigt ({end}) vóór hij begint ({start}). Verbeter de start- of einddatum."
    )
    for phase in check.plan.phases:
        located = check.located(phase, "start") and check.located(phase, "end")
        if located and phase.end is not None and phase.end < phase.start:
            text = message.format(end=phase.end.isoformat(), start=phase.start.isoformat())
            check.report(phase, "end", "einddatum-voor-startdatum", text)


def _targets(plan: PlanDefinition) -> list[TargetDef]:
    return [indicator.target for indicator in plan.indicators()]


RULES: tuple[Rule, ...] = (
    schema_version_known,
    programme_years_ordered,
    codes_well_formed,
    codes_unique,
    capital_references_known,
    precondition_references_known,
    target_years_in_range,
    milestones_increasing,
    baseline_before_horizon,
    percentages_in_range,
    shares_in_percent,
    process_indicators_are_process,
    ambition_indicators_are_effect,
    phases_end_after_start,
)
