"""Reads for intake. A data steward sees only the deliveries of their own partner."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from doorbraak.intake.models import ImportBatch, RowResult


def batch_list_for(user: Any) -> QuerySet[ImportBatch]:
    partner_id = getattr(user, "partner_id", None)
    if partner_id is None:
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(partner_id=partner_id)


def batch_for(user: Any, pk: int) -> ImportBatch:
    """One of the user's own partner's deliveries; another partner's is simply not found."""
    batch = batch_list_for(user).select_related("partner", "mapping").filter(pk=pk).first()
    if batch is None:
        raise Http404("aanlevering")
    return batch


def batch_rejected_rows(batch: ImportBatch) -> QuerySet[RowResult]:
    return RowResult.objects.filter(batch=batch, result=RowResult.Result.REJECTED)


def batch_warned_rows(batch: ImportBatch) -> QuerySet[RowResult]:
    return RowResult.objects.filter(batch=batch, result=RowResult.Result.WARNED)
