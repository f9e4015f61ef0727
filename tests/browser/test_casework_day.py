"""Fatima's day in Chromium (issue 14): her start page (with an early signal routed to her), a
household from it, a plan written with the family (goals and an action, and their agreement),
a contact and a capital reading (the chart drawn under the page's CSP), and a handover to a
colleague. At 1280 and at 390 px wide:
axe-core finds nothing serious, and at 390 px nothing is wider than the screen."""

import datetime as dt
import secrets
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from doorbraak.casework import services
from doorbraak.casework.models import CaseRole, LegalGround
from doorbraak.outreach import services as outreach
from doorbraak.partners.models import Partner, Role, User
from tests.browser.conftest import log_in, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WIDTHS = {
    "breed": ViewportSize(width=1280, height=900),
    "telefoon": ViewportSize(width=390, height=844),
}
BAKKER = "Marieke Bakker"
BAKKER_BSN = "111222333"  # passes the elfproef; a test number, no one's
GOAL = "Wij willen rondkomen zonder dat er nieuwe rekeningen blijven liggen."


@pytest.fixture(autouse=True)
def _work_zone_keys(settings: Any) -> None:
    settings.WORK_ZONE_KEY = secrets.token_bytes(32).hex()
    settings.WORK_ZONE_PARTNER_KEY = secrets.token_bytes(32).hex()


def _caseload(fatima: User) -> None:
    """Two households of hers: the Bakkers, whom she last saw long ago, and the De Vrieses."""
    ground = services.GroundInput(
        kind=LegalGround.Kind.CONSENT, given_on=dt.date(2026, 9, 1), scope="samen een plan maken"
    )
    address = services.AddressInput(postcode="9641AB", house_number="12")
    bakker = services.household_register(
        actor=fatima,
        members=[
            services.MemberInput(name=BAKKER, birth_date=dt.date(1986, 2, 3), bsn=BAKKER_BSN),
            services.MemberInput(name="Sem Bakker", birth_date=dt.date(2015, 8, 9)),
        ],
        address=address,
        ground=ground,
    )
    CaseRole.objects.filter(household=bakker).update(
        started_on=timezone.localdate() - dt.timedelta(days=120)
    )
    services.household_register(
        actor=fatima,
        members=[services.MemberInput(name="Anna de Vries", birth_date=dt.date(1990, 1, 1))],
        address=address,
        ground=ground,
    )
    _rent_arrears_signal()


def _rent_arrears_signal() -> None:
    """The gemeente's vroegsignalering receives rent arrears for Marieke Bakker: the outreach
    app routes it to her regisseur, Fatima, whose start page shows it."""
    gemeente = Partner.objects.filter(sector="gemeente").exclude(gemeente_code="").first()
    assert gemeente is not None
    worker = User.objects.create_user(username="ilse", role=Role.OUTREACH, partner=gemeente)
    outreach.signal_receive(
        actor=worker,
        signal=outreach.SignalInput(
            gemeente_code=gemeente.gemeente_code,
            record_key="huur-1",
            partner_type="Huur",
            signal_date=timezone.localdate() - dt.timedelta(days=2),
            amount=640,
            bsn=BAKKER_BSN,
            name=BAKKER,
            postcode="9641 AB",
            house_number="12",
        ),
    )


def _check(page: Page, width: str, name: str) -> None:
    screenshot(page, f"casework-dag-{name}-{width}")
    assert serious_violations(page) == [], name
    if width == "telefoon":
        overflow = page.locator("main").evaluate("main => main.scrollWidth - main.clientWidth")
        assert overflow <= 0, f"{name}: the page is {overflow} px wider than a phone's screen"


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_fatimas_day(page: Page, site: str, width: str) -> None:
    fatima = User.objects.get(username="professional")
    partner = Partner.objects.exclude(pk=fatima.partner_id).order_by("pk").first()
    assert partner is not None
    colleague = User.objects.create_user(
        username="collega",
        first_name="Sanne",
        last_name="Jansen",
        role=Role.PROFESSIONAL,
        partner=fatima.partner,
    )
    _caseload(fatima)
    page.set_viewport_size(WIDTHS[width])
    log_in(page, site, "professional")
    _start_and_open(page, site, width)
    _plan_with_the_family(page, width, partner)
    _contact_and_reading(page, width)
    _handover(page, width, colleague)


