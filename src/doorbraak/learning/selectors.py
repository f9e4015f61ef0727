"""Reads of the learning network's register and the experiments.

The programme team's overview shows records, never persons (an ervaringsdeskundige is a
code); the public experiment pages show only what the team wrote for residents, the place,
the period, the interventions and the status.
"""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from doorbraak.learning import models as m


def register_summary() -> list[tuple[str, int, str]]:
    """(Dutch label, count, form name) for each kind of record of the learning network."""
    bejegening = m.TrainingCompletion.objects.filter(bejegening=True).count()
    return [
        ("Leeragenda's (E1)", m.LearningAgenda.objects.count(), "leeragenda"),
        ("Sessies lerend evalueren (E2)", m.Session.objects.count(), "sessie"),
        ("Publicaties (E3, E9)", m.Publication.objects.count(), "publicatie"),
        ("Conferenties (E4)", m.Conference.objects.count(), "conferentie"),
        ("Ondersteuning kennisontwikkellijn (E7)", m.KnowledgeSupport.objects.count(),
         "kennisontwikkellijn"),
        ("Professionals geschoold in bejegening (E8)", bejegening, "training"),
        ("Aanbestedingen (W3)", m.Procurement.objects.count(), "aanbesteding"),
        ("Partners verbonden aan het plan", commitments_active(dt.date.today()), "verbinding"),
    ]  # fmt: skip


def commitments_active(day: dt.date) -> int:
    """Distinct partners committed to the plan on `day`."""
    active = m.Commitment.objects.filter(committed_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    return active.values("partner").distinct().count()


def sessions_recent(limit: int = 10) -> QuerySet[m.Session]:
    return m.Session.objects.annotate(
        organisations=Count("partners", distinct=True), expert_count=Count("experts", distinct=True)
    )[:limit]


def session_get(pk: int) -> m.Session | None:
    return m.Session.objects.filter(pk=pk).first()


def experiments_all() -> QuerySet[m.Experiment]:
    return m.Experiment.objects.select_related("area", "dorp").prefetch_related("interventions")


def experiment_get(code: str) -> m.Experiment | None:
    return experiments_all().filter(code=code).first()


def interventions_all() -> QuerySet[m.Intervention]:
    return m.Intervention.objects.annotate(experiment_count=Count("experiments"))


def experiment_place(experiment: m.Experiment) -> str:
    """Where the experiment happens, as residents know it: the dorp, or the area's name."""
    if experiment.dorp is not None:
        return experiment.dorp.name
    return experiment.area.name if experiment.area is not None else ""
