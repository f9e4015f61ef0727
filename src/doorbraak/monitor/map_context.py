"""The monitor's maps: on the indicator page the region's gemeenten (on the CBS/PDOK
boundaries of `areas.boundaries`) and the wijken as a schematic tile map; on the region's and
a gemeente's area page the gemeenten or its wijken coloured by the first share in plan order.
Each map has the table beside it. Reads gated cells (`monitor.selectors`) and area names; the
specs are built in `monitor.maps` (pure).

A map shows the last complete year (a running year covers part of the year and is marked
where it is shown; a map of it would compare half a year with the legend's whole ones), and
says which year in its legend. Where gemeenten are compared, a count becomes a rate per 1.000
households or inhabitants by the gemeente x goal overview's rule (`overview.gemeente_rates`,
through the gate: only a shown count is divided); the map, the table beside it and the bar
chart show the same rounded rate (ADR 0030). Wijken have no CBS figure in the project, so the
wijk tile map of a count shows the count and its legend says so.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext

from doorbraak.areas.boundaries import SOURCE, centre, gemeente_boundaries
from doorbraak.areas.models import Area, AreaLevel
from doorbraak.monitor.area_selectors import AreaDetail
from doorbraak.monitor.dashboard_page import rate_unit
from doorbraak.monitor.gated import ShownValue
from doorbraak.monitor.maps import choropleth_spec, tile_spec
from doorbraak.monitor.overview import Cell, gemeente_rates
from doorbraak.monitor.selectors import (
    IndicatorDetail,
    definitions_current,
    indicator_detail,
    indicator_values,
)

# Where a gemeente's label sits when its centroid would put it on a neighbour's: small
# neighbours in the east (Veendam, Pekela, Stadskanaal, Westerwolde). The map's scale is set
# by its height, so these hold at every width; tests/browser/test_map_labels.py measures the
# drawn labels at 1280, 390 and 320 px.
LABEL_AT: dict[str, tuple[float, float]] = {
    "GM0047": (6.855, 53.100),  # Veendam: north-west, off Pekela
    "GM0765": (6.990, 53.055),  # Pekela: south-east, between Veendam and Stadskanaal
    "GM1950": (7.150, 53.100),  # Westerwolde: its northern part, off Stadskanaal
}


def label_points(shapes: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """Per gemeente the point its label is centred on (lon, lat)."""
    return {code: LABEL_AT.get(code) or centre(shape) for code, shape in shapes.items()}


@dataclass(frozen=True)
class MapValue:
    """An area's cell as a map, its table and the bar chart show it: for a count compared
    between gemeenten the rate per 1.000 (`count` the shown count it comes from), otherwise
    the gated value itself. Suppressed: no numbers at all."""

    area_code: str
    period: str
    value: float | None
    suppressed: bool
    count: float | None = None
    no_denominator: bool = False  # a count without CBS's figure for this gemeente
    running: str = ""  # always '' (a map shows a complete year); the charts' protocol asks


Named = list[tuple[str, ShownValue]] | list[tuple[str, MapValue]]


@dataclass(frozen=True)
class Compared:
    """The areas below the region as the indicator page compares them, in one year."""

    period: str  # the last complete year ('' when there is none)
    per: str  # 'huishoudens' or 'inwoners' when a count became a rate; '' otherwise
    title: str  # the legend's title: what the colour is, and the year
    rows: list[tuple[str, MapValue]]  # (area name, cell), by name
    cbs_years: list[int]  # the CBS years a rate divides by


def complete_period(detail: IndicatorDetail) -> str:
    """The indicator's last complete year ('' when every year runs or there are none)."""
    complete = [line.period for line in detail.years if not line.running]
    return complete[-1] if complete else ""


def _in_period(detail: IndicatorDetail, level: str, period: str) -> list[ShownValue]:
    if period == detail.latest:
        return detail.by_gemeente if level == "gemeente" else detail.by_wijk
    return indicator_values(detail.indicator.code, level=level, period=period)


def compared_gemeenten(detail: IndicatorDetail) -> Compared:
    """The gemeenten in the last complete year; a count as a rate per 1.000."""
    period = complete_period(detail)
    if not period:
        return Compared("", "", "", [], [])
    values = _in_period(detail, "gemeente", period)
    rates = gemeente_rates(detail.indicator, values, period)
    cells = [_map_value(v, rates.cells[v.area_code]) for v in values]
    unit = rate_unit(rates.per, detail.indicator.unit) if rates.per else detail.indicator.unit
    return Compared(period, rates.per, _title(unit, period), _named(cells), rates.cbs_years)


