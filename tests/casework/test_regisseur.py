"""One fixed contact person: exactly one active regisseur (the database says so), an explicit
and audited handover, and no professional leaves while households would lose theirs."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from doorbraak.casework import plans, selectors, services
from doorbraak.casework.models import CaseHousehold, CaseRole, Handover, PlanAction
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditEvent
from doorbraak.partners.models import Partner

from .conftest import ProfessionalOf


def _regisseur(household: CaseHousehold) -> CaseRole:
    role = selectors.regisseur_role(household)
    assert role is not None
    return role


def test_the_database_refuses_a_second_active_regisseur(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    other = professional("sanne")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseRole.objects.create(
            household=household,
            professional=other,
            partner_id=other.partner_id,
            kind=CaseRole.Kind.COORDINATOR,
            started_on=dt.date(2026, 12, 1),
        )
    CaseRole.objects.create(  # an ended one beside it is history, and allowed
        household=household,
        professional=other,
        partner_id=other.partner_id,
        kind=CaseRole.Kind.COORDINATOR,
        started_on=dt.date(2025, 1, 1),
        ended_on=dt.date(2025, 6, 1),
    )


def test_participants_come_from_any_partner_with_their_organisation(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    partner = Partner.objects.order_by("-pk").first()
    jan = professional("jan", partner=partner)
    services.participant_add(actor=household.registered_by, household=household, professional=jan)
    role = household.roles.get(professional=jan)
    assert (role.kind, role.partner) == (CaseRole.Kind.HANDLER, partner)
    with pytest.raises(UserError) as caught:
        services.participant_add(
            actor=household.registered_by, household=household, professional=jan
        )
    assert caught.value.code == "al-betrokken"


def test_a_handover_moves_the_regisseur_and_is_recorded(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    fatima = household.registered_by
    sanne = professional("sanne")
    services.participant_add(actor=fatima, household=household, professional=sanne)
    day = dt.date(2026, 12, 7)
    services.handover(actor=fatima, household=household, to=sanne, on=day, note="Let op de huur.")
    assert _regisseur(household).professional == sanne
    assert household.roles.filter(ended_on__isnull=True).count() == 1  # her behandelaar role ended
    assert household.roles.get(professional=fatima).ended_on == day
    made = Handover.objects.get(household=household)
    assert (made.from_professional, made.to_professional, made.on) == (fatima, sanne, day)
    assert made.note == "Let op de huur."
    line = AuditEvent.objects.filter(action="casework.handover").get()
    assert line.object_id == str(household.pk)
    assert selectors.households_for(fatima).count() == 0


def test_a_handover_to_the_regisseur_herself_is_refused(household: CaseHousehold) -> None:
    with pytest.raises(UserError) as caught:
        services.handover(
            actor=household.registered_by, household=household, to=household.registered_by
        )
    assert caught.value.code == "overdracht-zelfde"


def test_a_regisseur_cannot_be_deactivated_until_her_households_are_handed_over(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    fatima = household.registered_by
    assert list(selectors.households_left_by(fatima)) == [household]
    with pytest.raises(UserError) as caught:
        services.professional_deactivate(actor=fatima, professional=fatima)
    assert caught.value.code == "regisseur-zonder-opvolger"
    assert "Draag die eerst over" in caught.value.message
    fatima.refresh_from_db()
    assert fatima.is_active
    services.handover(actor=fatima, household=household, to=professional("sanne"))
    services.professional_deactivate(actor=fatima, professional=fatima)
    fatima.refresh_from_db()
    assert not fatima.is_active
    assert list(selectors.households_at_risk()) == []


def test_households_whose_regisseur_left_are_at_risk(household: CaseHousehold) -> None:
    """An account switched off elsewhere (the admin) leaves the household at risk: listed."""
    assert list(selectors.households_at_risk()) == []
    fatima = household.registered_by
    fatima.is_active = False
    fatima.save()
    assert list(selectors.households_at_risk()) == [household]


def test_a_handover_moves_her_open_plan_actions_to_the_new_regisseur(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    """Open and busy actions of the old regisseur go to the new one in a new plan version;
    done or dropped ones, and those of others, keep who they were; the old version stays."""
    fatima, sanne, piet = household.registered_by, professional("sanne"), professional("piet")
    services.participant_add(actor=fatima, household=household, professional=piet)
    status = PlanAction.Status
    actions = [
        plans.ActionInput(who="professional", what=f"actie {s}", professional=fatima, status=s)
        for s in (status.OPEN, status.BUSY, status.DONE, status.DROPPED)
    ] + [plans.ActionInput(who="professional", what="piet belt", professional=piet)]
    goals = [plans.GoalInput("economisch", "rondkomen")]
    before = plans.plan_save(
        actor=fatima, household=household, plan=plans.PlanInput(goals=goals, actions=actions)
    )
    saves = AuditEvent.objects.filter(action="casework.plan.save").count()
    services.handover(actor=fatima, household=household, to=sanne)
    after = household.plans.order_by("-version").first()
    assert after is not None
    assert after.version == before.version + 1
    assert [(a.what, a.professional_id) for a in after.actions.all()] == [
        ("actie open", sanne.pk),
        ("actie bezig", sanne.pk),
        ("actie gedaan", fatima.pk),
        ("actie vervallen", fatima.pk),
        ("piet belt", piet.pk),
    ]
    assert [(g.capital, g.text) for g in after.goals.all()] == [("economisch", "rondkomen")]
    assert {a.professional_id for a in before.actions.all()} == {fatima.pk, piet.pk}
    assert AuditEvent.objects.filter(action="casework.plan.save").count() == saves + 1


def test_a_handover_without_her_open_actions_makes_no_new_version(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    fatima = household.registered_by
    done = plans.ActionInput(
        who="professional", what="klaar", professional=fatima, status=PlanAction.Status.DONE
    )
    plans.plan_save(actor=fatima, household=household, plan=plans.PlanInput(actions=[done]))
    services.handover(actor=fatima, household=household, to=professional("sanne"))
    assert household.plans.count() == 1
