"""The household's own pages (ADR 0027) and the regisseur's side of them.

The household's URLs (`own_urls`, under /huishouden/) carry no household id: the household is
the one its login is linked to (`own_selectors.own_household`), so there is no other id to try.
Every read is audited. The regisseur links a login and reads the household's comments on the
work zone's household page; a professional sets the phone number households call her on.
"""

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorbraak.casework import forms as f
from doorbraak.casework import own_selectors as own
from doorbraak.casework import own_services
from doorbraak.casework import selectors as s
from doorbraak.casework.models import CaseHousehold
from doorbraak.casework.plan_pdf import plan_pdf
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.access import Capability, requires
from doorbraak.partners.models import User

ORIGIN = "web"


def _not_linked(request: HttpRequest, status: int = 404) -> HttpResponse:
    """A household login without a case (the refusal is in the audit): told what to do. The
    page itself answers 200 (it is the login's start page); a download or a post, 404."""
    return render(request, "casework/own/not_linked.html", status=status)


def _page(
    request: HttpRequest, household: CaseHousehold, form: f.CommentForm, status: int = 200
) -> HttpResponse:
    context = {"page": own.own_page(household), "form": form}
    return render(request, "casework/own/page.html", context, status=status)


@requires(Capability.OWN_HOUSEHOLD)
def own_page_view(request: HttpRequest) -> HttpResponse:
    household = own.own_household_open(request.user, AuditAction.CASEWORK_OWN_READ, origin=ORIGIN)
    if household is None:
        return _not_linked(request, status=200)
    return _page(request, household, f.CommentForm())


@requires(Capability.OWN_HOUSEHOLD)
def own_plan_pdf_view(request: HttpRequest) -> HttpResponse:
    household = own.own_household_open(
        request.user, AuditAction.CASEWORK_OWN_PLAN_PDF, origin=ORIGIN
    )
    if household is None:
        return _not_linked(request)
    response = HttpResponse(plan_pdf(own.own_page(household)), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="ons-plan.pdf"'
    return response


@requires(Capability.OWN_HOUSEHOLD)
def own_export_view(request: HttpRequest) -> HttpResponse:
    """The AVG inzage: everything the work zone holds about this household, as JSON."""
    household = own.own_household_open(request.user, AuditAction.CASEWORK_OWN_EXPORT, origin=ORIGIN)
    if household is None:
        return _not_linked(request)
    body = json.dumps(own.own_export(household), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@require_POST
@requires(Capability.OWN_HOUSEHOLD)
def own_comment_view(request: HttpRequest) -> HttpResponse:
    household = own.own_household_open(request.user, AuditAction.CASEWORK_OWN_READ, origin=ORIGIN)
    if household is None:
        return _not_linked(request)
    form = f.CommentForm(request.POST)
    if form.is_valid():
        try:
            own_services.household_comment_add(
                actor=request.user, household=household, origin=ORIGIN, **form.cleaned_data
            )
        except UserError as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, _("Dank u. Uw contactpersoon ziet uw bericht."))
            return redirect("own:page")
    return _page(request, household, form, status=400)


@require_POST
@requires(Capability.OWN_HOUSEHOLD)
def own_agree_view(request: HttpRequest) -> HttpResponse:
    """The household agrees to the version of its plan it read (the version is in the form)."""
    household = own.own_household_open(request.user, AuditAction.CASEWORK_OWN_READ, origin=ORIGIN)
    if household is None:
        return _not_linked(request)
    try:
        version = int(request.POST.get("version", ""))
        own_services.own_plan_agree(
            actor=request.user, household=household, version=version, origin=ORIGIN
        )
    except ValueError:
        messages.error(request, _("Dat ging niet goed. Probeer het opnieuw."))
    except UserError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Dank u. Uw akkoord met het plan is vastgelegd."))
    return redirect("own:page")


@require_POST
@requires(Capability.CASELOAD)
def login_link_view(request: HttpRequest, pk: Any) -> HttpResponse:
    """The regisseur links a household login to the household (by its user name)."""
    household = s.regisseur_open(request.user, pk, origin=ORIGIN)
    form = f.HouseholdLoginForm(request.POST)
    if form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"]).first()
        try:
            own_services.household_login_link(
                actor=request.user, household=household, user=user, origin=ORIGIN
            )
        except UserError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("De inlog ziet nu de eigen pagina van dit huishouden."))
    return redirect("casework:household", pk=household.pk)


@require_POST
@requires(Capability.CASELOAD)
def login_end_view(request: HttpRequest, pk: Any, link: int) -> HttpResponse:
    household = s.regisseur_open(request.user, pk, origin=ORIGIN)
    found = household.logins.filter(pk=link, ended_on__isnull=True).first()
    if found is None:
        raise Http404
    own_services.household_login_end(actor=request.user, link=found, origin=ORIGIN)
    messages.success(request, _("De inlog is ontkoppeld: hij ziet dit huishouden niet meer."))
    return redirect("casework:household", pk=household.pk)


@requires(Capability.CASELOAD)
def work_phone_view(request: HttpRequest) -> HttpResponse:
    current = getattr(request.user, "work_phone", None)
    form = f.WorkPhoneForm(
        request.POST or None, initial={"phone": current.phone if current else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            own_services.work_phone_set(professional=request.user, phone=form.cleaned_data["phone"])
        except UserError as error:
            form.add_error("phone", error.message)
        else:
            messages.success(request, _("Uw telefoonnummer voor huishoudens is opgeslagen."))
            return redirect("casework:caseload")
    return render(request, "casework/work_phone.html", {"form": form})


def household_family_context(household: CaseHousehold) -> dict[str, Any]:
    """What the work zone's household page adds about the family's own page: its logins and,
    for the regisseur, what the family wrote."""
    return {
        "family_logins": household.logins.filter(ended_on__isnull=True).select_related("user"),
        "family_comments": own.comments(household),
        "login_form": f.HouseholdLoginForm(),
    }
