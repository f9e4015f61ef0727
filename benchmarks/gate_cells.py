"""One run of the disclosure gate over pickled inputs, with whichever `doorbraak` comes first on
the path: `monitor_run.py --gate-against COMMIT` runs it once with that commit's code and once
with this one's, in turns, and compares what they hide (ADR 0039).

Input: a pickle of the arguments of a run's `gate_tables` call (tables, kinds, areas,
threshold, indicators). Output: a pickle of every cell's numbers and suppression flag after
the gate, the LPs solved, the gate's wall seconds and its CPU seconds (this process, all
threads, and the worker processes it forked). WORKERS, when given, is passed to
`gate_tables` (ADR 0046; a commit before it takes none).

    python benchmarks/gate_cells.py INPUT.pickle OUTPUT.pickle [WORKERS]
"""

import pickle
import resource
import sys
import time
from pathlib import Path
from typing import Any


def cpu_seconds() -> float:
    """This process's CPU time and its finished children's (the gate's worker processes)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def main() -> int:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    options: dict[str, Any] = {"workers": int(sys.argv[3])} if len(sys.argv) > 3 else {}
    from doorbraak.monitor.protection import gate_tables

    with source.open("rb") as file:
        tables, kinds, areas, threshold, indicators = pickle.load(file)  # noqa: S301 - our own file
    clock, wall = cpu_seconds(), time.monotonic()
    result = gate_tables(tables, kinds, areas, threshold, indicators=indicators, **options)
    seconds, wall = cpu_seconds() - clock, time.monotonic() - wall
    cells = {
        (*key, *cell_key): (cell.numerator, cell.denominator, cell.value, cell.suppressed)
        for key, table in tables.items()
        for cell_key, cell in table.cells.items()
    }
    found = {"cells": cells, "cpu": seconds, "wall": wall, "audits": result.report.audits}
    found["repairs"] = result.report.repairs
    with target.open("wb") as file:
        pickle.dump(found, file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
