"""`monitor_run`: compute every indicator per period × area × breakdown, gate, materialise.

For every indicator with a computation rule, every period, every allowed area level and every
breakdown (the total and each breakdown the rule allows), the compiled SQL runs on the
register: one statement per indicator for all periods (ADR 0044), its rows split by period.
Areas of the level without facts and breakdown categories without rows are filled
with 0 (a share with denominator 0 has no value). Each indicator × period is one table across
the area hierarchy (wijk → gemeente → region) and the breakdown totals; all tables of the run
pass the disclosure gate together (`monitor.protection.gate_tables`: the table gate, then the
protection intervals of ADR 0012) before anything is stored, and only the gated cells are
stored (ADR 0007). A run with the same inputs as an earlier finished run returns that run.
The run records the last day its data cover (`data_until`, from the register's batches): the
readers label a period ending after it as running and keep it out of status judgements
(ADR 0018).
"""

# ruff: noqa: S608 - table names below are constants, never input

import datetime as dt
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.area_levels import MONITOR_LEVELS
from doorbraak.core.bulk import bulk_insert
from doorbraak.core.errors import UserError
from doorbraak.core.periods import Period, PeriodType, period_parse, periods_between
from doorbraak.monitor.compiler import LEVELS, compile_periods
from doorbraak.monitor.definitions import (
    IndicatorComputation,
    IndicatorDefinitions,
    parse_definitions_file,
)
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.extract import duck_connect, extract_state, load_extract, open_extract
from doorbraak.monitor.kept_pages import pages_forget
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.monitor.protection import Cell, Table, gate_tables
from doorbraak.programme.selectors import plan_version_current
from doorbraak.register import schema
from doorbraak.register.selectors import register_as_of

FIRST_YEAR = 2023
# Raise when the compiler or the gate changes what a run stores: a stored run computed the old
# way is then not reused for the same inputs. 2: the gate no longer hides a zero next to a
# small count (ADR 0007, addendum).
METHOD = 2
ENGINES = ("database", "duckdb")
UNKNOWN = "onbekend"  # a breakdown category the register leaves empty
COUNT_KINDS = ("count", "count_distinct")
KNOWN_CATEGORIES = {"age_group": tuple(name for name, _low, _high in v.AGE_GROUPS)}
# Input tables whose size and newest row say whether the register changed within a batch.
INPUT_TABLES = (
    *(table.db_table for table in v.TABLES.values()),
    v.RESIDENCE,
    v.PERSON,
    v.AREA,
)

# Of those, the learning network's: few rows, edited in place by the programme team.
CONTENT_TABLES = v.LEARNING_TABLES

Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


@dataclass
class RunResult:
    run: MonitorRun
    reused: bool


# --- inputs and fingerprints -----------------------------------------------------------------


def definition_hash(indicator: IndicatorComputation, definitions: IndicatorDefinitions) -> str:
    """SHA-256 of the rule and the populations it names; line numbers do not count."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(x) for k, x in value.items() if k not in ("line", "lines")}
        if isinstance(value, list | tuple):
            return [strip(x) for x in value]
        return value

    rule = strip(asdict(indicator))
    text = json.dumps(rule, sort_keys=True, default=str)
    named = sorted(
        p.code for p in definitions.populations if f'"{p.code}"' in text
    )  # populations are referenced by their code
    populations = [strip(asdict(p)) for p in definitions.populations if p.code in named]
    payload = json.dumps({"rule": rule, "populations": populations}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def default_periods(today: dt.date | None = None) -> list[Period]:
    """The years from the programme's first year up to this year."""
    today = today or dt.date.today()
    return list(periods_between(dt.date(FIRST_YEAR, 1, 1), today, PeriodType.YEAR))


def quarters(today: dt.date | None = None) -> list[Period]:
    """Every quarter from the programme's first year up to the current quarter."""
    today = today or dt.date.today()
    return list(periods_between(dt.date(FIRST_YEAR, 1, 1), today, PeriodType.QUARTER))


def _fact_batches() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {schema.BATCH_TABLE} WHERE superseded_at IS NULL ORDER BY id"
        )
        return [row[0] for row in cursor.fetchall()]


