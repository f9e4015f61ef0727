"""Run a delivery: read, check every row, and write row results and staged records in one
transaction. read == accepted + warned + rejected, always. The same file twice changes nothing; a
later, overlapping export updates by the mapping's keys; a crash leaves no half batch (the
batch stays 'ontvangen' and a rerun of the same file completes it); a dry run rolls back.

Files are read with `doorbraak.sources` (see `intake.delivery`). Row results and staged records
are written with one prepared statement per chunk of rows, never a query per row.
"""

import gzip
import hashlib
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO

from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from isal import igzip

from doorbraak.core.bulk import bulk_write
from doorbraak.core.errors import UserError
from doorbraak.core.problems import Problem
from doorbraak.intake.delivery import FATAL_CODES, Delivery, delivery_stream
from doorbraak.intake.mappings import mapping_for_file
from doorbraak.intake.models import (
    BatchFilePart,
    ImportBatch,
    RowResult,
    SourceMapping,
    SourceRecord,
)
from doorbraak.intake.row_checks import Checked, ResultRow, RowChecks, chunks_checked
from doorbraak.intake.validation import key_columns
from doorbraak.partners.models import Partner
from doorbraak.register.models import FactBatch

Result = RowResult.Result
GZIP_MAGIC = b"\x1f\x8b"
READ_SIZE = 1 << 20
PART_SIZE = 1 << 20  # a piece of the kept file (`BatchFilePart`)
PARTS_AT_ONCE = 8


class _DryRunDoneError(Exception):
    """Raised to roll a dry run back."""


@dataclass
class _Tally:
    read: int = 0
    accepted: int = 0
    warned: int = 0
    rejected: int = 0
    duplicates: int = 0
    updated: int = 0

    def add(self, rows: list[ResultRow]) -> None:
        counts = Counter(map(_RESULT, rows))
        self.read += len(rows)
        self.rejected += counts[Result.REJECTED]
        self.warned += counts[Result.WARNED]
        self.accepted += len(rows) - counts[Result.REJECTED] - counts[Result.WARNED]
        self.duplicates += counts[Result.UNCHANGED]
        self.updated += counts[Result.UPDATED]


_RESULT = attrgetter("result")


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
        delivery = delivery_stream(
            path=path, spec=mapping.spec, names=(partner.code, mapping.dataset)
        )
        checks = RowChecks(delivery)
        with (  # the worker (if any) is forked first, before the packing thread starts
            chunks_checked(checks, delivery, size=path.stat().st_size) as chunks,
            tempfile.TemporaryFile(prefix="doorbraak-aanlevering-") as spool,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-pack") as packer,
        ):
            packed = packer.submit(content_pack, path, spool)  # beside the rows (no GIL)
            _batch_process(batch, mapping, delivery, chunks, packed)
    except UserError as error:  # refused whole (also mid-file: the rows are rolled back)
        _batch_fail(batch, error)
        raise
    return batch


def content_pack(path: Path, target: BinaryIO) -> BinaryIO:
    """The delivered file as stored for the file back, gzip-compressed into `target` (about a
    third of the size for pseudonymised exports) by ISA-L's deflate, several times faster than
    zlib's and read back by `gzip` as any gzip file. Packed to a file, not memory: at a
    million rows it is some 400 MB."""
    with (
        path.open("rb") as source,
        igzip.IGzipFile(fileobj=target, mode="wb", compresslevel=1, mtime=0) as packed,
    ):
        shutil.copyfileobj(source, packed, READ_SIZE)
    return target


def content_unpack(batch: ImportBatch) -> bytes:
    """The delivered file, read back from its `BatchFilePart`s (see `content_store`)."""
    pieces = BatchFilePart.objects.filter(batch=batch).order_by("part")
    stored = b"".join(bytes(p) for p in pieces.values_list("data", flat=True).iterator(8))
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
    batch: ImportBatch,
    mapping: SourceMapping,
    delivery: Delivery,
    chunks: Iterable[Checked],
    packed: "Future[BinaryIO]",
) -> None:
    results = _Results(batch)
    try:
        with transaction.atomic():
            tally = _rows_write(batch, mapping, delivery, chunks, results)
            _batch_finish(batch, tally)
            if batch.dry_run:
                raise _DryRunDoneError
            content_store(batch, packed.result())
    except _DryRunDoneError:
        _dry_run_keep(batch, results, packed.result())