def _start_and_open(page: Page, site: str, width: str) -> None:
    """The start page: a rent arrears signal for the Bakkers, who have had no contact for
    months; open them from the list."""
    page.goto(f"{site}/werk/")
    expect(page.locator("[data-regisseur-signals]")).to_contain_text("Huur")
    no_contact = page.locator('[data-start="geen-contact"]')
    expect(no_contact).to_contain_text(BAKKER)
    expect(page.locator('[data-start="nieuw"]')).to_contain_text("Anna de Vries")
    _check(page, width, "start")
    no_contact.get_by_role("link", name=f"{BAKKER}, Sem Bakker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{BAKKER}, Sem Bakker")
    _check(page, width, "huishouden")


def _plan_with_the_family(page: Page, width: str, partner: Partner) -> None:
    """A goal in their own words and an action by a partner; then their agreement."""
    page.get_by_role("link", name="Een plan maken met het huishouden").click()
    page.get_by_label("Doel voor economisch kapitaal, in eigen woorden").fill(GOAL)
    page.get_by_label("Samen bespreken op").fill("2027-02-01")
    action = page.locator("fieldset", has_text="Actie 1")
    action.get_by_label("Wat gebeurt er?").fill("Samen elke maandag de post openen")
    action.get_by_label("Wie doet het?").select_option("partner")
    action.get_by_label("Partner (als een partner het doet)").select_option(str(partner.pk))
    action.get_by_label("Uiterlijk op").fill("2027-01-15")
    _check(page, width, "plan-schrijven")
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.locator("[data-goals]")).to_contain_text(GOAL)
    expect(page.locator("[data-actions]")).to_contain_text(partner.name)
    page.get_by_label("Hoe gaf het huishouden akkoord?").select_option("mondeling")
    page.get_by_role("button", name="Akkoord vastleggen").click()
    expect(page.locator("[data-agreed]")).to_contain_text("Het huishouden ging akkoord")
    _check(page, width, "plan")


def _contact_and_reading(page: Page, width: str) -> None:
    """A home visit, and two readings: the chart is drawn (under the page's CSP)."""
    page.get_by_role("link", name="Terug naar het huishouden").click()
    page.get_by_text("Een contact vastleggen").click()
    page.get_by_label("Soort contact").select_option("huisbezoek")
    page.get_by_role("button", name="Contact vastleggen").click()
    expect(page.locator("[data-contacts]")).to_contain_text("huisbezoek, bereikt")
    for day, level in [("2026-06-01", "2"), (timezone.localdate().isoformat(), "3")]:
        page.get_by_text("Een meting vastleggen").click()
        page.get_by_label("Over wie?").select_option(label=BAKKER)
        page.get_by_label("Datum van de meting").fill(day)
        page.get_by_label("Economisch kapitaal", exact=True).select_option(level)
        page.get_by_label("Mentaal kapitaal", exact=True).select_option("4")
        page.get_by_role("button", name="Meting vastleggen").click()
        expect(page.locator("[data-readings]").first).to_contain_text(level)
    chart = page.locator("figure[data-chart='grafiek-metingen-1']")
    expect(chart).to_be_visible(
        timeout=15_000
    )  # drawn by charts.js: the figure stays hidden otherwise
    expect(chart.locator("svg")).to_have_count(1)
    _check(page, width, "metingen")


def _handover(page: Page, width: str, colleague: User) -> None:
    page.get_by_label("Nieuwe regisseur", exact=True).select_option(
        label=f"Sanne Jansen ({colleague.partner.name})"  # type: ignore[union-attr]
    )
    page.get_by_label("Datum", exact=True).fill(timezone.localdate().isoformat())
    page.get_by_label("Toelichting voor de nieuwe regisseur").fill("Warme overdracht gedaan.")
    page.get_by_role("button", name="Overdragen").click()
    expect(page.get_by_text("Het huishouden is overgedragen.")).to_be_visible(timeout=15_000)
    expect(page.locator("[data-caseload]")).not_to_contain_text(BAKKER)
    _check(page, width, "na-overdracht")