def _register_state() -> dict[str, Any]:
    """Row count and newest id per input table, and the processed deliveries; for a table of
    the learning network also a digest of its rows, since an edit in place (an agenda's date,
    a procurement's conditions) keeps both its count and its newest id."""
    state: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for table in INPUT_TABLES:
            cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {table}")
            state[table] = list(cursor.fetchone() or ())
            if table in CONTENT_TABLES:
                state[table].append(_rows_digest(cursor, table))
        cursor.execute("SELECT id, status, dry_run FROM intake_importbatch ORDER BY id")
        state["deliveries"] = [list(row) for row in cursor.fetchall()]
    return state


def _rows_digest(cursor: Any, table: str) -> str:
    cursor.execute(f"SELECT * FROM {table} ORDER BY id")
    digest = hashlib.sha256()
    for row in cursor.fetchall():
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def data_until(started: dt.datetime) -> dt.date:
    """The last day the register's data cover: the newest as-of date of its current batches
    (a synthetic region's, or a linked batch's latest record). Without one, the day of the run:
    data cannot run past the moment they were read, so a period not over yet is still shown as
    running."""
    return register_as_of() or timezone.localdate(started)


def _fingerprint(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


# --- areas and categories --------------------------------------------------------------------


def _areas() -> dict[str, list[tuple[str, str | None]]]:
    """Per level (region, gemeente, wijk): (code, parent code) of every area."""
    found: dict[str, list[tuple[str, str | None]]] = {level: [] for level in LEVELS}
    names = {level.stored: level.api for level in MONITOR_LEVELS}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.level, a.code, p.code FROM {v.AREA} AS a "
            f"LEFT JOIN {v.AREA} AS p ON p.id = a.parent_id "
            "WHERE a.level IN ('regio', 'gemeente', 'wijk') ORDER BY a.code"
        )
        seen: set[tuple[str, str]] = set()
        for level, code, parent in cursor.fetchall():
            if (level, code) not in seen:
                seen.add((level, code))
                found[names[level]].append((code, parent))
    return found


# --- the run ---------------------------------------------------------------------------------


