"""Run a delivery: read, check every row, and write row results and staged records in one
transaction. read == accepted + rejected, always. The same file twice changes nothing; a
later, overlapping export updates by the mapping's keys; a crash leaves no half batch (the
batch stays 'ontvangen' and a rerun of the same file completes it); a dry run rolls back.

Files are read with `doorbraak.sources` (see `intake.delivery`). Row results and staged records
are written with one prepared statement per chunk of rows, never a query per row.
"""

import gzip
import hashlib
import io
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.bulk import bulk_insert
from doorbraak.core.errors import UserError
from doorbraak.intake.delivery import Delivery, delivery_read
from doorbraak.intake.mappings import mapping_for_file
from doorbraak.intake.models import ImportBatch, RowResult, SourceMapping, SourceRecord
from doorbraak.intake.validation import ParsedRow, RowChecker, payload_digest
from doorbraak.partners.models import Partner
from doorbraak.register.models import FactBatch

Result = RowResult.Result
CHUNK = 5_000
KEY_LENGTH = 200
GZIP_MAGIC = b"\x1f\x8b"
READ_SIZE = 1 << 20


class _DryRunDoneError(Exception):
    """Raised to roll a dry run back."""


class _Row(NamedTuple):
    """One row's result, in the column order of `RowResult` (without id and batch)."""

    row_number: int
    record_key: str
    result: str
    error_code: str = ""
    column: str = ""
    message: str = ""


@dataclass
class _Tally:
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    updated: int = 0

    def add(self, row: _Row) -> None:
        self.read += 1
        self.rejected += row.result == Result.REJECTED
        self.accepted += row.result != Result.REJECTED
        self.duplicates += row.result == Result.UNCHANGED
        self.updated += row.result == Result.UPDATED


def import_batch_run(
    *,
    partner: Partner,
    path: Path,
    dataset: str | None = None,
    user: Any = None,
    dry_run: bool = False,
    file_name: str | None = None,
) -> ImportBatch:
    sha = _sha256(path)
    name = file_name or path.name
    mapping = mapping_for_file(partner=partner, file_name=name, dataset=dataset)
    earlier = _earlier(partner, mapping, sha, dry_run)
    if earlier is not None and earlier.status == ImportBatch.Status.DONE:
        return earlier
    batch = earlier or _batch_create(partner, mapping, name, sha, user, dry_run)
    try:
        delivery = delivery_read(
            path=path, spec=mapping.spec, names=(partner.code, mapping.dataset)
        )
    except UserError as error:
        _batch_fail(batch, error)
        raise
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-pack") as packer:
        packed = packer.submit(content_pack, path)  # zlib runs beside the rows (no GIL)
        _batch_process(batch, mapping, delivery, packed)
    return batch


def content_pack(path: Path) -> bytes:
    """The delivered file as stored for the file back: gzip-compressed (about a quarter of
    the size for pseudonymised exports, and under SQLite's 1 GB limit for a value)."""
    packed = io.BytesIO()
    with (
        path.open("rb") as source,
        gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=1, mtime=0) as target,
    ):
        shutil.copyfileobj(source, target, READ_SIZE)
    return packed.getvalue()


def content_unpack(batch: ImportBatch) -> bytes:
    stored = bytes(batch.content)
    return gzip.decompress(stored) if stored.startswith(GZIP_MAGIC) else stored


def _sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as error:
        raise UserError(
            "bestand-niet-gevonden", _("Het bestand %s is niet te openen.") % path
        ) from error


