"""Reads for intake. A data steward sees only the deliveries of their own partner; every
staff role sees the deliveries at a glance (per partner and dataset: the last one, days since,
late against the agreed rhythm), which are about organisations, not persons."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from doorbraak.intake.models import ImportBatch, RowResult, SourceMapping
from doorbraak.sources.mapping import RHYTHM_DAYS


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


@dataclass(frozen=True)
class Glance:
    """One partner's dataset at a glance: its last delivery against the agreed rhythm.
    Counts of files and rows are about organisations, not persons: nothing is suppressed."""

    partner: str  # the partner's name, never its code
    dataset: str
    rhythm: str  # 'kwartaal', ...
    last: dt.datetime | None  # None: never delivered
    days_since: int | None
    files: int
    read: int
    rejected: int
    late: bool

    @property
    def rejected_share(self) -> float | None:
        """Percentage of the last delivery's rows that were rejected; None without rows."""
        return 100 * self.rejected / self.read if self.read else None

    @property
    def due_in(self) -> int | None:
        """Days until the next delivery is due (negative: that many days late)."""
        if self.days_since is None:
            return None
        return RHYTHM_DAYS[self.rhythm] - self.days_since


def rhythm_of(spec: dict[str, Any]) -> str:
    """The dataset's agreed rhythm: its mapping's `rhythm`, else DOORBRAAK_DELIVERY_RHYTHM."""
    rhythm = str(spec.get("rhythm") or settings.DELIVERY_RHYTHM)
    return rhythm if rhythm in RHYTHM_DAYS else "kwartaal"


def deliveries_at_a_glance(
    now: dt.datetime | None = None, *, partner_id: int | None = None
) -> list[Glance]:
    """Per partner and declared dataset (newest mapping version), its last finished real
    delivery (not a trial), days since, that delivery's rows and rejected rows, the number of
    files so far, and whether it is late against the agreed rhythm; late ones first.
    `partner_id`: only that partner's datasets (a data steward's own organisation)."""
    now = now or timezone.now()
    mappings: dict[tuple[int, str], SourceMapping] = {}
    declared = SourceMapping.objects.select_related("partner").order_by("version")
    if partner_id is not None:
        declared = declared.filter(partner_id=partner_id)
    for mapping in declared:
        mappings[(mapping.partner_id, mapping.dataset)] = mapping
    batches = ImportBatch.objects.filter(dry_run=False, status=ImportBatch.Status.DONE)
    files = dict(
        ((row["partner_id"], row["dataset"]), row["n"])
        for row in batches.values("partner_id", "dataset").annotate(n=Count("pk"))
    )
    last: dict[tuple[int, str], ImportBatch] = {}
    for delivered in batches.order_by("finished_at", "pk"):
        last[(delivered.partner_id, delivered.dataset)] = delivered
    rows = []
    for key, mapping in mappings.items():
        batch = last.get(key)
        rhythm = rhythm_of(mapping.spec)
        moment = (batch.finished_at or batch.started_at) if batch else None
        days = (now - moment).days if moment else None
        rows.append(
            Glance(
                partner=mapping.partner.name,
                dataset=mapping.dataset,
                rhythm=rhythm,
                last=moment,
                days_since=days,
                files=files.get(key, 0),
                read=batch.read if batch else 0,
                rejected=batch.rejected if batch else 0,
                late=days is None or days > RHYTHM_DAYS[rhythm],
            )
        )
    return sorted(rows, key=lambda g: (not g.late, g.partner, g.dataset))
