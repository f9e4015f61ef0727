"""Compare the newest monitor run of two doorbraak databases cell by cell.

    .venv/bin/python benchmarks/values_compare.py OLD.sqlite3 NEW.sqlite3

Used to show that a change to how the register is written (issue 10) leaves every indicator
value as it was: build the demo with the old and the new code from the same synthetic region
and the same keys, then compare. Prints the counts and the first differences; exit code 1 when
any cell differs.
"""

import sqlite3
import sys
from pathlib import Path

COLUMNS = (
    "indicator_code", "definition_hash", "period", "area_level", "area_code", "breakdown",
    "breakdown_value", "numerator", "denominator", "value", "suppressed",
)  # fmt: skip


def cells(path: Path) -> set[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        run = db.execute("SELECT MAX(id) FROM monitor_monitorrun").fetchone()[0]
        rows = db.execute(
            f"SELECT {', '.join(COLUMNS)} FROM monitor_indicatorvalue WHERE run_id = ?",  # noqa: S608 - fixed column names
            (run,),
        )
        return set(rows.fetchall())


def main(argv: list[str]) -> int:
    old, new = cells(Path(argv[0])), cells(Path(argv[1]))
    print(f"cells: old {len(old)}, new {len(new)}")
    print(f"only in old: {len(old - new)}, only in new: {len(new - old)}")
    for row in sorted(old ^ new, key=str)[:10]:
        print("  ", "old" if row in old else "new", row)
    return 0 if old == new else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
