"""Pages of the learning network's register (the programme team, Capability.RECORD_LEARNING)
and the public experiment pages (no login). Thin: forms check, `services` write and audit,
`selectors` read."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from doorbraak.learning import forms as f
from doorbraak.learning import models as m
from doorbraak.learning import selectors, services
from doorbraak.partners.access import Capability, requires


@requires(Capability.RECORD_LEARNING)
def overview_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/overview.html",
        {
            "summary": selectors.register_summary(),
            "sessions": selectors.sessions_recent(),
            "experiments": selectors.experiments_all(),
        },
    )


def _saved(request: HttpRequest, what: str) -> HttpResponse:
    messages.success(request, _("%s is vastgelegd.") % what)
    return redirect("learning:overview")


@requires(Capability.RECORD_LEARNING)
def activity_view(request: HttpRequest, kind: str) -> HttpResponse:
    """A plain record: agenda, conference, publication, support, procurement, commitment."""
    if kind not in f.ACTIVITY_FORMS:
        raise Http404(kind)
    form_class, title = f.ACTIVITY_FORMS[kind]
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record = services.activity_record(actor=request.user, record=form.save(commit=False))
        return _saved(request, str(record._meta.verbose_name).capitalize())
    return render(request, "learning/form.html", {"form": form, "title": title})


@requires(Capability.RECORD_LEARNING)
def session_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    instance = selectors.session_get(pk) if pk is not None else None
    if pk is not None and instance is None:
        raise Http404(str(pk))
    form = f.SessionForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.session_record(
            actor=request.user,
            session=form.save(commit=False),
            partners=form.cleaned_data["partners"],
            experts=form.expert_codes(),
            forms=form.cleaned_data["knowledge_forms"],
        )
        return _saved(request, _("De sessie"))
    title = _("Sessie lerend evalueren vastleggen")
    return render(request, "learning/form.html", {"form": form, "title": title})


@requires(Capability.RECORD_LEARNING)
def training_view(request: HttpRequest) -> HttpResponse:
    form = f.TrainingForm(request.POST or None)
    trained = f.TrainedFormSet(request.POST or None, prefix="geschoold")
    if request.method == "POST" and form.is_valid() and trained.is_valid():
        counts: dict[Any, int] = {}
        for row in trained.cleaned_data:
            if row:
                counts[row["partner"]] = counts.get(row["partner"], 0) + row["number"]
        services.training_record(
            actor=request.user, training=form.save(commit=False), trained=counts
        )
        return _saved(request, _("De training"))
    title = _("Training vastleggen")
    return render(request, "learning/form.html", {"form": form, "formset": trained, "title": title})


@requires(Capability.RECORD_LEARNING)
def interventions_view(request: HttpRequest) -> HttpResponse:
    form = f.InterventionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.intervention_record(actor=request.user, intervention=form.save(commit=False))
        return redirect("learning:interventions")
    return render(
        request,
        "learning/interventions.html",
        {"form": form, "interventions": selectors.interventions_all()},
    )


@requires(Capability.RECORD_LEARNING)
def experiment_edit_view(request: HttpRequest, code: str | None = None) -> HttpResponse:
    instance = selectors.experiment_get(code) if code is not None else None
    if code is not None and instance is None:
        raise Http404(code)
    form = f.ExperimentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.experiment_record(
            actor=request.user,
            experiment=form.save(commit=False),
            interventions=form.cleaned_data["interventions"],
            comparison_areas=form.cleaned_data["comparison_areas"],
        )
        return _saved(request, _("Het experiment"))
    title = _("Experiment bewerken") if instance else _("Experiment vastleggen")
    return render(request, "learning/form.html", {"form": form, "title": title})


def public_experiments_view(request: HttpRequest) -> HttpResponse:
    """Public: the programme's local experiments, by place."""
    experiments = [
        (e, selectors.experiment_place(e))
        for e in selectors.experiments_all().exclude(status=m.ExperimentStatus.STOPPED)
    ]
    return render(request, "learning/public_list.html", {"experiments": experiments})


def public_experiment_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what happens in the experiment, in plain Dutch (B1), for residents."""
    experiment = selectors.experiment_get(code)
    if experiment is None:
        raise Http404(code)
    return render(
        request,
        "learning/public_experiment.html",
        {"experiment": experiment, "place": selectors.experiment_place(experiment)},
    )
