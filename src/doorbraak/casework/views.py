"""The work zone's pages. Thin: access through `selectors` (every household URL goes through
`household_open`), writes through `services`, a `UserError` shown in Dutch on the page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from doorbraak.casework import forms as f
from doorbraak.casework import selectors as s
from doorbraak.casework import services
from doorbraak.casework.models import CaseHousehold
from doorbraak.casework.own_views import household_family_context
from doorbraak.casework.plan_views import household_extra
from doorbraak.casework.startpage import start_page
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.access import Capability, requires

ORIGIN = "web"


def _problems(error: UserError) -> list[str]:
    return [str(p) for p in error.problems] if isinstance(error, ProblemsError) else [error.message]


@requires(Capability.CASELOAD)
def caseload_view(request: HttpRequest) -> HttpResponse:
    rows = s.caseload_rows(request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.CASEWORK_CASELOAD_READ,
        object_type="casework.caseload",
        object_id=str(request.user.pk),
        result="ok",
        origin=ORIGIN,
    )
    context = {"rows": rows, "find": f.FindForm(), "start": start_page(request.user)}
    return render(request, "casework/caseload.html", context)


@requires(Capability.CASELOAD)
def find_view(request: HttpRequest) -> HttpResponse:
    """Find a household by BSN or by name and birth date. A household she has no role in is
    only named as known, with the way to emergency access: no names."""
    form = f.FindForm(request.GET or None)
    found: list[CaseHousehold] = []
    if form.is_valid():
        data = form.cleaned_data
        if data["bsn"]:
            one = s.household_find_by_bsn(data["bsn"])
            found = [one] if one else []
        elif data["name"] and data["birth_date"]:
            found = s.household_find_by_name(data["name"], data["birth_date"])
        audit_record(
            actor=request.user,
            action=AuditAction.CASEWORK_HOUSEHOLD_FIND,
            object_type="casework.household",
            object_id="",
            result=str(len(found)),
            origin=ORIGIN,
        )
    mine = set(
        s.households_for(request.user)
        .filter(pk__in=[h.pk for h in found])
        .values_list("pk", flat=True)
    )
    results = [{"household": h, "mine": h.pk in mine} for h in found]
    return render(
        request,
        "casework/find.html",
        {"form": form, "results": results, "searched": form.is_valid()},
    )


@sensitive_post_parameters()  # an error report never carries the names, BSNs and addresses typed
@requires(Capability.CASELOAD)
def register_view(request: HttpRequest) -> HttpResponse:
    form = f.HouseholdForm(request.POST or None)
    members = f.MemberFormSet(request.POST or None, prefix="lid")
    if request.method == "POST" and form.is_valid() and members.is_valid():
        try:
            household = services.household_register(
                actor=request.user,
                members=[services.MemberInput(**m) for m in members.cleaned_data if m],
                address=_address(form.cleaned_data),
                ground=_ground(form.cleaned_data),
                origin=ORIGIN,
            )
        except UserError as error:
            for problem in _problems(error):
                form.add_error(None, problem)
        else:
            messages.success(request, _("Het huishouden is geregistreerd; u bent de regisseur."))
            return redirect("casework:household", pk=household.pk)
    return render(request, "casework/register.html", {"form": form, "members": members})


def _address(data: dict[str, Any]) -> services.AddressInput:
    return services.AddressInput(
        street=data["street"],
        house_number=data["house_number"],
        postcode=data["postcode"],
        city=data["city"],
    )


def _ground(data: dict[str, Any]) -> services.GroundInput:
    return services.GroundInput(
        kind=data["ground_kind"],
        given_on=data["ground_given_on"],
        scope=data["ground_scope"],
        article=data["ground_article"],
    )


@requires(Capability.CASELOAD)
def household_view(request: HttpRequest, pk: Any) -> HttpResponse:
    household = s.household_open(request.user, pk, origin=ORIGIN)
    return render(request, "casework/household.html", _household_context(request, household))


def _household_context(
    request: HttpRequest, household: CaseHousehold, **forms: Any
) -> dict[str, Any]:
    regisseur = s.regisseur_role(household)
    is_regisseur = regisseur is not None and regisseur.professional_id == request.user.pk
    return {
        "household": household,
        "members": household.members.all(),
        "regisseur": regisseur,
        "is_regisseur": is_regisseur,
        "roles": s.active_roles(household),
        "grounds": household.grounds.all(),
        "consents": household.sharing_consents.select_related("partner"),
        "emergency": s.emergency_accesses(household),
        "handovers": household.handovers.select_related("from_professional", "to_professional"),
        "handover_form": forms.get("handover_form") or f.HandoverForm(),
        "participant_form": forms.get("participant_form") or f.ParticipantForm(),
        "consent_form": forms.get("consent_form") or f.ConsentForm(),
        "ground_form": forms.get("ground_form") or f.GroundForm(),
        **household_extra(request, household, forms),
        **household_family_context(household),
    }


def _rerender(request: HttpRequest, household: CaseHousehold, name: str, form: Any) -> HttpResponse:
    context = _household_context(request, household, **{name: form})
    return render(request, "casework/household.html", context, status=400)


def _regisseur_form_post(
    request: HttpRequest,
    pk: Any,
    form_name: str,
    form_class: Any,
    service: Callable[..., Any],
    done: str,
) -> tuple[CaseHousehold, HttpResponse | None]:
    """A regisseur's form on the household page: valid and accepted by `service` → message
    `done` and None (the caller redirects); otherwise the page again with the form's errors."""
    household = s.regisseur_open(request.user, pk, origin=ORIGIN)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, household=household, origin=ORIGIN, **form.cleaned_data)
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, done)
            return household, None
    return household, _rerender(request, household, form_name, form)


