"""Who may see one household's timeline, and that every look is in the audit log."""

import pytest
from django.test import Client

from doorbraak.core.audit import audit_verify
from doorbraak.core.models import AuditEvent
from doorbraak.partners.models import Partner, Role, User
from doorbraak.register import models as r
from doorbraak.register.selectors import caseload
from tests.conftest import UserOf


def _own_household(professional: User) -> r.Household:
    household = caseload(professional).order_by("pk").first()
    assert household is not None, "the demo professional should have a caseload"
    return household


def _other_household(professional: User) -> r.Household:
    household = r.Household.objects.exclude(pk__in=caseload(professional)).order_by("pk").first()
    assert household is not None
    return household


def test_professional_sees_a_household_in_own_caseload(client: Client, user_of: UserOf) -> None:
    professional = user_of(Role.PROFESSIONAL)
    household = _own_household(professional)
    client.force_login(professional)
    response = client.get(f"/huishoudens/{household.pk}")
    assert response.status_code == 200
    assert "Tijdlijn" in response.content.decode()
    event = AuditEvent.objects.latest("id")
    assert (event.actor, event.object_id, event.result) == (
        professional,
        str(household.pk),
        "getoond",
    )
    assert audit_verify() == []


def test_professional_is_refused_a_household_outside_the_caseload(
    client: Client, user_of: UserOf
) -> None:
    professional = user_of(Role.PROFESSIONAL)
    client.force_login(professional)
    other = _other_household(professional)
    assert client.get(f"/huishoudens/{other.pk}").status_code == 403
    assert AuditEvent.objects.latest("id").result == "geweigerd"


def test_professional_of_another_partner_with_the_same_worker_ref_is_refused(
    client: Client, user_of: UserOf
) -> None:
    professional = user_of(Role.PROFESSIONAL)
    household = _own_household(professional)
    impostor = User.objects.create_user(
        username="elders",
        role=Role.PROFESSIONAL,
        worker_ref=professional.worker_ref,
        partner=Partner.objects.exclude(pk=professional.partner_id).first(),
    )
    client.force_login(impostor)
    assert client.get(f"/huishoudens/{household.pk}").status_code == 403


def test_household_sees_only_its_own_timeline(client: Client, user_of: UserOf) -> None:
    resident = user_of(Role.HOUSEHOLD)
    own = r.Household.objects.get(pseudonym=resident.household_ref)
    client.force_login(resident)
    response = client.get("/mijn-huishouden", follow=True)
    assert response.redirect_chain[-1][0] == f"/huishoudens/{own.pk}"
    other = r.Household.objects.exclude(pk=own.pk).order_by("pk").first()
    assert other is not None
    assert client.get(f"/huishoudens/{other.pk}").status_code == 403


@pytest.mark.parametrize(
    "role",
    [Role.PROGRAMME_TEAM, Role.BOARD, Role.DATA_STEWARD, Role.RESEARCHER, Role.ADMINISTRATOR],
)
def test_aggregate_roles_never_see_a_household(client: Client, user_of: UserOf, role: Role) -> None:
    professional = user_of(Role.PROFESSIONAL)
    household = _own_household(professional)
    client.force_login(user_of(role))
    assert client.get(f"/huishoudens/{household.pk}").status_code == 403


def test_anonymous_is_sent_to_login(client: Client, demo_world: None) -> None:
    household = r.Household.objects.order_by("pk").first()
    assert household is not None
    response = client.get(f"/huishoudens/{household.pk}")
    assert response.status_code == 302
    assert "/inloggen" in response["Location"]


def test_overview_suppresses_small_numbers(client: Client, user_of: UserOf, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DISCLOSURE_THRESHOLD = 10**6
    client.force_login(user_of(Role.BOARD))
    page = client.get("/register").content.decode()
    assert "Register per gemeente" in page
    assert page.count(">·<") >= 40  # every cell, totals included, is hidden at this threshold


def test_timeline_speaks_dutch_not_codes(user_of: UserOf) -> None:
    from doorbraak.register.selectors import household_timeline

    signalled = r.Household.objects.filter(signals__isnull=False).order_by("pk").first()
    assert signalled is not None
    texts = [entry.text for entry in household_timeline(signalled)]
    assert any(text.startswith("Vroegsignaal: ") for text in texts)
    assert not [text for text in texts if "_" in text]
