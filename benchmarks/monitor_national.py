"""A national-scale monitor run: the region's extract repeated to about 8 million households
(the Netherlands' number), on disk as Parquet, then `monitor run` on DuckDB over it.

Input: a demo database with the region's linked register (default `var/doorbraak.sqlite3`;
a migrated copy is used, as in `monitor_run.py`). The region's columnar extract is written to
Parquet and repeated with fresh household, person and fact ids (`monitor_run.scale_up`: same
areas, partners and interventions) in a folder under `--work` (default: the system's temporary
folder, i.e. /tmp; never the repository), removed afterwards unless `--keep`. Prints the size
on disk, the time to build it, the run's wall time (the whole catalogue, every year × region,
gemeente and wijk × every breakdown; gate and store included), its cells and the peak
resident memory of this process, and the time per million households. With several sizes
(`--households 1000000 4000000`) the runs go smallest first, so a size that does not fit is
reached last and the smaller figures are printed already.

    .venv/bin/python benchmarks/monitor_national.py [--database FILE] [--households N ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

from demo_copy import demo_copy
from monitor_run import peak_mb, scale_up, timed_run

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = 8_000_000


def _size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.glob("*.parquet")) / 2**20


def _uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", type=Path, default=ROOT / "var" / "doorbraak.sqlite3")
    parser.add_argument("--households", type=int, nargs="+", default=[NATIONAL])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--keep", action="store_true", help="keep the Parquet folders")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="monitor-national-", dir=args.work))
    try:
        with demo_copy(args.database, prefix="monitor-national-db-"):
            from doorbraak.monitor.extract import write_extract

            print(f"{dt.date.today()}, {os.cpu_count()} cores, {_uptime()}", flush=True)
            counts = write_extract(folder / "region")
            print(f"region extract: {sum(counts.values())} rows", flush=True)
            for households in sorted(args.households):
                target = folder / str(households)
                clock = time.monotonic()
                made = scale_up(folder / "region", target, households)
                print(
                    f"{made} households: extract built in {time.monotonic() - clock:.1f} s, "
                    f"{_size_mb(target):.0f} MiB of Parquet in {target}",
                    flush=True,
                )
                seconds = timed_run(
                    f"{made} households, DuckDB over Parquet ({_uptime()} before)",
                    engine="duckdb",
                    extract=target,
                )
                print(
                    f"  {seconds / made * 1e6:.1f} s per million households; "
                    f"at {NATIONAL:,} households by that rate: {seconds / made * NATIONAL:.0f} s; "
                    f"peak {peak_mb()} MB; {_uptime()} after",
                    flush=True,
                )
                if not args.keep:
                    shutil.rmtree(target, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
