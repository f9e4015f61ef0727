"""One run of the disclosure gate over pickled inputs, with whichever `doorbraak` comes first on
the path: `monitor_run.py --gate-against COMMIT` runs it once with that commit's code and once
with this one's, in turns, and compares what they hide (ADR 0039).

Input: a pickle of the arguments of a run's `gate_tables` call (tables, kinds, areas,
threshold, indicators). Output: a pickle of every cell's numbers and suppression flag after
the gate, the LPs solved and the gate's CPU seconds (this process, all threads).

    python benchmarks/gate_cells.py INPUT.pickle OUTPUT.pickle
"""

import pickle
import resource
import sys
from pathlib import Path


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    from doorbraak.monitor.protection import gate_tables

    with source.open("rb") as file:
        tables, kinds, areas, threshold, indicators = pickle.load(file)  # noqa: S301 - our own file
    clock = cpu_seconds()
    result = gate_tables(tables, kinds, areas, threshold, indicators=indicators)
    seconds = cpu_seconds() - clock
    cells = {
        (*key, *cell_key): (cell.numerator, cell.denominator, cell.value, cell.suppressed)
        for key, table in tables.items()
        for cell_key, cell in table.cells.items()
    }
    found = {"cells": cells, "cpu": seconds, "audits": result.report.audits}
    found["repairs"] = result.report.repairs
    with target.open("wb") as file:
        pickle.dump(found, file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
