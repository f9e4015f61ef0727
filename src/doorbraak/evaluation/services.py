"""Writes: extract requests, the programme team's decision on them, downloads, and the
programme's decisions on evaluations. Every write is audited (`core.audit`)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from doorbraak.core.audit import audit_record
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.evaluation.extracts import extract_build
from doorbraak.evaluation.models import (
    DecisionPartner,
    EvaluationDecision,
    ExtractDownload,
    ExtractRequest,
)
from doorbraak.evaluation.sources import experiment_partners, register_source

EXTRACT_DAYS = 90  # an approved extract can be downloaded this long


def _audit(user: Any, action: AuditAction, kind: str, pk: int, result: str = "ok") -> None:
    audit_record(actor=user, action=action, object_type=kind, object_id=str(pk), result=result)


@transaction.atomic
def extract_request_create(*, researcher: Any, **fields: Any) -> ExtractRequest:
    request = ExtractRequest.objects.create(researcher=researcher, **fields)
    _audit(researcher, AuditAction.EVALUATION_EXTRACT_REQUEST, "extractaanvraag", request.pk)
    return request


@transaction.atomic
def extract_request_decide(*, request: ExtractRequest, user: Any, approve: bool) -> None:
    if request.status != ExtractRequest.Status.REQUESTED:
        raise UserError("extract-al-besloten", "Over deze aanvraag is al besloten.")
    request.status = ExtractRequest.Status.APPROVED if approve else ExtractRequest.Status.REJECTED
    request.decided_by, request.decided_at = user, timezone.now()
    request.expires_on = date.today() + timedelta(days=EXTRACT_DAYS) if approve else None
    request.save()
    _audit(
        user, AuditAction.EVALUATION_EXTRACT_DECIDE, "extractaanvraag", request.pk, request.status
    )


def extract_download(*, request: ExtractRequest, user: Any) -> bytes:
    """The extract as CSV, built now with fresh pseudonyms; refused unless approved and current."""
    if request.researcher_id != user.pk:
        raise UserError("extract-niet-van-u", "Dit extract is voor een andere onderzoeker.")
    if request.status != ExtractRequest.Status.APPROVED:
        raise UserError("extract-niet-goedgekeurd", "Dit extract is (nog) niet goedgekeurd.")
    if request.expires_on is None or request.expires_on < date.today():
        raise UserError("extract-verlopen", "Dit extract is verlopen; vraag een nieuw aan.")
    source = register_source()
    experiment_areas = source.experiments.loc[source.experiments["code"] == request.experiment]
    result = extract_build(
        source.readings,
        targets=list(request.targets),
        start=pd.Timestamp(request.period_start),
        end=pd.Timestamp(request.period_end),
        threshold=settings.DISCLOSURE_THRESHOLD,
    )
    with transaction.atomic():
        ExtractDownload.objects.create(
            request=request,
            user=user,
            persons=result.persons_kept,
            persons_dropped=result.persons_dropped,
        )
        _audit(user, AuditAction.EVALUATION_EXTRACT_DOWNLOAD, "extractaanvraag", request.pk)
    buffer = io.StringIO()
    readings = result.readings.assign(
        experimentgebied=result.readings["wijk"]
        .isin(set(experiment_areas["area"]))
        .map({True: "ja", False: "nee"})
    )
    readings.to_csv(buffer, index=False, sep=";")
    return buffer.getvalue().encode("utf-8-sig")


@transaction.atomic
def decision_record(
    *,
    user: Any,
    experiment: str,
    target: str,
    decision: str,
    note: str,
    basis: dict[str, Any] | None = None,
) -> EvaluationDecision:
    """Record the programme's decision on an evaluation, with the estimate it rested on
    (`basis`: `Estimate.as_dict()` without the pre-trend series, or {} when none was made), and
    the partners running the experiment's interventions then (what E5 counts)."""
    record = EvaluationDecision.objects.create(
        experiment=experiment,
        target=target,
        decision=decision,
        note=note,
        basis=basis or {},
        decided_by=user,
    )
    DecisionPartner.objects.bulk_create(
        DecisionPartner(decision=record, partner_id=pk, decided_on=record.decided_at.date())
        for pk in experiment_partners(experiment)
    )
    _audit(user, AuditAction.EVALUATION_DECISION, "evaluatiebesluit", record.pk, decision)
    return record
