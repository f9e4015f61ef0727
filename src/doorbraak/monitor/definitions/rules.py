"""Rules across the whole file: unique codes, and agreement with the plan's indicators."""

from collections.abc import Sequence
from gettext import gettext as _

from doorbraak.core.definitions.problems import ProblemLog, did_you_mean
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.definitions.model import IndicatorDefinitions
from doorbraak.programme.definition import IndicatorDef


def check_definitions(
    definitions: IndicatorDefinitions, plan: Sequence[IndicatorDef] | None, log: ProblemLog
) -> None:
    _unique(definitions, log)
    _same_numerator_known(definitions, log)
    if plan is not None:
        _against_plan(definitions, {indicator.code: indicator for indicator in plan}, log)


def _unique(definitions: IndicatorDefinitions, log: ProblemLog) -> None:
    seen: dict[str, int] = {}
    parts = [(p.code, p.line) for p in definitions.populations]
    for code, line in parts:
        if code in seen:
            message = _(
                "De groep '{code}' staat twee keer in het bestand (eerst op regel {first})."
            )
            log.add(line, "dubbele-groep", message.format(code=code, first=seen[code]))
        seen[code] = line
    seen = {}
    entries = [(i.code, i.line) for i in definitions.indicators]
    entries += [(w.code, w.line) for w in definitions.waiting]
    for code, line in entries:
        if code in seen:
            message = _(
                "De indicator '{code}' staat twee keer in het bestand (eerst op regel {first}): "
                "een indicator wordt berekend of wacht op gegevens, niet allebei."
            )
            log.add(line, "dubbele-indicator", message.format(code=code, first=seen[code]))
        else:
            seen[code] = line


def _same_numerator_known(definitions: IndicatorDefinitions, log: ProblemLog) -> None:
    """`same_numerator` names other computed indicators whose numerator counts units."""
    kinds = {i.code: i.kind for i in definitions.indicators}
    for indicator in definitions.indicators:
        for code in indicator.same_numerator:
            line = indicator.line_of("disclosure")
            if code == indicator.code or code not in kinds:
                message = _(
                    "'same_numerator' noemt '{code}': dat is geen andere berekende indicator."
                )
                log.add(
                    line,
                    "zelfde-teller-onbekend",
                    message.format(code=code) + did_you_mean(code, kinds),
                )
            elif kinds[code] == "mean_difference":
                message = _("De teller van '{code}' telt geen eenheden.")
                log.add(line, "zelfde-teller-past-niet", message.format(code=code))


def _against_plan(
    definitions: IndicatorDefinitions, plan: dict[str, IndicatorDef], log: ProblemLog
) -> None:
    known = {i.code for i in definitions.indicators} | {w.code for w in definitions.waiting}
    for code, line in [(i.code, i.line) for i in definitions.indicators] + [
        (w.code, w.line) for w in definitions.waiting
    ]:
        if code not in plan:
            message = _("De indicator '{code}' staat niet in het programmaplan.")
            log.add(
                line, "onbekende-indicator", message.format(code=code) + did_you_mean(code, plan)
            )
    missing = [code for code in plan if code not in known]
    if missing:
        message = _(
            "Deze indicatoren uit het programmaplan hebben geen rekenregel: {codes}. Voeg een "
            "definitie toe, of zet ze onder 'waiting' met wat ze nodig hebben."
        )
        log.add(1, "indicator-zonder-definitie", message.format(codes=", ".join(missing)))
    for indicator in definitions.indicators:
        planned = plan.get(indicator.code)
        if planned is None:
            continue
        if v.PLAN_MEASURE[indicator.kind] != planned.measure:
            message = _("Soort '{kind}' wijkt af van de meetwijze '{measure}' in het plan.")
            log.add(
                indicator.line_of("kind"),
                "soort-wijkt-af",
                message.format(kind=indicator.kind, measure=planned.measure),
            )
        if v.PLAN_TEMPORALITY[indicator.window] != planned.temporality:
            message = _("Venster '{window}' wijkt af van '{temporality}' in het plan.")
            log.add(
                indicator.line_of("window"),
                "venster-wijkt-af",
                message.format(window=indicator.window, temporality=planned.temporality),
            )
        for breakdown in indicator.breakdowns:
            if breakdown not in planned.breakdowns:
                message = _(
                    "De uitsplitsing '{breakdown}' staat niet bij deze indicator in het plan."
                )
                log.add(
                    indicator.line_of("breakdowns"),
                    "uitsplitsing-niet-in-plan",
                    message.format(breakdown=breakdown),
                )
