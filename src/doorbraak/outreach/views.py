"""The outreach pages under /werk/signalen/. Thin: access through `selectors` (every case URL
goes through `case_open`, audited), writes through `services`, a `UserError` shown in Dutch."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from doorbraak.casework.forms import MemberFormSet
from doorbraak.casework.services import AddressInput, MemberInput
from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
from doorbraak.outreach import forms as f
from doorbraak.outreach import selectors as s
from doorbraak.outreach import services
from doorbraak.outreach.feedback import partner_feedback
from doorbraak.outreach.models import Vroegsignaalzaak
from doorbraak.partners.access import Capability, requires

ORIGIN = "web"


def _problems(error: UserError) -> list[str]:
    return [str(p) for p in error.problems] if isinstance(error, ProblemsError) else [error.message]


@requires(Capability.OUTREACH)
def worklist_view(request: HttpRequest) -> HttpResponse:
    rows = s.worklist_rows(request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.OUTREACH_WORKLIST_READ,
        object_type="outreach.worklist",
        object_id=s.outreach_gemeente(request.user),
        result=str(len(rows)),
        origin=ORIGIN,
    )
    context = {
        "rows": rows,
        "norm": s.norm_days(),
        "gemeente": s.outreach_gemeente_name(request.user),
    }
    return render(request, "outreach/worklist.html", context)


@sensitive_post_parameters()
@requires(Capability.OUTREACH)
def signal_new_view(request: HttpRequest) -> HttpResponse:
    form = f.SignalForm(request.POST or None)
    gemeente = s.outreach_gemeente(request.user)
    if request.method == "POST" and form.is_valid() and gemeente:
        try:
            signal = services.signal_receive(
                actor=request.user,
                signal=services.SignalInput(gemeente_code=gemeente, **form.cleaned_data),
                origin=ORIGIN,
            )
        except UserError as error:
            for problem in _problems(error):
                form.add_error(None, problem)
        else:
            messages.success(request, _("Het signaal is opgeslagen."))
            return redirect("outreach:case", pk=signal.zaak_id)
    return render(request, "outreach/signal_new.html", {"form": form, "gemeente": gemeente})


def _case_context(case: Vroegsignaalzaak, **forms: Any) -> dict[str, Any]:
    facts = s.case_facts(case)
    return {
        "case": case,
        "signals": [(signal, s.signal_status(signal)) for signal in case.signals.all()],
        "attempts": case.attempts.all(),
        "facts": facts,
        "priority": s.worklist.priority(facts),
        "due": s.worklist.due(facts, s.norm_days()),
        "take_up_form": forms.get("take_up_form")
        or f.TakeUpForm(initial={"on": timezone.localdate()}),
        "attempt_form": forms.get("attempt_form") or f.AttemptForm(),
        "close_form": forms.get("close_form") or f.CloseForm(),
        "referral_form": forms.get("referral_form") or f.ReferralForm(),
        "referrals": case.referrals.select_related("partner", "professional"),
        "reached": case.attempts.filter(reached=True).exists(),
    }


@requires(Capability.OUTREACH)
def case_view(request: HttpRequest, pk: Any) -> HttpResponse:
    case = s.case_open(request.user, pk, origin=ORIGIN)
    return render(request, "outreach/case.html", _case_context(case))


def _rerender(
    request: HttpRequest, case: Vroegsignaalzaak, name: str, form: Any, error: UserError
) -> HttpResponse:
    for problem in _problems(error):
        form.add_error(None, problem)
    return render(request, "outreach/case.html", _case_context(case, **{name: form}), status=400)


@require_POST
@requires(Capability.OUTREACH)
def take_up_view(request: HttpRequest, pk: Any) -> HttpResponse:
    case = s.case_open(request.user, pk, origin=ORIGIN)
    form = f.TakeUpForm(request.POST)
    if not form.is_valid():
        context = _case_context(case, take_up_form=form)
        return render(request, "outreach/case.html", context, status=400)
    try:
        services.case_take_up(actor=request.user, case=case, origin=ORIGIN, **form.cleaned_data)
    except UserError as error:
        return _rerender(request, case, "take_up_form", form, error)
    messages.success(request, _("U hebt de zaak opgepakt."))
    return redirect("outreach:case", pk=case.pk)


@require_POST
@requires(Capability.OUTREACH)
def attempt_view(request: HttpRequest, pk: Any) -> HttpResponse:
    case = s.case_open(request.user, pk, origin=ORIGIN)
    form = f.AttemptForm(request.POST)
    if not form.is_valid():
        return render(
            request, "outreach/case.html", _case_context(case, attempt_form=form), status=400
        )
    try:
        services.attempt_record(actor=request.user, case=case, origin=ORIGIN, **form.cleaned_data)
    except UserError as error:
        return _rerender(request, case, "attempt_form", form, error)
    messages.success(request, _("De contactpoging is vastgelegd."))
    return redirect("outreach:case", pk=case.pk)


@sensitive_post_parameters()
@require_POST
@requires(Capability.OUTREACH)
def close_view(request: HttpRequest, pk: Any) -> HttpResponse:
    case = s.case_open(request.user, pk, origin=ORIGIN)
    form = f.CloseForm(request.POST)
    if not form.is_valid():
        return render(
            request, "outreach/case.html", _case_context(case, close_form=form), status=400
        )
    try:
        services.case_close(actor=request.user, case=case, origin=ORIGIN, **form.cleaned_data)
    except UserError as error:
        return _rerender(request, case, "close_form", form, error)
    messages.success(request, _("De zaak is afgesloten met: %(result)s.") % {"result": case.result})
    return redirect("outreach:worklist")


@requires(Capability.OWN_ORGANISATION)
def partner_feedback_view(request: HttpRequest) -> HttpResponse:
    """A signalling partner's own signals, counted per GGM status and gemeente, gated."""
    partner = request.user.partner  # type: ignore[union-attr]
    table = partner_feedback(partner) if partner is not None else None
    context = {"partner": partner, "table": table, "threshold": settings.DISCLOSURE_THRESHOLD}
    return render(request, "outreach/partner_feedback.html", context)


