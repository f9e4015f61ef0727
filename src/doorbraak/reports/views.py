"""The reflection's pages (/reflectie): the frozen years, one year with its interpretations and
decisions, and the report itself as HTML, PDF and CSV. Staff who may see the programme read
and write interpretations; only the programme team (Capability.REFLECT) freezes a year,
chooses what goes into the report and records decisions. Every write is audited in services.
"""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from doorbraak.core.client_address import client_address
from doorbraak.core.errors import UserError
from doorbraak.partners.access import Capability, requires, user_can
from doorbraak.reports import selectors, services
from doorbraak.reports.document import report_build
from doorbraak.reports.models import Decision, Interpretation, ReflectionSnapshot
from doorbraak.reports.render import file_stem, report_csv, report_html, report_pdf


def _snapshot(year: int, version: int | None = None) -> ReflectionSnapshot:
    snapshot = selectors.snapshot_get(year, version)
    if snapshot is None:
        raise Http404(str(year))
    return snapshot


@requires(Capability.VIEW_PROGRAMME)
def index_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/index.html",
        {
            "snapshots": selectors.snapshots(),
            "can_reflect": user_can(request.user, Capability.REFLECT),
        },
    )


@require_POST
@requires(Capability.REFLECT)
def freeze_view(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.POST.get("year", ""))
        result = services.snapshot_freeze(
            year=year,
            user=request.user,
            correction=request.POST.get("correction") == "1",
            origin=client_address(request),
        )
    except ValueError:
        messages.error(request, _("Kies een jaar."))
        return redirect("reports:index")
    except UserError as error:
        messages.error(request, error.message)
        return redirect("reports:index")
    if result.created:
        messages.success(
            request,
            _("{year} is bevroren als versie {v}.").format(year=year, v=result.snapshot.version),
        )
    else:
        messages.info(request, _("{year} was al bevroren met dezelfde cijfers.").format(year=year))
    return redirect("reports:year", year=year)


@requires(Capability.VIEW_PROGRAMME)
def year_view(request: HttpRequest, year: int) -> HttpResponse:
    snapshot = _snapshot(year)
    figures = snapshot.sections.get("figures", {}).get("indicators", [])
    return render(
        request,
        "reports/year.html",
        {
            "snapshot": snapshot,
            "subjects": sorted(services.snapshot_subjects(snapshot)),
            "indicators": figures,
            "interpretations": selectors.interpretations(year),
            "decisions": selectors.decisions(year),
            "kinds": Interpretation.Kind.choices,
            "decision_kinds": Decision.Kind.choices,
            "can_reflect": user_can(request.user, Capability.REFLECT),
        },
    )


def _done(request: HttpRequest, year: int, action: object) -> HttpResponse:
    try:
        if callable(action):
            action()
    except UserError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Vastgelegd."))
    return redirect("reports:year", year=year)


@require_POST
@requires(Capability.VIEW_PROGRAMME)
def interpretation_add_view(request: HttpRequest, year: int) -> HttpResponse:
    snapshot = _snapshot(year)
    kind = request.POST.get("kind", "")
    if not user_can(request.user, Capability.REFLECT):
        kind = (
            Interpretation.Kind.PARTNER
        )  # only the programme team writes its own or residents' input
    partner = getattr(request.user, "partner", None)
    return _done(
        request,
        year,
        lambda: services.interpretation_add(
            snapshot=snapshot,
            user=request.user,
            kind=kind,
            subject=request.POST.get("subject", ""),
            text=request.POST.get("text", ""),
            organisation=partner.name if partner else request.POST.get("organisation", ""),
            origin=client_address(request),
        ),
    )


@require_POST
@requires(Capability.REFLECT)
def interpretation_decide_view(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    item = selectors.interpretations(year).filter(pk=pk).first()
    if item is None:
        raise Http404(str(pk))
    include = request.POST.get("include") == "1"
    return _done(
        request,
        year,
        lambda: services.interpretation_decide(
            interpretation=item, include=include, user=request.user, origin=client_address(request)
        ),
    )


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ".")) if text.strip() else None
    except InvalidOperation:
        return None


@require_POST
@requires(Capability.REFLECT)
def decision_add_view(request: HttpRequest, year: int) -> HttpResponse:
    snapshot = _snapshot(year)
    return _done(
        request,
        year,
        lambda: services.decision_record(
            snapshot=snapshot,
            user=request.user,
            kind=request.POST.get("kind", ""),
            subject=request.POST.get("subject", ""),
            reason=request.POST.get("reason", ""),
            value=_decimal(request.POST.get("value", "")),
            statement=request.POST.get("statement", ""),
            origin=client_address(request),
        ),
    )


@require_POST
@requires(Capability.REFLECT)
def decisions_apply_view(request: HttpRequest, year: int) -> HttpResponse:
    version = services.decisions_apply(year=year, user=request.user, origin=client_address(request))
    if version is None:
        messages.info(
            request, _("Er zijn geen besluiten over streefwaarden of doelen te verwerken.")
        )
    else:
        messages.success(
            request, _("De besluiten staan in planversie {n}.").format(n=version.number)
        )
    return redirect("reports:year", year=year)


def _report(request: HttpRequest, year: int) -> tuple[ReflectionSnapshot, bool]:
    version = request.GET.get("versie", "")
    snapshot = _snapshot(year, int(version) if version.isdigit() else None)
    return snapshot, request.GET.get("openbaar") == "1"


@requires(Capability.VIEW_PROGRAMME)
def report_view(request: HttpRequest, year: int, fmt: str = "html") -> HttpResponse:
    snapshot, public = _report(request, year)
    try:
        report = report_build(snapshot, public=public)
    except UserError as error:  # a snapshot that no longer matches its hashes
        messages.error(request, error.message)
        return redirect("reports:index")
    stem = file_stem(report)
    if fmt == "pdf":
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
    elif fmt == "csv":
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}-cijfers.csv"'
    else:
        response = HttpResponse(report_html(report))
    return response
