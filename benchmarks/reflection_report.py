"""How long the eiland van reflectie takes on a database with a frozen year (the demo's, after
`doorbraak demo`, which freezes 2025): the section providers run again (what a freeze costs,
nothing stored), the report built from the snapshot, its HTML, PDF and CSV annex; and how
large the snapshot and the files are. Uses DOORBRAAK_DATA_DIR / DOORBRAAK_DATABASE_URL as the
project does. Prints; asserts nothing.

    .venv/bin/python benchmarks/reflection_report.py [--year 2025] [--repeat 3]
"""

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(label: str, repeat: int, work: Callable[[], Any]) -> Any:
    seconds, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    print(f"{label:<42} median {statistics.median(seconds):7.2f} s  (of {repeat})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
    import django

    django.setup()
    import io

    from pypdf import PdfReader

    from doorbraak.reports.document import report_build
    from doorbraak.reports.render import report_csv, report_html, report_pdf
    from doorbraak.reports.sections import SectionContext, canonical, section_providers
    from doorbraak.reports.selectors import snapshot_latest

    snapshot = snapshot_latest(args.year)
    if snapshot is None:
        raise SystemExit(f"{args.year} is niet bevroren: voer eerst 'doorbraak demo' uit.")
    context = SectionContext(args.year, snapshot.monitor_run, snapshot.plan_version)
    timed("sections frozen again (not stored)", args.repeat,
          lambda: {p.key: p.freeze(context) for p in section_providers()})  # fmt: skip
    report = timed("report built from the snapshot", args.repeat, lambda: report_build(snapshot))
    html = timed("HTML", args.repeat, lambda: report_html(report))
    pdf = timed("PDF (WeasyPrint, PDF/UA-1)", args.repeat, lambda: report_pdf(report))
    annex = timed("CSV annex", args.repeat, lambda: report_csv(report))
    public = report_pdf(report_build(snapshot, public=True))
    print(f"snapshot JSON: {len(canonical(snapshot.sections).encode()) / 1024:.0f} kB; "
          f"indicators {len(snapshot.sections['figures']['indicators'])}")  # fmt: skip
    print(
        f"HTML {len(html.encode()) / 1024:.0f} kB; PDF {len(pdf) / 1024:.0f} kB, "
        f"{len(PdfReader(io.BytesIO(pdf)).pages)} pages; public PDF "
        f"{len(PdfReader(io.BytesIO(public)).pages)} pages; CSV {annex.count(chr(10)) - 1} rows"
    )


if __name__ == "__main__":
    main()
