"""Area pages: the tree of the region, and one gemeente or wijk with its parts."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from doorbraak.areas import selectors
from doorbraak.areas.models import AreaLevel
from doorbraak.partners.access import Capability, requires


@requires(Capability.VIEW_AREAS)
def area_tree_view(request: HttpRequest) -> HttpResponse:
    region = selectors.region_current()
    tree = selectors.area_tree(region) if region else None
    return render(request, "areas/tree.html", {"tree": tree})


@requires(Capability.VIEW_AREAS)
def area_detail_view(request: HttpRequest, code: str) -> HttpResponse:
    area = selectors.area_get(code)
    if area is None:
        raise Http404(code)
    groups = selectors.area_groups_in(area) if area.level == AreaLevel.GEMEENTE else []
    return render(
        request,
        "areas/detail.html",
        {"area": area, "children": selectors.area_children(area), "groups": groups},
    )
