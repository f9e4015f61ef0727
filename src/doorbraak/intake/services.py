"""Run a delivery: read, check every row, and write row results and staged records in one
transaction. read == accepted + warned + rejected, always. The same file twice changes nothing; a
later, overlapping export updates by the mapping's keys; a crash leaves no half batch (the
batch stays 'ontvangen' and a rerun of the same file completes it); a dry run rolls back.

Files are read with `doorbraak.sources` (see `intake.delivery`). Row results and staged records
are written with one prepared statement per chunk of rows, never a query per row.
"""

import gzip
import hashlib
import io
import itertools
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.bulk import bulk_write
from doorbraak.core.errors import UserError
from doorbraak.core.problems import Problem
from doorbraak.intake.delivery import FATAL_CODES, Delivery, delivery_stream
from doorbraak.intake.key_check import KeyIdCheck
from doorbraak.intake.mappings import mapping_for_file
from doorbraak.intake.models import ImportBatch, RowResult, SourceMapping, SourceRecord
from doorbraak.intake.validation import ParsedRow, RowChecker, payload_digest
from doorbraak.partners.models import Partner
from doorbraak.register.models import FactBatch

Result = RowResult.Result
CHUNK = 5_000
LOOKUP_CHUNK = 900  # keys per query: under SQLite's 999 parameters
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
    warned: int = 0
    rejected: int = 0
    duplicates: int = 0
    updated: int = 0

    def add(self, row: _Row) -> None:
        self.read += 1
        self.rejected += row.result == Result.REJECTED
        self.warned += row.result == Result.WARNED
        self.accepted += row.result not in (Result.REJECTED, Result.WARNED)
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
        delivery = delivery_stream(
            path=path, spec=mapping.spec, names=(partner.code, mapping.dataset)
        )
        with (
            tempfile.TemporaryFile(prefix="doorbraak-aanlevering-") as spool,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-pack") as packer,
        ):
            packed = packer.submit(content_pack, path, spool)  # zlib beside the rows (no GIL)
            _batch_process(batch, mapping, delivery, packed)
    except UserError as error:  # refused whole (also mid-file: the rows are rolled back)
        _batch_fail(batch, error)
        raise
    return batch


def content_pack(path: Path, target: BinaryIO) -> BinaryIO:
    """The delivered file as stored for the file back, gzip-compressed into `target` (about a
    quarter of the size for pseudonymised exports, and under SQLite's 1 GB limit for a value).
    Packed to a file, not memory: at a million rows it is some 400 MB."""
    with (
        path.open("rb") as source,
        gzip.GzipFile(fileobj=target, mode="wb", compresslevel=1, mtime=0) as packed,
    ):
        shutil.copyfileobj(source, packed, READ_SIZE)
    return target


def content_unpack(batch: ImportBatch) -> bytes:
    """The delivered file, read from the database (`content_store` writes it past the model)."""
    found = ImportBatch.objects.filter(pk=batch.pk).values_list("content", flat=True).first()
    stored = bytes(found or b"")
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
    batch: ImportBatch, mapping: SourceMapping, delivery: Delivery, packed: "Future[BinaryIO]"
) -> None:
    results = _Results(batch)
    try:
        with transaction.atomic():
            tally = _rows_write(batch, mapping, delivery, results)
            _batch_finish(batch, tally)
            if batch.dry_run:
                raise _DryRunDoneError
            content_store(batch, packed.result())
    except _DryRunDoneError:
        _dry_run_keep(batch, results, packed.result())


def _rows_write(
    batch: ImportBatch, mapping: SourceMapping, delivery: Delivery, results: "_Results"
) -> _Tally:
    """Stream the delivery's rows through the checks into the database, a chunk at a time:
    only one chunk of rows (and the keys seen, for duplicates) is held in memory."""
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
    key_ids = KeyIdCheck(read.fields)  # refuses a delivery made with another key (ADR 0010)
    records = _Records(batch)
    tally = _Tally()
    items = delivery.items()
    while chunk := list(itertools.islice(items, CHUNK)):
        key_ids.rows(chunk)
        parsed = [item if isinstance(item, Problem) else checker.parse(*item) for item in chunk]
        records.lookup(p.key for p in parsed if isinstance(p, ParsedRow))
        for item in parsed:
            row = _problem_row(item) if isinstance(item, Problem) else _row_apply(item, records)
            tally.add(row)
            results.add(row)
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
        self.pending: list[_Row] = []

    def add(self, row: _Row) -> None:
        self.pending.append(row)

    def flush(self) -> None:
        if self.batch.dry_run:
            return
        self.write()

    def write(self) -> None:
        batch_id = self.batch.pk
        rows = ((batch_id, *row) for row in self.pending)
        bulk_write(RowResult, rows, fields=["batch", *_Row._fields])
        self.pending = []


_RECORD_FIELDS = ["partner", "dataset", "record_key", "batch", "row_number", "payload", "digest"]


