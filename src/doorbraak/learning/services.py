"""Writes of the learning network's register and the experiments, each audited.

A session's organisations, ervaringsdeskundigen and forms of knowledge, and a training's
professionals, are written again whole with the record (new rows, the record's date on each),
so the monitor counts them by that date and sees that they changed. An experiment is copied
into the register's reference tables (`register.services.reference_load`), which enrolments
point to, and its buurten become an area group of kind `experimentgebied`: the monitor's
`experiment` breakdown.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from doorbraak.areas.models import Area, AreaGroup, AreaGroupKind, AreaLevel
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.learning import models as m
from doorbraak.partners.models import Partner
from doorbraak.register import models as r
from doorbraak.register.services import reference_load

EXPERIMENT_GROUP_PREFIX = "experiment-"


def _audit(actor: Any, action: AuditAction, record: models.Model, origin: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=f"learning.{record._meta.model_name}",
        object_id=str(record.pk),
        result="ok",
        origin=origin,
    )


@transaction.atomic
def activity_record(*, actor: Any, record: models.Model, origin: str = "") -> models.Model:
    """Save one plain record of the learning network (agenda, conference, publication,
    support, procurement, commitment) and audit it."""
    record.full_clean()
    record.save()
    _audit(actor, AuditAction.LEARNING_RECORD_SAVE, record, origin)
    return record


@transaction.atomic
def session_record(
    *,
    actor: Any,
    session: m.Session,
    partners: Iterable[Partner],
    experts: Iterable[str],
    forms: Iterable[str],
    origin: str = "",
) -> m.Session:
    """Save a session of lerend evalueren with the organisations, the ervaringsdeskundigen
    (by code; a new code is added to the network's list) and the forms of knowledge."""
    session.full_clean()
    session.save()
    session.partners.all().delete()
    session.experts.all().delete()
    session.knowledge.all().delete()
    day = session.held_on
    m.SessionPartner.objects.bulk_create(
        m.SessionPartner(session=session, partner=p, held_on=day) for p in set(partners)
    )
    codes = sorted({slugify(code) for code in experts if slugify(code)})
    known = {e.code: e for e in m.ExperienceExpert.objects.filter(code__in=codes)}
    for code in codes:
        if code not in known:
            known[code] = m.ExperienceExpert.objects.create(code=code)
    m.SessionExpert.objects.bulk_create(
        m.SessionExpert(session=session, expert=known[c], held_on=day) for c in codes
    )
    m.SessionKnowledge.objects.bulk_create(
        m.SessionKnowledge(session=session, form=f, held_on=day) for f in sorted(set(forms))
    )
    _audit(actor, AuditAction.LEARNING_RECORD_SAVE, session, origin)
    return session


@transaction.atomic
def training_record(
    *, actor: Any, training: m.Training, trained: Mapping[Partner, int], origin: str = ""
) -> m.Training:
    """Save a training and, per partner, how many of its professionals completed it."""
    training.full_clean()
    training.save()
    training.completions.all().delete()
    m.TrainingCompletion.objects.bulk_create(
        m.TrainingCompletion(
            training=training,
            partner=partner,
            number=number,
            completed_on=training.completed_on,
            bejegening=training.bejegening,
        )
        for partner, count in trained.items()
        for number in range(1, count + 1)
    )
    _audit(actor, AuditAction.LEARNING_RECORD_SAVE, training, origin)
    return training


@transaction.atomic
def intervention_record(
    *, actor: Any, intervention: m.Intervention, origin: str = ""
) -> m.Intervention:
    """Save a catalogue entry; the register's intervention of the same code follows."""
    intervention.full_clean()
    intervention.save()
    reference_load(interventions=[(intervention.code, intervention.name)], experiments=[])
    _audit(actor, AuditAction.LEARNING_EXPERIMENT_SAVE, intervention, origin)
    return intervention


@transaction.atomic
def experiment_record(
    *,
    actor: Any,
    experiment: m.Experiment,
    interventions: Iterable[m.Intervention],
    comparison_areas: Iterable[Area] = (),
    origin: str = "",
) -> m.Experiment:
    """Save an experiment: its cocktail and comparison areas, whether it records the
    knowledge it builds on (E6), its copy in the register and its experiment area."""
    experiment.builds_on_knowledge = bool(experiment.knowledge.strip())
    experiment.full_clean(exclude=["interventions", "comparison_areas"])
    experiment.save()
    cocktail = list(interventions)
    experiment.interventions.set(cocktail)
    experiment.comparison_areas.set(list(comparison_areas))
    reference_load(
        interventions=[(i.code, i.name) for i in cocktail],
        experiments=[_register_row(experiment, cocktail)],
    )
    _experiment_area(experiment)
    _audit(actor, AuditAction.LEARNING_EXPERIMENT_SAVE, experiment, origin)
    return experiment


@transaction.atomic
def experiment_stop(*, actor: Any, code: str, origin: str = "") -> m.Experiment:
    """Stop an experiment because the reflection decided so (ADR 0038): its status becomes
    stopped, audited; its period and cocktail stay (the register's copy has no status)."""
    experiment = m.Experiment.objects.select_for_update().filter(code=code).first()
    if experiment is None:
        raise UserError(
            "experiment-onbekend",
            _("Er is geen lokaal experiment met de code %(code)s.") % {"code": code},
        )
    if experiment.status != m.ExperimentStatus.STOPPED:
        experiment.status = m.ExperimentStatus.STOPPED
        experiment.save(update_fields=["status"])
    _audit(actor, AuditAction.LEARNING_EXPERIMENT_SAVE, experiment, origin)
    return experiment


def _register_row(experiment: m.Experiment, cocktail: list[m.Intervention]) -> dict[str, Any]:
    area = experiment.area or (experiment.dorp.gemeente if experiment.dorp else None)
    return {
        "code": experiment.code,
        "name": experiment.name,
        "start": experiment.started_on,
        "end": experiment.ended_on,
        "areas": [area.code] if area else [],
        "interventions": [i.code for i in cocktail],
    }


def experiment_buurten(experiment: m.Experiment) -> list[Area]:
    """The buurten where the experiment takes place: its dorp's, or those under its area."""
    if experiment.dorp is not None:
        return list(experiment.dorp.members.all())
    if experiment.area is None:
        return []
    found, level = [experiment.area], experiment.area.level
    while level != AreaLevel.BUURT:
        found = list(Area.objects.filter(parent__in=found))
        if not found:
            return []
        level = found[0].level
    return found


def _experiment_area(experiment: m.Experiment) -> AreaGroup:
    gemeente = experiment.dorp.gemeente if experiment.dorp else None
    group, _created = AreaGroup.objects.update_or_create(
        code=EXPERIMENT_GROUP_PREFIX + slugify(experiment.code),
        defaults={"name": experiment.name, "kind": AreaGroupKind.EXPERIMENT, "gemeente": gemeente},
    )
    group.members.set(experiment_buurten(experiment))
    return group


def experiments_from_register(*, actor: Any = None, origin: str = "") -> int:
    """The register's experiments and interventions (from the reference file) as the
    programme's own records, where it has none of that code yet; the number added."""
    for one in r.Intervention.objects.all():
        m.Intervention.objects.get_or_create(code=one.code, defaults={"name": one.name})
    added = 0
    for old in r.Experiment.objects.prefetch_related("areas", "interventions"):
        if m.Experiment.objects.filter(code=old.code).exists():
            continue
        areas = sorted(old.areas.all(), key=lambda a: a.level != AreaLevel.WIJK)
        experiment = m.Experiment(
            code=old.code,
            name=old.name,
            area=areas[0] if areas else None,
            started_on=old.started_on,
            ended_on=old.ended_on,
            status=_status(old.started_on, old.ended_on, dt.date.today()),
        )
        codes = [i.code for i in old.interventions.all()]
        cocktail = m.Intervention.objects.filter(code__in=codes)
        experiment_record(actor=actor, experiment=experiment, interventions=cocktail, origin=origin)
        added += 1
    return added


def _status(start: dt.date, end: dt.date | None, today: dt.date) -> str:
    if today < start:
        return m.ExperimentStatus.PREPARING
    if end is not None and end <= today:
        return m.ExperimentStatus.FINISHED
    return m.ExperimentStatus.RUNNING
