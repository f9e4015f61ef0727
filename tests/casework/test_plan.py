"""The household's own plan (issue 14, item 4; ADR 0026): versions (a change makes a new one,
the old one stays as it was), goals per capital in the household's words (encrypted at rest),
actions with who, what, by when and status, the household's agreement, and who may write it:
the regisseur and participants, not a colleague on emergency access, not anyone else."""

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from doorbraak.casework import plans, services
from doorbraak.casework.capitals import capitals
from doorbraak.casework.models import CaseHousehold, HouseholdPlan, PlanAction, PlanAgreement
from doorbraak.casework.selectors import plan_current
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditEvent
from doorbraak.partners.models import Partner

from .conftest import MOTHER, ProfessionalOf

GOAL = "Ik wil dat de post weer open gaat en ik weet wat we moeten betalen."


def _plan(**changes: Any) -> plans.PlanInput:
    values: dict[str, Any] = {
        "goals": [plans.GoalInput("economisch", GOAL), plans.GoalInput("sociaal", "")],
        "actions": [
            plans.ActionInput(
                who=PlanAction.Who.PARTNER,
                partner=Partner.objects.order_by("pk").first(),
                what="Schuldhulp neemt de brieven door",
                capital="economisch",
                due_on=dt.date(2026, 12, 20),
            ),
            plans.ActionInput(who=PlanAction.Who.FAMILY, what="Elke maandag samen de post openen"),
        ],
        "talents": "Fatima kookt voor de hele straat.",
        "first": "De brieven van de deurwaarder.",
        "review_on": dt.date(2027, 1, 15),
        "aftercare": "Een half jaar lang eens per maand bellen.",
        **changes,
    }
    return plans.PlanInput(**values)


def test_the_programme_configures_five_capitals(demo_world: None) -> None:
    assert [c.code for c in capitals()] == [
        "economisch",
        "sociaal",
        "cultureel",
        "pedagogisch",
        "mentaal",
    ]


def test_a_change_makes_a_new_version_and_keeps_the_old(household: CaseHousehold) -> None:
    fatima = household.registered_by
    assert plan_current(household) is None
    first = plans.plan_save(actor=fatima, household=household, plan=_plan())
    changed = [plans.GoalInput("economisch", "Rondkomen zonder nieuwe schulden.")]
    second = plans.plan_save(actor=fatima, household=household, plan=_plan(goals=changed))
    assert (first.version, second.version) == (1, 2)
    current = plan_current(household)
    assert current is not None
    assert current.pk == second.pk
    old = HouseholdPlan.objects.get(pk=first.pk)
    assert [g.text for g in old.goals.all()] == [GOAL]  # the empty goal was not stored
    assert [g.text for g in current.goals.all()] == ["Rondkomen zonder nieuwe schulden."]
    assert [a.what for a in current.actions.all()] == [
        "Schuldhulp neemt de brieven door",
        "Elke maandag samen de post openen",
    ]
    assert current.actions.first().partner == Partner.objects.order_by("pk").first()


def test_the_household_s_words_are_encrypted_at_rest(household: CaseHousehold) -> None:
    plans.plan_save(actor=household.registered_by, household=household, plan=_plan())
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM casework_plangoal")
        goals = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT talents, first, aftercare FROM casework_householdplan")
        plan_texts = list(cursor.fetchone())
        cursor.execute("SELECT what FROM casework_planaction")
        actions = [row[0] for row in cursor.fetchall()]
    for stored in [*goals, *plan_texts, *actions]:
        assert stored.startswith("v1.")
    assert "post" not in " ".join(goals + actions)
    assert "Fatima" not in " ".join(plan_texts)


def test_bad_plans_get_every_reason_in_dutch(household: CaseHousehold) -> None:
    bad = _plan(
        goals=[plans.GoalInput("geluk", "Gelukkig zijn")],
        actions=[plans.ActionInput(who=PlanAction.Who.PARTNER, what="")],
    )
    with pytest.raises(ProblemsError) as caught:
        plans.plan_save(actor=household.registered_by, household=household, plan=bad)
    assert caught.value.code == "plan-onvolledig"
    text = " ".join(caught.value.problems)
    assert "'geluk' is geen kapitaalvorm" in text
    assert "Actie 1: schrijf op wat er gebeurt" in text
    assert "Actie 1: kies de partner" in text
    assert not HouseholdPlan.objects.exists()


