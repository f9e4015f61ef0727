"""Partner pages: the directory, and a data steward's own organisation."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from doorbraak.partners.access import Capability, requires
from doorbraak.partners.selectors import partners_by_sector


@requires(Capability.VIEW_PARTNERS)
def partner_list_view(request: HttpRequest) -> HttpResponse:
    groups = partners_by_sector()
    total = sum(len(partners) for _, partners in groups)
    return render(request, "partners/list.html", {"groups": groups, "total": total})


@requires(Capability.OWN_ORGANISATION)
def own_organisation_view(request: HttpRequest) -> HttpResponse:
    partner = request.user.partner  # type: ignore[union-attr]
    colleagues = partner.users.order_by("username") if partner else []
    return render(request, "partners/own.html", {"partner": partner, "colleagues": colleagues})
