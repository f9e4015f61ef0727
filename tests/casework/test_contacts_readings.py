"""Contact moments and five-capital readings (issue 14, item 5; ADR 0026): recorded on the
household page by those with a role, on the configured instrument; the page shows the readings
as a chart (a Vega-Lite spec in a JSON script, no inline script) and a table with the same
numbers."""

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.urls import reverse

from doorbraak.casework import plans, services
from doorbraak.casework.models import CapitalReading, CaseHousehold, ContactMoment
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditEvent

from .conftest import ADDRESS, CONSENT, ProfessionalOf, members


def test_a_contact_is_recorded_on_the_household_page(household: CaseHousehold, client: Any) -> None:
    client.force_login(household.registered_by)
    url = reverse("casework:contact", args=[household.pk])
    response = client.post(
        url,
        {
            "contact-on": "2026-11-20",
            "contact-kind": "huisbezoek",
            "contact-reached": "ja",
            "contact-note": "Koffie gehad",
        },
    )
    assert response.status_code == 302
    client.post(
        url,
        {"contact-on": "2026-11-27", "contact-kind": "telefoon", "contact-reached": "nee"},
    )
    rows = list(ContactMoment.objects.values_list("on", "kind", "reached"))
    assert rows == [
        (dt.date(2026, 11, 20), "huisbezoek", True),
        (dt.date(2026, 11, 27), "telefoon", False),
    ]
    page = client.get(reverse("casework:household", args=[household.pk])).content.decode()
    assert "20-11-2026: huisbezoek, bereikt" in page
    assert "27-11-2026: telefoon, niet bereikt" in page
    assert AuditEvent.objects.filter(action="casework.contact.record").count() == 2