def test_the_database_refuses_an_action_without_its_doer(household: CaseHousehold) -> None:
    from django.db import IntegrityError, transaction

    plan = plans.plan_save(actor=household.registered_by, household=household, plan=_plan())
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanAction.objects.create(plan=plan, who=PlanAction.Who.PARTNER, what="x")


def test_the_agreement_is_recorded_for_the_current_version_only(
    household: CaseHousehold,
) -> None:
    fatima = household.registered_by
    first = plans.plan_save(actor=fatima, household=household, plan=_plan())
    plans.plan_save(actor=fatima, household=household, plan=_plan(first="Eerst rust."))
    with pytest.raises(UserError) as caught:
        plans.plan_agree(actor=fatima, plan=first, on=dt.date(2026, 12, 1), how="mondeling")
    assert caught.value.code == "plan-niet-actueel"
    current = plan_current(household)
    assert current is not None
    plans.plan_agree(actor=fatima, plan=current, on=dt.date(2026, 12, 1), how="getekend")
    assert [(a.on, a.how) for a in PlanAgreement.objects.filter(plan=current)] == [
        (dt.date(2026, 12, 1), "getekend")
    ]


def _form(**changes: str) -> dict[str, str]:
    partner = Partner.objects.order_by("pk").first()
    assert partner is not None
    data = {
        "doel_economisch": GOAL,
        "doel_sociaal": "",
        "doel_cultureel": "",
        "doel_pedagogisch": "Noor gaat elke dag naar school.",
        "doel_mentaal": "",
        "talents": "Fatima kookt voor de hele straat.",
        "first": "De brieven.",
        "review_on": "2027-01-15",
        "aftercare": "",
        "actie-TOTAL_FORMS": "2",
        "actie-INITIAL_FORMS": "0",
        "actie-MIN_NUM_FORMS": "0",
        "actie-MAX_NUM_FORMS": "30",
        "actie-0-what": "Schuldhulp neemt de brieven door",
        "actie-0-who": "partner",
        "actie-0-partner": str(partner.pk),
        "actie-0-professional": "",
        "actie-0-capital": "economisch",
        "actie-0-due_on": "2026-12-20",
        "actie-0-status": "open",
        "actie-1-what": "",
        "actie-1-who": "huishouden",
        "actie-1-partner": "",
        "actie-1-professional": "",
        "actie-1-capital": "",
        "actie-1-due_on": "",
        "actie-1-status": "open",
    }
    return {**data, **changes}


def test_the_regisseur_writes_the_plan_on_its_page(household: CaseHousehold, client: Any) -> None:
    client.force_login(household.registered_by)
    url = reverse("casework:plan", args=[household.pk])
    assert "Er is nog geen plan" in client.get(url).content.decode()
    response = client.post(url, _form())
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert GOAL in page
    assert "Noor gaat elke dag naar school." in page
    assert "Schuldhulp neemt de brieven door" in page
    assert "Pedagogisch kapitaal" in page
    client.post(url, _form(first="Eerst de school."))
    page = client.get(url).content.decode()
    assert "Eerst de school." in page
    assert reverse("casework:plan_version", args=[household.pk, 1]) in page
    old = client.get(reverse("casework:plan_version", args=[household.pk, 1])).content.decode()
    assert "De brieven." in old
    assert "Eerst de school." not in old
    household_page = client.get(reverse("casework:household", args=[household.pk]))
    assert "Versie 2" in household_page.content.decode()


def test_a_bad_plan_on_the_page_gets_a_dutch_reason(household: CaseHousehold, client: Any) -> None:
    client.force_login(household.registered_by)
    response = client.post(
        reverse("casework:plan", args=[household.pk]), _form(**{"actie-0-partner": ""})
    )
    assert response.status_code == 400
    assert "Actie 1: kies de partner die het doet." in response.content.decode()
    assert not HouseholdPlan.objects.exists()


