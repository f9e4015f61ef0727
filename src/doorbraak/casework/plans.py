"""Writes for the household's own plan, its contact moments and capital readings (issue 14,
items 4 and 5; ADR 0026). A change to the plan makes a new version holding all its goals and
actions; earlier versions stay as they were. Each write is audited without a name or a text.
Access (only the regisseur and participants write) is checked by the caller with
`selectors.household_edit_open`.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.casework import models as m
from doorbraak.casework.capitals import capital_names, instrument
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.models import Partner


@dataclass(frozen=True)
class GoalInput:
    capital: str
    text: str
    status: str = m.PlanGoal.Status.ONGOING


@dataclass(frozen=True)
class ActionInput:
    who: str  # a PlanAction.Who value
    what: str
    capital: str = ""
    partner: Partner | None = None
    professional: Any = None
    due_on: dt.date | None = None
    status: str = m.PlanAction.Status.OPEN


@dataclass(frozen=True)
class PlanInput:
    goals: Sequence[GoalInput] = ()
    actions: Sequence[ActionInput] = ()
    talents: str = ""
    first: str = ""
    review_on: dt.date | None = None
    aftercare: str = ""


def _audit(actor: Any, action: AuditAction, household: m.CaseHousehold, origin: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="casework.household",
        object_id=str(household.pk),
        result="ok",
        origin=origin,
    )


def plan_save(
    *, actor: Any, household: m.CaseHousehold, plan: PlanInput, origin: str = ""
) -> m.HouseholdPlan:
    """A new version of the household's plan, with every goal and action it holds now."""
    problems = _plan_problems(plan)
    if problems:
        raise ProblemsError("plan-onvolledig", _("Het plan is niet opgeslagen."), problems)
    with transaction.atomic():
        # lock the household row: two saves at once get consecutive versions, not one twice
        m.CaseHousehold.objects.select_for_update().filter(pk=household.pk).first()
        last = household.plans.order_by("-version").values_list("version", flat=True).first()
        made = m.HouseholdPlan.objects.create(
            household=household,
            version=(last or 0) + 1,
            talents=plan.talents.strip(),
            first=plan.first.strip(),
            review_on=plan.review_on,
            aftercare=plan.aftercare.strip(),
            made_by=actor,
        )
        _goals_create(made, plan.goals)
        _actions_create(made, plan.actions)
        _audit(actor, AuditAction.CASEWORK_PLAN_SAVE, household, origin)
    return made


OPEN_STATUSES = (m.PlanAction.Status.OPEN, m.PlanAction.Status.BUSY)


def plan_actions_move(
    *, actor: Any, household: m.CaseHousehold, old: Any, new: Any, origin: str = ""
) -> m.HouseholdPlan | None:
    """A handover (`services.handover`, inside its transaction): the current plan's open actions
    (nog te doen, bezig) of the old professional go to the new one, as a new version holding
    every goal and action of the current one (versions are never changed, ADR 0026). None when
    the current plan has no such action. Done and dropped actions keep who did them."""
    m.CaseHousehold.objects.select_for_update().filter(pk=household.pk).first()  # as plan_save
    current = household.plans.order_by("-version").first()
    if (
        current is None
        or not current.actions.filter(professional=old, status__in=OPEN_STATUSES).exists()
    ):
        return None
    made = m.HouseholdPlan.objects.create(
        household=household,
        version=current.version + 1,
        talents=current.talents,
        first=current.first,
        review_on=current.review_on,
        aftercare=current.aftercare,
        made_by=actor,
    )
    m.PlanGoal.objects.bulk_create(
        m.PlanGoal(plan=made, capital=g.capital, text=g.text, status=g.status, position=g.position)
        for g in current.goals.all()
    )
    m.PlanAction.objects.bulk_create(
        m.PlanAction(
            plan=made,
            capital=a.capital,
            who=a.who,
            partner_id=a.partner_id,
            professional_id=(
                new.pk
                if a.professional_id == old.pk and a.status in OPEN_STATUSES
                else a.professional_id
            ),
            what=a.what,
            due_on=a.due_on,
            status=a.status,
            position=a.position,
        )
        for a in current.actions.all()
    )
    _audit(actor, AuditAction.CASEWORK_PLAN_SAVE, household, origin)
    return made


def _goals_create(plan: m.HouseholdPlan, goals: Sequence[GoalInput]) -> None:
    m.PlanGoal.objects.bulk_create(
        m.PlanGoal(plan=plan, capital=g.capital, text=g.text.strip(), status=g.status, position=n)
        for n, g in enumerate(goals)
        if g.text.strip()
    )


def _actions_create(plan: m.HouseholdPlan, actions: Sequence[ActionInput]) -> None:
    m.PlanAction.objects.bulk_create(
        m.PlanAction(
            plan=plan,
            capital=a.capital,
            who=a.who,
            partner=a.partner if a.who == m.PlanAction.Who.PARTNER else None,
            professional=a.professional if a.who == m.PlanAction.Who.PROFESSIONAL else None,
            what=a.what.strip(),
            due_on=a.due_on,
            status=a.status,
            position=n,
        )
        for n, a in enumerate(actions)
    )