def monitor_run(
    *,
    periods: Sequence[Period | str] | None = None,
    levels: Sequence[str] = LEVELS,
    progress: Progress = _quiet,
    definitions: IndicatorDefinitions | None = None,
    engine: str | None = None,
    extract: Path | None = None,
) -> RunResult:
    """Compute, gate and store every indicator; an earlier run with the same inputs is reused.

    `engine` "database" runs the SQL on the operational database; "duckdb" copies the
    register's columnar extract into DuckDB first, or reads the Parquet extract in `extract`
    (then that extract, not the register, is the input). Default: the setting
    DOORBRAAK_MONITOR_ENGINE.
    """
    engine = engine or str(settings.MONITOR_ENGINE)
    if engine not in ENGINES or (extract is not None and engine != "duckdb"):
        raise UserError(
            "onbekende-rekenmachine",
            _("Onbekende rekenmachine '{engine}'. Kies uit: {options}.").format(
                engine=engine, options=", ".join(ENGINES)
            )
            if engine not in ENGINES
            else _("Een extract (--extract) kan alleen met --rekenmachine duckdb."),
        )
    started, clock = timezone.now(), time.monotonic()
    chosen = [period_parse(p) if isinstance(p, str) else p for p in (periods or default_periods())]
    chosen = sorted(set(chosen), key=lambda p: (p.start.year, -p.months, p.start))
    unknown = [level for level in levels if level not in LEVELS]
    if unknown or not levels:
        raise UserError(
            "onbekend-niveau",
            _("Onbekend gebiedsniveau '{levels}'. Kies uit: {options}.").format(
                levels=", ".join(unknown), options=", ".join(LEVELS)
            ),
        )
    ordered_levels = [level for level in LEVELS if level in levels]
    if definitions is None:
        parsed = parse_definitions_file()
        if parsed.definitions is None:
            raise UserError(
                "definities-ongeldig",
                _("De rekenregels bevatten fouten; voer 'doorbraak indicators check' uit."),
            )
        definitions = parsed.definitions
    threshold = int(settings.DISCLOSURE_THRESHOLD)
    plan_version = plan_version_current()
    hashes = {i.code: definition_hash(i, definitions) for i in definitions.indicators}
    batches = _fact_batches()
    until = data_until(started)
    fingerprint = _fingerprint(
        {
            "plan_version": plan_version.pk if plan_version else None,
            "batches": batches,
            "data_until": until,
            "register": _register_state() if extract is None else extract_state(extract),
            "hashes": hashes,
            "periods": [p.identifier for p in chosen],
            "levels": ordered_levels,
            "threshold": threshold,
            "method": METHOD,
        }
    )
    earlier = (
        MonitorRun.objects.filter(fingerprint=fingerprint, status=MonitorRun.Status.DONE)
        .order_by("-id")
        .first()
    )
    if earlier is not None:
        progress(f"Niets veranderd sinds run {earlier.pk}; die wordt gebruikt.")
        return RunResult(earlier, reused=True)

    inputs = {
        "started_at": started,
        "plan_version": plan_version,
        "fact_batches": batches,
        "definition_hashes": hashes,
        "periods": [p.identifier for p in chosen],
        "levels": ordered_levels,
        "threshold": threshold,
        "fingerprint": fingerprint,
        "engine": engine,
        "data_until": until,
    }
    execute = None
    try:
        execute = Executor(engine, extract, progress)
        values, suppressed = _values(
            definitions, hashes, chosen, ordered_levels, threshold, progress, execute
        )
    except Exception as error:
        MonitorRun.objects.create(
            **inputs,
            status=MonitorRun.Status.FAILED,
            finished_at=timezone.now(),
            seconds=round(time.monotonic() - clock, 3),
            message=f"{type(error).__name__}: {error}"[:2000],
        )
        raise
    finally:
        if execute is not None:
            execute.close()
    with transaction.atomic():
        run = MonitorRun.objects.create(
            **inputs,
            status=MonitorRun.Status.DONE,
            indicator_count=len(definitions.indicators),
            value_count=len(values),
            suppressed_count=suppressed,
        )
        _store(run, values)
        run.finished_at = timezone.now()
        run.seconds = round(time.monotonic() - clock, 3)
        run.save(update_fields=["finished_at", "seconds"])
    pages_forget()  # pages kept in this process show the new run at once
    return RunResult(run, reused=False)


def tables_ungated(
    *, periods: Sequence[str], levels: Sequence[str] = LEVELS
) -> dict[tuple[str, str], Table]:
    """Every indicator × period's table on the register as a run computes it, before the
    disclosure gate: only for holding the register against a synthetic region's truth
    (`pipeline.truth`, in tests and benchmarks), where a suppressed cell would hide what is
    compared. Never stored, never shown."""
    parsed = parse_definitions_file()
    if parsed.definitions is None:
        raise UserError(
            "definities-ongeldig",
            _("De rekenregels bevatten fouten; voer 'doorbraak indicators check' uit."),
        )
    execute = Executor("database", None, _quiet)
    chosen = [period_parse(p) for p in periods]
    ordered = [level for level in LEVELS if level in levels]
    return _tables(parsed.definitions, chosen, ordered, _areas(), _quiet, execute)


Rows = list[tuple[Any, ...]]


class _Deferred:
    """A query run on the operational database when its result is asked for."""

    def __init__(self, sql: str) -> None:
        self.sql = sql

    def result(self) -> Rows:
        with connection.cursor() as cursor:
            cursor.execute(self.sql)
            return list(cursor.fetchall())


