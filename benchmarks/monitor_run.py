"""A full `monitor run` at region scale and at about a million households, beside hand-written
SQL for six of the indicators on the same engine (the limit the compiled rules are held to).

Input: a database holding the demo region's linked register (default: a copy of
`var/doorbraak.sqlite3` as `python3 tasks.py demo` leaves it; 33,535 households). The copy
is migrated and its earlier monitor runs removed, so every run computes. Like the compiled
rules, the hand-written SQL reads each fact table's `_current` view (ADR 0009).

1. Region, operational database (SQLite): `monitor_run(engine="database")`, years 2023 up to
   now × region, gemeente and wijk × every breakdown; gate and store included.
2. Region, DuckDB: `monitor_run(engine="duckdb")`, the register copied into DuckDB first
   (included in the time); then both runs' stored cells compared, every cell (ADR 0034).
3. Six indicators (D1, P1, P2, P3, P6, P7) per year, compiled vs hand-written, on DuckDB over
   the region's extract: the compiled statement per period and every period in one statement
   (what a run executes, ADR 0044), each against the hand-written statements per period; the
   hand-written region totals must equal the compiled ones.
4. About 1 M households: the region's Parquet extract repeated K times with fresh household,
   person and fact ids (same areas, partners and interventions; K = 30 gives 1,006,050
   households), then `monitor_run(engine="duckdb", extract=...)` and steps 3's comparison on it.

5. With --gate-against COMMIT (first): the disclosure gate of that commit and of this code
   (in one process, and with its worker processes: ADR 0046) over the same region tables,
   each in its own process, in turns: every cell's numbers and flag compared exactly, and
   each gate's wall and CPU time (ADR 0039). --gate-only: only that.

Prints seconds, stored cells and peak resident memory.

    .venv/bin/python benchmarks/monitor_run.py [--database FILE.sqlite3] [--households N]
        [--region-only] [--gate-against COMMIT [--gate-only]]
"""

# ruff: noqa: S608 - the SQL below is built from constants and dates, never from input

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import pickle
import resource
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from demo_copy import demo_copy, runs_removed
from disclosure_gate import captured_tables

ROOT = Path(__file__).resolve().parent.parent
SIX = ("D1", "P1", "P2", "P3", "P6", "P7")
# Breakdowns added after the hand-written SQL was (ADR 0042): compiled without them in the
# comparison, so both sides compute the same table (D1 and P1 have them).
LATER_BREAKDOWNS = ("dorp", "experiment")
# Tables whose rows belong to a household or person and are repeated when scaling up, with
# the id columns that get an offset per copy.
REPEATED = {
    "register_person": ("id",),
    "register_residence_current": ("id", "household_id"),
    "register_membership_current": ("id", "household_id", "person_id"),
    "register_signal_current": ("id", "household_id", "person_id"),
    "register_capitalassessment_current": ("id", "household_id", "person_id"),
    "register_outcome_current": ("id", "household_id", "person_id"),
    "register_enrolment_current": ("id", "household_id", "person_id"),
    "register_supportplan_current": ("id", "household_id"),
    "register_contactassignment_current": ("id", "household_id"),
}
AREAS = """
    JOIN areas_area AS buurt ON buurt.id = r.buurt_id
    JOIN areas_area AS wijk ON wijk.id = buurt.parent_id
    JOIN areas_area AS gemeente ON gemeente.id = wijk.parent_id
    JOIN areas_area AS region ON region.id = gemeente.parent_id"""
CODES = "region.code AS region_code, gemeente.code AS gemeente_code, wijk.code AS wijk_code"


def _at(day: str) -> str:
    """The residence on `day` (an expression)."""
    return (
        f"JOIN register_residence_current AS r ON r.household_id = f.household_id "
        f"AND r.valid_from <= {day} AND (r.valid_to IS NULL OR r.valid_to > {day})"
    )


def _age_group(day: str) -> str:
    months = f"(year({day}) * 12 + month({day}))"
    age = f"(({months} - (p.birth_year * 12 + coalesce(p.birth_month, 1))) // 12)"
    return (
        f"CASE WHEN p.birth_year IS NULL THEN 'onbekend' WHEN {age} <= 17 THEN 'kind' "
        f"WHEN {age} <= 26 THEN 'jongere' ELSE 'volwassene' END"
    )


