"""Throughput and peak memory of the synthetic region generator (`doorbraak synth`).

Runs the generator at region scale (30,000 households) and at 1,000,000 households, each in a
fresh process, and prints wall time, households and persons per second, export rows and the
peak resident memory of the writing process and of its worker processes.

    python benchmarks/synth_throughput.py [--scales region 1000000] [--workers N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_one(scale: str, out: Path, workers: int | None) -> dict[str, object]:
    from doorbraak.synth import generate

    start = time.perf_counter()
    summary = generate(seed=1, out_dir=out, scale=scale, workers=workers)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {
        "scale": scale,
        "seconds": round(seconds, 1),
        "initial_households": summary.initial_households,
        "households": summary.households,
        "persons": summary.persons,
        "export_rows": sum(summary.export_rows_per_partner.values()),
        "output_mib": round(size / 2**20),
        "peak_rss_main_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_worker_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def report(result: dict[str, object]) -> None:
    seconds = float(str(result["seconds"]))
    households, persons = int(str(result["households"])), int(str(result["persons"]))
    print(
        f"scale {result['scale']}: {seconds:.1f} s wall; "
        f"{int(str(result['initial_households'])) / seconds:,.0f} initial households/s, "
        f"{households / seconds:,.0f} households/s, {persons / seconds:,.0f} persons/s; "
        f"{households:,} households, {persons:,} persons, {result['export_rows']:,} export rows, "
        f"{result['output_mib']} MiB written; peak RSS {result['peak_rss_main_mib']} MiB "
        f"(writer), {result['peak_rss_worker_mib']} MiB (largest worker)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=["region", "1000000"])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="keep the output under DIR")
    parser.add_argument("--single", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        out = Path(args.keep or tempfile.mkdtemp(prefix="synth-bench-"))
        print(json.dumps(run_one(args.single, out / args.single, args.workers)))
        return 0
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    for scale in args.scales:
        command = [sys.executable, __file__, "--single", scale]
        command += ["--workers", str(args.workers)] if args.workers else []
        with tempfile.TemporaryDirectory(prefix="synth-bench-") as tmp:
            command += ["--keep", str(args.keep or tmp)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 (this script, our arguments)
        report(json.loads(done.stdout.strip().splitlines()[-1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
