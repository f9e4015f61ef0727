"""Throughput and peak memory of `doorbraak import` (the intake service), SQLite or PostgreSQL.

Builds a pseudonymised partner file of N rows the way a partner would deliver it (a synthetic
export of Welzijn Veenkracht's `metingen`, run through `doorbraak pseudonymise`, its rows
repeated with fresh record keys and written in the partner's own dialect: UTF-8 with BOM,
commas, 25 columns of about 1.3 kB per row), then, in a fresh process with a freshly migrated
database (SQLite, or with `--database postgres://...` a database `doorbraak_bench` created
afresh on that server), imports it with `import_batch_run` and, a second time, the same rows in a
file that differs by one byte (every row found unchanged). Prints rows, seconds, rows per
second, the CPU seconds of the importing process and of the worker process it forks to check
rows (`intake.row_checks`), and the peak resident memory (resource.getrusage) of both.

Region scale is the largest partner dataset of the synthetic region at its own scale (Welzijn
Veenkracht's `metingen` over 2023-2026: 17,772 rows at `doorbraak synth --scale region`).

    PYTHONPATH=src python benchmarks/import_throughput.py [--rows region 1000000] [--profile]
        [--database postgres://doorbraak@127.0.0.1:54329/doorbraak]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
REGION_ROWS = 17_772
PARTNER = "welzijn-veenkracht"
DATASET = "metingen"
KEY_HEX = "0f" * 32
ROW_COLUMN = "_regel"


def rows_count(text: str) -> int:
    return REGION_ROWS if text == "region" else int(text)


def file_build(work: Path, rows: int) -> Path:
    """A pseudonymised `metingen` export of `rows` rows, in the partner's dialect."""
    from doorbraak.pseudonymise.files import file_pseudonymise
    from doorbraak.sources.mapping import mapping_load
    from doorbraak.sources.readers import read_rows
    from doorbraak.sources.writers import rows_write
    from doorbraak.synth import generate

    generate(seed=1, out_dir=work / "synth", scale=600, workers=1)
    partner = mapping_load(work / "synth" / "exports" / "mappings.yaml").partners[PARTNER]
    dataset = partner.datasets[DATASET]
    (work / "pseudo").mkdir()
    template: list[list[str]] = []
    headers: list[str] = []
    for path in sorted((work / "synth" / "exports" / PARTNER).glob(f"{DATASET}-*.csv")):
        file_pseudonymise(path, work / "pseudo", key=bytes.fromhex(KEY_HEX), partner=partner,
                          dataset=dataset)  # fmt: skip
        read = read_rows(work / "pseudo" / path.name, partner, dataset, keep_unknown=True)
        headers = read.headers
        template += [[fields.get(k or "", "") for k in read.fields] for _n, fields in read.rows]
    key = headers.index("Meting-ID")
    # the row number in the partner's own export, where `pseudonymise` keeps one
    number = headers.index(ROW_COLUMN) if ROW_COLUMN in headers else None

    def repeated() -> object:
        for i in range(rows):
            row = list(template[i % len(template)])
            row[key] = f"M{i:09d}"
            if number is not None:
                row[number] = str(i + 2)
            yield row

    out = work / f"{DATASET}-bench-{rows}.csv"
    rows_write(out, partner, headers, repeated())  # type: ignore[arg-type]
    return out


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


BENCH_DATABASE = "doorbraak_bench"


def database_fresh(url: str | None, work: Path) -> str:
    """The URL of an empty database: a new SQLite file, or `doorbraak_bench` on the server."""
    if not url:
        (work / "bench.sqlite3").unlink(missing_ok=True)
        return f"sqlite:///{work / 'bench.sqlite3'}"
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    server = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(server, autocommit=True) as db:  # the maintenance database
        db.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        db.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def database_mib(work: Path) -> int:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return round(cursor.fetchone()[0] / 2**20)
    return round((work / "bench.sqlite3").stat().st_size / 2**20)


