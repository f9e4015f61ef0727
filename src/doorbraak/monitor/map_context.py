"""The indicator page's maps: the region's gemeenten coloured by the latest value (on the
CBS/PDOK boundaries of `areas.boundaries`) and the wijken as a schematic tile map, each with
the table beside it. Reads gated cells the page already has and area names; the specs are
built in `monitor.maps` (pure)."""

from django.utils.translation import gettext

from doorbraak.areas.boundaries import SOURCE, centre, gemeente_boundaries
from doorbraak.areas.models import Area, AreaLevel
from doorbraak.monitor.gated import ShownValue
from doorbraak.monitor.maps import choropleth_spec, tile_spec

Named = list[tuple[str, ShownValue]]


def indicator_maps(*, code: str, period: str, gemeenten: Named, wijken: Named, unit: str) -> dict:
    """The context for `monitor/_maps.html`: `gemeente_map` and `wijk_map` (None when there
    is nothing to draw) and the source line for the boundaries."""
    return {
        "gemeente_map": _gemeente_map(code, period, gemeenten, unit),
        "wijk_map": _wijk_map(code, period, wijken, unit),
        "map_source": SOURCE,
    }


def _gemeente_map(code: str, period: str, gemeenten: Named, unit: str) -> dict | None:
    shapes = gemeente_boundaries()
    rows = [(value.area_code, name, value) for name, value in gemeenten]
    if not any(area_code in shapes for area_code, _n, _v in rows):
        return None
    return choropleth_spec(
        description=gettext(
            "Kaart van de gemeenten in de regio, gekleurd naar %(code)s in %(year)s (lichter "
            "is lager); elke gemeente heeft haar naam en waarde als label. Afgeschermde "
            "gemeenten zijn grijs met een gestippelde rand. De tabel ernaast geeft dezelfde "
            "cijfers."
        )
        % {"code": code, "year": period},
        rows=rows,
        shapes=shapes,
        centres={area: centre(shape) for area, shape in shapes.items()},
        value_title=unit,
    )


def _wijk_map(code: str, period: str, wijken: Named, unit: str) -> dict | None:
    if not wijken:
        return None
    parents = dict(
        Area.objects.filter(
            code__in=[value.area_code for _n, value in wijken], level=AreaLevel.WIJK
        ).values_list("code", "parent__name")
    )
    groups: dict[str, list[tuple[str, ShownValue]]] = {}
    for name, value in wijken:
        groups.setdefault(parents.get(value.area_code) or "", []).append((name, value))
    return tile_spec(
        description=gettext(
            "Schematische kaart van de wijken, per gemeente een blok met een vakje per wijk, "
            "gekleurd naar %(code)s in %(year)s (lichter is lager), met naam en waarde. "
            "Afgeschermde wijken zijn grijs met een gestippelde rand. De tabel ernaast geeft "
            "dezelfde cijfers."
        )
        % {"code": code, "year": period},
        groups=sorted(groups.items()),
        value_title=unit,
    )