@sensitive_post_parameters()
@require_POST
@requires(Capability.CASELOAD)
def handover_view(request: HttpRequest, pk: Any) -> HttpResponse:
    _household, page = _regisseur_form_post(
        request,
        pk,
        "handover_form",
        f.HandoverForm,
        services.handover,
        _("Het huishouden is overgedragen."),
    )
    return page or redirect("casework:caseload")


@require_POST
@requires(Capability.CASELOAD)
def participant_view(request: HttpRequest, pk: Any) -> HttpResponse:
    household, page = _regisseur_form_post(
        request,
        pk,
        "participant_form",
        f.ParticipantForm,
        services.participant_add,
        _("De professional werkt nu mee aan dit huishouden."),
    )
    return page or redirect("casework:household", pk=household.pk)


@require_POST
@requires(Capability.CASELOAD)
def consent_view(request: HttpRequest, pk: Any) -> HttpResponse:
    household = s.regisseur_open(request.user, pk, origin=ORIGIN)
    form = f.ConsentForm(request.POST)
    if not form.is_valid():
        return _rerender(request, household, "consent_form", form)
    services.consent_give(
        actor=request.user, household=household, origin=ORIGIN, **form.cleaned_data
    )
    messages.success(request, _("De toestemming om te delen is vastgelegd."))
    return redirect("casework:household", pk=household.pk)


@require_POST
@requires(Capability.CASELOAD)
def consent_withdraw_view(request: HttpRequest, pk: Any, consent: int) -> HttpResponse:
    household = s.regisseur_open(request.user, pk, origin=ORIGIN)
    found = household.sharing_consents.filter(pk=consent, withdrawn_on__isnull=True).first()
    if found is None:
        raise Http404
    services.consent_withdraw(actor=request.user, consent=found, origin=ORIGIN)
    messages.success(request, _("De toestemming is ingetrokken: er wordt niets meer gedeeld."))
    return redirect("casework:household", pk=household.pk)


@require_POST
@requires(Capability.CASELOAD)
def ground_view(request: HttpRequest, pk: Any) -> HttpResponse:
    """A new ground: after a withdrawal, or a statutory task beside the consent."""
    household = s.regisseur_open(request.user, pk, origin=ORIGIN)
    form = f.GroundForm(request.POST)
    if form.is_valid():
        try:
            services.ground_record(
                actor=request.user,
                household=household,
                ground=_ground(form.cleaned_data),
                origin=ORIGIN,
            )
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De grondslag is vastgelegd."))
            return redirect("casework:household", pk=household.pk)
    return _rerender(request, household, "ground_form", form)


@require_POST
@requires(Capability.CASELOAD)
def ground_withdraw_view(request: HttpRequest, pk: Any, ground: int) -> HttpResponse:
    household = s.regisseur_open(request.user, pk, origin=ORIGIN)
    found = household.grounds.filter(pk=ground, withdrawn_on__isnull=True).first()
    if found is None:
        raise Http404
    services.ground_withdraw(actor=request.user, ground=found, origin=ORIGIN)
    messages.success(request, _("De grondslag is ingetrokken."))
    return redirect("casework:household", pk=household.pk)


@sensitive_post_parameters()
@requires(Capability.CASELOAD)
def break_glass_view(request: HttpRequest, pk: Any) -> HttpResponse:
    """Emergency access for a colleague standing in: the page names no one, it asks why."""
    household = CaseHousehold.objects.filter(pk=pk).first()
    if household is None:
        raise Http404
    form = f.BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_open(
                actor=request.user,
                household=household,
                reason=form.cleaned_data["reason"],
                origin=ORIGIN,
            )
        except UserError as error:
            form.add_error("reason", error.message)
        else:
            return redirect("casework:household", pk=household.pk)
    return render(request, "casework/break_glass.html", {"form": form, "pk": household.pk})
