"""What one audit line costs: `audit_record` (the chain's last line read, HMAC, insert, commit,
anchor) as every API answer writes it, one writer and several at once.

Against the database of DOORBRAAK_DATABASE_URL (`--database URL`); writes `--lines` real audit
lines there (action `api-lezen`, object `benchmark`), so use a copy or a scratch database.
Prints, per number of writer processes (as gunicorn's workers) and threads in each (as its
gthread workers' threads; every thread writes its lines one after the other, as a request
does), the wall time per line, lines per second and the CPU time per line (of the writer
processes, all their threads), with the database, its `synchronous` setting on SQLite, and
the load average; where the code writes the chain in groups (ADR 0047), also the number of
commits and so the mean group. Runs against whatever `doorbraak` is on the path, so the same
script measures an older checkout (PYTHONPATH=<old>/src). ADR 0040, ADR 0047,
docs/benchmarks.md.

    .venv/bin/python benchmarks/audit_commit.py --database URL [--lines 400] [--writers 1 4]
        [--threads 1 8]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import threading
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
    import django

    django.setup()


def _write(job: tuple[int, int]) -> tuple[float, int]:
    """Write `lines` audit lines in this process over `threads` threads; returns its CPU
    seconds and the number of group commits (0: the code has no group writer)."""
    lines, threads = job
    _setup()
    from django.db import connection

    from doorbraak.core import audit
    from doorbraak.core.models import AuditAction

    writer = getattr(audit, "_writer", None)
    groups = writer.groups if writer is not None else 0

    def some(first: int, count: int) -> None:
        for number in range(first, first + count):
            audit.audit_record(
                actor=None,
                action=AuditAction.API_READ,
                object_type="benchmark",
                object_id=str(number),
                result="getoond",
            )
        connection.close()

    each = max(1, lines // threads)
    cpu = time.process_time()  # the whole process: every thread, the group writer's too
    running = [threading.Thread(target=some, args=(n * each, each)) for n in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    cpu = time.process_time() - cpu
    return cpu, (writer.groups - groups) if writer is not None else 0


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
    parser.add_argument("--threads", type=int, nargs="*", default=[1, 8], help="per writer")
    args = parser.parse_args()
    if args.database:
        os.environ["DOORBRAAK_DATABASE_URL"] = args.database
    context = multiprocessing.get_context("spawn")  # each writer its own connection
    with context.Pool(1) as probe:
        print(f"database: {probe.apply(_describe)}; load {os.getloadavg()[0]:.2f}")
    for writers in args.writers:
        for threads in args.threads:
            each = max(1, args.lines // writers // threads) * threads
            with context.Pool(writers) as pool:
                pool.map(_setup_only, range(writers))  # django.setup() before the clock starts
                started = time.perf_counter()
                done = pool.map(_write, [(each, threads)] * writers)
                wall = time.perf_counter() - started
            total = each * writers
            commits = sum(groups for _, groups in done)
            grouped = f", {commits} commits (mean group {total / commits:.1f})" if commits else ""
            print(
                f"{writers} writer(s) x {threads} thread(s): {wall / total * 1000:.2f} ms wall "
                f"a line, {total / wall:.0f} lines/s, "
                f"{sum(cpu for cpu, _ in done) / total * 1000:.2f} ms CPU a line "
                f"(n={total}{grouped}); load {os.getloadavg()[0]:.2f}"
            )
    return 0


def _setup_only(_: int) -> None:
    _setup()


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    raise SystemExit(main())
