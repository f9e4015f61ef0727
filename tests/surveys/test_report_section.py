"""The survey section of the reflection report (ADR 0038): a closed round of the year with its
response and its results per partner through the gate, a small group as None, exactly as the
results page shows; an open round and a round of another year are absent."""

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings

from doorbraak.partners.models import Partner
from doorbraak.surveys.models import Answer, Invitation, Response, SurveyRound, SurveyVersion
from doorbraak.surveys.report_section import surveys_section
from doorbraak.surveys.selectors import round_results
from doorbraak.surveys.services import invitations_create, round_close, round_open
from tests.surveys.conftest import TODAY

YEAR = 2025
SCALES = [f"w1_{n}" for n in range(1, 7)]


class Year:
    year = YEAR


def _answered(survey_round: SurveyRound, partner: Partner, *, sent: int, scores: list[int]) -> None:
    """`sent` invitations for the partner, of which one completed per score given."""
    invitations_create(survey_round=survey_round, today=TODAY, partner=partner, letters=sent)
    done = Invitation.objects.filter(round=survey_round, partner=partner, completed=False)
    Invitation.objects.filter(pk__in=list(done.values_list("pk", flat=True)[: len(scores)])).update(
        completed=True
    )
    for score in scores:
        response = Response.objects.create(
            round=survey_round, partner=partner, sector=partner.sector
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=q, value=str(score), score=Decimal(score))
            for q in SCALES
        )


@pytest.fixture
def closed_2025(professionals: SurveyVersion, partners: list[Partner]) -> SurveyRound:
    survey_round = round_open(version=professionals, period=str(YEAR))
    first, second, small = partners
    _answered(survey_round, first, sent=30, scores=[4] * 10 + [2] * 10)
    _answered(survey_round, second, sent=30, scores=[5] * 10 + [1] * 10)
    _answered(survey_round, small, sent=10, scores=[5] * 3)
    round_close(survey_round=survey_round)
    return survey_round


def _tables(section: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in section["blocks"] if b["kind"] == "table"]


@pytest.mark.django_db
def test_a_closed_round_shows_its_response_and_gated_results(
    closed_2025: SurveyRound, partners: list[Partner]
) -> None:
    section = surveys_section(Year())
    assert section["title"] == "Wat de enquêtes zeggen"
    response, *questions = _tables(section)
    name = f"{closed_2025.version.title} ({YEAR})"
    assert response["rows"] == [[name, 70, 43, 61.4]]  # 43 of 70 invitations
    first = next(q for q in questions if q["caption"].startswith(f"{name}: Duurzame relaties"))
    rows = {row[0]: row[1:] for row in first["rows"]}
    assert rows["Alle groepen"] == [43, 53.5]  # 23 of 43 agree
    assert rows[partners[2].name] == [None, None]  # 3 answers: below the threshold, not 3
    assert all(3 not in row for row in first["rows"])


@pytest.mark.django_db
def test_the_section_shows_what_the_results_page_shows(closed_2025: SurveyRound) -> None:
    page = round_results(
        survey_round=closed_2025, by="partner", threshold=int(settings.DISCLOSURE_THRESHOLD)
    )
    tables = _tables(surveys_section(Year()))[1:]
    assert len(tables) == len(page.questions) == 6
    for table, question in zip(tables, page.questions, strict=True):
        assert table["caption"].endswith(question.label)
        assert table["rows"] == [[g.label, g.responses, g.agree] for g in question.groups]


@pytest.mark.django_db
def test_an_open_round_and_other_years_are_absent(
    closed_2025: SurveyRound, residents: SurveyVersion, partners: list[Partner]
) -> None:
    running = round_open(version=residents, period=str(YEAR))
    assert running.status == "open"
    earlier = round_open(version=closed_2025.version, period=str(YEAR - 1))
    _answered(earlier, partners[0], sent=12, scores=[4] * 11)
    round_close(survey_round=earlier)
    section = surveys_section(Year())
    text = repr(section)
    assert residents.title not in text
    assert f"({YEAR - 1})" not in text
    assert len(_tables(section)[0]["rows"]) == 1


@pytest.mark.django_db
def test_a_year_without_closed_rounds_says_so(professionals: SurveyVersion) -> None:
    round_open(version=professionals, period=str(YEAR))  # still open
    section = surveys_section(Year())
    assert section["blocks"] == [
        {"kind": "paragraph", "text": f"In {YEAR} is geen enquête afgesloten."}
    ]
