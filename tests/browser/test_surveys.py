"""A professional takes the professionals' survey in Chromium, from the invitation e-mail to
the submitted answer: the one-time link opens the questionnaire without a login; sending it
empty lists every missing answer, each linked to its question; the answers go in by their
labels (radio buttons in a fieldset per statement, the obstacles that only apply to a low
score); the thanks page follows and the link is spent. At 1280 and 390 px, axe-core finds
nothing serious."""

import datetime as dt
import re

import pytest
from django.core import mail
from playwright.sync_api import Page, ViewportSize, expect

from doorbraak.partners.models import Partner
from doorbraak.surveys.models import Answer, Invitation, Response
from doorbraak.surveys.services import (
    invitation_mail,
    invitations_create,
    round_open,
    survey_publish,
)
from doorbraak.surveys.shipped import shipped_path
from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser]
STATEMENTS = [
    "Duurzame relaties", "Continuïteit", "Effectiviteit evalueren", "Tijd en ruimte",
    "Samenhang", "Samenwerking",
]  # fmt: skip


def _invitation(site: str) -> str:
    version = survey_publish(
        path=shipped_path("professionals_randvoorwaarden"), audience="professionals",
        today=dt.date(2026, 3, 2),
    )  # fmt: skip
    survey_round = round_open(version=version, period="2026")
    partner = Partner.objects.filter(sector="welzijn").order_by("code").first()
    assert partner is not None
    link, *_letters = invitations_create(
        survey_round=survey_round, today=survey_round.counts_on, partner=partner,
        addresses=["professional@example.org"], letters=9,  # a group of 10 (ADR 0042)
    )  # fmt: skip
    invitation_mail(link=link, title=version.title, base_url=site)
    found = re.search(r"(http\S+/enquete/\S+/)", mail.outbox[-1].body)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("width", [1280, 390])
def test_professional_takes_the_survey_from_invitation_to_answer(
    page: Page, site: str, width: int
) -> None:
    page.set_viewport_size(ViewportSize(width=width, height=900))
    url = _invitation(site)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Professionalsenquête")
    obstacles = page.locator("#v-belemmeringen")
    expect(obstacles).to_be_hidden()  # only after a low score on time and space (the script)
    assert serious_violations(page) == []

    page.get_by_role("button", name="Versturen").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Er zijn 6 antwoorden om te verbeteren")
    alert.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"#v-w1_1$"))
    assert serious_violations(page) == []
    screenshot(page, f"surveys-errors-{width}")

    for n, statement in enumerate(STATEMENTS, start=1):
        group = page.get_by_role("group", name=re.compile(f"^{statement}"))
        group.get_by_label("Oneens" if n == 4 else "Eens", exact=True).check()
    expect(obstacles).to_be_visible()
    page.get_by_role("group", name=re.compile("^Wat staat tijd en ruimte")).get_by_label(
        "Regels en verantwoording"
    ).check()
    page.get_by_label(re.compile("^Hoeveel uur per week")).fill("8")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank u wel")
    overflow = page.locator("main").evaluate("main => main.scrollWidth - main.clientWidth")
    assert overflow <= 0
    screenshot(page, f"surveys-thanks-{width}")

    assert Invitation.objects.exclude(recipient_key="").get().completed  # the mailed one
    assert Invitation.objects.filter(completed=True).count() == 1
    response = Response.objects.get()
    answers = dict(Answer.objects.filter(response=response).values_list("question", "value"))
    assert answers == {
        "w1_1": "4", "w1_2": "4", "w1_3": "4", "w1_4": "2", "w1_5": "4", "w1_6": "4",
        "belemmeringen": "regels", "uren_relaties": "8",
    }  # fmt: skip
    page.goto(url)
    expect(page.locator("main")).to_contain_text("al ingevuld")
