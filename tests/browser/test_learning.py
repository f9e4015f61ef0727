"""The learning network in Chromium: the programme team records a session of lerend evalueren
on its own page, and a resident reads the public page of the experiment in their village on
a 390 px phone without sideways scrolling; axe-core finds nothing serious."""

import datetime as dt
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from doorbraak.areas.models import AreaGroup, AreaGroupKind
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.learning import models as m
from doorbraak.learning.services import experiment_record
from doorbraak.partners.models import Partner
from tests.browser.conftest import screenshot, serious_violations
from tests.browser.test_reflow import too_wide

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_programme_team_records_a_session(
    page: Page, site: str, login: Callable[[str], None]
) -> None:
    partner = Partner.objects.order_by("name").first()
    assert partner is not None
    login("programma")
    page.get_by_role("link", name="Leren").first.click()
    expect(page.locator("h1")).to_have_text("Lerend netwerk en experimenten")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Sessie vastleggen").click()
    page.get_by_label("Onderwerp").fill("Wat werkt bij huurachterstanden")
    page.get_by_label("Gehouden op").fill("2025-04-10")
    page.get_by_label(partner.name).check()
    page.get_by_label("Deelnemende ervaringsdeskundigen (codes)").fill("ED-07 ED-09")
    page.get_by_label("ervaringsdeskundigheid").check()
    page.get_by_label("Aantal professionals").fill("14")
    screenshot(page, "leren-sessie")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De sessie is vastgelegd.")
    expect(page.get_by_role("link", name="Wat werkt bij huurachterstanden")).to_be_visible()
    session = m.Session.objects.get(title="Wat werkt bij huurachterstanden")
    assert session.held_on == dt.date(2025, 4, 10)
    assert session.professionals == 14
    assert [p.partner_id for p in session.partners.all()] == [partner.pk]
    assert session.experts.count() == 2
    assert AuditEvent.objects.filter(
        action=AuditAction.LEARNING_RECORD_SAVE, object_id=str(session.pk)
    ).exists()


def test_a_resident_reads_the_experiment_in_their_village_on_a_phone(page: Page, site: str) -> None:
    dorp = AreaGroup.objects.filter(kind=AreaGroupKind.DORP).order_by("name").first()
    assert dorp is not None
    cocktail = [m.Intervention.objects.create(code="maatjes", name="Maatjesproject")]
    experiment = m.Experiment(
        code="EXP-DORP-1",
        name="Samen verder in het dorp",
        dorp=dorp,
        started_on=dt.date(2025, 1, 1),
        status=m.ExperimentStatus.RUNNING,
        summary="Gezinnen krijgen een maatje uit het dorp.",
        designed_with="Bewoners en ervaringsdeskundigen uit het dorp.",
    )
    experiment_record(actor=None, experiment=experiment, interventions=cocktail)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site)
    page.get_by_role("link", name="Experimenten").click()
    expect(page.locator("h1")).to_have_text("Experimenten in uw dorp of wijk")
    assert too_wide(page) <= 0
    assert serious_violations(page) == []
    page.get_by_role("link", name="Samen verder in het dorp").click()
    expect(page.locator("h1")).to_have_text("Samen verder in het dorp")
    expect(page.get_by_text(f"Waar: {dorp.name}.", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Welke hulp is er?")).to_be_visible()
    expect(page.get_by_text("Maatjesproject")).to_be_visible()
    assert too_wide(page) <= 0
    screenshot(page, "experiment-390")
    assert serious_violations(page) == []
