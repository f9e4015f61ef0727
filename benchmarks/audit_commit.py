"""What one audit line costs: `audit_record` (the chain's last line read, HMAC, insert, commit,
anchor) as every API answer writes it, one writer and several at once.

Against the database of DOORBRAAK_DATABASE_URL (`--database URL`); writes `--lines` real audit
lines there (action `api-lezen`, object `benchmark`), so use a copy or a scratch database.
Prints, per number of writers (separate processes, as gunicorn's workers are), the wall time
per line, lines per second and the CPU time per line, with the database, its `synchronous`
setting on SQLite, and the load average. ADR 0040, docs/benchmarks.md.

    .venv/bin/python benchmarks/audit_commit.py --database URL [--lines 400] [--writers 1 4]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
    import django

    django.setup()


def _write(lines: int) -> float:
    """Write `lines` audit lines in this process; returns its CPU seconds."""
    _setup()
    from doorbraak.core.audit import audit_record
    from doorbraak.core.models import AuditAction

    cpu = time.process_time()
    for number in range(lines):
        audit_record(
            actor=None,
            action=AuditAction.API_READ,
            object_type="benchmark",
            object_id=str(number),
            result="getoond",
        )
    return time.process_time() - cpu


def _describe() -> str:
    _setup()
    from django.db import connection

    if connection.vendor != "sqlite":
        return connection.vendor
    with connection.cursor() as cursor:
        level = cursor.execute("PRAGMA synchronous").fetchone()[0]
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    return f"sqlite, journal {mode}, synchronous {['OFF', 'NORMAL', 'FULL', 'EXTRA'][level]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", help="database URL (default: DOORBRAAK_DATABASE_URL)")
    parser.add_argument("--lines", type=int, default=400, help="lines per run, over all writers")
    parser.add_argument("--writers", type=int, nargs="*", default=[1, 4])
    args = parser.parse_args()
    if args.database:
        os.environ["DOORBRAAK_DATABASE_URL"] = args.database
    context = multiprocessing.get_context("spawn")  # each writer its own connection
    with context.Pool(1) as probe:
        print(f"database: {probe.apply(_describe)}; load {os.getloadavg()[0]:.2f}")
    for writers in args.writers:
        each = max(1, args.lines // writers)
        with context.Pool(writers) as pool:
            pool.map(_setup_only, range(writers))  # django.setup() before the clock starts
            started = time.perf_counter()
            cpus = pool.map(_write, [each] * writers)
            wall = time.perf_counter() - started
        total = each * writers
        print(
            f"{writers} writer(s): {wall / total * 1000:.2f} ms wall a line, "
            f"{total / wall:.0f} lines/s, {sum(cpus) / total * 1000:.2f} ms CPU a line "
            f"(n={total})"
        )
    return 0


def _setup_only(_: int) -> None:
    _setup()


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    raise SystemExit(main())
