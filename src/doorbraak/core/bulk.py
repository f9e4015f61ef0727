"""Many rows into one table: COPY on PostgreSQL, INSERTs of many rows each elsewhere.

Several times faster than `bulk_create` (each value converted field by field). An INSERT takes
as many rows as fit in 999 parameters (SQLite's old limit; a statement per row costs SQLite
twice as much per row). On SQLite the statements go to the driver itself unless queries are
being logged (DEBUG, tests capturing them): Django's cursor rewrites each '%s' with a regex,
which for a statement of many rows costs about as much as the INSERT; errors are still
Django's. The values must be ones the database driver adapts itself
(ints, dates, decimals, booleans, strings, JSON already adapted); the table and column names
come from the model, never from input, and are quoted by the backend. COPY (psycopg 3's
`cursor.copy`) sends rows as one stream, several times faster than INSERT on PostgreSQL; it runs
in the caller's transaction like the INSERTs do. JSON goes to COPY as its text. Rows that carry
large binary values go better as binary COPY (`binary=True`: each column sent in the type the
model gives it): in text COPY every byte travels as two hex digits, which the driver writes and
the server parses (for the 400 MB kept with a million-row delivery, some 3 s of CPU on each
side; binary: 0.2 s and 1.5 s).
"""

from collections.abc import Iterable, Sequence
from itertools import chain, islice
from typing import Any

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import Field, Model

CHUNK = 5000
MAX_PARAMETERS = 999  # per statement


def bulk_fields(model: type[Model], names: Sequence[str] | None = None) -> list[Field]:
    """The model's fields by name or attname (`batch` or `batch_id`); without names, every
    concrete field except the primary key, in declaration order."""
    concrete = model._meta.concrete_fields
    if names is None:
        return [f for f in concrete if not f.primary_key]
    by_name = {f.name: f for f in concrete} | {f.attname: f for f in concrete}
    return [by_name[name] for name in names]


def insert_statement(
    model: type[Model], fields: Sequence[str] | None = None, *, rows: int = 1, mark: str = "%s"
) -> str:
    """The prepared INSERT of `rows` rows of `fields` (see `bulk_fields`) into the model's
    table; the parameters (`mark`: Django's, or the driver's own) are the rows' values one
    after the other."""
    quote = connection.ops.quote_name
    chosen = bulk_fields(model, fields)
    columns = ", ".join(quote(f.column) for f in chosen)
    values = ", ".join(["(" + ", ".join([mark] * len(chosen)) + ")"] * rows)
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}"  # noqa: S608 - names from the model, quoted


def bulk_insert(
    model: type[Model],
    rows: Iterable[Sequence[Any]],
    *,
    fields: Sequence[str] | None = None,
    chunk: int = CHUNK,
) -> int:
    """Insert `rows` (values in the order of `fields`) a chunk at a time, in order; the number
    inserted. Runs in the caller's transaction; no model's `save()` or signals are involved."""
    per = max(1, min(chunk, MAX_PARAMETERS // len(bulk_fields(model, fields))))
    count, iterator = 0, iter(rows)
    with connection.cursor() as cursor:
        driver = _driver(cursor)
        mark = "?" if driver is not None else "%s"
        many = insert_statement(model, fields, rows=per, mark=mark)
        one = insert_statement(model, fields, mark=mark)
        target: Any = driver or cursor
        while batch := list(islice(iterator, chunk)):
            whole = len(batch) - len(batch) % per
            with connection.wrap_database_errors:
                for start in range(0, whole, per):
                    target.execute(many, list(chain.from_iterable(batch[start : start + per])))
                if whole < len(batch):
                    target.executemany(one, batch[whole:])
            count += len(batch)
    return count


def _driver(cursor: CursorWrapper) -> Any:
    """SQLite's own connection, when statements need not pass through Django's cursor (no
    query is logged and no execute wrapper is installed); else None."""
    if connection.vendor != "sqlite" or connection.queries_logged or connection.execute_wrappers:
        return None
    connection.validate_no_broken_transaction()
    return cursor.db.connection


def copy_statement(
    model: type[Model], fields: Sequence[str] | None = None, *, binary: bool = False
) -> str:
    """The `COPY ... FROM STDIN` of `fields` (see `bulk_fields`) into the model's table."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in bulk_fields(model, fields))
    form = " (FORMAT BINARY)" if binary else ""
    return f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN{form}"


def bulk_copy(
    model: type[Model],
    rows: Iterable[Sequence[Any]],
    *,
    fields: Sequence[str] | None = None,
    binary: bool = False,
) -> int:
    """PostgreSQL only: `rows` through one COPY, in text or (`binary`) binary format; the
    number written."""
    count = 0
    statement = copy_statement(model, fields, binary=binary)
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        if binary:  # binary COPY needs each column's type
            copy.set_types([f.db_type(connection) for f in bulk_fields(model, fields)])
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def bulk_write(
    model: type[Model],
    rows: Iterable[Sequence[Any]],
    *,
    fields: Sequence[str] | None = None,
    chunk: int = CHUNK,
    binary: bool = False,
) -> int:
    """`rows` into the model's table the fastest way the database has: COPY on PostgreSQL
    (binary COPY with `binary`: for rows of large bytes values), `bulk_insert` elsewhere. JSON
    values are given as their text."""
    if connection.vendor == "postgresql":
        return bulk_copy(model, rows, fields=fields, binary=binary)
    return bulk_insert(model, rows, fields=fields, chunk=chunk)