def _grouping(*breakdowns: str) -> str:
    """0 for a grouped column, 1 for a rolled-up one: the region total has every bit set."""
    return f"GROUPING({', '.join(['gemeente_code', 'wijk_code', *breakdowns])}) AS rolled_up"


def _sets(*breakdowns: str) -> str:
    sets = []
    for level in ("region_code", "gemeente_code", "wijk_code"):
        sets.append(f"({level})")
        sets += [f"({level}, {b})" for b in breakdowns]
    return "GROUPING SETS (" + ", ".join(sets) + ")"


def hand_sql(code: str, start: dt.date, end: dt.date) -> str:
    """The hand-written DuckDB statement for one indicator and period: every level × total
    and breakdowns in one GROUPING SETS pass; first column the region total's value."""
    s, e = f"DATE '{start}'", f"DATE '{end}'"
    if code == "D1":  # households with an experiment's intervention since 2023, cumulative
        return f"""
            SELECT COUNT(DISTINCT f.household_id) AS value, {_grouping()}, {CODES}
            FROM register_enrolment_current AS f {_at("f.started_on")} {AREAS}
            WHERE f.experiment_id IS NOT NULL
              AND f.started_on >= DATE '2023-01-01' AND f.started_on < {e}
            GROUP BY {_sets()}"""
    if code == "P1":  # supported households: a plan, an enrolment or a contact person
        return f"""
            WITH supported AS (
                SELECT household_id, started_on AS since, ended_on AS until
                FROM register_supportplan_current
                UNION ALL SELECT household_id, started_on, ended_on FROM register_enrolment_current
                UNION ALL SELECT household_id, valid_from, valid_to
                FROM register_contactassignment_current
            )
            SELECT COUNT(DISTINCT f.household_id) AS value, {_grouping()}, {CODES}
            FROM supported AS f
            JOIN register_residence_current AS r ON r.household_id = f.household_id
                AND r.valid_from < {e} AND r.valid_from < coalesce(f.until, {e})
                AND (r.valid_to IS NULL OR (r.valid_to > {s} AND r.valid_to > f.since))
            {AREAS}
            WHERE f.since < {e} AND (f.until IS NULL OR f.until > {s})
            GROUP BY {_sets()}"""
    if code == "P2":  # median days from signal to first attempt
        return f"""
            SELECT median(f.first_attempt_on - f.signal_date) AS value,
                {_grouping("f.source_kind")}, {CODES},
                f.source_kind
            FROM register_signal_current AS f {_at("f.signal_date")} {AREAS}
            WHERE f.signal_date >= {s} AND f.signal_date < {e}
              AND f.first_attempt_on IS NOT NULL
            GROUP BY {_sets("f.source_kind")}"""
    if code == "P3":  # signals closed in the period
        return f"""
            SELECT COUNT(DISTINCT f.id) AS value,
                {_grouping("f.source_kind", "f.end_result")}, {CODES}, f.source_kind, f.end_result
            FROM register_signal_current AS f {_at("f.closed_on")} {AREAS}
            WHERE f.closed_on >= {s} AND f.closed_on < {e}
            GROUP BY {_sets("f.source_kind", "f.end_result")}"""
    if code == "P6":  # assessments in the period
        return f"""
            SELECT COUNT(DISTINCT f.id) AS value, {_grouping("f.capital", "age_group")}, {CODES},
                f.capital,
                {_age_group("f.assessed_on")} AS age_group
            FROM register_capitalassessment_current AS f {_at("f.assessed_on")} {AREAS}
            JOIN register_person AS p ON p.id = f.person_id
            WHERE f.assessed_on >= {s} AND f.assessed_on < {e}
            GROUP BY {_sets("f.capital", "age_group")}"""
    if code == "P7":  # latest reading in the period minus the first ever, per person+capital
        return f"""
            WITH readings AS (
                SELECT *,
                    first_value(level) OVER first AS first_level,
                    first_value(assessed_on) OVER first AS first_on
                FROM register_capitalassessment_current
                WINDOW first AS (PARTITION BY person_id, capital ORDER BY assessed_on, id)
            ),
            latest AS (
                SELECT *, row_number() OVER (PARTITION BY person_id, capital
                    ORDER BY assessed_on DESC, id DESC) AS rank
                FROM readings WHERE assessed_on >= {s} AND assessed_on < {e}
            )
            SELECT avg(f.level - f.first_level) AS value,
                {_grouping("f.capital", "age_group")}, {CODES}, f.capital,
                {_age_group("f.assessed_on")} AS age_group
            FROM latest AS f {_at("f.assessed_on")} {AREAS}
            JOIN register_person AS p ON p.id = f.person_id
            WHERE f.rank = 1 AND f.first_on < f.assessed_on
            GROUP BY {_sets("f.capital", "age_group")}"""
    raise ValueError(code)


