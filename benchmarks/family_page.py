"""What the household's own page costs (ADR 0027): gathering the page (every field decrypted,
the plan, the audit lines about the household), rendering the plan as a PDF with WeasyPrint,
and the AVG inzage as JSON, for a household with a plan of --goals goals and 3 actions each,
--contacts contact moments and --reads earlier reads in the audit chain.

A fresh SQLite database in a temporary folder (migrated, removed afterwards); keys are random
for the run. Each figure is the median of --rounds runs, after one warm-up.

    .venv/bin/python benchmarks/family_page.py [--goals 5] [--contacts 40] [--reads 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

from work_zone_db import setup  # noqa: E402  (a fresh work-zone database and keys)

CAPITALS = ["economisch", "sociaal", "cultureel", "pedagogisch", "mentaal"]


def _household(goals: int, contacts: int, reads: int) -> Any:
    from doorbraak.casework import models as m
    from doorbraak.casework import services
    from doorbraak.casework.selectors import household_open
    from doorbraak.partners.models import Partner, Role, User

    partner = Partner.objects.create(code="wijkteam", name="Wijkteam", sector="wijkteam")
    fatima = User.objects.create_user(
        username="fatima", first_name="Fatima", role=Role.PROFESSIONAL, partner=partner
    )
    household = services.household_register(
        actor=fatima,
        members=[
            services.MemberInput(name="Ouder Bakker", birth_date=dt.date(1980, 1, 1)),
            services.MemberInput(name="Kind Bakker", birth_date=dt.date(2014, 1, 1)),
        ],
        address=services.AddressInput("Hoofdstraat", "1", "9641AB", "Veendam"),
        ground=services.GroundInput(kind="toestemming", given_on=dt.date(2026, 1, 1), scope="plan"),
    )
    plan = m.HouseholdPlan.objects.create(household=household, version=1, made_by=fatima)
    for number in range(goals):
        capital = CAPITALS[number % len(CAPITALS)]
        m.PlanGoal.objects.create(
            plan=plan, capital=capital, text=f"Doel {number} in eigen woorden", position=number
        )
        for step in range(3):
            m.PlanAction.objects.create(
                plan=plan, capital=capital, who="huishouden", what=f"Stap {step} van doel {number}"
            )
    for day in range(contacts):
        m.ContactMoment.objects.create(
            household=household,
            on=dt.date(2026, 1, 1) + dt.timedelta(days=day),
            kind="telefoon",
            reached=True,
            note="Gebeld over de afspraken.",
            professional=fatima,
        )
    for _ in range(reads):
        household_open(fatima, household.pk)
    return household


def _median(rounds: int, work: Callable[[], object]) -> float:
    work()  # warm-up: templates, fonts
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--goals", type=int, default=5)
    parser.add_argument("--contacts", type=int, default=40)
    parser.add_argument("--reads", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="family-bench-"))
    try:
        setup(work, "family")
        from doorbraak.casework.own_selectors import own_export, own_page
        from doorbraak.casework.plan_pdf import plan_pdf

        household = _household(args.goals, args.contacts, args.reads)
        pdf = plan_pdf(own_page(household))
        exported = json.dumps(own_export(household), ensure_ascii=False)
        print(
            f"household: {args.goals} goals, {args.goals * 3} actions, {args.contacts} contacts, "
            f"{args.reads} audited reads; SQLite; median of {args.rounds}"
        )
        print(f"gather the page: {_median(args.rounds, lambda: own_page(household)) * 1000:.1f} ms")
        pdf_ms = _median(args.rounds, lambda: plan_pdf(own_page(household))) * 1000
        print(f"plan as PDF (page + WeasyPrint): {pdf_ms:.1f} ms, {len(pdf) / 1024:.0f} KiB")
        export_ms = _median(
            args.rounds, lambda: json.dumps(own_export(household), ensure_ascii=False)
        )
        print(f"all data as JSON: {export_ms * 1000:.1f} ms, {len(exported) / 1024:.0f} KiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
