"""The reflection report's evaluation section (ADR 0037, 0038): each decision of the year with
the estimate it rested on, rounded by the one rule; a decision without an estimate says so."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from doorbraak.evaluation.labels import FIRST_SIGNS, level_text
from doorbraak.evaluation.models import EvaluationDecision
from doorbraak.evaluation.report_section import evaluations_section
from doorbraak.partners.models import Role, User

pytestmark = pytest.mark.django_db

BASIS = {
    "estimate": 0.3149,
    "ci_low": 0.1251,
    "ci_high": 0.5049,
    "method": "did",
    "design_level": 3,
    "label": FIRST_SIGNS,
    "n_treated": 412,
    "n_comparison": 1890,
    "areas_treated": 3,
    "areas_comparison": 11,
    "naive": -0.2213,
}


class Year:
    def __init__(self, year: int) -> None:
        self.year = year


def _decide(user: Any, when: dt.datetime, basis: dict[str, Any], choice: str) -> None:
    made = EvaluationDecision.objects.create(
        experiment="EXP-X",
        target="capital:economisch",
        decision=choice,
        basis=basis,
        decided_by=user,
    )
    EvaluationDecision.objects.filter(pk=made.pk).update(decided_at=when)


def test_the_years_decisions_with_what_they_rested_on() -> None:
    team = User.objects.create_user(username="team", role=Role.PROGRAMME_TEAM)
    zone = timezone.get_current_timezone()
    _decide(team, dt.datetime(2025, 3, 1, 12, tzinfo=zone), BASIS, "opschalen")
    _decide(team, dt.datetime(2025, 9, 1, 12, tzinfo=zone), {}, "bijstellen")
    _decide(team, dt.datetime(2024, 9, 1, 12, tzinfo=zone), BASIS, "stoppen")  # another year
    section = evaluations_section(Year(2025))
    assert section["title"] == "Wat de evaluaties vonden"
    [table] = [block for block in section["blocks"] if block["kind"] == "table"]
    first, second = table["rows"]
    assert first[2] == "opschalen"
    assert first[3] == 0.31  # the one rounding rule: two significant digits below 1
    assert first[4] == "0,13 tot 0,50"
    assert first[6] == level_text(3)
    assert first[7] == FIRST_SIGNS
    assert first[9] == -0.22  # the naive comparison beside it
    assert "412 in 3" in first[8]
    assert second[2] == "bijstellen"
    assert second[3] == "–"
    assert second[7] == "geen schatting mogelijk"


def test_a_year_without_decisions_says_so() -> None:
    section = evaluations_section(Year(2025))
    assert [block["kind"] for block in section["blocks"]] == ["paragraph"]
    assert "geen enkele evaluatie" in section["blocks"][0]["text"]
