"""What the plan, contacts, readings and the start page cost (ADR 0026): Fatima's start page over
her caseload, the household page's plan and readings (chart spec and table, every text
decrypted), and saving a new version of a plan.

A fresh SQLite database in a temporary folder (migrated, the shipped programme plan loaded,
removed afterwards); keys are random for the run. Fatima has --caseload households (34, as in
JOURNEYS.md), each with two members, --years of history: a contact a month, a reading of the
five capitals of both members a quarter, and a new plan version a quarter (3 goals, 4 actions);
half of them were handed to her.

    .venv/bin/python benchmarks/casework_plan.py [--caseload 34] [--years 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from work_zone_db import setup  # noqa: E402  (a fresh work-zone database and keys)

CAPITALS = ["economisch", "sociaal", "cultureel", "pedagogisch", "mentaal"]


def _world(caseload: int, years: int) -> tuple[object, list[object]]:
    from django.conf import settings

    from doorbraak.casework import plans, services
    from doorbraak.partners.models import Partner, Role, User
    from doorbraak.programme.services import plan_load_file

    plan_load_file(path=Path(settings.PLAN_FILE))
    partner = Partner.objects.create(code="wijkteam", name="Wijkteam", sector="wijkteam")
    fatima = User.objects.create_user(username="fatima", role=Role.PROFESSIONAL, partner=partner)
    other = User.objects.create_user(username="ander", role=Role.PROFESSIONAL, partner=partner)
    ground = services.GroundInput(kind="toestemming", given_on=dt.date(2023, 1, 1), scope="plan")
    today = dt.date.today()
    households = []
    for n in range(caseload):
        household = services.household_register(
            actor=other if n % 2 else fatima,
            members=[
                services.MemberInput(name=f"Ouder {n}", birth_date=dt.date(1980, 1, 1)),
                services.MemberInput(name=f"Kind {n}", birth_date=dt.date(2012, 5, 1)),
            ],
            address=services.AddressInput("Hoofdstraat", str(n + 1), "9641AB", "Veendam"),
            ground=ground,
        )
        if n % 2:
            services.handover(actor=other, household=household, to=fatima)
        members = list(household.members.all())
        for month in range(12 * years):
            day = today - dt.timedelta(days=30 * month + n % 7)
            plans.contact_record(
                actor=fatima, household=household, on=day, kind="telefoon", reached=month % 5 != 0
            )
            if month % 3 == 0:
                for member in members:
                    plans.readings_record(
                        actor=fatima,
                        household=household,
                        member=member,
                        on=day,
                        levels={c: 1 + (month + n) % 5 for c in CAPITALS},
                    )
                plans.plan_save(actor=fatima, household=household, plan=_plan(n, month, today))
        households.append(household)
    return fatima, households


def _plan(n: int, month: int, today: dt.date) -> object:
    from doorbraak.casework import plans

    return plans.PlanInput(
        goals=[
            plans.GoalInput(c, f"Doel {c} van huishouden {n}, maand {month}") for c in CAPITALS[:3]
        ],
        actions=[
            plans.ActionInput(who="huishouden", what=f"Actie {a} van huishouden {n}")
            for a in range(4)
        ],
        talents="Koken, de buren helpen",
        first="De post",
        review_on=today + dt.timedelta(days=(n % 20) - 5),
    )


def _timed(what, rounds: int = 20) -> tuple[float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds = []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = what()
            seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), len(queries.captured_queries), result


def _household_page(household: object) -> object:
    """What the household page reads of the plan and the readings, texts decrypted."""
    from doorbraak.casework import selectors as s
    from doorbraak.casework.capitals import capitals
    from doorbraak.casework.charts import member_readings

    plan = s.plan_current(household)
    texts = [g.text for g in plan.goals.all()] + [a.what for a in plan.actions.all()]
    names = {c.code: c.name for c in capitals()}
    shown = member_readings(s.readings(household), names)
    contacts = [c.note for c in s.contacts(household)]
    return texts, shown, contacts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--caseload", type=int, default=34)
    parser.add_argument("--years", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="casework-plan-bench-"))
    try:
        setup(work, "plan")
        from doorbraak.casework import plans
        from doorbraak.casework.models import CapitalReading, ContactMoment, HouseholdPlan
        from doorbraak.casework.startpage import start_page

        start = time.perf_counter()
        fatima, households = _world(args.caseload, args.years)
        print(
            f"caseload {args.caseload}, {args.years} years: {ContactMoment.objects.count()} "
            f"contacts, {CapitalReading.objects.count()} readings, "
            f"{HouseholdPlan.objects.count()} plan versions; built in "
            f"{time.perf_counter() - start:.1f} s (SQLite)"
        )
        seconds, queries, page = _timed(lambda: start_page(fatima))
        print(
            f"start page: median {seconds * 1000:.1f} ms, {queries} queries "
            f"(review due {len(page.review_due)}, handovers {len(page.handovers)}, "
            f"new {len(page.new)}, no contact {len(page.no_contact)})"
        )
        seconds, queries, (_texts, shown, _contacts) = _timed(
            lambda: _household_page(households[0])
        )
        rows = sum(len(m.rows) for m in shown)
        print(
            f"household page's plan, contacts and readings: median {seconds * 1000:.1f} ms, "
            f"{queries} queries ({rows} table rows, {len(shown)} charts)"
        )
        saves = []
        for n, household in enumerate(households[:20]):
            begin = time.perf_counter()
            plans.plan_save(actor=fatima, household=household, plan=_plan(n, 99, dt.date.today()))
            saves.append(time.perf_counter() - begin)
        median = statistics.median(saves) * 1000
        print(f"save a plan version (3 goals, 4 actions): median {median:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
