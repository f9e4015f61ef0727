"""The sections other apps supply (ADR 0038): a frozen year holds the survey results and the
learning network's year as their providers returned them, and the report renders them by the
generic shape, a hidden value as "afgeschermd"."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from doorbraak.learning import models as m
from doorbraak.learning import services as learning
from doorbraak.partners.models import Partner
from doorbraak.reports.document import report_build
from doorbraak.reports.render import report_html
from doorbraak.reports.services import snapshot_freeze
from doorbraak.surveys.models import Answer, Invitation, Response
from doorbraak.surveys.services import invitations_create, round_close, round_open, survey_publish
from doorbraak.surveys.shipped import shipped_path
from tests.reports.conftest import YEAR

pytestmark = pytest.mark.django_db


def _survey_closed(partners: list[Partner]) -> str:
    """A closed round of the year: 20 answers of one partner, 3 of another (hidden)."""
    version = survey_publish(
        path=shipped_path("professionals_randvoorwaarden"),
        audience="professionals",
        today=dt.date(YEAR, 1, 2),
    )
    survey_round = round_open(version=version, period=str(YEAR))
    for partner, count in zip(partners, (20, 3), strict=True):
        invitations_create(
            survey_round=survey_round,
            today=dt.date(YEAR, 1, 2),
            partner=partner,
            letters=max(count, 10),  # a group is invited whole (ADR 0042); 3 of 10 answer
        )
        for _ in range(count):
            response = Response.objects.create(round=survey_round, partner=partner)
            Answer.objects.create(response=response, question="w1_1", value="4", score=Decimal(4))
    for partner, count in zip(partners, (20, 3), strict=True):
        invited = Invitation.objects.filter(round=survey_round, partner=partner)
        Invitation.objects.filter(pk__in=list(invited.values_list("pk", flat=True)[:count])).update(
            completed=True
        )
    round_close(survey_round=survey_round)
    return version.title


def test_the_frozen_year_holds_and_shows_both_sections(run_2025: None) -> None:
    partners = list(Partner.objects.order_by("code")[:2])
    title = _survey_closed(partners)
    learning.activity_record(
        actor=None,
        record=m.Conference(title="Armoedecongres", held_on=dt.date(YEAR, 5, 3), participants=150),
    )
    snapshot = snapshot_freeze(year=YEAR).snapshot
    surveys, network = snapshot.sections["surveys"], snapshot.sections["learning"]
    assert surveys["title"] == "Wat de enquêtes zeggen"
    assert network["title"] == "Het lerend netwerk"
    [question] = [b for b in surveys["blocks"] if "Duurzame relaties" in b.get("caption", "")]
    rows = {row[0]: row[1:] for row in question["rows"]}
    assert rows[partners[1].name] == [None, None]  # 3 answers
    html = report_html(report_build(snapshot))
    assert "<h2>Wat de enquêtes zeggen</h2>" in html
    assert "<h2>Het lerend netwerk</h2>" in html
    assert title in html
    assert "<td>Armoedecongres</td><td>3-5-2025</td><td>150</td>" in html
    row = re.search(rf"<tr><td>{re.escape(partners[1].name)}</td>(.*?)</tr>", html)
    assert row is not None
    assert row.group(1) == "<td>afgeschermd</td><td>afgeschermd</td>"
