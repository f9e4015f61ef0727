"""The columnar extract of the register that the DuckDB engine reads (ADR 0007).

Only the columns the compiler can read leave the operational database
(`vocabulary.extract_columns`: ids, dates, codes; no pseudonyms, no free text), typed from the
Django models. `load_extract` copies them into a DuckDB database under the register's own
table names, so the compiled SQL runs unchanged; `write_extract` writes one Parquet file per
table, and `open_extract` reads such a directory back as views (the large-scale path).
Every DuckDB connection of the monitor comes from `duck_connect`, bounded by the settings
DOORBRAAK_MONITOR_DUCKDB_MEMORY, _THREADS and _TEMP_DIR (ADR 0045): beyond its memory limit
DuckDB spills to the temporary folder instead of growing until the process is killed.
"""

# ruff: noqa: S608 - table and column names come from the vocabulary, never from input

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Field

from doorbraak.monitor.definitions.vocabulary import extract_columns
from doorbraak.register import schema

CHUNK = 50_000
_TYPES = {
    "AutoField": "BIGINT",
    "BigAutoField": "BIGINT",
    "BigIntegerField": "BIGINT",
    "IntegerField": "BIGINT",
    "PositiveIntegerField": "BIGINT",
    "PositiveSmallIntegerField": "BIGINT",
    "SmallIntegerField": "BIGINT",
    "BooleanField": "BOOLEAN",
    "DateField": "DATE",
    "DateTimeField": "TIMESTAMP",
    "DecimalField": "DOUBLE",
    "FloatField": "DOUBLE",
}


def duck_connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB database within the monitor's memory limit, threads and spill folder."""
    config: dict[str, Any] = {
        "memory_limit": str(settings.MONITOR_DUCKDB_MEMORY),
        "temp_directory": str(settings.MONITOR_DUCKDB_TEMP_DIR),
    }
    if settings.MONITOR_DUCKDB_THREADS > 0:
        config["threads"] = settings.MONITOR_DUCKDB_THREADS
    return duckdb.connect(config=config)


def _field_type(field: Field[Any, Any]) -> str:
    target = getattr(field, "target_field", None) if field.is_relation else None
    if target is not None:
        return _field_type(target)
    return _TYPES.get(field.get_internal_type(), "VARCHAR")


def column_types() -> dict[str, dict[str, str]]:
    """Per extracted table: column -> DuckDB type, from the models that own the tables (a
    fact type's current view has its table's columns, `register.schema`)."""
    models = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    for fact in schema.FACT_TYPES.values():
        models[fact.current] = apps.get_model(schema.APP, fact.model)
    types: dict[str, dict[str, str]] = {}
    for table, columns in extract_columns().items():
        fields = {f.column: f for f in models[table]._meta.concrete_fields}
        types[table] = {column: _field_type(fields[column]) for column in columns}
    return types


def load_extract(target: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Copy the extract's columns of every table into `target`; rows per table.

    Dates travel as ISO text and are parsed by DuckDB (a Python date per value is the slow
    part otherwise); a nullable integer arrives as a float column whose NaN DuckDB reads as
    NULL, and is cast back.
    """
    counts: dict[str, int] = {}
    for table, types in column_types().items():
        names = list(types)
        selected = ", ".join(
            f"CAST({c} AS TEXT) AS {c}" if t == "DATE" else c for c, t in types.items()
        )
        casts = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in types.items())
        target.execute(f"DROP TABLE IF EXISTS {table}")
        target.execute(f"CREATE TABLE {table} ({', '.join(f'{c} {t}' for c, t in types.items())})")
        counts[table] = 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {selected} FROM {table}")
            while rows := cursor.fetchmany(CHUNK):
                chunk = pd.DataFrame.from_records(rows, columns=names)  # noqa: F841 - by name
                target.execute(f"INSERT INTO {table} SELECT {casts} FROM chunk")
                counts[table] += len(rows)
    return counts


def write_extract(directory: Path) -> dict[str, int]:
    """One Parquet file per table in `directory`; rows per table."""
    directory.mkdir(parents=True, exist_ok=True)
    with duck_connect() as target:
        counts = load_extract(target)
        for table in counts:
            path = directory / f"{table}.parquet"
            target.execute(f"COPY {table} TO '{path}' (FORMAT parquet)")
    return counts


def open_extract(directory: Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with a view per table over the Parquet files in `directory`."""
    target = duck_connect()
    for table in extract_columns():
        path = directory / f"{table}.parquet"
        target.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
    return target


def extract_state(directory: Path) -> dict[str, list[int]]:
    """Size and modification time of each Parquet file: what a run's fingerprint records."""
    state = {}
    for table in extract_columns():
        stat = (directory / f"{table}.parquet").stat()
        state[table] = [stat.st_size, stat.st_mtime_ns]
    return state
