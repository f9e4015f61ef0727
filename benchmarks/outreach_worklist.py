"""What the outreach worklist and the GGM exchange cost (ADR 0029): receiving a signal (BSN
check, blind indexes, bundling, encryption, audit line), the worklist page's read (every case's
signals and attempts, names decrypted, priority and norm), and export and import of the closed
cases as GGM JSON, validated against the pinned schema.

A fresh SQLite database in a temporary folder (migrated, removed afterwards) with one gemeente
and one outreach worker; keys are random for the run. --open cases stay on the worklist,
--closed are closed with three attempts each and exported; each case has two signals.

    .venv/bin/python benchmarks/outreach_worklist.py [--open 500] [--closed 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from work_zone_db import bsns as elfproef_bsns  # noqa: E402  (a fresh work-zone database and keys)
from work_zone_db import setup  # noqa: E402

TODAY = dt.date.today()


def _receive(worker: object, bsns: list[str]) -> tuple[list[float], list[object]]:
    from doorbraak.outreach import services

    seconds, cases = [], []
    for number, bsn in enumerate(bsns):
        for kind, days in (("Huur", 12), ("Energie", 10)):
            signal = services.SignalInput(
                gemeente_code="GM0047",
                record_key=f"{kind}-{number}",
                partner_type=kind,
                signal_date=TODAY - dt.timedelta(days=days + number % 20),
                amount=200 + number % 3000,
                bsn=bsn,
                name=f"Inwoner {number}",
                postcode="9641AB",
                house_number=str(number + 1),
                children=number % 3,
            )
            start = time.perf_counter()
            stored = services.signal_receive(actor=worker, signal=signal)
            seconds.append(time.perf_counter() - start)
        cases.append(stored.zaak)
    return seconds, cases


def _close(worker: object, cases: list[object]) -> None:
    from doorbraak.outreach import services

    for case in cases:
        day = TODAY - dt.timedelta(days=5)
        services.case_take_up(actor=worker, case=case, on=day)
        for kind, reached in (("Brief", False), ("Telefoon", False), ("Huisbezoek", True)):
            services.attempt_record(actor=worker, case=case, kind=kind, on=day, reached=reached)
        services.case_close(actor=worker, case=case, result="Vervolghulp en/of verwijzing")


def _timed(function: object, *args: object, **kwargs: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)  # type: ignore[operator]
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--open", type=int, default=500)
    parser.add_argument("--closed", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    try:
        setup(work, "outreach")
        from doorbraak.outreach import exchange, selectors
        from doorbraak.outreach.models import Contactpoging, Vroegsignaal, Vroegsignaalzaak
        from doorbraak.partners.models import Partner, Role, User

        gemeente = Partner.objects.create(
            code="gemeente-veendam",
            name="Gemeente Veendam",
            sector="gemeente",
            gemeente_code="GM0047",
        )
        worker = User.objects.create_user(username="ilse", role=Role.OUTREACH, partner=gemeente)
        bsns = elfproef_bsns(args.open + args.closed)
        receive, cases = _receive(worker, bsns)
        _close(worker, cases[args.open :])
        print(f"cases: {args.open} open, {args.closed} closed; 2 signals each; SQLite")
        print(
            f"receive one signal: median {statistics.median(receive) * 1000:.1f} ms, "
            f"p95 {sorted(receive)[int(len(receive) * 0.95)] * 1000:.1f} ms"
        )
        seconds, rows = _timed(selectors.worklist_rows, worker)
        if len(rows) != args.open:  # type: ignore[arg-type]
            raise SystemExit("the worklist does not hold the open cases")
        print(f"worklist of {args.open} open cases (names decrypted, ordered): {seconds:.2f} s")
        start, end = TODAY - dt.timedelta(days=30), TODAY
        seconds, document = _timed(exchange.export_document, start=start, end=end)
        print(f"export {args.closed} closed cases: {seconds:.2f} s")
        seconds, problems = _timed(exchange.schema_problems, document)
        if problems:
            raise SystemExit(f"the export breaks the schema: {problems[:3]}")
        size = len(json.dumps(document)) / 1e6
        print(f"validate against the GGM schema: {seconds:.2f} s ({size:.1f} MB of JSON)")
        p2 = selectors.p2(Vroegsignaalzaak.objects.filter(closed_on__isnull=False))
        Contactpoging.objects.all().delete()
        Vroegsignaal.objects.all().delete()
        Vroegsignaalzaak.objects.all().delete()
        seconds, _ = _timed(exchange.import_document, document)
        again = selectors.p2(Vroegsignaalzaak.objects.all())
        if again != p2:
            raise SystemExit(f"P2 after import {again} is not {p2}")
        print(f"import {args.closed} closed cases (validated, checked, stored): {seconds:.2f} s")
        print(f"P2 before export and after import: {p2} days")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
