"""The surveys' speed at region scale: the demo's synthetic rounds loaded (professionals of
every demo partner and residents of every wijk, two years; each round closed, its responses
written again in a random order), one web-style submit, the close of a round of 200, the gated
results of a round per partner and per gebied, and the monitor's W1.1 on SQLite.

    python benchmarks/surveys_load.py [--years 2024 2025]

Prints its figures; a fresh SQLite database in a temporary folder (work_zone_db.setup).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from work_zone_db import setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, nargs="+", default=[2024, 2025])
    years = parser.parse_args().years
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder), "surveys")
        _run(years)


def _timed(label: str, started: float, extra: str = "") -> None:
    print(f"{label}: {time.perf_counter() - started:.2f} s{extra}")


def _run(years: list[int]) -> None:
    from django.conf import settings

    from doorbraak.areas.models import Area
    from doorbraak.areas.services import region_load
    from doorbraak.monitor.services import monitor_run
    from doorbraak.partners.models import Partner
    from doorbraak.partners.services import partner_load
    from doorbraak.programme.services import plan_load_file
    from doorbraak.surveys.models import Answer, Response, SurveyRound
    from doorbraak.surveys.selectors import round_results
    from doorbraak.surveys.services import (
        RoundToLoad,
        invitations_create,
        response_submit,
        round_close,
        round_open,
        rounds_load,
    )
    from doorbraak.synth.surveys import survey_rounds
    from doorbraak.web.demo import DEMO_PARTNERS

    region_load(name=settings.REGION)
    plan_load_file(path=settings.PLAN_FILE)
    partner_load(path=DEMO_PARTNERS)
    partners = list(Partner.objects.order_by("code").values_list("code", flat=True))
    wijken = sorted(set(Area.objects.filter(level="wijk").values_list("code", flat=True)))
    started = time.perf_counter()
    rounds = survey_rounds(seed=1, partners=partners, wijken=wijken, years=years)
    _timed("synth.surveys (draw)", started, f", {sum(len(r.responses) for r in rounds)} responses")
    started = time.perf_counter()
    rounds_load(
        rounds=[
            RoundToLoad(r.survey, r.period, r.invited, [(x.group, x.answers) for x in r.responses])
            for r in rounds
        ],
        today=dt.date(2026, 1, 5),
    )
    _timed(
        "rounds_load (publish, invitations, responses)",
        started,
        f": {Response.objects.count()} responses, {Answer.objects.count()} answers, "
        f"{len(partners)} partners, {len(wijken)} wijken",
    )
    closed = SurveyRound.objects.filter(version__survey__code="professionals_randvoorwaarden")
    for by in ("partner", "sector"):
        started = time.perf_counter()
        round_results(survey_round=closed.order_by("-period")[0], by=by, threshold=10)
        _timed(f"round_results per {by} (gated, 6 questions)", started)
    residents = SurveyRound.objects.filter(version__survey__code="inwoners_wijk").order_by(
        "-period"
    )
    started = time.perf_counter()
    round_results(survey_round=residents[0], by="gebied", threshold=10)
    _timed("round_results per gebied (wijk under gemeente, gated)", started)
    survey_round = round_open(version=closed[0].version, period="2026")
    links = invitations_create(
        survey_round=survey_round,
        today=dt.date(2026, 3, 1),
        partner=Partner.objects.order_by("code")[0],
        letters=200,
    )
    answers = {f"w1_{n}": "4" for n in range(1, 7)}
    started = time.perf_counter()
    for link in links:
        response_submit(token=link.token, raw=answers)
    elapsed = time.perf_counter() - started
    print(f"response_submit: {1000 * elapsed / len(links):.1f} ms per submitted questionnaire")
    started = time.perf_counter()
    round_close(survey_round=survey_round)  # the responses written again in a random order
    _timed(f"round_close ({len(links)} responses shuffled under fresh keys)", started)
    started = time.perf_counter()
    monitor_run(periods=[str(y) for y in years], levels=("region",))
    _timed(f"monitor_run (every indicator, region, {len(years)} years)", started)


if __name__ == "__main__":
    main()