def test_a_contact_in_the_future_or_of_an_unknown_kind_is_refused(
    household: CaseHousehold, client: Any
) -> None:
    with pytest.raises(UserError) as caught:
        plans.contact_record(
            actor=household.registered_by,
            household=household,
            on=dt.date.today() + dt.timedelta(days=2),
            kind="telefoon",
            reached=True,
        )
    assert caught.value.code == "datum-in-de-toekomst"
    client.force_login(household.registered_by)
    response = client.post(
        reverse("casework:contact", args=[household.pk]),
        {"contact-on": "2026-11-20", "contact-kind": "brief", "contact-reached": "ja"},
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not ContactMoment.objects.exists()


def _reading(household: CaseHousehold, day: str, **levels: str) -> Any:
    member = household.members.first()
    assert member is not None
    data = {"meting-member": str(member.pk), "meting-on": day}
    data.update({f"meting-niveau_{code}": level for code, level in levels.items()})
    return data


def test_readings_are_stored_on_the_configured_instrument(
    household: CaseHousehold, client: Any, settings: Any
) -> None:
    settings.CASEWORK_INSTRUMENT = "vijf-kapitalen:1.0"
    client.force_login(household.registered_by)
    url = reverse("casework:reading", args=[household.pk])
    response = client.post(url, _reading(household, "2026-06-01", economisch="2", mentaal="3"))
    assert response.status_code == 302
    stored = list(
        CapitalReading.objects.values_list("capital", "level", "instrument", "instrument_version")
    )
    assert sorted(stored) == [
        ("economisch", 2, "vijf-kapitalen", "1.0"),
        ("mentaal", 3, "vijf-kapitalen", "1.0"),
    ]
    assert AuditEvent.objects.filter(action="casework.reading.record").count() == 1


def test_an_unknown_instrument_setting_is_a_dutch_error(
    household: CaseHousehold, settings: Any
) -> None:
    settings.CASEWORK_INSTRUMENT = "zrm:2017"
    member = household.members.first()
    assert member is not None
    with pytest.raises(UserError) as caught:
        plans.readings_record(
            actor=household.registered_by,
            household=household,
            member=member,
            on=dt.date(2026, 6, 1),
            levels={"economisch": 2},
        )
    assert caught.value.code == "werkzone-instrument-onbekend"


def test_a_bad_reading_gets_every_reason(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    other = services.household_register(
        actor=professional("piet"),
        members=[services.MemberInput(name="Kees de Vries", birth_date=dt.date(1970, 1, 1))],
        address=ADDRESS,
        ground=CONSENT,
    )
    stranger = other.members.get()
    with pytest.raises(ProblemsError) as caught:
        plans.readings_record(
            actor=household.registered_by,
            household=household,
            member=stranger,
            on=dt.date(2026, 6, 1),
            levels={"economisch": 7, "geluk": 3},
        )
    text = " ".join(caught.value.problems)
    assert "Kies een lid van dit huishouden" in text
    assert "het niveau is 1 tot en met 5" in text
    assert "'geluk' is geen kapitaalvorm" in text
    with pytest.raises(ProblemsError, match="meting"):
        plans.readings_record(
            actor=household.registered_by,
            household=household,
            member=household.members.first(),  # type: ignore[arg-type]
            on=dt.date(2026, 6, 1),
            levels={"economisch": None},
        )
    assert not CapitalReading.objects.exists()


def test_the_page_shows_readings_over_time_as_a_chart_and_a_table(
    household: CaseHousehold, client: Any
) -> None:
    client.force_login(household.registered_by)
    url = reverse("casework:reading", args=[household.pk])
    client.post(url, _reading(household, "2026-03-01", economisch="1", sociaal="2"))
    client.post(url, _reading(household, "2026-09-01", economisch="3", sociaal="2"))
    page = client.get(reverse("casework:household", args=[household.pk])).content.decode()
    spec_text = re.search(
        r'<script id="grafiek-metingen-1" type="application/json">(.*?)</script>', page, re.S
    )
    assert spec_text is not None
    spec = json.loads(spec_text.group(1))
    points = sorted((v["datum"], v["kapitaal"], v["niveau"]) for v in spec["data"]["values"])
    assert points == [
        ("2026-03-01", "Economisch kapitaal", 1),
        ("2026-03-01", "Sociaal kapitaal", 2),
        ("2026-09-01", "Economisch kapitaal", 3),
        ("2026-09-01", "Sociaal kapitaal", 2),
    ]
    assert 'src="/static/monitor/charts.js"' in page or "monitor/charts.js" in page
    table = page[page.index("data-readings") :]
    first_row = table[table.index("1-3-2026") :].split("</tr>")[0]
    assert re.findall(r">(\d|–)</td>", first_row) == ["1", "2", "–", "–", "–"]
    # no inline script other than the JSON data blocks (CSP)
    for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page):
        assert 'type="application/json"' in tag


def test_a_household_without_readings_shows_no_chart(household: CaseHousehold, client: Any) -> None:
    client.force_login(household.registered_by)
    page = client.get(reverse("casework:household", args=[household.pk])).content.decode()
    assert "Nog geen metingen." in page
    assert "grafiek-metingen" not in page


def test_members_are_kept_apart_in_the_chart(household: CaseHousehold) -> None:
    mother, child = household.members.all()
    for member, level in [(mother, 2), (child, 4)]:
        plans.readings_record(
            actor=household.registered_by,
            household=household,
            member=member,
            on=dt.date(2026, 6, 1),
            levels={"pedagogisch": level},
        )
    from doorbraak.casework.charts import member_readings
    from doorbraak.casework.selectors import readings

    shown = member_readings(readings(household), {"pedagogisch": "Pedagogisch kapitaal"})
    assert [(r.member.name, r.rows[0][1]) for r in shown] == [
        (members()[0].name, [2]),
        (members()[1].name, [4]),
    ]


def test_a_wrong_instrument_setting_shows_its_reason_not_a_traceback(
    household: CaseHousehold, client: Any, settings: Any
) -> None:
    settings.CASEWORK_INSTRUMENT = "zrm:2017"
    client.force_login(household.registered_by)
    page = client.get(reverse("casework:household", args=[household.pk]))
    assert page.status_code == 200
    assert "DOORBRAAK_CASEWORK_INSTRUMENT noemt &#x27;zrm:2017&#x27;" in page.content.decode()
    response = client.post(
        reverse("casework:reading", args=[household.pk]), _reading(household, "2026-06-01")
    )
    assert response.status_code == 302
    assert not CapitalReading.objects.exists()
