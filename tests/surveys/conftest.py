"""Fixtures: the shipped professionals' survey published, a round of it open, partners."""

import datetime as dt

import pytest

from doorbraak.partners.models import Partner
from doorbraak.surveys.models import SurveyRound, SurveyVersion
from doorbraak.surveys.services import round_open, survey_publish
from doorbraak.surveys.shipped import shipped_path

TODAY = dt.date(2026, 3, 2)
PROFESSIONALS = "professionals_randvoorwaarden"
RESIDENTS = "inwoners_wijk"
ALL_AGREE = {f"w1_{n}": "4" for n in range(1, 7)}


@pytest.fixture
def professionals(demo_world: None) -> SurveyVersion:
    return survey_publish(path=shipped_path(PROFESSIONALS), audience="professionals", today=TODAY)


@pytest.fixture
def residents(demo_world: None) -> SurveyVersion:
    return survey_publish(path=shipped_path(RESIDENTS), audience="inwoners", today=TODAY)


@pytest.fixture
def survey_round(professionals: SurveyVersion) -> SurveyRound:
    return round_open(version=professionals, period="2026")


@pytest.fixture
def partners(demo_world: None) -> list[Partner]:
    return list(Partner.objects.exclude(sector="").order_by("code")[:3])