class Executor:
    """Runs compiled SQL on one engine; `dialect` is what to compile for.

    On the operational database a statement runs when its rows are asked for (in the run's
    own transaction and connection). In DuckDB every statement is submitted at once to a pool
    of one thread per core, each with its own cursor on the same in-memory database: a
    region's tables are too small for DuckDB to spread one statement over both cores, and the
    gate works on earlier tables meanwhile.
    """

    def __init__(self, engine: str, extract: Path | None, progress: Progress) -> None:
        self.duck: duckdb.DuckDBPyConnection | None = None
        self.pool: ThreadPoolExecutor | None = None
        self.local = threading.local()
        self.dialect = connection.vendor
        if engine == "duckdb":
            self.dialect = "duckdb"
            if extract is not None:
                self.duck = open_extract(extract)
            else:
                clock = time.monotonic()
                self.duck = duck_connect()
                rows = sum(load_extract(self.duck).values())
                progress(f"Extract in DuckDB: {rows} rijen in {time.monotonic() - clock:.1f} s")
            self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)

    def submit(self, sql: str) -> "Future[Rows] | _Deferred":
        if self.pool is None:
            return _Deferred(sql)
        return self.pool.submit(self._duck_rows, sql)

    def _duck_rows(self, sql: str) -> Rows:
        cursor = getattr(self.local, "cursor", None)
        if cursor is None:
            assert self.duck is not None  # noqa: S101 - a pool exists only with DuckDB
            cursor = self.local.cursor = self.duck.cursor()
        return cursor.execute(sql).fetchall()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.duck is not None:
            self.duck.close()


def _shape(indicator: IndicatorComputation, levels: Sequence[str]) -> tuple[list[str], list[str]]:
    """The indicator's area levels among those asked for, and its breakdowns ('' the total)."""
    allowed = ["region", *[b for b in indicator.breakdowns if b in v.AREA_LEVELS]]
    its_levels = [level for level in levels if level in allowed]
    breakdowns = ["", *[b for b in indicator.breakdowns if b not in v.AREA_LEVELS]]
    return its_levels, breakdowns


def _values(
    definitions: IndicatorDefinitions,
    hashes: dict[str, str],
    chosen: Sequence[Period],
    ordered_levels: Sequence[str],
    threshold: int,
    progress: Progress,
    execute: Executor,
) -> tuple[list[tuple[Any, ...]], int]:
    """Every gated cell of every indicator as a row of `_VALUE_COLUMNS` (without the run);
    and the number suppressed."""
    areas = _areas()
    tables = _tables(definitions, chosen, ordered_levels, areas, progress, execute)
    clock = time.monotonic()
    # counts of activities and organisations disclose no person: they pass as they are
    # (ADR 0036); every other table goes through the gate
    exempt = {i.code for i in definitions.indicators if v.counts_no_persons(i)}
    gated = gate_tables(
        {key: table for key, table in tables.items() if key[0] not in exempt},
        {i.code: i.kind for i in definitions.indicators},
        areas,
        threshold,
        indicators={i.code: i for i in definitions.indicators},
        workers=settings.GATE_WORKERS,
    )
    progress(
        f"Onthullingscontrole: {gated.suppressed} cellen afgeschermd, waarvan "
        f"{gated.suppressed - gated.by_table_gate} voor de beschermingsintervallen "
        f"({time.monotonic() - clock:.1f} s)"
    )
    values = [
        (
            code,
            hashes[code],
            period_id,
            level,
            area,
            breakdown,
            category,
            cell.numerator,
            cell.denominator,
            cell.value,
            cell.suppressed,
        )
        for (code, period_id), table in tables.items()
        for (level, area, breakdown, category), cell in sorted(table.cells.items())
    ]
    return values, gated.suppressed


def _tables(
    definitions: IndicatorDefinitions,
    chosen: Sequence[Period],
    ordered_levels: Sequence[str],
    areas: dict[str, list[tuple[str, str | None]]],
    progress: Progress,
    execute: Executor,
) -> dict[tuple[str, str], Table]:
    """Every indicator × period's table, zero-filled, in definition and period order: one
    statement per indicator yields the tables of every period, its rows split by their first
    column (the period)."""
    jobs = {}
    for indicator in definitions.indicators:
        its_levels, breakdowns = _shape(indicator, ordered_levels)
        if its_levels and chosen:  # none of the requested levels may be allowed for it
            sql = compile_periods(
                indicator,
                definitions=definitions,
                periods=chosen,
                levels=its_levels,
                breakdowns=[b or None for b in breakdowns],
                dialect=execute.dialect,
            )
            jobs[indicator.code] = execute.submit(sql)
    tables: dict[tuple[str, str], Table] = {}
    total = len(definitions.indicators)
    for number, indicator in enumerate(definitions.indicators, start=1):
        progress(f"[{number}/{total}] {indicator.code}")
        its_levels, breakdowns = _shape(indicator, ordered_levels)
        found = _by_period(jobs[indicator.code].result()) if its_levels and chosen else {}
        rows = {period.identifier: _table(found.get(period.identifier, [])) for period in chosen}
        categories = _categories(rows.values(), breakdowns)
        local = _local_categories(rows.values())
        for period_id, table in rows.items():
            _zero_fill(table, indicator, its_levels, areas, categories, local)
            tables[(indicator.code, period_id)] = table
    return tables


