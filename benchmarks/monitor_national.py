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

DuckDB runs within `--memory` (DOORBRAAK_MONITOR_DUCKDB_MEMORY, ADR 0045) and spills to a
folder under the work folder; a sampler (every 0.2 s) records each run's peak spill size and
this process's peak resident memory during the run (VmRSS; `ru_maxrss`, the process's peak
so far, is printed too).

    .venv/bin/python benchmarks/monitor_national.py [--database FILE] [--households N ...]
        [--memory 4GB] [--work DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from demo_copy import demo_copy
from monitor_run import peak_mb, scale_up, timed_run

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = 8_000_000


def _size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.glob("*.parquet")) / 2**20


def _folder_bytes(folder: Path) -> int:
    """Bytes in `folder` now; DuckDB makes and removes it and its files meanwhile."""
    total = 0
    try:
        for path in folder.rglob("*"):
            try:
                total += path.stat().st_size
            except OSError:
                continue
    except OSError:
        return total
    return total


def _rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


@contextmanager
def _sampled(spill: Path) -> Iterator[dict[str, int]]:
    """Peak spill-folder size and peak resident memory while the block runs."""
    peaks = {"spill": 0, "rss": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peaks["spill"] = max(peaks["spill"], _folder_bytes(spill))
            peaks["rss"] = max(peaks["rss"], _rss_bytes())
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peaks
    finally:
        done.set()
        sampler.join()


def _uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", type=Path, default=ROOT / "var" / "doorbraak.sqlite3")
    parser.add_argument("--households", type=int, nargs="+", default=[NATIONAL])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--keep", action="store_true", help="keep the Parquet folders")
    parser.add_argument("--memory", default="4GB", help="DuckDB's memory limit (default 4GB)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="monitor-national-", dir=args.work))
    spill = folder / "spill"
    os.environ["DOORBRAAK_MONITOR_DUCKDB_MEMORY"] = args.memory
    os.environ["DOORBRAAK_MONITOR_DUCKDB_TEMP_DIR"] = str(spill)
    try:
        with demo_copy(args.database, prefix="monitor-national-db-"):
            from doorbraak.monitor.extract import write_extract

            print(
                f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
                f"{_uptime()}; DuckDB memory limit {args.memory}, spill folder {spill}",
                flush=True,
            )
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
                with _sampled(spill) as peaks:
                    seconds = timed_run(
                        f"{made} households, DuckDB over Parquet ({_uptime()} before)",
                        engine="duckdb",
                        extract=target,
                    )
                print(
                    f"  {seconds / made * 1e6:.1f} s per million households; "
                    f"at {NATIONAL:,} households by that rate: {seconds / made * NATIONAL:.0f} s; "
                    f"peak RSS during the run {peaks['rss'] / 2**20:.0f} MiB (process so far "
                    f"{peak_mb()} MB); peak spill {peaks['spill'] / 2**20:.0f} MiB; "
                    f"{_uptime()} after",
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
