"""Adding a partner: `doorbraak partners add` and /partners/nieuw for the programme team,
both through `partners.services.partner_add` (audited, every problem at once, in Dutch)."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from doorbraak.core.audit import audit_verify
from doorbraak.core.errors import ProblemsError
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Partner, Role, Sector
from doorbraak.partners.services import partner_add
from tests.conftest import UserOf

URL = "/partners/nieuw"


def test_sectors_cover_every_kind_of_partner() -> None:
    """The plan's gemeenten, kennisinstellingen, wonen, welzijn and zorg, and the partners
    that signal arrears or absence (energy, water, health insurer, school) or work with the
    same households (wijkteam, werk)."""
    needed = {
        "gemeente", "kennis", "wonen", "welzijn", "zorg", "energie", "water",
        "zorgverzekeraar", "onderwijs", "wijkteam", "werk",
    }  # fmt: skip
    assert needed <= set(Sector.values)


def test_demo_partners_sit_in_their_own_sector(demo_world: None) -> None:
    assert Partner.objects.get(code="noorderlicht-energie").sector == Sector.ENERGIE
    assert Partner.objects.get(code="waterbedrijf-veenstroom").sector == Sector.WATER
    assert Partner.objects.get(code="zorgverzekeraar-noordkroon").sector == "zorgverzekeraar"


def test_the_command_adds_a_partner_and_audits_it(demo_world: None) -> None:
    out = io.StringIO()
    call_command(
        "partners", "add", "waterbedrijf-noord", "--naam", "Waterbedrijf Noord",
        "--sector", "water", "--gemeente", "gm0047", stdout=out,
    )  # fmt: skip
    partner = Partner.objects.get(code="waterbedrijf-noord")
    assert (partner.name, partner.sector, partner.gemeente_code) == (
        "Waterbedrijf Noord",
        "water",
        "GM0047",
    )
    assert not partner.is_fictitious
    assert "is toegevoegd" in out.getvalue()
    assert "doorbraak mappings load" in out.getvalue()
    event = AuditEvent.objects.get(action=AuditAction.PARTNER_ADD)
    assert (event.object_id, event.result, event.origin) == (
        "waterbedrijf-noord",
        "toegevoegd",
        "doorbraak partners add",
    )
    assert audit_verify() == []


def test_every_problem_is_named_at_once_in_dutch(demo_world: None) -> None:
    with pytest.raises(ProblemsError) as error:
        partner_add(code="Gemeente Veendam!", name="", sector="energy", gemeente_code="0047")
    message = error.value.message
    assert "kleine letters, cijfers en streepjes" in message
    assert "Geef de naam" in message
    assert "Sector 'energy' bestaat niet" in message
    assert "Bedoelt u 'energie'?" in message
    assert "Gemeentecode '0047'" in message
    assert len(error.value.problems) == 4
    with pytest.raises(ProblemsError) as twice:
        partner_add(code="gemeente-veendam", name="Nogmaals", sector="gemeente")
    assert "al een partner met de code 'gemeente-veendam'" in twice.value.message
    assert not AuditEvent.objects.filter(action=AuditAction.PARTNER_ADD).exists()


def test_a_new_partner_can_load_its_mapping(demo_world: None, tmp_path) -> None:
    """Onboarding end to end: added, then its mapping loads (an unknown one is refused)."""
    from tests.intake.test_mappings_check import _write

    spec = {
        "name": "Waterbedrijf Noord", "file": "csv", "encoding": "utf-8", "delimiter": ";",
        "date_format": "%d-%m-%Y", "decimal": ",",
        "datasets": {"achterstanden": {
            "kind": "arrears", "keys": ["record_id"],
            "columns": {"Melding": "record_id", "Klantnummer": "client_id",
                        "Bedrag": "amount", "Meldingsdatum": "signal_date"},
            "types": {"amount": "decimal", "signal_date": "date"},
        }},
    }  # fmt: skip
    path = _write(tmp_path, {"version": 1, "partners": {"waterbedrijf-noord": spec}})
    with pytest.raises(ProblemsError):
        call_command("mappings", "load", str(path), stdout=io.StringIO())
    partner_add(code="waterbedrijf-noord", name="Waterbedrijf Noord", sector="water")
    out = io.StringIO()
    call_command("mappings", "load", str(path), stdout=out)
    assert "1 nieuw" in out.getvalue()


def test_the_programme_team_adds_a_partner_on_the_page(client: Client, user_of: UserOf) -> None:
    user = user_of(Role.PROGRAMME_TEAM)
    client.force_login(user)
    page = client.get("/partners").content.decode()
    assert URL in page
    form = client.get(URL).content.decode()
    assert "Partner toevoegen" in form
    assert "csrfmiddlewaretoken" in form
    assert "Zorgverzekeraar" in form
    response = client.post(
        URL, {"code": "zorgverzekeraar-oost", "name": "Zorgverzekeraar Oost",
              "sector": "zorgverzekeraar", "gemeente_code": ""}, follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert "Zorgverzekeraar Oost is toegevoegd" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.PARTNER_ADD)
    assert (event.actor, event.origin) == (user, "web")


def test_the_page_shows_problems_in_dutch_and_adds_nothing(client: Client, user_of: UserOf) -> None:
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    count = Partner.objects.count()
    data = {"code": "gemeente-veendam", "name": "X", "sector": "gemeente", "gemeente_code": "GM47"}
    response = client.post(URL, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "De partner is niet toegevoegd" in body
    assert "al een partner met de code" in body
    assert "Gemeentecode &#x27;GM47&#x27; kan niet" in body
    assert Partner.objects.count() == count


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PROGRAMME_TEAM])
def test_other_roles_may_not_add_partners(client: Client, user_of: UserOf, role: Role) -> None:
    client.force_login(user_of(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"code": "x", "name": "X", "sector": "water"}).status_code == 403
    assert not Partner.objects.filter(code="x").exists()
    if role != Role.HOUSEHOLD:
        assert URL not in client.get("/partners").content.decode()


def test_the_page_needs_the_csrf_token(user_of: UserOf) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    response = client.post(URL, {"code": "x", "name": "X", "sector": "water"})
    assert response.status_code == 403
    assert not Partner.objects.filter(code="x").exists()


def test_anonymous_is_sent_to_login(client: Client, demo_world: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen?next=")
