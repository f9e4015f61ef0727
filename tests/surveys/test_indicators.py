"""W1.1-W1.6 and D4 computed by the monitor from the synthetic region's survey rounds equal the
shares actually drawn (`synth.surveys`), per partner too; the rounds are what the demo loads."""

import re

import pytest
from django.test import Client

from doorbraak.areas.models import Area
from doorbraak.core.numbers import nl
from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Partner, Role
from doorbraak.surveys.services import RoundToLoad, rounds_load
from doorbraak.synth.surveys import PRECONDITIONS, TRUE_AGREE, SyntheticRound, survey_rounds
from tests.conftest import UserOf
from tests.surveys.conftest import TODAY


def _load(rounds: list[SyntheticRound]) -> None:
    rounds_load(
        rounds=[
            RoundToLoad(r.survey, r.period, r.invited, [(x.group, x.answers) for x in r.responses])
            for r in rounds
        ],
        today=TODAY,
    )


def _region(code: str, period: str) -> IndicatorValue:
    return IndicatorValue.objects.get(
        indicator_code=code, period=period, area_level="region", breakdown=""
    )


@pytest.mark.slow
def test_survey_indicators_equal_the_synthetic_truth(client: Client, user_of: UserOf) -> None:
    partners = list(Partner.objects.order_by("code").values_list("code", flat=True))
    wijken = sorted(set(Area.objects.filter(level="wijk").values_list("code", flat=True)))
    rounds = survey_rounds(seed=1, partners=partners, wijken=wijken, years=(2025,))
    professionals, residents = rounds
    _load(rounds)
    monitor_run(periods=["2025"])
    for n, question in enumerate(PRECONDITIONS, start=1):
        truth = professionals.share_agree(question)
        assert truth is not None
        value = _region(f"W1.{n}", "2025")
        assert value.value == pytest.approx(truth, abs=1e-6), question
        assert value.denominator == len(professionals.responses)
        # the sample estimates the true chance (about 500 professionals: within 8 points)
        assert abs(truth - 100 * TRUE_AGREE[2025][question]) < 8
    d4 = _region("D4", "2025")
    assert d4.value == pytest.approx(residents.share_agree("d4"), abs=1e-6)
    assert d4.denominator == len(residents.responses)
    # per partner: every shown cell is that partner's own drawn share, none below the threshold
    shown = IndicatorValue.objects.filter(
        indicator_code="W1.1", period="2025", breakdown="partner", suppressed=False
    ).exclude(value=None)
    assert shown.exists()
    for cell in shown:
        own = [r for r in professionals.responses if r.group == cell.breakdown_value]
        agree = sum(1 for r in own if r.answers["w1_1"] in ("4", "5"))
        assert cell.value == pytest.approx(100 * agree / len(own), abs=1e-6)
        assert min(agree, len(own) - agree) >= 10 or agree in (0, len(own))
    # shown on the dashboard and the indicator's page, no longer "Wacht op"
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    page = client.get("/monitor/W1.1").content.decode()
    value = _region("W1.1", "2025").value
    assert value is not None
    assert str(nl(value)) in page
    dashboard = client.get("/monitor").content.decode()
    tile = re.search(
        r'<li class="monitor-tile[^"]*" data-indicator="W1.1".*?</li>', dashboard, re.S
    )
    assert tile is not None  # goal W1's headline indicator (ADR 0032)
    assert 'data-status="wacht"' not in tile.group(0)
    assert nl(value) in tile.group(0)


def test_an_open_round_does_not_count(demo_world: None) -> None:
    from doorbraak.surveys.models import RoundStatus, SurveyRound

    partners = list(Partner.objects.order_by("code").values_list("code", flat=True))[:5]
    rounds = survey_rounds(seed=2, partners=partners, wijken=[], years=(2025,))
    _load(rounds[:1])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM surveys_answer_fact WHERE question = 'w1_1'")
        assert cursor.fetchone()[0] == len(rounds[0].responses)
        SurveyRound.objects.update(status=RoundStatus.OPEN)
        cursor.execute("SELECT COUNT(*) FROM surveys_answer_fact")
        assert cursor.fetchone()[0] == 0


def test_the_demo_loads_its_survey_rounds_once(demo_world: None) -> None:
    from doorbraak.surveys.models import Invitation, Response, SurveyRound
    from doorbraak.web.demo import demo_surveys_load

    stored = demo_surveys_load(progress=lambda message: None)
    assert stored == Response.objects.count() > 0
    assert SurveyRound.objects.count() == 4  # two surveys × 2024, 2025, all closed
    assert not SurveyRound.objects.exclude(status="gesloten").exists()
    assert Invitation.objects.filter(completed=True).count() == stored
    assert demo_surveys_load(progress=lambda message: None) == 0