class _Records:
    """The partner's staged records of this dataset, with the writes of this batch. Existing
    records are looked up a chunk of keys at a time, never all at once."""

    def __init__(self, batch: ImportBatch) -> None:
        self.batch = batch
        self.existing: dict[str, tuple[int, str]] = {}
        self.seen: set[str] = set()
        self.new: list[tuple[Any, ...]] = []
        self.changed: list[tuple[Any, ...]] = []
        # PostgreSQL takes JSON as text through COPY; an UPDATE needs it adapted. Other
        # backends store JSON as text: the digest's JSON is stored as is.
        self.adapt_json = connection.vendor == "postgresql"
        self.update = _update_sql(SourceRecord, ["batch", "row_number", "payload", "digest"])
        # a first delivery of the dataset finds nothing stored: no lookups at all
        self.any_stored = self._stored().exists()

    def _stored(self) -> QuerySet[SourceRecord]:
        return SourceRecord.objects.filter(partner=self.batch.partner, dataset=self.batch.dataset)

    def lookup(self, keys: Iterable[str]) -> None:
        """Remember the stored (pk, digest) of these keys, forgetting the previous chunk's."""
        self.existing = {}
        if not self.any_stored:
            return
        wanted = sorted({k for k in keys if k not in self.seen and len(k) <= KEY_LENGTH})
        query = self._stored()
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            part = wanted[start : start + LOOKUP_CHUNK]
            self.existing.update(
                (key, (pk, digest))
                for key, pk, digest in query.filter(record_key__in=part).values_list(
                    "record_key", "pk", "digest"
                )
            )

    def store(self, parsed: ParsedRow) -> str:
        text = parsed.text
        found, digest = self.existing.get(parsed.key), payload_digest(text)
        if found is not None and found[1] == digest:
            return Result.UNCHANGED
        if not self.batch.dry_run:
            batch_id = self.batch.pk
            if found is None:
                partner_id, dataset = self.batch.partner_id, self.batch.dataset
                self.new.append(
                    (partner_id, dataset, parsed.key, batch_id, parsed.number, text, digest)
                )
            else:
                payload = (
                    connection.ops.adapt_json_value(parsed.payload, None)
                    if self.adapt_json
                    else text
                )
                self.changed.append((batch_id, parsed.number, payload, digest, found[0]))
        return Result.ACCEPTED if found is None else Result.UPDATED

    def flush(self) -> None:
        bulk_write(SourceRecord, self.new, fields=_RECORD_FIELDS)
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


def _problem_row(problem: Problem) -> _Row:
    """A row that could not be read as a row."""
    return _Row(problem.line or 0, "", Result.REJECTED, problem.code, "", problem.message[:500])


def _row_apply(parsed: ParsedRow, records: _Records) -> _Row:
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
    stored, warning = records.store(parsed), parsed.warning
    if warning is None:
        return _Row(number, key, stored)
    return _Row(number, key, Result.WARNED, warning.code, warning.column, warning.message)


def _batch_finish(batch: ImportBatch, tally: _Tally) -> None:
    for name in ("read", "accepted", "warned", "rejected", "duplicates", "updated"):
        setattr(batch, name, getattr(tally, name))
    batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    _batch_save(batch)


def _batch_save(batch: ImportBatch) -> None:
    """Save all but the content, which `content_store` writes a piece at a time."""
    names = [f.name for f in ImportBatch._meta.concrete_fields if f.name not in ("id", "content")]
    batch.save(update_fields=names)


def _dry_run_keep(batch: ImportBatch, results: _Results, packed: BinaryIO) -> None:
    """A dry run keeps only its report: the batch's counters, its file and row results."""
    batch.fact_batch = None
    with transaction.atomic():
        _batch_save(batch)
        content_store(batch, packed)
        results.write()


def content_store(batch: ImportBatch, packed: BinaryIO) -> None:
    """Write the packed file into the batch's `content` without holding it in memory: SQLite
    takes it through its blob API, PostgreSQL through a COPY into a temporary table."""
    size = packed.seek(0, io.SEEK_END)
    packed.seek(0)
    if connection.vendor == "postgresql":
        _content_store_postgresql(batch, packed)
    else:
        _content_store_sqlite(batch, packed, size)


def _content_store_sqlite(batch: ImportBatch, packed: BinaryIO, size: int) -> None:
    table = ImportBatch._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET content = zeroblob(%s) WHERE id = %s",  # noqa: S608 (the model's table)
            [size, batch.pk],
        )
    with connection.connection.blobopen(table, "content", batch.pk) as blob:
        while piece := packed.read(READ_SIZE):
            blob.write(piece)


def _content_store_postgresql(batch: ImportBatch, packed: BinaryIO) -> None:
    table = connection.ops.quote_name(ImportBatch._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE intake_content (data bytea) ON COMMIT DROP")
        with cursor.cursor.copy("COPY intake_content (data) FROM STDIN") as copy:
            copy.write(b"\\\\x")  # a bytea in hex, its backslash escaped for COPY
            while piece := packed.read(READ_SIZE):
                copy.write(piece.hex().encode())
            copy.write(b"\n")
        cursor.execute(
            f"UPDATE {table} SET content = (SELECT data FROM intake_content) WHERE id = %s",  # noqa: S608 (the model's table)
            [batch.pk],
        )
        cursor.execute("DROP TABLE intake_content")
