"""The survey pages: the questionnaire behind a one-time link (public, no login) and the
results of closed rounds for the programme team (ADR 0035). Thin: checks and writes live in
`services`, reads in `selectors`, the page items in `rendering`."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from doorbraak.core.errors import UserError
from doorbraak.partners.access import Capability, requires
from doorbraak.surveys.answering import Raw
from doorbraak.surveys.models import SurveyRound
from doorbraak.surveys.rendering import page_items, raw_answers
from doorbraak.surveys.selectors import BY, definition_of, round_results, rounds_listed
from doorbraak.surveys.services import invitation_by_token, response_submit


def questionnaire_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_by_token(token)
    except UserError as error:
        return render(request, "surveys/closed.html", {"message": error.message}, status=410)
    definition = definition_of(invitation.round.version)
    raw: dict[str, Raw] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        raw = raw_answers(definition, request.POST)
        try:
            checked = response_submit(token=token, raw=raw)
        except UserError as error:
            return render(request, "surveys/closed.html", {"message": error.message}, status=410)
        if checked.ok:
            return redirect("surveys:thanks")
        errors = checked.errors
    context = {
        "title": definition.title,
        "items": page_items(definition, raw, errors),
        "errors": [
            (q.name, errors[q.name], q.label) for q in definition.questions if q.name in errors
        ],
    }
    return render(request, "surveys/questionnaire.html", context, status=400 if errors else 200)


def thanks_view(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")


@requires(Capability.VIEW_PROGRAMME)
def rounds_view(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/rounds.html", {"rounds": rounds_listed()})


@requires(Capability.VIEW_PROGRAMME)
def results_view(request: HttpRequest, pk: str) -> HttpResponse:
    survey_round = get_object_or_404(SurveyRound.objects.select_related("version__survey"), pk=pk)
    by = request.GET.get("per", "partner")
    if by not in BY:
        raise Http404(by)
    results = round_results(
        survey_round=survey_round, by=by, threshold=int(settings.DISCLOSURE_THRESHOLD)
    )
    return render(request, "surveys/results.html", {"results": results, "by_options": BY})
