"""The plan, contact moments and capital readings pages, and what the household page shows of
them (issue 14, items 4 and 5). Thin, like `views`: reads through `selectors.household_open`
(audited), writes only for the regisseur and participants through
`selectors.household_edit_open` and `plans`; a `UserError` shown in Dutch on the page."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from doorbraak.casework import plans
from doorbraak.casework import selectors as s
from doorbraak.casework.capitals import capitals, instrument
from doorbraak.casework.charts import member_readings
from doorbraak.casework.models import CaseHousehold, HouseholdPlan
from doorbraak.casework.plan_forms import (
    ActionFormSet,
    AgreementForm,
    ContactForm,
    PlanForm,
    ReadingForm,
)
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.access import Capability, requires

ORIGIN = "web"


def _problems(error: UserError) -> list[str]:
    return [str(p) for p in error.problems] if isinstance(error, ProblemsError) else [error.message]


def household_extra(
    request: HttpRequest, household: CaseHousehold, forms: dict[str, Any]
) -> dict[str, Any]:
    """What the household page shows of the plan, the contacts and the readings, with the
    forms to record a contact and a reading (for those who may write)."""
    names = {c.code: c.name for c in capitals()}
    reading_form, reading_problem = forms.get("reading_form"), ""
    if reading_form is None:
        try:
            reading_form = _reading_form(household)
        except UserError as error:  # the instrument setting names none that is configured
            reading_problem = error.message
    return {
        "plan": s.plan_current(household),
        "may_edit": s.may_edit(request.user, household),
        "contacts": s.contacts(household),
        "capital_names": list(names.values()),
        "member_readings": member_readings(s.readings(household), names),
        "contact_form": forms.get("contact_form")
        or ContactForm(prefix="contact", initial={"on": timezone.localdate()}),
        "reading_form": reading_form,
        "reading_problem": reading_problem,
    }


def _reading_form(household: CaseHousehold, data: Any = None) -> ReadingForm:
    return ReadingForm(
        data,
        household=household,
        capitals=capitals(),
        scale=instrument(),
        prefix="meting",
        initial={"on": timezone.localdate()},
    )


def _plan_audit(request: HttpRequest, household: CaseHousehold) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.CASEWORK_PLAN_READ,
        object_type="casework.household",
        object_id=str(household.pk),
        result="ok",
        origin=ORIGIN,
    )


@sensitive_post_parameters()  # the plan's texts are the household's own words
@requires(Capability.CASELOAD)
def plan_view(request: HttpRequest, pk: Any) -> HttpResponse:
    """The current plan; for the regisseur and participants also the form that makes the
    next version, filled with the current one."""
    if request.method == "POST":
        household = s.household_edit_open(request.user, pk, origin=ORIGIN)
    else:
        household = s.household_open(request.user, pk, origin=ORIGIN)
        _plan_audit(request, household)
    current = s.plan_current(household)
    chosen = capitals()
    form = PlanForm(request.POST or None, capitals=chosen, initial=_plan_initial(current))
    actions = ActionFormSet(
        request.POST or None,
        prefix="actie",
        initial=_actions_initial(current),
        form_kwargs={"capitals": chosen},
    )
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        try:
            plans.plan_save(
                actor=request.user,
                household=household,
                plan=_plan_input(form, actions),
                origin=ORIGIN,
            )
        except UserError as error:
            for problem in _problems(error):
                form.add_error(None, problem)
        else:
            messages.success(request, _("Het plan is opgeslagen als nieuwe versie."))
            return redirect("casework:plan", pk=household.pk)
    return render(
        request,
        "casework/plan.html",
        _plan_context(request, household, current, form, actions),
        status=400 if request.method == "POST" else 200,
    )


def _plan_context(
    request: HttpRequest,
    household: CaseHousehold,
    current: HouseholdPlan | None,
    form: PlanForm,
    actions: Any,
    agreement_form: AgreementForm | None = None,
) -> dict[str, Any]:
    return {
        "household": household,
        "members": household.members.all(),
        "plan": current,
        "capital_names": {c.code: c.name for c in capitals()},
        "versions": s.plan_versions(household),
        "may_edit": s.may_edit(request.user, household),
        "form": form,
        "actions": actions,
        "agreement_form": agreement_form or AgreementForm(initial={"on": timezone.localdate()}),
    }


def _plan_initial(plan: HouseholdPlan | None) -> dict[str, Any]:
    if plan is None:
        return {}
    initial: dict[str, Any] = {
        "talents": plan.talents,
        "first": plan.first,
        "review_on": plan.review_on,
        "aftercare": plan.aftercare,
    }
    for goal in plan.goals.all():
        key = f"doel_{goal.capital}"
        initial[key] = f"{initial[key]}\n{goal.text}" if key in initial else goal.text
        initial[f"stand_{goal.capital}"] = goal.status
    return initial


def _actions_initial(plan: HouseholdPlan | None) -> list[dict[str, Any]]:
    if plan is None:
        return []
    return [
        {
            "what": a.what,
            "who": a.who,
            "partner": a.partner_id,
            "professional": a.professional_id,
            "capital": a.capital,
            "due_on": a.due_on,
            "status": a.status,
        }
        for a in plan.actions.all()
    ]


def _plan_input(form: PlanForm, actions: Any) -> plans.PlanInput:
    data = form.cleaned_data
    return plans.PlanInput(
        goals=[
            plans.GoalInput(c.code, data.get(f"doel_{c.code}", ""), form.goal_status(c.code))
            for c in form.capitals
        ],
        actions=[
            plans.ActionInput(
                who=a["who"],
                what=a["what"],
                capital=a["capital"],
                partner=a["partner"],
                professional=a["professional"],
                due_on=a["due_on"],
                status=a["status"],
            )
            for a in actions.cleaned_data
            if a and a.get("what", "").strip()
        ],
        talents=data["talents"],
        first=data["first"],
        review_on=data["review_on"],
        aftercare=data["aftercare"],
    )


@requires(Capability.CASELOAD)
def plan_version_view(request: HttpRequest, pk: Any, version: int) -> HttpResponse:
    """An earlier version of the plan, as it was."""
    household = s.household_open(request.user, pk, origin=ORIGIN)
    _plan_audit(request, household)
    found = s.plan_get(household, version)
    if found is None:
        raise Http404
    return render(
        request,
        "casework/plan_version.html",
        {
            "household": household,
            "members": household.members.all(),
            "plan": found,
            "capital_names": {c.code: c.name for c in capitals()},
        },
    )


@require_POST
@requires(Capability.CASELOAD)
def plan_agree_view(request: HttpRequest, pk: Any) -> HttpResponse:
    household = s.household_edit_open(request.user, pk, origin=ORIGIN)
    current = s.plan_current(household)
    if current is None:
        raise Http404
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            plans.plan_agree(actor=request.user, plan=current, origin=ORIGIN, **form.cleaned_data)
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Het akkoord van het huishouden is vastgelegd."))
            return redirect("casework:plan", pk=household.pk)
    chosen = capitals()
    plan_form = PlanForm(capitals=chosen, initial=_plan_initial(current))
    actions = ActionFormSet(
        prefix="actie", initial=_actions_initial(current), form_kwargs={"capitals": chosen}
    )
    context = _plan_context(request, household, current, plan_form, actions, form)
    return render(request, "casework/plan.html", context, status=400)


def _household_rerender(
    request: HttpRequest, household: CaseHousehold, name: str, form: Any
) -> HttpResponse:
    """The household page again, with this form's errors (`views` imports this module, so
    its page-maker is imported when needed)."""
    from doorbraak.casework.views import _rerender

    return _rerender(request, household, name, form)


@sensitive_post_parameters()
@require_POST
@requires(Capability.CASELOAD)
def contact_view(request: HttpRequest, pk: Any) -> HttpResponse:
    household = s.household_edit_open(request.user, pk, origin=ORIGIN)
    form = ContactForm(request.POST, prefix="contact")
    if form.is_valid():
        try:
            plans.contact_record(
                actor=request.user, household=household, origin=ORIGIN, **form.cleaned_data
            )
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Het contact is vastgelegd."))
            return redirect("casework:household", pk=household.pk)
    return _household_rerender(request, household, "contact_form", form)


@require_POST
@requires(Capability.CASELOAD)
def reading_view(request: HttpRequest, pk: Any) -> HttpResponse:
    household = s.household_edit_open(request.user, pk, origin=ORIGIN)
    try:
        form = _reading_form(household, request.POST)
    except UserError as error:
        messages.error(request, error.message)
        return redirect("casework:household", pk=household.pk)
    if form.is_valid():
        try:
            plans.readings_record(
                actor=request.user,
                household=household,
                member=form.cleaned_data["member"],
                on=form.cleaned_data["on"],
                levels=form.levels(),
                origin=ORIGIN,
            )
        except UserError as error:
            for problem in _problems(error):
                form.add_error(None, problem)
        else:
            messages.success(request, _("De meting is vastgelegd."))
            return redirect("casework:household", pk=household.pk)
    return _household_rerender(request, household, "reading_form", form)
