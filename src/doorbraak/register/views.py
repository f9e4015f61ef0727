"""Register pages: the aggregate overview per gemeente (disclosure-controlled) and one
household's timeline for the professional in charge or the household itself."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from doorbraak.core.audit import audit_record
from doorbraak.core.client_address import client_address
from doorbraak.core.disclosure_gate import Key, gate_counts, relations_from_hierarchies
from doorbraak.core.models import AuditAction
from doorbraak.partners.access import Capability, requires, user_can
from doorbraak.register import selectors

REGION = ""  # the coordinate of the region total in the overview's table


def overview_gated(
    counts: dict[str, dict[str, int]], *, threshold: int
) -> tuple[dict[str, dict[str, int | None]], dict[str, int | None]]:
    """The overview per gemeente as it may be shown: rows and the region's totals.

    One table of (gemeente, column) cells plus the region total per column, which is the sum of
    its gemeenten: the disclosure gate (`core.disclosure_gate`, strict) hides every count from 1
    up to the threshold and enough other cells that no hidden count follows from a total.
    """
    cells: dict[Key, int] = {}
    for name, row in counts.items():
        for column in selectors.COLUMNS:
            cells[(name, column)] = row.get(column, 0)
    for column in selectors.COLUMNS:
        cells[(REGION, column)] = sum(row.get(column, 0) for row in counts.values())
    relations = relations_from_hierarchies(
        cells, {0: lambda name: None if name == REGION else REGION}
    )
    shown = gate_counts(cells, relations, threshold=threshold)
    rows = {name: {c: shown[(name, c)] for c in selectors.COLUMNS} for name in counts}
    totals = {c: shown[(REGION, c)] for c in selectors.COLUMNS}
    return rows, totals


@requires(Capability.VIEW_PROGRAMME)
def overview_view(request: HttpRequest) -> HttpResponse:
    as_of = selectors.register_as_of()
    threshold = int(settings.DISCLOSURE_THRESHOLD)
    counts = selectors.gemeente_counts(as_of) if as_of else {}
    rows, totals = overview_gated(counts, threshold=threshold)
    return render(
        request,
        "register/overview.html",
        {"as_of": as_of, "rows": rows, "totals": totals, "threshold": threshold},
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
        action=AuditAction.REGISTER_HOUSEHOLD_TIMELINE_READ,
        object_type="huishouden",
        object_id=str(pk),
        result=result,
        origin=client_address(request),
    )
