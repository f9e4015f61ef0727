"""E5 (partners running an intervention with an evaluation decided on) computed by the monitor
from the recorded decisions, against the synthetic truth's enrolments: the partners that
delivered the evaluated experiment's enrolments, counted once, from the day of the decision."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from django.utils import timezone

from doorbraak.evaluation.models import DecisionPartner, EvaluationDecision
from doorbraak.evaluation.services import decision_record
from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Partner, User
from doorbraak.web.demo import demo_evaluation_decide
from tests.conftest import catalogue_part

pytestmark = pytest.mark.django_db


def _e5(year: str, engine: str = "database") -> float | None:
    run = monitor_run(
        periods=[year], levels=("region",), definitions=catalogue_part("E5"), engine=engine
    ).run
    return IndicatorValue.objects.get(run=run, area_level="region", breakdown="").value


def _truth_partners(synth_dir: Path) -> dict[str, set[str]]:
    enrolments = pd.read_csv(synth_dir / "truth" / "facts" / "enrolments.csv", dtype=str)
    enrolments = enrolments.dropna(subset=["experiment_code", "partner"])
    return {code: set(group["partner"]) for code, group in enrolments.groupby("experiment_code")}


@pytest.mark.parametrize("engine", ["database", "duckdb"])
def test_e5_counts_the_partners_of_the_decided_experiments(
    demo_world: None, synth_dir: Path, engine: str
) -> None:
    truth = _truth_partners(synth_dir)
    first, second = sorted(truth, key=lambda code: -len(truth[code]))[:2]
    year = str(timezone.localdate().year)
    assert _e5(year, engine) == 0  # nothing decided yet
    team = User.objects.get(username="programma")
    for code in (first, second, first):  # a second decision on one experiment adds no partner
        decision_record(
            user=team, experiment=code, target="capital:economisch", decision="voortzetten", note=""
        )
    recorded = set(
        Partner.objects.filter(
            pk__in=DecisionPartner.objects.filter(decision__experiment=first).values("partner")
        ).values_list("code", flat=True)
    )
    assert recorded == truth[first]
    assert _e5(year, engine) == len(truth[first] | truth[second])
    assert _e5(str(int(year) - 1), engine) == 0  # cumulative from the decision's day, not before


def test_the_demo_records_a_decision_so_e5_has_a_value(demo_world: None) -> None:
    counted = demo_evaluation_decide()
    decision = EvaluationDecision.objects.get()
    assert decision.decided_by.username == "programma"
    assert counted == decision.partners.count() > 0
    assert _e5(str(timezone.localdate().year)) == counted
    assert demo_evaluation_decide() == 0  # once: a second demo run records nothing
    assert EvaluationDecision.objects.count() == 1
