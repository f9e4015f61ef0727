"""Run a delivery: read, check every row, and write row results and staged records in one
transaction. read == accepted + rejected, always. The same file twice changes nothing; a
later, overlapping export updates by the mapping's keys; a crash leaves no half batch (the
batch stays 'ontvangen' and a rerun of the same file completes it); a dry run rolls back.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from doorbraak.core.errors import UserError
from doorbraak.intake.mappings import mapping_for_file
from doorbraak.intake.models import ImportBatch, RowResult, SourceMapping, SourceRecord
from doorbraak.intake.reading import Table, table_read
from doorbraak.intake.validation import ParsedRow, row_parse, table_check
from doorbraak.partners.models import Partner
from doorbraak.register.models import FactBatch

Result = RowResult.Result
CHUNK = 2_000
KEY_LENGTH = 200


class _DryRunDoneError(Exception):
    """Raised to roll a dry run back."""


@dataclass
class _Tally:
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    updated: int = 0
    results: list[RowResult] = field(default_factory=list)

    def add(self, result: RowResult) -> None:
        self.read += 1
        self.rejected += result.result == Result.REJECTED
        self.accepted += result.result != Result.REJECTED
        self.duplicates += result.result == Result.UNCHANGED
        self.updated += result.result == Result.UPDATED
        self.results.append(result)


def import_batch_run(
    *,
    partner: Partner,
    path: Path,
    dataset: str | None = None,
    user: Any = None,
    dry_run: bool = False,
    file_name: str | None = None,
) -> ImportBatch:
    content = _content(path)
    name = file_name or path.name
    mapping = mapping_for_file(partner=partner, file_name=name, dataset=dataset)
    sha = hashlib.sha256(content).hexdigest()
    earlier = _earlier(partner, mapping, sha, dry_run)
    if earlier is not None and earlier.status == ImportBatch.Status.DONE:
        return earlier
    batch = earlier or _batch_create(partner, mapping, name, sha, user, dry_run)
    try:
        table = table_read(content=content, spec=mapping.spec)
        table_check(table.header, mapping.spec)
    except UserError as error:
        _batch_fail(batch, error)
        raise
    batch.content = content
    _batch_process(batch, mapping, table)
    return batch


def _content(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError(
            "bestand-niet-gevonden", f"Het bestand {path} is niet te openen."
        ) from error


def _earlier(
    partner: Partner, mapping: SourceMapping, sha: str, dry_run: bool
) -> ImportBatch | None:
    if dry_run:
        return None
    return (
        ImportBatch.objects.filter(partner=partner, mapping=mapping, file_sha256=sha, dry_run=False)
        .exclude(status=ImportBatch.Status.FAILED)
        .order_by("id")
        .first()
    )


def _batch_create(
    partner: Partner, mapping: SourceMapping, name: str, sha: str, user: Any, dry_run: bool
) -> ImportBatch:
    return ImportBatch.objects.create(
        partner=partner,
        mapping=mapping,
        dataset=mapping.dataset,
        file_name=name[:255],
        file_sha256=sha,
        uploaded_by=user if getattr(user, "pk", None) else None,
        dry_run=dry_run,
    )


def _batch_fail(batch: ImportBatch, error: UserError) -> None:
    batch.status = ImportBatch.Status.FAILED
    batch.message = f"[{error.code}] {error.message}"[:500]
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "message", "finished_at"])


def _batch_process(batch: ImportBatch, mapping: SourceMapping, table: Table) -> None:
    try:
        with transaction.atomic():
            tally = _rows_write(batch, mapping, table)
            _batch_finish(batch, tally)
            if batch.dry_run:
                raise _DryRunDoneError
    except _DryRunDoneError:
        _dry_run_keep(batch, tally)


def _rows_write(batch: ImportBatch, mapping: SourceMapping, table: Table) -> _Tally:
    batch.status = ImportBatch.Status.RUNNING
    if not batch.dry_run:
        batch.fact_batch = _fact_batch(batch, mapping)
    batch.save()
    RowResult.objects.filter(batch=batch).delete()
    records = _Records(batch)
    tally = _Tally()
    for number, cells in table.rows:
        parsed = row_parse(number, cells, table.header, mapping.spec)
        tally.add(_row_apply(batch, parsed, records))
    RowResult.objects.bulk_create(tally.results, batch_size=CHUNK)
    records.flush()
    assert tally.read == tally.accepted + tally.rejected  # noqa: S101 (the intake's invariant)
    return tally


class _Records:
    """The partner's staged records of this dataset, with the writes of this batch."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        query = SourceRecord.objects.filter(partner=batch.partner, dataset=batch.dataset)
        self.existing = {r.record_key: r for r in query}
        self.seen: set[str] = set()
        self.new: list[SourceRecord] = []
        self.changed: list[SourceRecord] = []

    def store(self, parsed: ParsedRow) -> str:
        record, digest = self.existing.get(parsed.key), parsed.digest
        if record is not None and record.digest == digest:
            return Result.UNCHANGED
        is_new = record is None
        if record is None:
            record = SourceRecord(
                partner=self.batch.partner, dataset=self.batch.dataset, record_key=parsed.key
            )
            self.new.append(record)
        else:
            self.changed.append(record)
        record.batch, record.row_number = self.batch, parsed.number
        record.payload, record.digest = parsed.payload, digest
        return Result.ACCEPTED if is_new else Result.UPDATED

    def flush(self) -> None:
        if self.batch.dry_run:
            return
        SourceRecord.objects.bulk_create(self.new, batch_size=CHUNK)
        fields = ["batch", "row_number", "payload", "digest"]
        SourceRecord.objects.bulk_update(self.changed, fields, batch_size=CHUNK)


def _fact_batch(batch: ImportBatch, mapping: SourceMapping) -> FactBatch:
    return FactBatch.objects.create(
        partner=batch.partner,
        kind=FactBatch.Kind.IMPORT,
        label=f"{batch.partner.code} {batch.file_name}"[:200],
        mapping_version=mapping.label[:40],
    )


def _row_apply(batch: ImportBatch, parsed: ParsedRow, records: _Records) -> RowResult:
    row = RowResult(batch=batch, row_number=parsed.number, record_key=parsed.key[:200])
    if parsed.problem is not None:
        row.result, row.error_code = Result.REJECTED, parsed.problem.code
        row.column, row.message = parsed.problem.column[:120], parsed.problem.message
        return row
    if len(parsed.key) > KEY_LENGTH:
        row.result, row.error_code = Result.REJECTED, "sleutel-te-lang"
        row.message = f"Regel {parsed.number}: de sleutel is langer dan {KEY_LENGTH} tekens."
        return row
    if parsed.key in records.seen:
        row.result, row.error_code = Result.REJECTED, "sleutel-dubbel"
        row.message = (
            f"Regel {parsed.number}: sleutel '{parsed.key}' staat al eerder in dit bestand; "
            "lever elke regel één keer aan."
        )
        return row
    records.seen.add(parsed.key)
    row.result = records.store(parsed)
    return row


def _batch_finish(batch: ImportBatch, tally: _Tally) -> None:
    for name in ("read", "accepted", "rejected", "duplicates", "updated"):
        setattr(batch, name, getattr(tally, name))
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.save()


def _dry_run_keep(batch: ImportBatch, tally: _Tally) -> None:
    """A dry run keeps only its report: the batch's counters and row results."""
    batch.fact_batch = None
    batch.save()
    for row in tally.results:
        row.pk = None
        row.batch = batch
    RowResult.objects.bulk_create(tally.results, batch_size=CHUNK)
