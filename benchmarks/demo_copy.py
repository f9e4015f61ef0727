"""A throwaway copy of a demo database with Django set up on it, for the benchmarks that
measure over a demo's linked register (`monitor_run.py`, `disclosure_gate.py`)."""

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def demo_copy(database: Path, *, prefix: str) -> Iterator[Path]:
    """A work folder holding a migrated copy of `database`, which Django now uses; removed
    afterwards. Exits with a hint when there is no demo database yet."""
    if not database.exists():
        raise SystemExit(f"{database} does not exist: run `python3 tasks.py demo` first.")
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        copy = work / "region.sqlite3"
        shutil.copy(database, copy)
        os.environ["DOORBRAAK_DATABASE_URL"] = f"sqlite:///{copy}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
        sys.path.insert(0, str(ROOT / "src"))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def runs_removed() -> None:
    """The copy's monitor runs out of the way, so the next run computes: deleted, except those
    a reflection snapshot holds (ADR 0038), which are only no longer reused (fingerprint
    cleared)."""
    from doorbraak.monitor.models import MonitorRun
    from doorbraak.reports.models import ReflectionSnapshot

    held = ReflectionSnapshot.objects.exclude(monitor_run=None).values("monitor_run")
    MonitorRun.objects.exclude(id__in=held).delete()
    MonitorRun.objects.update(fingerprint="")
