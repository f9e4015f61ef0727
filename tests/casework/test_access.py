"""A professional opens only the households she works on: every URL of the work zone refuses
anyone else (other professionals, every other role, anonymous visitors); break-the-glass opens
one for a limited time, audited and shown on the household's page; every read is audited."""

import datetime as dt
from typing import Any

import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone

from doorbraak.casework import services
from doorbraak.casework.models import CaseHousehold
from doorbraak.casework.selectors import households_for
from doorbraak.casework.urls import urlpatterns
from doorbraak.core.models import AuditEvent
from doorbraak.partners.models import Partner, Role

from .conftest import MOTHER, ProfessionalOf

# Every URL with a household in it: how to call it (method, extra path arguments).
HOUSEHOLD_URLS: dict[str, tuple[str, dict[str, Any]]] = {
    "household": ("get", {}),
    "handover": ("post", {}),
    "participant": ("post", {}),
    "consent": ("post", {}),
    "ground": ("post", {}),
    "consent_withdraw": ("post", {"consent": 1}),
    "ground_withdraw": ("post", {"ground": 1}),
    # the plan, contacts and readings (ADR 0026): read by all with access, written by those
    # with a role (tests/casework/test_plan.py shows a participant writes them)
    "plan": ("get", {}),
    "plan_version": ("get", {"version": 1}),
    "plan_agree": ("post", {}),
    "contact": ("post", {}),
    "reading": ("post", {}),
}
WRITTEN_BY_PARTICIPANTS = {"plan", "plan_version", "plan_agree", "contact", "reading"}
OPEN_DOORS = {"break_glass"}  # the way in for a colleague standing in: shows no one (tested)
OWN_LISTS = {"caseload", "find", "register"}  # her own list, a search, a new household


def _names(patterns: list[Any]) -> set[str]:
    return {p.name for p in patterns if isinstance(p, URLPattern)}


def test_every_url_of_the_work_zone_is_in_this_test() -> None:
    assert _names(urlpatterns) == set(HOUSEHOLD_URLS) | OPEN_DOORS | OWN_LISTS


def _call(client: Any, name: str, household: CaseHousehold) -> Any:
    method, extra = HOUSEHOLD_URLS[name]
    if "consent" in extra:
        partner = Partner.objects.order_by("pk").first()
        consent = services.consent_give(
            actor=household.registered_by, household=household, partner=partner
        )
        extra = {"consent": consent.pk}
    if "ground" in extra:
        extra = {"ground": household.grounds.get().pk}
    url = reverse(f"casework:{name}", kwargs={"pk": household.pk, **extra})
    return getattr(client, method)(url)


@pytest.mark.parametrize("name", sorted(HOUSEHOLD_URLS))
def test_a_professional_without_a_role_cannot_open_it(
    name: str, household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    client.force_login(professional("buurman"))
    response = _call(client, name, household)
    assert response.status_code == 403
    assert MOTHER not in response.content.decode()


@pytest.mark.parametrize("name", sorted(HOUSEHOLD_URLS))
@pytest.mark.parametrize("role", [r for r in Role if r != Role.PROFESSIONAL])
def test_no_other_role_can_open_it(
    name: str, role: Role, household: CaseHousehold, user_of: Any, client: Any
) -> None:
    client.force_login(user_of(role))
    assert _call(client, name, household).status_code == 403


@pytest.mark.parametrize("name", sorted(HOUSEHOLD_URLS))
def test_an_anonymous_visitor_is_sent_to_log_in(
    name: str, household: CaseHousehold, client: Any
) -> None:
    response = _call(client, name, household)
    assert response.status_code == 302
    assert "login" in response["Location"] or "inloggen" in response["Location"]


@pytest.mark.parametrize(
    "name", sorted(set(HOUSEHOLD_URLS) - {"household"} - WRITTEN_BY_PARTICIPANTS)
)
def test_a_participant_reads_but_only_the_regisseur_changes(
    name: str, household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    jan = professional("jan")
    services.participant_add(actor=household.registered_by, household=household, professional=jan)
    client.force_login(jan)
    assert client.get(reverse("casework:household", args=[household.pk])).status_code == 200
    assert _call(client, name, household).status_code == 403


def test_her_caseload_names_her_households_and_no_others(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    client.force_login(household.registered_by)
    assert MOTHER in client.get(reverse("casework:caseload")).content.decode()
    client.force_login(professional("buurman"))
    assert MOTHER not in client.get(reverse("casework:caseload")).content.decode()


def test_a_search_names_no_one_she_does_not_work_for(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    client.force_login(professional("buurman"))
    page = client.get(reverse("casework:find"), {"bsn": "111222333"}).content.decode()
    assert "Dit huishouden is bekend" in page
    assert MOTHER not in page
    assert reverse("casework:break_glass", args=[household.pk]) in page


def test_break_the_glass_opens_for_a_while_audited_and_shown(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    colleague = professional("invaller")
    client.force_login(colleague)
    door = reverse("casework:break_glass", args=[household.pk])
    assert MOTHER not in client.get(door).content.decode()
    short = client.post(door, {"reason": "even"})
    assert short.status_code == 200
    assert "reden van ten minste" in short.content.decode()
    assert client.get(reverse("casework:household", args=[household.pk])).status_code == 403
    client.post(door, {"reason": "Fatima is ziek; de deurwaarder komt morgen."})
    page = client.get(reverse("casework:household", args=[household.pk])).content.decode()
    assert MOTHER in page
    assert "Noodtoegang" in page
    assert "de deurwaarder komt morgen" in page
    line = AuditEvent.objects.get(action="casework.break_glass.open")
    assert (line.actor, line.object_id, line.reason) == (colleague, str(household.pk), "")
    client.force_login(household.registered_by)  # the regisseur sees it too
    assert (
        "de deurwaarder komt morgen"
        in client.get(reverse("casework:household", args=[household.pk])).content.decode()
    )


def test_break_the_glass_ends_by_itself(
    household: CaseHousehold, professional: ProfessionalOf, client: Any, settings: Any
) -> None:
    colleague = professional("invaller")
    services.break_glass_open(
        actor=colleague, household=household, reason="waarneming tijdens verlof"
    )
    later = timezone.now() + dt.timedelta(hours=settings.BREAK_GLASS_HOURS, minutes=1)
    assert households_for(colleague).filter(pk=household.pk).exists()
    assert not households_for(colleague, at=later).filter(pk=household.pk).exists()


def test_every_read_is_audited_also_a_refused_one(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    client.force_login(household.registered_by)
    client.get(reverse("casework:household", args=[household.pk]))
    client.force_login(professional("buurman"))
    client.get(reverse("casework:household", args=[household.pk]))
    reads = AuditEvent.objects.filter(action="casework.household.read", object_id=str(household.pk))
    assert sorted(reads.values_list("result", flat=True)) == ["geweigerd", "ok"]