@require_POST
@requires(Capability.OUTREACH)
def referral_view(request: HttpRequest, pk: Any) -> HttpResponse:
    case = s.case_open(request.user, pk, origin=ORIGIN)
    form = f.ReferralForm(request.POST)
    if not form.is_valid():
        context = _case_context(case, referral_form=form)
        return render(request, "outreach/case.html", context, status=400)
    try:
        services.referral_make(actor=request.user, case=case, origin=ORIGIN, **form.cleaned_data)
    except UserError as error:
        return _rerender(request, case, "referral_form", form, error)
    messages.success(request, _("Het huishouden is toegeleid."))
    return redirect("outreach:case", pk=case.pk)


def _referral_forms(request: HttpRequest, referral: Any) -> tuple[Any, Any]:
    if request.method == "POST":
        return (
            f.ReferralAddressForm(request.POST),
            MemberFormSet(request.POST, prefix="lid"),
        )
    initial = [
        {"name": p.name, "birth_date": p.birth_date, "bsn": p.bsn}
        for p in s.referral_people(referral)
    ]
    members = MemberFormSet(initial=initial, prefix="lid")
    members.extra = 1
    return f.ReferralAddressForm(initial=s.referral_address(referral)), members


def _referral_audit(request: HttpRequest, referral: Any) -> None:
    audit_record(
        actor=request.user,
        action=AuditAction.OUTREACH_REFERRAL_READ,
        object_type="outreach.referral",
        object_id=str(referral.pk),
        result=request.method or "",
        origin=ORIGIN,
    )


@sensitive_post_parameters()
@requires(Capability.CASELOAD)
def referral_take_on_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The receiving professional takes the household on: it is registered in casework from
    the signals (she completes and corrects the members), on the consent of the referral,
    with her as its regisseur; then she writes its plan."""
    referral = s.referrals_for(request.user).filter(pk=pk).first()
    if referral is None:
        raise PermissionDenied("outreach.referral")
    _referral_audit(request, referral)
    address, members = _referral_forms(request, referral)
    if request.method == "POST" and address.is_valid() and members.is_valid():
        try:
            household = services.referral_register(
                actor=request.user,
                referral=referral,
                members=[MemberInput(**data) for data in members.cleaned_data if data],
                address=AddressInput(**address.cleaned_data),
                origin=ORIGIN,
            )
        except UserError as error:
            for problem in _problems(error):
                address.add_error(None, problem)
        else:
            messages.success(
                request, _("Het huishouden is geregistreerd; u bent de regisseur. Maak het plan.")
            )
            return redirect("casework:plan", pk=household.pk)
    context = {"referral": referral, "form": address, "members": members}
    status = 400 if request.method == "POST" else 200
    return render(request, "outreach/referral_register.html", context, status=status)