def _by_period(rows: Rows) -> dict[str, Rows]:
    """A statement's rows per period, without the period column."""
    found: dict[str, Rows] = {}
    for period, *rest in rows:
        found.setdefault(period, []).append(tuple(rest))
    return found


def _table(rows: Rows) -> Table:
    """The statement's rows as cells; an empty breakdown category is 'onbekend'."""
    table = Table()
    for level, area, breakdown, category, numerator, denominator, value in rows:
        label = "" if not breakdown else (UNKNOWN if category in (None, "") else category)
        table.cells[(level, area, breakdown, str(label))] = Cell(
            _number(numerator), _number(denominator), _number(value)
        )
    return table


_VALUE_COLUMNS = (
    "indicator_code",
    "definition_hash",
    "period",
    "area_level",
    "area_code",
    "breakdown",
    "breakdown_value",
    "numerator",
    "denominator",
    "value",
    "suppressed",
)


def _store(run: MonitorRun, values: list[tuple[Any, ...]]) -> None:
    """Insert the run's cells with one prepared statement (model instances per cell were the
    slowest part of a run)."""
    rows = ((run.pk, *value) for value in values)
    bulk_insert(IndicatorValue, rows, fields=("run", *_VALUE_COLUMNS))


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _categories(tables: Iterable[Table], breakdowns: Iterable[str]) -> dict[str, list[str]]:
    """Every category of each breakdown seen in any period, plus the known ones."""
    found: dict[str, set[str]] = {b: set(KNOWN_CATEGORIES.get(b, ())) for b in breakdowns if b}
    for table in tables:
        for _level, _area, breakdown, category in table.cells:
            if breakdown:
                found[breakdown].add(category)
    return {b: sorted(c) for b, c in found.items()}


def _empty(indicator: IndicatorComputation) -> Cell:
    """The cell of an area or category without rows."""
    if indicator.kind in COUNT_KINDS:
        return Cell(0.0, None, 0.0)
    if indicator.kind in ("median", "reference_share"):  # no observations; no published figure
        return Cell(0.0, None, None)
    return Cell(0.0, 0.0, None)


# Breakdowns whose categories belong to places: a dorp lies in one gemeente, so an area is
# zero-filled only with the dorpen seen in it in some period (not every wijk with every dorp).
LOCAL_BREAKDOWNS = ("dorp", "experiment")


def _local_categories(tables: Iterable[Table]) -> dict[tuple[str, str, str], set[str]]:
    """(level, area, local breakdown) -> the categories seen there in any period."""
    found: dict[tuple[str, str, str], set[str]] = {}
    for table in tables:
        for level, area, breakdown, category in table.cells:
            if breakdown in LOCAL_BREAKDOWNS:
                found.setdefault((level, area, breakdown), set()).add(category)
    return found


def _zero_fill(
    table: Table,
    indicator: IndicatorComputation,
    levels: Iterable[str],
    areas: dict[str, list[tuple[str, str | None]]],
    categories: dict[str, list[str]],
    local: dict[tuple[str, str, str], set[str]],
) -> None:
    for level in levels:
        for code, _parent in areas[level]:
            table.cells.setdefault((level, code, "", ""), _empty(indicator))
            for breakdown, names in categories.items():
                chosen = (
                    sorted(local.get((level, code, breakdown), ()))
                    if breakdown in LOCAL_BREAKDOWNS
                    else names
                )
                for name in chosen:
                    table.cells.setdefault((level, code, breakdown, name), _empty(indicator))
