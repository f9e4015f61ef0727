"""An outreach worker's week in Chromium at a phone's width (390 px): two signals for one
household arrive and are bundled into one case; she takes it up, makes three attempts, the
third reaches the household, and closes with "Vervolghulp en/of verwijzing"; a signal for
another household is never answered and closed as "Definitief geen contact kunnen krijgen".
The reached household, with its consent, is led on to the demo professional, who opens it in
casework from the signals (nothing typed again but the birth date the signals lacked) and
writes its plan as its regisseur: a plan opened with a contact person. Every page fits the
screen and axe-core finds nothing serious."""

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from doorbraak.casework.selectors import household_find_by_bsn, regisseur_role
from doorbraak.outreach.models import Toeleiding, Vroegsignaalzaak
from doorbraak.partners.models import User
from tests.browser.conftest import screenshot, serious_violations

pytestmark = [pytest.mark.browser]
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture(autouse=True)
def _work_zone_keys(settings: Any) -> None:
    settings.WORK_ZONE_KEY = secrets.token_bytes(32).hex()
    settings.WORK_ZONE_PARTNER_KEY = secrets.token_bytes(32).hex()


def _fits(page: Page, name: str) -> None:
    screenshot(page, f"outreach-{name}-390")
    overflow = page.locator("main").evaluate("main => main.scrollWidth - main.clientWidth")
    assert overflow <= 0, f"{name}: the content is {overflow} px wider than a phone's screen"
    assert serious_violations(page) == []


def _day(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()


def _signal(page: Page, site: str, fields: dict[str, str]) -> None:
    page.goto(f"{site}/werk/signalen/nieuw/")
    page.get_by_label("Soort signaalpartner").select_option(fields.pop("soort"))
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Signaal opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zaak")


def _attempt(page: Page, kind: str, on: str, part: str, *, reached: bool = False) -> None:
    page.get_by_label("Soort contact").select_option(kind)
    page.get_by_label("Datum", exact=True).fill(on)
    page.get_by_label("Dagdeel").select_option(part)
    if reached:
        page.get_by_label("Bereikt", exact=True).check()
    page.get_by_role("button", name="Contactpoging vastleggen").click()
    expect(page.locator("[data-attempts]")).to_contain_text(kind)


def _close(page: Page, result: str) -> None:
    page.get_by_label("Eindresultaat").select_option(result)
    page.get_by_role("button", name="Zaak afsluiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vroegsignalen")


def _lead_on(page: Page, site: str, case: Vroegsignaalzaak, professional: User) -> None:
    """With the household's consent, to the demo professional of the gemeente's team."""
    page.goto(f"{site}/werk/signalen/zaken/{case.pk}/")
    page.get_by_label("Naar partner").select_option(str(professional.partner_id))
    page.get_by_label("Naar professional (als u die kent)").select_option(str(professional.pk))
    page.get_by_label("Toestemming van het huishouden gegeven op").fill(_day(2))
    page.get_by_label("Waarvoor gaf het huishouden toestemming?").fill("een plan met het wijkteam")
    page.get_by_role("button", name="Toeleiden").click()
    expect(page.locator("[data-referrals]")).to_contain_text(professional.partner.name)
    _fits(page, "toegeleid")


def _plan_opened(page: Page, site: str, login: Callable[[str], None]) -> None:
    """The professional opens the household from the referral and writes its first plan."""
    page.context.clear_cookies()
    login("professional")
    referral = Toeleiding.objects.get()
    page.goto(f"{site}/werk/toeleidingen/{referral.pk}/registreren")
    first = page.locator("fieldset", has_text="Lid 1")
    expect(first.get_by_label("Naam")).to_have_value("Sanne de Vries")  # from the signals
    expect(first.get_by_label("BSN (als het er is)")).to_have_value("111222333")
    expect(page.get_by_label("Postcode")).to_have_value("9641AB")
    first.get_by_label("Geboortedatum").fill("1990-04-01")  # the signals did not know it
    _fits(page, "toeleiding-registreren")
    page.get_by_role("button", name="Huishouden registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan van Sanne de Vries")
    goal = "Elke maand de vaste lasten op tijd betalen"
    page.get_by_label("Doel voor economisch kapitaal, in eigen woorden").fill(goal)
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.locator("[data-goals]")).to_contain_text(goal)
    _fits(page, "toeleiding-plan")
    page.get_by_role("link", name="Terug naar het huishouden").click()
    expect(page.locator("[data-roles]")).to_contain_text("regisseur (zaakcoördinator)")


