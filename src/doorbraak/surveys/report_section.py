"""The year's survey results as a section of the reflection report (ADR 0038, ADR 0035).

Returns the report's generic section shape (`{"title", "blocks": [paragraph | table]}`) for
the survey rounds closed whose counting date lies in the year: each round's response and,
per 1-5 question, the share agreeing per group, read through `selectors.round_results` with
the disclosure threshold the results page (/enquetes/) uses, so the report shows exactly what
that page shows. A hidden value is None (the report prints "afgeschermd"). A round still
open gives nothing at all, not even its count of invitations. Professionals are shown per
partner, residents per area, as the page shows them by default for each audience.

Imports nothing of `reports`: the reports app lists this function among its providers.
"""

from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doorbraak.core.numbers import rounded_float
from doorbraak.surveys.models import Audience, RoundStatus, SurveyRound
from doorbraak.surveys.selectors import RoundResults, round_results


class YearContext(Protocol):
    """What the section needs of the report's context: the year."""

    @property
    def year(self) -> int: ...


def by_for(survey_round: SurveyRound) -> str:
    """The grouping the report shows: professionals per partner, residents per area."""
    return "gebied" if survey_round.version.survey.audience == Audience.RESIDENTS else "partner"


def rounds_closed_in(year: int) -> list[SurveyRound]:
    """The closed rounds counting in the year, in a fixed order."""
    rounds = SurveyRound.objects.filter(status=RoundStatus.CLOSED, counts_on__year=year)
    rounds = rounds.select_related("version__survey")
    return list(rounds.order_by("version__survey__code", "period", "version__version"))


def surveys_section(context: YearContext) -> dict[str, Any]:
    """The section "Wat de enquêtes zeggen" for the year."""
    threshold = int(settings.DISCLOSURE_THRESHOLD)
    results = [
        round_results(survey_round=r, by=by_for(r), threshold=threshold)
        for r in rounds_closed_in(context.year)
    ]
    blocks: list[dict[str, Any]] = [{"kind": "paragraph", "text": _intro(context.year, results)}]
    if results:
        blocks.append(_response_table(results))
        blocks.append({"kind": "paragraph", "text": _reading(threshold)})
    for result in results:
        blocks.extend(_question_tables(result))
    return {"title": _("Wat de enquêtes zeggen"), "blocks": blocks}


def _intro(year: int, results: list[RoundResults]) -> str:
    if not results:
        return _("In %(year)s is geen enquête afgesloten.") % {"year": year}
    closed = ngettext(
        "In %(year)s sloten we %(count)s enquêteronde af.",
        "In %(year)s sloten we %(count)s enquêterondes af.",
        len(results),
    ) % {"year": year, "count": len(results)}
    return (
        closed
        + " "
        + _(
            "Een ronde die nog loopt, staat hier niet in: zolang een enquête loopt, tonen we geen "
            "aantallen."
        )
    )


def _reading(threshold: int) -> str:
    return _(
        "In de tabellen hieronder staat per vraag hoeveel mensen antwoordden en welk deel het "
        "eens of helemaal eens is. Is een groep kleiner dan %(threshold)s, dan staat er "
        '"afgeschermd". Soms is ook een groep ernaast afgeschermd, zodat het totaal niets '
        "verraadt."
    ) % {"threshold": threshold}


def _round_name(result: RoundResults) -> str:
    survey_round = result.survey_round
    return f"{survey_round.version.title} ({survey_round.period})"


def _response_table(results: list[RoundResults]) -> dict[str, Any]:
    return {
        "kind": "table",
        "caption": _("Hoeveel mensen de enquête invulden"),
        "columns": [_("Enquête"), _("Uitgenodigd"), _("Ingevuld"), _("Respons (%)")],
        "rows": [
            [_round_name(r), r.sent, r.completed, rounded_float(r.response_rate)] for r in results
        ],
    }


def _question_tables(result: RoundResults) -> list[dict[str, Any]]:
    group = _("Gebied") if result.by == "gebied" else _("Partner")
    return [
        {
            "kind": "table",
            "caption": f"{_round_name(result)}: {question.label}",
            "columns": [group, _("Antwoorden"), _("Eens (%)")],
            "rows": [[g.label, g.responses, g.agree] for g in question.groups],
        }
        for question in result.questions
    ]
