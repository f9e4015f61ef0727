"""The researcher's and the programme team's evaluation pages (thin: selectors and services)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorbraak.core.errors import UserError
from doorbraak.evaluation import selectors, services
from doorbraak.evaluation.estimators import EstimationError
from doorbraak.evaluation.forms import DecisionForm, EstimateForm, ExtractRequestForm
from doorbraak.evaluation.labels import level_text
from doorbraak.evaluation.models import ExtractRequest
from doorbraak.partners.access import Capability, user_can
from doorbraak.partners.models import Role


def _is_team(user: Any) -> bool:
    return getattr(user, "role", "") == Role.PROGRAMME_TEAM


def _allowed(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and (user_can(user, Capability.RESEARCH) or _is_team(user)))


def _guard(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect(f"/inloggen?next={request.get_full_path()}")
    if not _allowed(request):
        raise PermissionDenied("evaluation")
    return None


def index_view(request: HttpRequest) -> HttpResponse:
    if (refused := _guard(request)) is not None:
        return refused
    experiments = selectors.experiment_choices()
    form = EstimateForm(request.GET or None, experiments=experiments)
    estimate, problem = None, None
    if request.GET and form.is_valid():
        try:
            estimate = selectors.estimate_for(**form.cleaned_data)
        except EstimationError as error:
            problem = error.message
    team = _is_team(request.user)
    context = {
        "form": form,
        "estimate": estimate,
        "level": level_text(estimate.design_level) if estimate else "",
        "problem": problem,
        "team": team,
        "researcher": user_can(request.user, Capability.RESEARCH),
        "requests": selectors.extract_requests_for(request.user, everyone=team),
        "decisions": selectors.decisions_list(),
        "decisions_count": selectors.decisions_count(),
        "decision_form": DecisionForm(experiments=experiments) if team else None,
    }
    return render(request, "evaluation/index.html", context)


def request_new_view(request: HttpRequest) -> HttpResponse:
    if (refused := _guard(request)) is not None:
        return refused
    if not user_can(request.user, Capability.RESEARCH):
        raise PermissionDenied("evaluation")
    form = ExtractRequestForm(request.POST or None, experiments=selectors.experiment_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.extract_request_create(
            researcher=request.user,
            question=data["question"],
            targets=list(data["target"]),
            experiment=data["experiment"],
            period_start=data["period_start"],
            period_end=data["period_end"],
        )
        messages.success(request, _("Uw aanvraag is ingediend; het programmateam beslist erover."))
        return redirect("evaluation:index")
    return render(request, "evaluation/request_new.html", {"form": form})


@require_POST
def request_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (refused := _guard(request)) is not None:
        return refused
    if not _is_team(request.user):
        raise PermissionDenied("evaluation")
    extract = get_object_or_404(ExtractRequest, pk=pk)
    try:
        services.extract_request_decide(
            request=extract, user=request.user, approve=request.POST.get("besluit") == "goedkeuren"
        )
    except UserError as error:
        messages.error(request, error.message)
    return redirect("evaluation:index")


def download_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (refused := _guard(request)) is not None:
        return refused
    extract = get_object_or_404(ExtractRequest, pk=pk, researcher=request.user)
    try:
        content = services.extract_download(request=extract, user=request.user)
    except UserError as error:
        messages.error(request, error.message)
        return redirect("evaluation:index")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="onderzoeksextract-{extract.pk}.csv"'
    return response


@require_POST
def decision_view(request: HttpRequest) -> HttpResponse:
    if (refused := _guard(request)) is not None:
        return refused
    if not _is_team(request.user):
        raise PermissionDenied("evaluation")
    form = DecisionForm(request.POST, experiments=selectors.experiment_choices())
    if form.is_valid():
        data = form.cleaned_data
        services.decision_record(
            user=request.user,
            experiment=data["experiment"],
            target=data["target"],
            decision=data["decision"],
            note=data["note"],
            basis=selectors.decision_basis(experiment=data["experiment"], target=data["target"]),
        )
        messages.success(request, _("Het besluit is vastgelegd."))
    else:
        messages.error(
            request, _("Het besluit is niet vastgelegd: vul experiment, uitkomst en besluit in.")
        )
    return redirect("evaluation:index")