def test_an_outreach_worker_s_week(page: Page, site: str, login: Callable[[str], None]) -> None:
    page.set_viewport_size(PHONE)
    login("vroegsignalering")
    page.goto(f"{site}/werk/signalen/")
    expect(page.get_by_text("Er staan geen open vroegsignalen")).to_be_visible()
    person = {
        "BSN": "111222333",
        "Naam (uit de BRP)": "Sanne de Vries",
        "Postcode": "9641AB",
        "Huisnummer": "12",
    }
    _signal(
        page,
        site,
        {
            "soort": "Huur",
            "Kenmerk van de signaalpartner": "H-1",
            "Signaaldatum": _day(6),
            "Bedrag (hele euro's)": "900",
            "Kinderen in het huishouden (uit de BRP)": "2",
            **person,
        },
    )
    _fits(page, "zaak-nieuw")
    _signal(
        page,
        site,
        {
            "soort": "Energie",
            "Kenmerk van de signaalpartner": "E-1",
            "Signaaldatum": _day(5),
            "Bedrag (hele euro's)": "400",
            "BSN": "111222333",
        },
    )
    expect(page.locator("[data-signals] > li")).to_have_count(2)  # bundled
    _signal(
        page,
        site,
        {
            "soort": "Water",
            "Kenmerk van de signaalpartner": "W-1",
            "Signaaldatum": _day(6),
            "Bedrag (hele euro's)": "120",
            "Postcode": "9641CD",
            "Huisnummer": "3",
        },
    )

    page.goto(f"{site}/werk/signalen/")
    _fits(page, "werklijst")
    items = page.locator("[data-worklist] > li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("Sanne de Vries")  # more points: first
    expect(items.first.locator("[data-priority]")).to_have_text("hoog")
    items.first.get_by_role("link").click()
    page.get_by_label("Opgepakt op").fill(_day(5))
    page.get_by_role("button", name="Oppakken").click()
    _attempt(page, "Brief", _day(4), "Ochtend")
    _attempt(page, "Telefoon", _day(3), "Middag")
    _attempt(page, "Huisbezoek", _day(2), "Avond", reached=True)
    _fits(page, "zaak-bereikt")
    _close(page, "Vervolghulp en/of verwijzing")

    page.get_by_role("link", name="9641CD 3").click()
    page.get_by_label("Opgepakt op").fill(_day(5))
    page.get_by_role("button", name="Oppakken").click()
    _attempt(page, "Brief", _day(4), "Ochtend")
    _close(page, "Definitief geen contact kunnen krijgen")
    expect(page.get_by_text("Er staan geen open vroegsignalen")).to_be_visible()

    never = Vroegsignaalzaak.objects.get(signals__record_key="W-1")
    assert never.result == "Definitief geen contact kunnen krijgen"
    reached = Vroegsignaalzaak.objects.get(signals__record_key="H-1")
    assert reached.result == "Vervolghulp en/of verwijzing"
    assert sorted(reached.signals.values_list("record_key", flat=True)) == ["E-1", "H-1"]
    assert reached.attempts.count() == 3

    professional = User.objects.select_related("partner").get(username="professional")
    _lead_on(page, site, reached, professional)
    _plan_opened(page, site, login)
    household = household_find_by_bsn("111222333")
    assert household is not None
    role = regisseur_role(household)
    assert role is not None
    assert role.professional == professional  # the contact person
    assert household.plans.get().goals.count() == 1
    assert Toeleiding.objects.get().household == household
