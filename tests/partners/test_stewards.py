"""A partner's data steward without /beheer: `doorbraak partners steward` makes the account
(the data-steward role, scoped to that partner), prints no password but a one-time link on
which the steward chooses one; audited, every problem at once, in Dutch."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from doorbraak.core.audit import audit_verify
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.intake.models import ImportBatch
from doorbraak.partners.access import Capability, user_can
from doorbraak.partners.models import Partner, Role, User
from doorbraak.partners.services import partner_add, steward_add, steward_link

PASSWORD = "Zout-en-peper-2026"
LINK = re.compile(r"/wachtwoord/instellen/[^/\s]+/[^/\s]+/")


@pytest.fixture
def water(demo_world: None) -> Partner:
    return partner_add(code="waterbedrijf-oost", name="Waterbedrijf Oost", sector="water")


def _steward(*args: str) -> str:
    out = io.StringIO()
    call_command("partners", "steward", *args, stdout=out)
    return out.getvalue()


def _link(text: str) -> str:
    found = LINK.search(text)
    assert found, text
    return found.group(0)


def test_the_command_makes_a_steward_of_that_partner_without_a_password(water: Partner) -> None:
    printed = _steward(
        "waterbedrijf-oost", "--gebruiker", "jdevries", "--email", "j.devries@wb-oost.nl"
    )
    user = User.objects.get(username="jdevries")
    assert (user.role, user.partner, user.email) == (
        Role.DATA_STEWARD,
        water,
        "j.devries@wb-oost.nl",
    )
    assert not user.has_usable_password()
    assert not user.is_staff
    assert user_can(user, Capability.OWN_ORGANISATION)
    assert [g.name for g in user.groups.all()] == [Role.DATA_STEWARD.value]
    assert "is aangemaakt, nog zonder wachtwoord" in printed
    assert "werkt één keer" in printed
    assert "wachtwoord" not in printed.split("\n")[-2]  # the link line holds only the link
    _link(printed)
    event = AuditEvent.objects.get(action=AuditAction.PARTNER_STEWARD_ADD)
    assert (event.object_id, event.result, event.origin) == (
        "jdevries",
        "aangemaakt",
        "doorbraak partners steward",
    )
    assert "waterbedrijf-oost" in event.reason
    assert audit_verify() == []


def test_with_the_platforms_address_the_whole_link_is_printed(water: Partner) -> None:
    printed = _steward(
        "waterbedrijf-oost", "--gebruiker", "jdevries", "--email", "j@wb-oost.nl",
        "--adres", "https://monitor.example.nl/",
    )  # fmt: skip
    assert re.search(r"https://monitor\.example\.nl/wachtwoord/instellen/\S+/\S+/", printed)


def test_every_problem_is_named_at_once_in_dutch(water: Partner) -> None:
    with pytest.raises(ProblemsError) as error:
        steward_add(partner_code="waterbedrijf-ost", username="j de vries", email="geen adres")
    message = error.value.message
    assert "Partner 'waterbedrijf-ost' bestaat niet" in message
    assert "Bedoelt u 'waterbedrijf-oost'?" in message
    assert "Gebruikersnaam 'j de vries' kan niet" in message
    assert "'geen adres' is geen e-mailadres" in message
    assert len(error.value.problems) == 3
    with pytest.raises(ProblemsError) as taken:
        steward_add(partner_code="waterbedrijf-oost", username="GEGEVENSBEHEERDER", email="a@b.nl")
    assert "bestaat al" in taken.value.message
    assert not AuditEvent.objects.filter(action=AuditAction.PARTNER_STEWARD_ADD).exists()


def test_at_most_two_stewards_hold_the_key(water: Partner) -> None:
    """ADR 0010: at most two named stewards per partner."""
    steward_add(partner_code="waterbedrijf-oost", username="een", email="een@wb-oost.nl")
    steward_add(partner_code="waterbedrijf-oost", username="twee", email="twee@wb-oost.nl")
    with pytest.raises(ProblemsError) as error:
        steward_add(partner_code="waterbedrijf-oost", username="drie", email="drie@wb-oost.nl")
    assert "heeft al 2 gegevensbeheerders" in error.value.message
    User.objects.filter(username="een").update(is_active=False)
    steward_add(partner_code="waterbedrijf-oost", username="drie", email="drie@wb-oost.nl")


def test_usage_errors_are_dutch(water: Partner) -> None:
    with pytest.raises(UserError) as error:
        _steward("waterbedrijf-oost", "--gebruiker", "jdevries")
    assert "Geef de code van de partner en --email" in error.value.message
    with pytest.raises(UserError) as unknown:
        _steward("--nieuwe-link", "--gebruiker", "niemand")
    assert "geen gegevensbeheerder met de gebruikersnaam 'niemand'" in unknown.value.message


def test_the_steward_chooses_a_password_once_and_logs_in(water: Partner) -> None:
    _user, path = steward_add(partner_code="waterbedrijf-oost", username="jdevries", email="j@x.nl")
    client = Client()
    form = client.get(path, follow=True)
    page = form.content.decode()
    assert "Wachtwoord kiezen" in page
    assert "jdevries" in page
    weak = client.post(form.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"})
    assert "Het wachtwoord is niet ingesteld" in weak.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
        follow=True,
    )
    assert "Uw wachtwoord is ingesteld" in done.content.decode()
    assert Client().login(username="jdevries", password=PASSWORD)
    event = AuditEvent.objects.get(action=AuditAction.PARTNER_PASSWORD_SET)
    assert (event.object_id, event.origin) == ("jdevries", "web")
    again = Client().get(path, follow=True).content.decode()
    assert "Deze link werkt niet meer" in again
    assert "new_password1" not in again


def test_a_new_link_replaces_a_lost_one(water: Partner) -> None:
    _user, first = steward_add(
        partner_code="waterbedrijf-oost", username="jdevries", email="j@x.nl"
    )
    printed = _steward("--nieuwe-link", "--gebruiker", "jdevries")
    assert "Nieuwe link voor gegevensbeheerder jdevries" in printed
    assert AuditEvent.objects.filter(action=AuditAction.PARTNER_STEWARD_LINK).count() == 1
    second = _link(printed)
    client = Client()
    form = client.get(second, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert "Deze link werkt niet meer" in Client().get(first, follow=True).content.decode()
    with pytest.raises(UserError):
        steward_link(username="programma")  # not a steward: no link from this command


def test_the_steward_sees_only_his_partners_deliveries(water: Partner) -> None:
    user, path = steward_add(partner_code="waterbedrijf-oost", username="jdevries", email="j@x.nl")
    other = Partner.objects.get(code="woonstichting-veenhorst")
    own = ImportBatch.objects.create(partner=water, file_name="eigen-aanlevering.csv")
    theirs = ImportBatch.objects.create(partner=other, file_name="andermans-aanlevering.csv")
    client = Client()
    form = client.get(path, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert client.login(username="jdevries", password=PASSWORD)
    listing = client.get("/aanleveringen").content.decode()
    assert "eigen-aanlevering.csv" in listing
    assert "andermans-aanlevering.csv" not in listing
    assert client.get(f"/aanleveringen/{own.pk}").status_code == 200
    assert client.get(f"/aanleveringen/{theirs.pk}").status_code == 404
    assert client.get("/partners/nieuw").status_code == 403
    assert "Waterbedrijf Oost" in client.get("/organisatie").content.decode()
    assert user.partner == water
