"""The compiled statements of a region run on their own: every indicator of the catalogue,
years 2023 up to now, region, gemeente and wijk, every breakdown, run one after another on
one engine, without zero-filling, gate or store. Whichever compiler the `PYTHONPATH` holds:
with `compile_periods` (ADR 0044) one statement per indicator for every period, without it
(the compiler up to 58712fd) one per indicator and period. So the old and the new compiler
are timed by the same script over the same database, in turns, and their rows compared.

    PYTHONPATH=OLD_OR_NEW/src .venv/bin/python benchmarks/monitor_statements.py \\
        --database COPY.sqlite3 --engine sqlite|duckdb --rows OUT.pickle [--label TEXT]
    .venv/bin/python benchmarks/monitor_statements.py --compare OLD.pickle NEW.pickle

The database must be a migrated copy of a demo database (`var/doorbraak.sqlite3`); it is only
read. Prints the statements, wall seconds, CPU seconds (every thread of this process) and the
load; with --compare the rows of both, per indicator and period, to 9 decimals.
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import time
from pathlib import Path
from typing import Any

Rows = dict[tuple[str, str], list[tuple[Any, ...]]]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rounded(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        round(float(x), 9) if isinstance(x, float) or type(x).__name__ == "Decimal" else x
        for x in row
    )


def timed(database: Path, engine: str, label: str) -> Rows:
    os.environ["DOORBRAAK_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
    import django

    django.setup()
    import duckdb
    from django.db import connection

    from doorbraak.monitor import compiler
    from doorbraak.monitor.definitions import parse_definitions_file
    from doorbraak.monitor.definitions import vocabulary as v
    from doorbraak.monitor.extract import load_extract
    from doorbraak.monitor.services import default_periods

    definitions = parse_definitions_file().definitions
    assert definitions is not None  # noqa: S101 - the shipped rules are valid (tested)
    periods = default_periods()
    together = hasattr(compiler, "compile_periods")
    dialect = "duckdb" if engine == "duckdb" else "sqlite"
    jobs: list[tuple[str, str | None, str]] = []  # (code, period or None for all, sql)
    for indicator in definitions.indicators:
        shape: dict[str, Any] = {
            "levels": ["region", *[b for b in indicator.breakdowns if b in v.AREA_LEVELS]],
            "breakdowns": [None, *[b for b in indicator.breakdowns if b not in v.AREA_LEVELS]],
            "dialect": dialect,
        }
        if together:
            sql = compiler.compile_periods(
                indicator, definitions=definitions, periods=periods, **shape
            )
            jobs.append((indicator.code, None, sql))
        else:
            for period in periods:
                sql = compiler.compile_table(
                    indicator, definitions=definitions, period=period, **shape
                )
                jobs.append((indicator.code, period.identifier, sql))
    duck = None
    if engine == "duckdb":
        duck = duckdb.connect()
        clock = time.monotonic()
        load_extract(duck)
        print(f"  extract in DuckDB: {time.monotonic() - clock:.1f} s (not counted below)")

    def run(sql: str) -> list[tuple[Any, ...]]:
        if duck is not None:
            return duck.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return list(cursor.fetchall())

    found: Rows = {}
    spent: dict[str, float] = {}
    clock, cpu = time.monotonic(), cpu_seconds()
    for code, period_id, sql in jobs:
        started = time.monotonic()
        rows = run(sql)
        spent[code] = spent.get(code, 0.0) + time.monotonic() - started
        if period_id is None:
            for period, *rest in rows:
                found.setdefault((code, period), []).append(tuple(rest))
        else:
            found.setdefault((code, period_id), []).extend(rows)
    seconds, cpu = time.monotonic() - clock, cpu_seconds() - cpu
    print(
        f"{label}: {engine}, {len(jobs)} statements ({len(definitions.indicators)} indicators × "
        f"{len(periods)} periods{', every period in one' if together else ''}): "
        f"{seconds:.2f} s wall, {cpu:.2f} s CPU; load {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    slowest = sorted(spent.items(), key=lambda item: -item[1])[:6]
    print("  slowest (wall): " + ", ".join(f"{code} {t:.2f} s" for code, t in slowest))
    return {key: sorted((_rounded(r) for r in rows), key=repr) for key, rows in found.items()}


def compared(old: Rows, new: Rows) -> None:
    keys = old.keys() | new.keys()
    differ = [k for k in sorted(keys) if old.get(k, []) != new.get(k, [])]
    count = sum(len(rows) for rows in old.values()), sum(len(rows) for rows in new.values())
    print(
        f"rows compared: {count[0]} and {count[1]} rows of {len(keys)} tables "
        f"(indicator × period), {len(differ)} tables differ"
    )
    for key in differ[:10]:
        print(f"  {key}: {len(old.get(key, []))} rows, now {len(new.get(key, []))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path)
    parser.add_argument("--engine", choices=("sqlite", "duckdb"), default="sqlite")
    parser.add_argument("--rows", type=Path, help="write the rows here (pickle)")
    parser.add_argument("--label", default="statements")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        old, new = (pickle.loads(path.read_bytes()) for path in args.compare)  # noqa: S301
        compared(old, new)
        return 0
    if args.database is None or not args.database.exists():
        raise SystemExit("--database: a migrated copy of a demo database")
    rows = timed(args.database, args.engine, args.label)
    if args.rows:
        args.rows.write_bytes(pickle.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