def import_one(work: Path, path: Path, profile: bool, url: str | None) -> dict[str, object]:
    """In this (fresh) process: migrate a new database, import the file twice."""
    os.environ["DOORBRAAK_DATA_DIR"] = str(work / "var")
    os.environ["DOORBRAAK_DATABASE_URL"] = database_fresh(url, work)
    os.environ["DJANGO_SETTINGS_MODULE"] = "doorbraak.conf.settings"
    import django

    django.setup()
    from django.core.management import call_command

    import doorbraak.partners
    from doorbraak.core.pseudonyms import key_id
    from doorbraak.intake.mappings import mappings_load
    from doorbraak.intake.services import import_batch_run
    from doorbraak.partners.keys import key_register
    from doorbraak.partners.models import Partner
    from doorbraak.partners.services import partner_load

    call_command("migrate", verbosity=0)
    partner_load(path=Path(doorbraak.partners.__file__).parent / "data" / "demo-partners.yaml")
    key_register(key_id=key_id(bytes.fromhex(KEY_HEX)))  # the key the file was made with
    mappings_load(path=work / "synth" / "exports" / "mappings.yaml")
    partner = Partner.objects.get(code=PARTNER)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load = os.getloadavg()[0]  # other work on the machine, which wall times include

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile(time.thread_time)  # this thread's CPU: true under load
        profiler.enable()
    batch, first = _timed(lambda: import_batch_run(partner=partner, path=path, dataset=DATASET))
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats(
            os.environ.get("BENCH_SORT", "cumulative")
        ).print_stats(35)
    rss_first = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    again = path.with_name("opnieuw-" + path.name)
    shutil.copyfile(path, again)
    with again.open("ab") as handle:
        handle.write(b"\r\n")  # other bytes, the same rows
    second, repeat = _timed(lambda: import_batch_run(partner=partner, path=again, dataset=DATASET))
    assert batch.read == batch.accepted + batch.warned + batch.rejected  # noqa: S101
    assert second.duplicates == batch.accepted  # noqa: S101
    return {
        "rows": batch.read,
        "accepted": batch.accepted,
        "warned": batch.warned,
        "rejected": batch.rejected,
        "file_mib": round(path.stat().st_size / 2**20),
        "db_mib": database_mib(work),
        "load_before": round(load, 1),
        **{f"{k}_new": v for k, v in first.items()},
        **{f"{k}_unchanged": v for k, v in repeat.items()},
        "rss_before_mib": round(rss_before / 1024),
        "peak_rss_mib": round(rss_first / 1024),
        "peak_rss_unchanged_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        # the check process the import forks for a large file (the largest one waited for)
        "worker_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def _timed(run: Callable[[], T]) -> tuple[T, dict[str, float]]:
    """What `run` returns; its wall seconds, and the CPU seconds of this process (all its
    threads), of the worker it forked and (PostgreSQL on this machine) of its server process."""
    start, cpu, worker, server = time.perf_counter(), cpu_seconds(), _children_cpu(), _server_cpu()
    done = run()
    return done, {
        "seconds": round(time.perf_counter() - start, 2),
        "cpu": round(cpu_seconds() - cpu, 2),
        "worker_cpu": round(_children_cpu() - worker, 2),
        "server_cpu": round(_server_cpu() - server, 2),
    }


def _server_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL server process, if it runs on this machine
    (read from /proc); 0 for SQLite or elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report(result: dict[str, object]) -> None:
    rows = int(str(result["rows"]))

    def run(kind: str) -> str:
        seconds = float(str(result[f"seconds_{kind}"]))
        server = float(str(result[f"server_cpu_{kind}"]))
        return (
            f"{seconds:.1f} s wall ({result[f'cpu_{kind}']} s CPU here, "
            f"{result[f'worker_cpu_{kind}']} s in the worker"
            + (f", {server} s in the database server" if server else "")
            + f") = {rows / seconds:,.0f} rows/s"
        )

    print(
        f"{rows:,} rows ({result['file_mib']} MiB file; load {result['load_before']} before): "
        f"new {run('new')}, peak RSS {result['peak_rss_mib']} MiB "
        f"({result['rss_before_mib']} MiB before the import); unchanged again {run('unchanged')}, "
        f"peak RSS {result['peak_rss_unchanged_mib']} MiB; worker peak RSS "
        f"{result['worker_peak_rss_mib']} MiB; accepted {int(str(result['accepted'])):,}, warned "
        f"{result['warned']}, rejected {result['rejected']}; database {result['db_mib']} MiB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", nargs="+", default=["region", "1000000"])
    parser.add_argument("--profile", action="store_true", help="cProfile the first import")
    parser.add_argument("--keep", type=Path, default=None, help="work under DIR and keep it")
    parser.add_argument("--database", help="PostgreSQL URL (default: a new SQLite file)")
    parser.add_argument("--single", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        work = args.single.parent
        print(json.dumps(import_one(work, args.single, args.profile, args.database)))
        return 0
    engine = "PostgreSQL" if args.database else "SQLite"
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; {engine}")
    for text in args.rows:
        with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
            work = args.keep / text if args.keep else Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            path = work / f"{DATASET}-bench-{rows_count(text)}.csv"
            if not (path.exists() and (work / "synth" / "exports" / "mappings.yaml").exists()):
                path = file_build(work, rows_count(text))  # else: kept from an earlier run
            command = [sys.executable, __file__, "--single", str(path)]
            command += ["--profile"] if args.profile else []
            command += ["--database", args.database] if args.database else []
            done = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 (this script, our arguments)
            if done.returncode:
                print(done.stderr, file=sys.stderr)
                return done.returncode
            if args.profile:
                print(done.stderr, file=sys.stderr)
        report(json.loads(done.stdout.strip().splitlines()[-1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
