"""The work zone's pages do what they say: register a household, record consent, add a
participant and hand over, each with a Dutch answer on bad input and never a traceback."""

from typing import Any

from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from doorbraak.casework.models import CaseHousehold, Handover
from doorbraak.partners.models import Partner

from .conftest import BSN_MOTHER, MOTHER, ProfessionalOf


def _form(**changes: str) -> dict[str, str]:
    data = {
        "lid-TOTAL_FORMS": "2",
        "lid-INITIAL_FORMS": "0",
        "lid-MIN_NUM_FORMS": "1",
        "lid-MAX_NUM_FORMS": "12",
        "lid-0-name": MOTHER,
        "lid-0-birth_date": "1984-03-09",
        "lid-0-bsn": BSN_MOTHER,
        "lid-0-phone": "",
        "lid-0-email": "",
        "street": "Hoofdstraat",
        "house_number": "12a",
        "postcode": "9641AB",
        "city": "Veendam",
        "ground_kind": "toestemming",
        "ground_given_on": "2026-11-02",
        "ground_scope": "samen een plan maken",
        "ground_article": "",
    }
    return {**data, **changes}


def test_registering_on_the_page_makes_her_the_regisseur(
    professional: ProfessionalOf, client: Any
) -> None:
    fatima = professional("fatima")
    client.force_login(fatima)
    assert client.get(reverse("casework:register")).status_code == 200
    response = client.post(reverse("casework:register"), _form())
    household = CaseHousehold.objects.get()
    assert response["Location"] == reverse("casework:household", args=[household.pk])
    page = client.get(response["Location"]).content.decode()
    assert MOTHER in page
    assert "regisseur (zaakcoördinator)" in page
    assert "samen een plan maken" in page


def test_bad_input_gets_every_reason_in_dutch(professional: ProfessionalOf, client: Any) -> None:
    client.force_login(professional("fatima"))
    response = client.post(
        reverse("casework:register"), _form(**{"lid-0-bsn": "123456789", "ground_scope": ""})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "geen geldig BSN" in page
    assert "beschrijf waarvoor het huishouden toestemming gaf" in page
    assert CaseHousehold.objects.count() == 0


def test_consent_participant_and_handover_on_the_page(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    sanne = professional("sanne")
    partner = Partner.objects.order_by("pk").first()
    assert partner is not None
    client.force_login(household.registered_by)
    url = lambda name: reverse(f"casework:{name}", args=[household.pk])  # noqa: E731 - short
    client.post(url("consent"), {"partner": partner.pk})
    client.post(url("participant"), {"professional": sanne.pk})
    page = client.get(url("household")).content.decode()
    assert partner.name in page
    assert "Sanne" in page
    refused = client.post(url("handover"), {"to": household.registered_by.pk, "on": "2026-12-07"})
    assert refused.status_code == 400
    assert "andere professional" in refused.content.decode()
    done = client.post(url("handover"), {"to": sanne.pk, "on": "2026-12-07", "note": "zie plan"})
    assert done["Location"] == reverse("casework:caseload")
    assert Handover.objects.get().to_professional == sanne


def test_an_id_past_the_database_range_is_not_found(household: CaseHousehold, client: Any) -> None:
    client.force_login(household.registered_by)
    url = reverse("casework:consent_withdraw", args=[household.pk, 2**64])
    assert client.post(url).status_code == 404


def test_a_withdrawn_ground_is_followed_by_a_new_one_on_the_page(
    household: CaseHousehold, client: Any
) -> None:
    client.force_login(household.registered_by)
    old = household.grounds.get()
    client.post(reverse("casework:ground_withdraw", args=[household.pk, old.pk]))
    refused = client.post(
        reverse("casework:ground", args=[household.pk]),
        {"ground_kind": "wettelijke-taak", "ground_given_on": "2026-12-01"},
    )
    assert refused.status_code == 400
    assert "noem het wetsartikel" in refused.content.decode()
    client.post(
        reverse("casework:ground", args=[household.pk]),
        {
            "ground_kind": "wettelijke-taak",
            "ground_given_on": "2026-12-01",
            "ground_article": "Wgs art. 3",
        },
    )
    grounds = list(household.grounds.values_list("kind", "withdrawn_on", "article"))
    assert grounds[0][1] is not None
    assert grounds[1] == ("wettelijke-taak", None, "Wgs art. 3")


def test_an_error_report_of_the_registration_hides_what_was_typed(
    professional: ProfessionalOf, client: Any
) -> None:
    """Django's error reports (mail to the administrators, the debug page) filter the POST of a
    view marked sensitive: the names, BSNs and addresses typed never reach them."""
    client.force_login(professional("fatima"))
    response = client.post(reverse("casework:register"), _form())
    request = response.wsgi_request
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert MOTHER not in repr(dict(shown))
    assert BSN_MOTHER not in repr(dict(shown))
