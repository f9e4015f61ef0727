"""What per-field encryption costs the work zone (ADR 0024): registering a household, listing a
caseload with names (every name decrypted), finding a household by BSN through the blind index,
one encryption and decryption alone; and (ADR 0028) writing the work zone's delivery (the regie
of every household; no plans or contacts are registered here), and `casework rekey` over every
row after a rotation of the field key.

A fresh SQLite database in a temporary folder (migrated, removed afterwards) with one partner
and one professional; keys are random for the run. 34 households is Fatima's caseload
(JOURNEYS.md); --households sets how many are registered in all (search runs over all of them).

    .venv/bin/python benchmarks/casework_caseload.py [--households 2000] [--caseload 34]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import secrets
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from work_zone_db import bsns as elfproef_bsns  # noqa: E402  (a fresh work-zone database and keys)
from work_zone_db import setup  # noqa: E402


def _register(count: int, bsns: list[str]) -> tuple[list[float], object]:
    from doorbraak.casework import services
    from doorbraak.partners.models import Partner, Role, User

    partner = Partner.objects.create(code="wijkteam", name="Wijkteam", sector="wijkteam")
    other = User.objects.create_user(username="ander", role=Role.PROFESSIONAL, partner=partner)
    fatima = User.objects.create_user(username="fatima", role=Role.PROFESSIONAL, partner=partner)
    ground = services.GroundInput(kind="toestemming", given_on=dt.date(2026, 1, 1), scope="plan")
    seconds = []
    for number, bsn in enumerate(bsns[:count]):
        members = [
            services.MemberInput(name=f"Ouder {number}", birth_date=dt.date(1980, 1, 1), bsn=bsn),
            services.MemberInput(name=f"Kind A {number}", birth_date=dt.date(2012, 5, 1)),
            services.MemberInput(name=f"Kind B {number}", birth_date=dt.date(2015, 9, 1)),
        ]
        address = services.AddressInput("Hoofdstraat", str(number + 1), "9641AB", "Veendam")
        start = time.perf_counter()
        services.household_register(
            actor=fatima if number < CASELOAD else other,
            members=members,
            address=address,
            ground=ground,
        )
        seconds.append(time.perf_counter() - start)
    return seconds, fatima


def _caseload(fatima: object) -> float:
    """What the caseload page asks: every member's name and each household's regisseur."""
    from doorbraak.casework.selectors import caseload_rows

    start = time.perf_counter()
    rows = caseload_rows(fatima)
    if sum(len(row.names) for row in rows) != CASELOAD * 3 or any(
        r.regisseur is None for r in rows
    ):
        raise SystemExit("the caseload is not what was registered")
    return time.perf_counter() - start


def _crypto(rounds: int = 2000) -> tuple[float, float]:
    from doorbraak.casework.crypto import decrypt, encrypt

    start = time.perf_counter()
    stored = [encrypt("Fatima Öztürk-Bakker", context="bench") for _ in range(rounds)]
    middle = time.perf_counter()
    for value in stored:
        decrypt(value, context="bench")
    end = time.perf_counter()
    return (middle - start) / rounds, (end - middle) / rounds


def _delivery(work: Path, households: int) -> float:
    from doorbraak.casework.delivery import REGIE, delivery_write

    start = time.perf_counter()
    written = delivery_write(work / "werkzone")
    seconds = time.perf_counter() - start
    if written.rows[REGIE.name] != households:
        raise SystemExit("the delivery does not hold every regisseur")
    return seconds


def _rekey() -> tuple[float, int]:
    """Rotate the field key (the old one only read) and re-encrypt everything."""
    from doorbraak.casework.rekey import rekey

    os.environ["DOORBRAAK_WORK_ZONE_OLD_KEYS"] = os.environ["DOORBRAAK_WORK_ZONE_KEY"]
    os.environ["DOORBRAAK_WORK_ZONE_KEY"] = secrets.token_hex(32)
    from django.conf import settings

    settings.WORK_ZONE_OLD_KEYS = os.environ["DOORBRAAK_WORK_ZONE_OLD_KEYS"]
    settings.WORK_ZONE_KEY = os.environ["DOORBRAAK_WORK_ZONE_KEY"]
    start = time.perf_counter()
    done = rekey()
    return time.perf_counter() - start, sum(d.values for d in done)


CASELOAD = 34


def main() -> None:
    global CASELOAD
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--households", type=int, default=2000)
    parser.add_argument("--caseload", type=int, default=34)
    args = parser.parse_args()
    CASELOAD = args.caseload
    work = Path(tempfile.mkdtemp(prefix="casework-bench-"))
    try:
        setup(work, "casework")
        from doorbraak.casework.selectors import household_find_by_bsn

        bsns = elfproef_bsns(args.households)
        register, fatima = _register(args.households, bsns)
        print(f"households registered: {args.households} (3 members each), SQLite")
        print(
            f"register one household: median {statistics.median(register) * 1000:.1f} ms, "
            f"p95 {sorted(register)[int(len(register) * 0.95)] * 1000:.1f} ms"
        )
        print(
            f"caseload of {CASELOAD} with every name decrypted: {_caseload(fatima) * 1000:.1f} ms"
        )
        probes = bsns[:: max(1, len(bsns) // 200)]
        start = time.perf_counter()
        if not all(household_find_by_bsn(b) is not None for b in probes):
            raise SystemExit("a registered BSN was not found")
        each = (time.perf_counter() - start) / len(probes) * 1000
        print(f"find by BSN among {args.households}: {each:.2f} ms each ({len(probes)} probes)")
        enc, dec = _crypto()
        print(f"one value: encrypt {enc * 1e6:.0f} µs, decrypt {dec * 1e6:.0f} µs")
        print(
            f"regie delivery of {args.households} households (pseudonyms and encodings): "
            f"{_delivery(work, args.households):.2f} s"
        )
        seconds, values = _rekey()
        print(f"rekey after a rotation: {values} values re-encrypted in {seconds:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