def _earlier(
    partner: Partner, mapping: SourceMapping, sha: str, dry_run: bool
) -> ImportBatch | None:
    if dry_run:
        return None
    return (
        ImportBatch.objects.filter(partner=partner, mapping=mapping, file_sha256=sha, dry_run=False)
        .exclude(status=ImportBatch.Status.FAILED)
        .defer("content")
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


def _batch_process(
    batch: ImportBatch, mapping: SourceMapping, delivery: Delivery, packed: "Future[bytes]"
) -> None:
    results = _Results(batch)
    try:
        with transaction.atomic():
            tally = _rows_write(batch, mapping, delivery, results)
            batch.content = packed.result()
            _batch_finish(batch, tally)
            if batch.dry_run:
                raise _DryRunDoneError
    except _DryRunDoneError:
        _dry_run_keep(batch, results)


def _rows_write(
    batch: ImportBatch, mapping: SourceMapping, delivery: Delivery, results: "_Results"
) -> _Tally:
    batch.status = ImportBatch.Status.RUNNING
    if not batch.dry_run:
        batch.fact_batch = _fact_batch(batch, mapping)
    batch.message = " ".join(p.message for p in delivery.warnings)[:500]
    batch.save()
    RowResult.objects.filter(batch=batch).delete()
    read = delivery.read
    checker = RowChecker(
        partner=delivery.partner, dataset=delivery.dataset, headers=read.headers, fields=read.fields
    )
    records = _Records(batch)
    tally = _Tally()
    for problem in delivery.row_problems:
        row = _Row(problem.line or 0, "", Result.REJECTED, problem.code, "", problem.message[:500])
        tally.add(row)
        results.add(row)
    for number, fields in read.rows:
        row = _row_apply(batch, checker.parse(number, fields), records)
        tally.add(row)
        results.add(row)
    results.flush()
    records.flush()
    assert tally.read == tally.accepted + tally.rejected  # noqa: S101 (the intake's invariant)
    return tally


class _Results:
    """Row results, written a chunk at a time; a dry run's are kept for after the rollback."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        self.pending: list[_Row] = []

    def add(self, row: _Row) -> None:
        self.pending.append(row)
        if len(self.pending) >= CHUNK and not self.batch.dry_run:
            self.flush()

    def flush(self) -> None:
        if self.batch.dry_run:
            return
        self.write()

    def write(self) -> None:
        batch_id = self.batch.pk
        rows = ((batch_id, *row) for row in self.pending)
        bulk_insert(RowResult, rows, fields=["batch", *_Row._fields], chunk=CHUNK)
        self.pending = []


_RECORD_FIELDS = ["partner", "dataset", "record_key", "batch", "row_number", "payload", "digest"]


class _Records:
    """The partner's staged records of this dataset, with the writes of this batch."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        query = SourceRecord.objects.filter(partner=batch.partner, dataset=batch.dataset)
        self.existing = {key: (pk, digest) for key, pk, digest in query.values_list(
            "record_key", "pk", "digest"
        )}  # fmt: skip
        self.seen: set[str] = set()
        self.new: list[tuple[Any, ...]] = []
        self.changed: list[tuple[Any, ...]] = []
        # Backends other than PostgreSQL store JSON as text: the digest's JSON is stored as is.
        self.json_as_text = connection.vendor != "postgresql"
        self.update = _update_sql(SourceRecord, ["batch", "row_number", "payload", "digest"])

    def store(self, parsed: ParsedRow) -> str:
        text = parsed.text
        found, digest = self.existing.get(parsed.key), payload_digest(text)
        if found is not None and found[1] == digest:
            return Result.UNCHANGED
        if not self.batch.dry_run:
            payload = (
                text if self.json_as_text else connection.ops.adapt_json_value(parsed.payload, None)
            )
            batch_id = self.batch.pk
            if found is None:
                partner_id, dataset = self.batch.partner_id, self.batch.dataset
                self.new.append(
                    (partner_id, dataset, parsed.key, batch_id, parsed.number, payload, digest)
                )
            else:
                self.changed.append((batch_id, parsed.number, payload, digest, found[0]))
            if len(self.new) + len(self.changed) >= CHUNK:
                self.flush()
        return Result.ACCEPTED if found is None else Result.UPDATED

    def flush(self) -> None:
        bulk_insert(SourceRecord, self.new, fields=_RECORD_FIELDS)
        if self.changed:
            with connection.cursor() as cursor:
                cursor.executemany(self.update, self.changed)
        self.new, self.changed = [], []


def _columns(model: type[Model]) -> dict[str, str]:
    return {f.name: f.column for f in model._meta.concrete_fields}


def _update_sql(model: type[Model], names: list[str]) -> str:
    quote, column = connection.ops.quote_name, _columns(model)
    sets = ", ".join(f"{quote(column[n])} = %s" for n in names)
    pk = quote(model._meta.pk.column)
    return f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {pk} = %s"  # noqa: S608 (names from the model)


def _fact_batch(batch: ImportBatch, mapping: SourceMapping) -> FactBatch:
    return FactBatch.objects.create(
        partner=batch.partner,
        kind=FactBatch.Kind.IMPORT,
        label=f"{batch.partner.code} {batch.file_name}"[:200],
        mapping_version=mapping.label[:40],
    )


def _row_apply(batch: ImportBatch, parsed: ParsedRow, records: _Records) -> _Row:
    number, key = parsed.number, parsed.key
    if parsed.problem is not None:
        problem = parsed.problem
        return _Row(
            number, key[:200], Result.REJECTED, problem.code, problem.column, problem.message
        )
    if len(key) > KEY_LENGTH:
        message = _("Regel %(number)d: de sleutel is langer dan %(length)d tekens.") % {
            "number": number,
            "length": KEY_LENGTH,
        }
        return _Row(number, key[:200], Result.REJECTED, "sleutel-te-lang", "", message)
    if key in records.seen:
        message = _(
            "Regel %(number)d: sleutel '%(key)s' staat al eerder in dit bestand; lever elke "
            "regel één keer aan."
        ) % {"number": number, "key": key}
        return _Row(number, key, Result.REJECTED, "sleutel-dubbel", "", message[:500])
    records.seen.add(key)
    return _Row(number, key, records.store(parsed))


def _batch_finish(batch: ImportBatch, tally: _Tally) -> None:
    for name in ("read", "accepted", "rejected", "duplicates", "updated"):
        setattr(batch, name, getattr(tally, name))
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.save()


def _dry_run_keep(batch: ImportBatch, results: _Results) -> None:
    """A dry run keeps only its report: the batch's counters and row results."""
    batch.fact_batch = None
    batch.save()
    with transaction.atomic():
        results.write()