def _rows_write(
    batch: ImportBatch,
    mapping: SourceMapping,
    delivery: Delivery,
    chunks: Iterable[Checked],
    results: "_Results",
) -> _Tally:
    """Stream the delivery's checked rows into the database, a chunk at a time: only one chunk
    of rows (and the keys seen, for duplicates) is held in memory."""
    batch.status = ImportBatch.Status.RUNNING
    if not batch.dry_run:
        batch.fact_batch = _fact_batch(batch, mapping)
    batch.message = " ".join(p.message for p in delivery.warnings)[:500]
    batch.save()
    RowResult.objects.filter(batch=batch).delete()
    records = _Records(batch, ", ".join(key_columns(mapping.spec)))
    tally = _Tally()
    for checked in chunks:
        records.lookup(checked.stored_keys())
        rows = records.apply(checked)
        tally.add(rows)
        results.add(rows)
        results.flush()
        records.flush()
    _stream_check(delivery)
    assert tally.read == tally.accepted + tally.warned + tally.rejected  # noqa: S101 (the intake's invariant)
    return tally


def _stream_check(delivery: Delivery) -> None:
    """A file that could not be read to its end is refused whole (the transaction rolls back)."""
    fatal = [p for p in delivery.read.file_problems if p.code in FATAL_CODES]
    if fatal:
        raise UserError(fatal[0].code, fatal[0].message)


