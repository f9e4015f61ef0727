"""Register pages: the aggregate overview per gemeente (disclosure-controlled) and one
household's timeline for the professional in charge or the household itself."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from doorbraak.core.audit import audit_record
from doorbraak.core.disclosure import safe_total, suppress_table
from doorbraak.partners.access import Capability, requires, user_can
from doorbraak.register import selectors


@requires(Capability.VIEW_PROGRAMME)
def overview_view(request: HttpRequest) -> HttpResponse:
    as_of = selectors.register_as_of()
    threshold = settings.DISCLOSURE_THRESHOLD
    counts = selectors.gemeente_counts(as_of) if as_of else {}
    safe = suppress_table(counts, threshold=threshold)
    totals = {c: safe_total(counts, c, threshold=threshold) for c in selectors.COLUMNS}
    return render(
        request,
        "register/overview.html",
        {"as_of": as_of, "rows": safe, "totals": totals, "threshold": threshold},
    )


@login_required
def household_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Timeline of one household. Every attempt, allowed or refused, is in the audit log."""
    allowed = user_can(request.user, Capability.CASELOAD) or user_can(
        request.user, Capability.OWN_HOUSEHOLD
    )
    try:
        if not allowed:
            raise selectors.PermissionDenied("household")
        household = selectors.household_for(request.user, pk)
    except selectors.PermissionDenied:
        _audit(request, pk, "geweigerd")
        raise
    _audit(request, pk, "getoond")
    return render(
        request,
        "register/household.html",
        {
            "household": household,
            "timeline": selectors.household_timeline(household),
            "readings": selectors.capital_readings(household),
        },
    )


def _audit(request: HttpRequest, pk: int, result: str) -> None:
    audit_record(
        actor=request.user,
        action="huishouden.tijdlijn.lezen",
        object_type="huishouden",
        object_id=str(pk),
        result=result,
        origin=request.META.get("REMOTE_ADDR", ""),
    )