def compared_wijken(detail: IndicatorDetail) -> Compared:
    """The wijken in the last complete year, as their gated values (no CBS figure per wijk)."""
    period = complete_period(detail)
    if not period:
        return Compared("", "", "", [], [])
    values = _in_period(detail, "wijk", period)
    cells = [_map_value(v, Cell(v.value, v.suppressed)) for v in values]
    return Compared(period, "", _title(detail.indicator.unit, period), _named(cells), [])


def _map_value(value: ShownValue, cell: Cell) -> MapValue:
    return MapValue(
        area_code=value.area_code,
        period=value.period,
        value=None if cell.suppressed else cell.value,
        suppressed=cell.suppressed,
        count=cell.count,
        no_denominator=cell.no_denominator,
    )


def _named(cells: list[MapValue]) -> list[tuple[str, MapValue]]:
    names = dict(
        Area.objects.filter(code__in=[c.area_code for c in cells]).values_list("code", "name")
    )
    return sorted(((names.get(c.area_code, c.area_code), c) for c in cells), key=_by_name)


def _title(unit: str, period: str) -> str:
    if not unit:
        return gettext("Waarde in %(year)s") % {"year": period}
    return gettext("%(unit)s in %(year)s") % {"unit": unit, "year": period}


def indicator_maps(*, code: str, gemeenten: Compared, wijken: Compared) -> dict:
    """The context for `monitor/_maps.html`: `gemeente_map` and `wijk_map` (None when there
    is nothing to draw) and the source line for the boundaries."""
    return {
        "gemeente_map": _gemeente_map(code, gemeenten.rows, gemeenten.title),
        "wijk_map": _wijk_map(code, wijken.rows, wijken.title),
        "map_source": SOURCE,
    }


def _gemeente_map(code: str, gemeenten: Named, title: str) -> dict | None:
    shapes = gemeente_boundaries()
    rows = [(value.area_code, name, value) for name, value in gemeenten]
    if not any(area_code in shapes for area_code, _n, _v in rows):
        return None
    return choropleth_spec(
        description=gettext(
            "Kaart van de gemeenten in de regio, gekleurd naar %(code)s: %(what)s (lichter "
            "is lager); elke gemeente heeft haar naam en waarde als label. Afgeschermde "
            "gemeenten zijn grijs met een gestippelde rand. De tabel ernaast geeft dezelfde "
            "cijfers."
        )
        % {"code": code, "what": title},
        rows=rows,
        shapes=shapes,
        centres=label_points(shapes),
        value_title=title,
    )


def _wijk_map(code: str, wijken: Named, title: str) -> dict | None:
    if not wijken:
        return None
    parents = dict(
        Area.objects.filter(
            code__in=[value.area_code for _n, value in wijken], level=AreaLevel.WIJK
        ).values_list("code", "parent__name")
    )
    groups: dict[str, list[tuple[str, ShownValue | MapValue]]] = {}
    for name, value in wijken:
        groups.setdefault(parents.get(value.area_code) or "", []).append((name, value))
    return tile_spec(
        description=gettext(
            "Schematische kaart van de wijken, per gemeente een blok met een vakje per wijk, "
            "gekleurd naar %(code)s: %(what)s (lichter is lager), met naam en waarde. "
            "Afgeschermde wijken zijn grijs met een gestippelde rand. De tabel ernaast geeft "
            "dezelfde cijfers."
        )
        % {"code": code, "what": title},
        groups=sorted(groups.items()),
        value_title=title,
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
    """The map of the last complete year (the latest, when no year is complete yet)."""
    period = complete_period(found)
    if period and period != found.latest:
        mine = {v.area_code for v in values}
        below = "gemeente" if level == "region" else "wijk"
        values = [v for v in _in_period(found, below, period) if v.area_code in mine]
    elif not period:
        period = f"{found.latest} ({found.latest_running})"
    names = dict(
        Area.objects.filter(code__in=[v.area_code for v in values]).values_list("code", "name")
    )
    rows = sorted(((names.get(v.area_code, v.area_code), v) for v in values), key=_by_name)
    code, title = found.indicator.code, _title(found.indicator.unit, period)
    draw = _gemeente_map if level == "region" else _wijk_map
    spec = draw(code, rows, title)
    return {
        "area_map": spec,
        "area_map_rows": rows,
        "area_map_indicator": found.indicator,
        "area_map_period": period,
        "map_source": SOURCE if level == "region" else "",
    }


def _by_name(row: tuple[str, object]) -> str:
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