def test_the_agreement_on_the_page(household: CaseHousehold, client: Any) -> None:
    client.force_login(household.registered_by)
    client.post(reverse("casework:plan", args=[household.pk]), _form())
    response = client.post(
        reverse("casework:plan_agree", args=[household.pk]),
        {"on": "2026-12-01", "how": "mondeling"},
    )
    assert response.status_code == 302
    page = client.get(reverse("casework:plan", args=[household.pk])).content.decode()
    assert "Het huishouden ging akkoord op 1-12-2026 (mondeling, in een gesprek)" in page
    future = client.post(
        reverse("casework:plan_agree", args=[household.pk]), {"on": "2999-01-01", "how": "getekend"}
    )
    assert future.status_code == 400
    assert "ligt in de toekomst" in future.content.decode()


def test_a_participant_writes_the_plan_too(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    jan = professional("jan")
    services.participant_add(actor=household.registered_by, household=household, professional=jan)
    client.force_login(jan)
    assert client.post(reverse("casework:plan", args=[household.pk]), _form()).status_code == 302
    current = plan_current(household)
    assert current is not None
    assert current.made_by == jan


def test_emergency_access_reads_the_plan_but_does_not_write_it(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    plans.plan_save(actor=household.registered_by, household=household, plan=_plan())
    colleague = professional("invaller")
    services.break_glass_open(actor=colleague, household=household, reason="waarneming bij ziekte")
    client.force_login(colleague)
    page = client.get(reverse("casework:plan", args=[household.pk])).content.decode()
    assert GOAL in page
    assert "Plan opslaan" not in page
    assert client.post(reverse("casework:plan", args=[household.pk]), _form()).status_code == 403
    for name, data in [
        ("plan_agree", {"on": "2026-12-01", "how": "mondeling"}),
        ("contact", {"on": "2026-12-01", "kind": "telefoon", "reached": "ja"}),
        ("reading", {"member": "1", "on": "2026-12-01"}),
    ]:
        assert (
            client.post(reverse(f"casework:{name}", args=[household.pk]), data).status_code == 403
        )
    assert HouseholdPlan.objects.count() == 1


def test_every_read_and_write_of_the_plan_is_audited_without_a_name(
    household: CaseHousehold, professional: ProfessionalOf, client: Any
) -> None:
    client.force_login(household.registered_by)
    client.post(reverse("casework:plan", args=[household.pk]), _form())
    client.get(reverse("casework:plan", args=[household.pk]))
    client.force_login(professional("buurman"))
    client.get(reverse("casework:plan", args=[household.pk]))
    lines = AuditEvent.objects.filter(object_id=str(household.pk))
    actions = list(lines.values_list("action", "result"))
    assert ("casework.plan.save", "ok") in actions
    assert ("casework.plan.read", "ok") in actions
    assert ("casework.household.read", "geweigerd") in actions
    for line in lines:
        assert MOTHER not in f"{line.reason} {line.object_id} {line.result}"


def test_a_goal_has_a_status_set_in_the_plan_form(household: CaseHousehold, client: Any) -> None:
    """lopend, behaald or gestopt per goal: saved with the version, shown on the plan, offered
    again in the form (so the next version keeps it), and refused when unknown."""
    client.force_login(household.registered_by)
    url = reverse("casework:plan", args=[household.pk])
    response = client.post(url, _form(stand_economisch="behaald", stand_pedagogisch="gestopt"))
    assert response.status_code == 302
    plan = plan_current(household)
    assert plan is not None
    assert {g.capital: g.status for g in plan.goals.all()} == {
        "economisch": "behaald",
        "pedagogisch": "gestopt",
    }
    page = client.get(url).content.decode()
    assert '<span data-goal-status="behaald">(behaald)</span>' in page
    assert '<span data-goal-status="gestopt">(gestopt)</span>' in page
    assert '<option value="behaald" selected>' in page
    client.post(url, _form(first="Eerst de school."))  # no status sent: ongoing
    again = plan_current(household)
    assert again is not None
    assert {g.status for g in again.goals.all()} == {"lopend"}
    with pytest.raises(ProblemsError) as caught:
        plans.plan_save(
            actor=household.registered_by,
            household=household,
            plan=_plan(goals=[plans.GoalInput("economisch", GOAL, "misschien")]),
        )
    assert caught.value.problems == ["Doel: 'misschien' is geen stand van een doel."]
