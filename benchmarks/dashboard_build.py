"""What a dashboard view costs when it is not kept, and when it is (ADR 0032), in this process.

Takes a database with a finished monitor run (`--database URL`, or DOORBRAAK_DATABASE_URL;
prepare one with `doorbraak migrate` and `doorbraak monitor run`). For the default view (the
latest complete year, the region) and for each gemeente, it forgets the kept pages and builds
the dashboard's context (tiles, filters, overview, the ambition's and process tables), timing
it and counting its SQL queries; then it times the kept lookup a request makes instead. The
HTTP figures under concurrent clients are `benchmarks/monitor_latency.py`'s.

    .venv/bin/python benchmarks/dashboard_build.py --database URL [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="database URL with a finished monitor run")
    parser.add_argument("--repeat", type=int, default=5, help="cold builds per view")
    args = parser.parse_args()
    if args.database:
        os.environ["DOORBRAAK_DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from doorbraak.monitor import dashboard_views
    from doorbraak.monitor.area_selectors import monitor_areas
    from doorbraak.monitor.dashboard import Filters, dashboard_run, filter_choices
    from doorbraak.monitor.kept_pages import EVERYONE, kept, pages_forget

    translation.activate("nl")
    choices = filter_choices(dashboard_run())
    gemeenten = [area.code for area in monitor_areas()[1:]]
    print(f"machine: {os.cpu_count()} cores; python {platform.python_version()}; "
          f"database {connection.vendor}; {len(gemeenten)} gemeenten")  # fmt: skip
    cold: list[float] = []
    counts: list[int] = []
    for area in ["", *gemeenten]:
        filters = Filters(area=area)
        for _ in range(args.repeat):
            pages_forget()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                dashboard_views._dashboard_context(filters, choices)
                cold.append(time.perf_counter() - started)
            counts.append(len(captured))
    print(f"cold build of one view: median {statistics.median(cold) * 1000:.0f} ms, "
          f"max {max(cold) * 1000:.0f} ms, {statistics.median(counts):.0f} queries "
          f"({len(cold)} builds over {1 + len(gemeenten)} views)")  # fmt: skip
    kept(
        "dashboard-page",
        "x",
        lambda: dashboard_views._dashboard_context(Filters(), choices),
        viewer=EVERYONE,
    )
    warm = []
    for _ in range(1000):
        started = time.perf_counter()
        kept("dashboard-page", "x", lambda: None, viewer=EVERYONE)
        warm.append(time.perf_counter() - started)
    warm.sort()
    print(f"kept lookup: median {statistics.median(warm) * 1e6:.0f} µs, "
          f"p95 {warm[949] * 1e6:.0f} µs (1000 lookups)")  # fmt: skip


if __name__ == "__main__":
    main()
