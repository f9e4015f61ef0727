"""The monitor's maps: on the indicator page the region's gemeenten coloured by the latest
value (on the CBS/PDOK boundaries of `areas.boundaries`) and the wijken as a schematic tile
map; on the region's and a gemeente's area page the gemeenten or its wijken coloured by the
first share in plan order. Each map has the table beside it. Reads gated cells
(`monitor.selectors`) and area names; the specs are built in `monitor.maps` (pure)."""

from collections.abc import Iterator

from django.utils.translation import gettext

from doorbraak.areas.boundaries import SOURCE, centre, gemeente_boundaries
from doorbraak.areas.models import Area, AreaLevel
from doorbraak.monitor.gated import ShownValue
from doorbraak.monitor.maps import choropleth_spec, tile_spec
from doorbraak.monitor.selectors import (
    AreaDetail,
    IndicatorDetail,
    definitions_current,
    indicator_detail,
)

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


def area_map(detail: AreaDetail) -> dict:
    """The area page's map: for the region its gemeenten, for a gemeente its wijken (a tile
    map), coloured by the share that shows a value for the most areas below this one (the
    first in plan order of those; a share compares areas of different sizes fairly, a count
    would colour the largest gemeente darkest). `area_map` is None for a wijk, or when no
    share has a shown value below this area."""
    level = detail.area.level
    if level not in ("region", "gemeente"):
        return {"area_map": None}
    mine = {child.code for child in detail.down}
    best: tuple[int, IndicatorDetail, list[ShownValue]] | None = None
    for found in _shares(detail):
        below = found.by_gemeente if level == "region" else found.by_wijk
        values = [v for v in below if v.area_code in mine]
        shown = sum(1 for v in values if not v.suppressed and v.value is not None)
        if shown and (best is None or shown > best[0]):
            best = (shown, found, values)
    return _area_map_context(best[1], best[2], level) if best else {"area_map": None}


def _area_map_context(found: IndicatorDetail, values: list[ShownValue], level: str) -> dict:
    names = dict(
        Area.objects.filter(code__in=[v.area_code for v in values]).values_list("code", "name")
    )
    rows = sorted(((names.get(v.area_code, v.area_code), v) for v in values), key=_by_name)
    period = f"{found.latest} ({found.latest_running})" if found.latest_running else found.latest
    code, unit = found.indicator.code, found.indicator.unit
    if level == "region":
        spec = _gemeente_map(code, period, rows, unit)
    else:
        spec = _wijk_map(code, period, rows, unit)
    return {
        "area_map": spec,
        "area_map_rows": rows,
        "area_map_indicator": found.indicator,
        "area_map_period": period,
        "map_source": SOURCE if level == "region" else "",
    }


def _by_name(row: tuple[str, ShownValue]) -> str:
    return row[0]


def _shares(detail: AreaDetail) -> Iterator[IndicatorDetail]:
    """The computed shares of the area page, in plan order, with their values."""
    definitions = definitions_current()
    if definitions is None:
        return
    kinds = {indicator.code: indicator.kind for indicator in definitions.indicators}
    for line in detail.lines:
        if kinds.get(line.code) == "share" and not line.waits_for:
            found = indicator_detail(line.code)
            if found is not None:
                yield found