class _Results:
    """Row results, written a chunk at a time; a dry run's are kept for after the rollback."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        self.pending: list[ResultRow] = []

    def add(self, rows: list[ResultRow]) -> None:
        self.pending += rows

    def flush(self) -> None:
        if self.batch.dry_run:
            return
        self.write()

    def write(self) -> None:
        batch_id = self.batch.pk
        rows = ((batch_id, *row) for row in self.pending)
        bulk_write(RowResult, rows, fields=["batch", *ResultRow._fields])
        self.pending = []


_RECORD_FIELDS = ["partner", "dataset", "record_key", "batch", "row_number", "payload", "digest"]


class _Records:
    """The partner's staged records of this dataset, with the writes of this batch. Existing
    records are looked up a chunk of keys at a time, never all at once."""

    def __init__(self, batch: ImportBatch, key_column: str = "") -> None:
        self.batch, self.key_column = batch, key_column  # the key's header(s), for duplicates
        self.existing: dict[str, tuple[int, str]] = {}
        self.seen: set[str] = set()
        self.new: list[tuple[Any, ...]] = []
        self.changed: list[tuple[Any, ...]] = []
        # JSON goes in as the text its digest is of (COPY on PostgreSQL reads it as jsonb)
        self.record_of = (batch.partner_id, batch.dataset)
        self.batch_id, self.dry_run = batch.pk, batch.dry_run
        self.update = _update_sql(SourceRecord, ["batch", "row_number", "payload", "digest"])
        self.lookup_sql = _lookup_sql()
        # a first delivery of the dataset finds nothing stored: no lookups at all
        self.any_stored = self._stored().exists()

    def _stored(self) -> QuerySet[SourceRecord]:
        return SourceRecord.objects.filter(partner=self.batch.partner, dataset=self.batch.dataset)

    def lookup(self, keys: Iterable[str]) -> None:
        """Remember the stored (pk, digest) of these keys, forgetting the previous chunk's: one
        query per chunk (the keys as one array on PostgreSQL, one JSON array on SQLite)."""
        self.existing = {}
        if not self.any_stored:
            return
        wanted = [k for k in set(keys) if k not in self.seen]
        if not wanted:
            return
        keys_given = wanted if connection.vendor == "postgresql" else json.dumps(wanted)
        with connection.cursor() as cursor:
            cursor.execute(self.lookup_sql, [keys_given, self.batch.partner_id, self.batch.dataset])
            self.existing = {key: (pk, digest) for key, pk, digest in cursor.fetchall()}

    def apply(self, checked: Checked) -> list[ResultRow]:
        """The result of each row of a chunk: rejected by the checks, refused as a duplicate
        within the file, or stored (new, updated or unchanged; warned or not)."""
        rejected, warnings, rows = checked.rejected, checked.warnings, []
        columns = zip(checked.numbers, checked.keys, checked.texts, checked.digests, strict=True)
        for at, (number, key, text, digest) in enumerate(columns):
            if at in rejected:
                rows.append(rejected[at])
            elif key in self.seen:
                rows.append(_duplicate(number, key, self.key_column))
            else:
                self.seen.add(key)
                stored, warning = self.store(number, key, text, digest), warnings.get(at)
                rows.append(
                    ResultRow(number, key, stored)
                    if warning is None
                    else _warned(number, key, warning)
                )
        return rows

    def store(self, number: int, key: str, text: str, digest: str) -> str:
        found = self.existing.get(key)
        if found is not None and found[1] == digest:
            return Result.UNCHANGED
        if not self.dry_run:
            if found is None:
                self.new.append((*self.record_of, key, self.batch_id, number, text, digest))
            else:
                self.changed.append((self.batch_id, number, text, digest, found[0]))
        return Result.ACCEPTED if found is None else Result.UPDATED

    def flush(self) -> None:
        bulk_write(SourceRecord, self.new, fields=_RECORD_FIELDS)
        if self.changed:
            with connection.cursor() as cursor:
                cursor.executemany(self.update, self.changed)
        self.new, self.changed = [], []


def _duplicate(number: int, key: str, column: str) -> ResultRow:
    message = _(
        "Regel %(number)d: sleutel '%(key)s' in kolom '%(column)s' staat al eerder in dit "
        "bestand; lever elke regel één keer aan."
    ) % {"number": number, "key": key, "column": column}
    return ResultRow(number, key, Result.REJECTED, "sleutel-dubbel", column, message[:500])


def _warned(number: int, key: str, warning: Problem) -> ResultRow:
    return ResultRow(number, key, Result.WARNED, warning.code, warning.column, warning.message)


def _lookup_sql() -> str:
    """The stored key, id and digest of some records of one partner's dataset, by key (the
    partner, the dataset and the keys: one array on PostgreSQL, one JSON array on SQLite).
    On PostgreSQL each key probes the unique index (a LATERAL subquery with LIMIT 1, which
    the planner cannot turn into a join), whatever the table's statistics say: a table just
    filled by a large delivery has none until autovacuum analyses it, and both `= ANY` and a
    plain join then read every record of the partner's dataset for each chunk of keys (a
    hash join of the whole table, 0.6-1.3 s a chunk at a million records)."""
    quote, column = connection.ops.quote_name, _columns(SourceRecord)
    table, names = quote(SourceRecord._meta.db_table), ("record_key", "id", "digest")
    partner, dataset, key = (quote(column[n]) for n in ("partner", "dataset", "record_key"))
    if connection.vendor == "postgresql":
        return (
            f"SELECT {', '.join(f's.{quote(column[n])}' for n in names)} "  # noqa: S608 (names from the model)
            f"FROM unnest(%s::text[]) AS k(value) CROSS JOIN LATERAL (SELECT "
            f"{', '.join(quote(column[n]) for n in names)} FROM {table} WHERE {partner} = %s "
            f"AND {dataset} = %s AND {key} = k.value LIMIT 1) AS s"
        )
    return (
        f"SELECT {', '.join(quote(column[n]) for n in names)} FROM {table} "  # noqa: S608 (names from the model)
        f"WHERE {key} IN (SELECT value FROM json_each(%s)) AND {partner} = %s AND {dataset} = %s"
    )


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


def _batch_finish(batch: ImportBatch, tally: _Tally) -> None:
    for name in ("read", "accepted", "warned", "rejected", "duplicates", "updated"):
        setattr(batch, name, getattr(tally, name))
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    _batch_save(batch)


def _batch_save(batch: ImportBatch) -> None:
    """Save all but the size of the kept file, which `content_store` writes."""
    names = [
        f.name for f in ImportBatch._meta.concrete_fields if f.name not in ("id", "content_size")
    ]
    batch.save(update_fields=names)


def _dry_run_keep(batch: ImportBatch, results: _Results, packed: BinaryIO) -> None:
    """A dry run keeps only its report: the batch's counters, its file and row results."""
    batch.fact_batch = None
    with transaction.atomic():
        _batch_save(batch)
        content_store(batch, packed)
        results.write()


def content_store(batch: ImportBatch, packed: BinaryIO) -> None:
    """Keep the packed file as `BatchFilePart`s, a piece at a time: never the whole file in
    one value (SQLite would build a row of some 400 MB in memory at a million rows)."""
    packed.seek(0)

    def parts() -> Iterator[tuple[int, int, bytes]]:
        for number, piece in enumerate(iter(lambda: packed.read(PART_SIZE), b"")):
            yield batch.pk, number, piece

    fields = ["batch", "part", "data"]  # binary COPY on PostgreSQL: the bytes as they are
    bulk_write(BatchFilePart, parts(), fields=fields, chunk=PARTS_AT_ONCE, binary=True)
    batch.content_size = packed.tell()
    batch.save(update_fields=["content_size"])
