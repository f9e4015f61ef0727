"""How many cells the disclosure gate hides, per area level: the table gate alone and the run's
gate (ADR 0012), over the tables one monitor run hands to it.

Input: a database holding a demo's linked register (default `var/doorbraak.sqlite3`). A copy
is migrated; a monitor run over it (years 2023 up to now, region, gemeente and wijk, DuckDB)
computes the tables, which are gated here apart from the run (the run itself is not kept).
Prints the cells, the hidden cells per level both ways, the gate's seconds and its LPs. With
--why, for each region cell the LP stage hid: the sensitive quantities the attacker could
narrow below the threshold if that cell alone were shown again (value and the attacker's
maximum), or "none on its own".

    .venv/bin/python benchmarks/disclosure_gate.py [--database FILE.sqlite3] [--why]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from demo_copy import demo_copy, runs_removed

ROOT = Path(__file__).resolve().parent.parent


def captured_tables() -> tuple[Any, ...]:
    """The arguments of the run's `gate_tables` call (the run stops there)."""
    from doorbraak.monitor import services

    captured: list[tuple[Any, ...]] = []

    class CapturedError(Exception):
        pass

    def capture(*args: Any, **kwargs: Any) -> None:
        captured.append((copy.deepcopy(args), kwargs))
        raise CapturedError

    services.gate_tables = capture  # type: ignore[assignment]
    with contextlib.suppress(CapturedError):
        services.monitor_run(engine="duckdb", levels=("region", "gemeente", "wijk"))
    args, kwargs = captured[0]
    return (*args, kwargs["indicators"])


def _why(
    original: Any, gated: Any, kinds: Any, areas: Any, threshold: int, indicators: Any
) -> None:
    """Per region cell the LP stage hid: what showing it alone again would give away."""
    from doorbraak.core.disclosure_intervals import audit
    from doorbraak.monitor.protection import _Model, table_hidden

    hidden = {
        (code, period, key)
        for (code, period), table in gated.items()
        for key, cell in table.cells.items()
        if cell.suppressed
    }
    by_table = {
        (code, period, key)
        for (code, period), table in original.items()
        for key in table_hidden(table, kinds[code], areas, threshold)
    }
    publication = _Model(original, kinds, areas, threshold, indicators).publication()
    for cell in sorted(hidden - by_table, key=str):
        if cell[2][0] != "region":
            continue
        short = audit(publication, hidden - {cell})
        found = ", ".join(
            f"{i.sensitive.label} {i.sensitive.value:g} (max {i.high:g})" for i in short[:3]
        )
        print(f"  {cell}: {found or 'none on its own'}{' ...' if len(short) > 3 else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, default=ROOT / "var" / "doorbraak.sqlite3")
    parser.add_argument("--why", action="store_true", help="why each region cell is hidden")
    args = parser.parse_args()
    with demo_copy(args.database, prefix="gate-bench-"):
        from doorbraak.monitor.protection import gate_tables, table_hidden

        runs_removed()  # so the run computes
        tables, kinds, areas, threshold, indicators = captured_tables()
        original = copy.deepcopy(tables)
        cells = sum(len(t.cells) for t in tables.values())
        alone: Counter[str] = Counter()
        for key, table in tables.items():
            for cell in table_hidden(table, kinds[key[0]], areas, threshold):
                alone[cell[0]] += 1
        clock = time.monotonic()
        result = gate_tables(tables, kinds, areas, threshold, indicators=indicators)
        seconds = time.monotonic() - clock
        run: Counter[str] = Counter()
        for table in tables.values():
            for key, cell in table.cells.items():
                run[key[0]] += cell.suppressed
        print(f"{dt.date.today()}, {os.cpu_count()} cores, database {args.database}")
        print(f"cells {cells}, threshold {threshold}")
        for label, hidden in (("table gate alone", alone), ("run's gate", run)):
            levels = ", ".join(
                f"{level} {hidden[level]}" for level in ("region", "gemeente", "wijk")
            )
            print(f"{label}: {sum(hidden.values())} hidden ({levels})")
        report = result.report
        print(
            f"gate {seconds:.1f} s: {report.rounds} rounds, {report.audits} attacker's LPs, "
            f"{report.repairs} repair LPs, {len(report.unprotected)} unprotected"
        )
        if args.why:
            print("region cells the LP stage hid, and what showing one again gives away:")
            _why(original, tables, kinds, areas, threshold, indicators)
    return 0


if __name__ == "__main__":
    sys.exit(main())