def cpu_seconds() -> float:
    """CPU time of this process so far, every thread (DuckDB's too), user and system, and of
    its finished children (the gate's workers): on a machine shared with other work it says
    more than the wall time."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def reflections_removed() -> None:
    """A demo's reflection report keeps a frozen snapshot that holds on to its monitor run
    (and refuses to be deleted through the models): gone from the throwaway copy, so the runs
    below can each compute."""
    from django.db import connection

    from doorbraak.reports.models import Decision, Interpretation, ReflectionSnapshot

    with connection.cursor() as cursor:
        for model in (Decision, Interpretation, ReflectionSnapshot):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


def timed_run(label: str, **kwargs: object) -> float:
    from doorbraak.monitor.services import monitor_run

    runs_removed()
    clock, cpu = time.monotonic(), cpu_seconds()
    gate: list[str] = []  # the disclosure gate's own line (cells and seconds)
    result = monitor_run(progress=_gate_line(gate), **kwargs)  # type: ignore[arg-type]
    if result.reused:
        raise SystemExit(f"{label}: an earlier run was reused, nothing was measured")
    run = result.run
    seconds = time.monotonic() - clock
    print(
        f"{label}: {seconds:.1f} s ({cpu_seconds() - cpu:.1f} s CPU); {run.indicator_count} "
        f"indicators, {run.value_count} cells ({run.suppressed_count} suppressed), periods "
        f"{', '.join(run.periods)}; peak {peak_mb()} MB; load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    for line in gate:
        print(f"  {line}", flush=True)
    return seconds


Cells = dict[tuple[object, ...], tuple[object, ...]]


def stored_cells() -> Cells:
    """Every stored cell of the newest run: coordinates -> (numbers, suppressed)."""
    from doorbraak.monitor.models import IndicatorValue, MonitorRun

    run = MonitorRun.objects.order_by("-id").first()
    rows = IndicatorValue.objects.filter(run=run).values_list(
        "indicator_code", "period", "area_level", "area_code", "breakdown", "breakdown_value",
        "definition_hash", "numerator", "denominator", "value", "suppressed",
    )  # fmt: skip
    return {row[:6]: row[6:] for row in rows}


def cells_compared(expected: Cells, found: Cells) -> None:
    """The two engines' runs cell by cell (numbers to 9 decimals): equal, or the first
    differences."""

    def rounded(cell: tuple[object, ...] | None) -> object:
        if cell is None:
            return None
        return tuple(round(x, 9) if isinstance(x, float) else x for x in cell)

    differ = [
        k
        for k in expected.keys() | found.keys()
        if rounded(expected.get(k)) != rounded(found.get(k))
    ]
    print(
        f"engines compared: {len(expected)} and {len(found)} cells, {len(differ)} differ",
        flush=True,
    )
    for key in sorted(differ, key=str)[:10]:
        print(f"  {key}: database {expected.get(key)}, duckdb {found.get(key)}", flush=True)


def _gate_line(kept: list[str]) -> Callable[[str], None]:
    def progress(message: str) -> None:
        if message.startswith("Onthullingscontrole"):
            kept.append(message)

    return progress


def gate_compared(work: Path, commit: str) -> None:
    """The disclosure gate of `commit` and of this code over the region's gate inputs (the
    tables of a DuckDB run, region, gemeente and wijk), each in its own process, in turns,
    twice: every cell's numbers and flag compared exactly, and each gate's CPU seconds."""
    from doorbraak.monitor import services

    runs_removed()  # so the run computes
    real = services.gate_tables
    try:
        inputs = captured_tables()
    finally:
        services.gate_tables = real  # type: ignore[assignment]
    source = work / "gate-inputs.pickle"
    source.write_bytes(pickle.dumps(inputs))
    archive = subprocess.run(  # noqa: S603 - the commit is the caller's own argument
        ["git", "-C", str(ROOT), "archive", commit, "src"],  # noqa: S607 - git from PATH
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(work / "old", filter="data")
    workers = os.environ.get("DOORBRAAK_GATE_WORKERS", str(os.cpu_count() or 1))
    variants = {
        "old": (work / "old" / "src", []),
        "new, 1 process": (ROOT / "src", ["1"]),
        f"new, {workers} workers": (ROOT / "src", [workers]),
    }
    found: dict[str, list[dict[str, Any]]] = {label: [] for label in variants}
    for turn in range(2):
        for number, (label, (src, extra)) in enumerate(variants.items()):
            target = work / f"gate-{number}-{turn}.pickle"
            script = str(ROOT / "benchmarks" / "gate_cells.py")
            subprocess.run(  # noqa: S603 - this interpreter, our script, our files
                [sys.executable, script, source, target, *extra],
                check=True,
                env={**os.environ, "PYTHONPATH": str(src)},
            )
            found[label].append(pickle.loads(target.read_bytes()))  # noqa: S301 - ours
    _gate_printed(commit, found)


def _gate_printed(commit: str, found: dict[str, list[dict[str, Any]]]) -> None:
    old: Cells = found["old"][0]["cells"]
    for label, runs in found.items():
        if label == "old":
            continue
        for run in runs:
            new: Cells = run["cells"]
            differ = [key for key in old.keys() | new.keys() if old.get(key) != new.get(key)]
            suppressed = sum(1 for cell in new.values() if cell[3])
            print(
                f"gate against {commit} ({label}): {len(old)} and {len(new)} cells "
                f"({suppressed} suppressed), {len(differ)} differ (numbers and flags, exactly)",
                flush=True,
            )
            for key in sorted(differ, key=str)[:10]:
                print(f"  {key}: {commit} {old.get(key)}, now {new.get(key)}", flush=True)
    print(f"load {os.getloadavg()[0]:.1f}", flush=True)
    for label, runs in found.items():
        seconds = " / ".join(f"{run.get('wall', math.nan):.2f}" for run in runs)
        cpu = " / ".join(f"{run['cpu']:.2f}" for run in runs)
        lps = f"{runs[0]['audits']} attacker's LPs, {runs[0]['repairs']} repair LPs"
        print(f"  {label}: gate {seconds} s wall, {cpu} s CPU (two turns); {lps}", flush=True)


def six_compared(con: duckdb.DuckDBPyConnection, label: str) -> None:
    """Compiled vs hand-written for the six indicators, every year, on one DuckDB: the
    compiled statement per period (`compile_table`) and every period in one statement
    (`compile_periods`, what a run executes, ADR 0044), each against the hand-written
    statements per period; the region totals of all three must agree."""
    from doorbraak.monitor.compiler import compile_periods, compile_table
    from doorbraak.monitor.definitions import parse_definitions_file
    from doorbraak.monitor.definitions import vocabulary as v
    from doorbraak.monitor.services import default_periods

    definitions = parse_definitions_file().definitions
    assert definitions is not None  # noqa: S101 - the shipped rules are valid (tested)
    periods = default_periods()
    per_period_s = together_s = hand_s = 0.0
    for code in SIX:
        indicator = definitions.get(code)
        assert indicator is not None  # noqa: S101
        shape: dict[str, Any] = {
            "levels": ["region", *[b for b in indicator.breakdowns if b in v.AREA_LEVELS]],
            "breakdowns": [
                None,
                *[
                    b
                    for b in indicator.breakdowns
                    if b not in v.AREA_LEVELS and b not in LATER_BREAKDOWNS
                ],
            ],
            "dialect": "duckdb",
        }
        clock = time.monotonic()
        every = con.execute(
            compile_periods(indicator, definitions=definitions, periods=periods, **shape)
        ).fetchall()
        together_s += time.monotonic() - clock
        for period in periods:
            sql = compile_table(indicator, definitions=definitions, period=period, **shape)
            clock = time.monotonic()
            rows = con.execute(sql).fetchall()
            per_period_s += time.monotonic() - clock
            clock = time.monotonic()
            hand = con.execute(hand_sql(code, period.start, period.end)).fetchall()
            hand_s += time.monotonic() - clock
            compiled_total = next((r[6] for r in rows if r[0] == "region" and r[2] == ""), None)
            in_one = next(
                (
                    r[7]
                    for r in every
                    if r[0] == period.identifier and r[1] == "region" and r[3] == ""
                ),
                None,
            )
            hand_total = next(
                (r[0] for r in hand if r[2] is not None and r[1] == max(x[1] for x in hand)),
                None,
            )
            same = in_one == compiled_total and (
                (compiled_total is None and hand_total in (None, 0))
                or (
                    compiled_total is not None
                    and hand_total is not None
                    and math.isclose(float(compiled_total), float(hand_total), rel_tol=1e-9)
                )
            )
            if not same:
                print(
                    f"  MISMATCH {code} {period.identifier}: {compiled_total} (in one "
                    f"{in_one}) vs {hand_total}"
                )
    print(
        f"{label}: six indicators × {len(periods)} years, all levels and breakdowns: "
        f"hand-written per period {hand_s:.2f} s; compiled per period {per_period_s:.2f} s "
        f"(ratio {per_period_s / hand_s:.2f}); compiled, every period in one statement "
        f"{together_s:.2f} s (ratio {together_s / hand_s:.2f}); load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def scale_up(region: Path, target: Path, households: int) -> int:
    """The region's extract repeated with fresh ids; the number of households."""
    target.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    read = {
        table: f"read_parquet('{region / f'{table}.parquet'}')"
        for table in [p.stem for p in region.glob("*.parquet")]
    }
    region_households = con.execute(
        f"SELECT COUNT(DISTINCT household_id) FROM {read['register_residence_current']}"
    ).fetchone()[0]  # type: ignore[index]
    copies = math.ceil(households / region_households)
    offsets = {
        "household_id": con.execute(
            f"SELECT MAX(household_id) + 1 FROM {read['register_residence_current']}"
        ).fetchone()[0],  # type: ignore[index]
        "person_id": con.execute(f"SELECT MAX(id) + 1 FROM {read['register_person']}").fetchone()[
            0
        ],  # type: ignore[index]
    }
    for table, source in read.items():
        path = target / f"{table}.parquet"
        if table not in REPEATED:
            con.execute(f"COPY (SELECT * FROM {source}) TO '{path}' (FORMAT parquet)")
            continue
        own_offset = con.execute(f"SELECT MAX(id) + 1 FROM {source}").fetchone()[0]  # type: ignore[index]
        shifts = []
        for column in REPEATED[table]:
            offset = own_offset if column == "id" else offsets[column]
            if table == "register_person":
                offset = offsets["person_id"]
            shifts.append(f"{column} + copy.range * {offset} AS {column}")
        con.execute(
            f"COPY (SELECT * REPLACE ({', '.join(shifts)}) FROM {source}, "
            f"range({copies}) AS copy) TO '{path}' (FORMAT parquet)"
        )
    return int(region_households) * copies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=ROOT / "var" / "doorbraak.sqlite3")
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--region-only", action="store_true", help="only the two region runs")
    parser.add_argument(
        "--gate-against", metavar="COMMIT", help="compare the disclosure gate with a commit's"
    )
    parser.add_argument("--gate-only", action="store_true", help="only that comparison")
    args = parser.parse_args()
    with demo_copy(args.database, prefix="monitor-bench-") as work:
        from doorbraak.monitor.extract import open_extract, write_extract

        print(f"{dt.date.today()}, {os.cpu_count()} cores, database {args.database.name}")
        reflections_removed()
        if args.gate_against:
            gate_compared(work, args.gate_against)
        if args.gate_only:
            return 0
        timed_run("region, SQLite (engine database)", engine="database")
        on_database = stored_cells()
        timed_run("region, DuckDB (register copied in, included)", engine="duckdb")
        cells_compared(on_database, stored_cells())
        if args.region_only:
            return 0
        clock = time.monotonic()
        counts = write_extract(work / "region")
        print(
            f"region extract: {sum(counts.values())} rows in {len(counts)} Parquet files, "
            f"{time.monotonic() - clock:.1f} s"
        )
        six_compared(open_extract(work / "region"), "region, DuckDB")
        clock = time.monotonic()
        households = scale_up(work / "region", work / "large", args.households)
        print(f"scaled extract: {households} households, {time.monotonic() - clock:.1f} s")
        timed_run(
            f"{households} households, DuckDB over Parquet",
            engine="duckdb",
            extract=work / "large",
        )
        six_compared(open_extract(work / "large"), f"{households} households, DuckDB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