def _plan_problems(plan: PlanInput) -> list[str]:
    known = capital_names()
    problems = [
        _("Doel: '%(code)s' is geen kapitaalvorm van het programma.") % {"code": g.capital}
        for g in plan.goals
        if g.text.strip() and g.capital not in known
    ]
    problems += [
        _("Doel: '%(status)s' is geen stand van een doel.") % {"status": g.status}
        for g in plan.goals
        if g.text.strip() and g.status not in m.PlanGoal.Status.values
    ]
    for number, action in enumerate(plan.actions, start=1):
        problems.extend(_action_problems(number, action, known))
    if not any(g.text.strip() for g in plan.goals) and not plan.actions:
        problems.append(_("Schrijf ten minste één doel of één actie op."))
    return problems


def _action_problems(number: int, action: ActionInput, known: Mapping[str, str]) -> list[str]:
    problems = []
    if not action.what.strip():
        problems.append(_("Actie %(n)d: schrijf op wat er gebeurt.") % {"n": number})
    if action.who not in m.PlanAction.Who.values:
        problems.append(_("Actie %(n)d: kies wie het doet.") % {"n": number})
    elif action.who == m.PlanAction.Who.PARTNER and action.partner is None:
        problems.append(_("Actie %(n)d: kies de partner die het doet.") % {"n": number})
    elif action.who == m.PlanAction.Who.PROFESSIONAL and action.professional is None:
        problems.append(_("Actie %(n)d: kies de professional die het doet.") % {"n": number})
    if action.capital and action.capital not in known:
        problems.append(_("Actie %(n)d: onbekende kapitaalvorm.") % {"n": number})
    if action.status not in m.PlanAction.Status.values:
        problems.append(_("Actie %(n)d: onbekende stand.") % {"n": number})
    return problems


def plan_agree(
    *, actor: Any, plan: m.HouseholdPlan, on: dt.date, how: str, origin: str = ""
) -> m.PlanAgreement:
    """Record that the household agreed to this version of its plan (the current one)."""
    newest = plan.household.plans.order_by("-version").values_list("version", flat=True).first()
    if plan.version != newest:
        raise UserError(
            "plan-niet-actueel",
            _("Er is een nieuwere versie van het plan: leg het akkoord vast bij die versie."),
        )
    if on > timezone.localdate():
        raise UserError("datum-in-de-toekomst", _("De datum van het akkoord ligt in de toekomst."))
    if how not in m.PlanAgreement.How.values:
        raise UserError("akkoord-hoe", _("Kies hoe het huishouden akkoord gaf."))
    with transaction.atomic():
        made = m.PlanAgreement.objects.create(plan=plan, on=on, how=how, recorded_by=actor)
        _audit(actor, AuditAction.CASEWORK_PLAN_AGREE, plan.household, origin)
    return made


def contact_record(
    *,
    actor: Any,
    household: m.CaseHousehold,
    on: dt.date,
    kind: str,
    reached: bool,
    note: str = "",
    origin: str = "",
) -> m.ContactMoment:
    if on > timezone.localdate():
        raise UserError("datum-in-de-toekomst", _("De datum van het contact ligt in de toekomst."))
    if kind not in m.ContactMoment.Kind.values:
        raise UserError(
            "contact-soort",
            _("Kies de soort contact: huisbezoek, telefoon, beeldbellen of op kantoor."),
        )
    with transaction.atomic():
        made = m.ContactMoment.objects.create(
            household=household,
            on=on,
            kind=kind,
            reached=reached,
            note=note.strip(),
            professional=actor,
        )
        _audit(actor, AuditAction.CASEWORK_CONTACT_RECORD, household, origin)
    return made


def readings_record(
    *,
    actor: Any,
    household: m.CaseHousehold,
    member: m.CaseMember,
    on: dt.date,
    levels: Mapping[str, int | None],
    origin: str = "",
) -> list[m.CapitalReading]:
    """One reading per capital scored (`levels`: capital code → 1-5, or None when not scored),
    of one member, on the configured instrument."""
    scale = instrument()
    scored = {code: level for code, level in levels.items() if level is not None}
    problems = _reading_problems(household, member, on, scored)
    if problems:
        raise ProblemsError("meting-onvolledig", _("De meting is niet opgeslagen."), problems)
    with transaction.atomic():
        made = m.CapitalReading.objects.bulk_create(
            m.CapitalReading(
                household=household,
                member=member,
                capital=code,
                assessed_on=on,
                level=level,
                instrument=scale.code,
                instrument_version=scale.version,
                recorded_by=actor,
            )
            for code, level in scored.items()
        )
        _audit(actor, AuditAction.CASEWORK_READING_RECORD, household, origin)
    return made


def _reading_problems(
    household: m.CaseHousehold, member: m.CaseMember, on: dt.date, scored: Mapping[str, int]
) -> list[str]:
    known = capital_names()
    problems = []
    if member.household_id != household.pk:
        problems.append(_("Kies een lid van dit huishouden."))
    if on > timezone.localdate():
        problems.append(_("De datum van de meting ligt in de toekomst."))
    if not scored:
        problems.append(_("Geef voor ten minste één kapitaalvorm een niveau."))
    for code, level in scored.items():
        if code not in known:
            problems.append(
                _("'%(code)s' is geen kapitaalvorm van het programma.") % {"code": code}
            )
        elif not 1 <= level <= 5:
            problems.append(_("%(name)s: het niveau is 1 tot en met 5.") % {"name": known[code]})
    return problems
