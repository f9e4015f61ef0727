"""Vega-Lite specifications for the monitor's maps (pure: no Django, no database).

Two maps, each the drawing beside a table that carries the same numbers (the accessible
alternative, and the page without JavaScript):
- `choropleth_spec`: the region's gemeenten on their CBS/PDOK boundaries, coloured by an
  indicator's value, each labelled with its name and its value as the table shows it;
- `tile_spec`: a schematic tile map of the wijken (no wijk boundaries are in the project):
  one labelled square per wijk, the wijken of a gemeente in a block under its name.

A suppressed cell is never coloured as a value and never reads 0: its area is light grey
with a dashed outline and labelled "afgeschermd" (an area without a value: grey, "–").
Values are rounded by the one rule of `core.numbers` (ADR 0030); the legend formats numbers
the Dutch way through the shared `config.locale`.
"""

from collections.abc import Iterable, Mapping, Sequence
from gettext import gettext as _
from typing import Any

from doorbraak.core.numbers import nl, rounded_float
from doorbraak.monitor.charts import CONFIG, INK, NUMBER_FORMAT, SCHEMA, Measured

EMPTY = "#e6e6e6"  # an area without a shown value: light grey, and a dashed outline
COLOURS = ["#f0f5fb", "#4a8cc4"]  # light to mid blue: dark text stays readable on both
TILE_COLUMNS = 4  # wijken per row: fits a 320 px screen
TITLE_LIMIT = 280  # px: the legend's title (what is coloured, and the year) whole at 320 px


def _label(cell: Measured | None) -> str:
    if cell is None or (not cell.suppressed and cell.value is None):
        return "–"
    if cell.suppressed:
        return _("afgeschermd")
    return nl(cell.value)


def _value(cell: Measured | None) -> float | None:
    if cell is None or cell.suppressed or cell.value is None:
        return None
    return rounded_float(cell.value)


def _colour(value_title: str) -> dict[str, Any]:
    return {
        "field": "waarde",
        "type": "quantitative",
        "scale": {"range": COLOURS, "zero": False},
        "legend": {
            "title": value_title or _("Waarde"),
            "titleLimit": TITLE_LIMIT,
            "format": NUMBER_FORMAT,
            "orient": "top",
        },
    }


def choropleth_spec(
    *,
    description: str,
    rows: Iterable[tuple[str, str, Measured | None]],
    shapes: Mapping[str, dict[str, Any]],
    centres: Mapping[str, tuple[float, float]],
    value_title: str = "",
) -> dict[str, Any]:
    """One shape per gemeente in `shapes` (code → GeoJSON geometry), coloured by its cell in
    `rows` (code, name, gated cell); `centres` place the labels."""
    features, labels = [], []
    for code, name, cell in rows:
        if code not in shapes:
            continue
        value = _value(cell)
        properties = {"naam": name, "waarde": value}
        features.append({"type": "Feature", "geometry": shapes[code], "properties": properties})
        lon, lat = centres[code]
        labels.append({"lon": lon, "lat": lat, "regels": [name, _label(cell)]})
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": 460,
        "config": CONFIG,
        "projection": {"type": "mercator"},
        "layer": [
            {
                "data": {"values": features},
                "mark": {"type": "geoshape", "fill": EMPTY, "stroke": INK, "strokeDash": [3, 2]},
            },
            {
                "data": {"values": features},
                "transform": [
                    {"calculate": "datum.properties.waarde", "as": "waarde"},
                    {"filter": "datum.waarde != null"},
                ],
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 1},
                "encoding": {"color": _colour(value_title)},
            },
            {
                "data": {"values": labels},
                "mark": {"type": "text", "fontSize": 10, "lineHeight": 12, "color": INK},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "text": {"field": "regels"},
                },
            },
        ],
    }


def tile_rows(groups: Sequence[tuple[str, Sequence[tuple[str, Measured | None]]]]) -> list[dict]:
    """Tile positions: per gemeente a heading row, then its wijken `TILE_COLUMNS` a row."""
    tiles: list[dict[str, Any]] = []
    row = 0
    for gemeente, wijken in groups:
        tiles.append({"kol": 0, "rij": row, "kop": True, "naam": gemeente, "label": ""})
        row += 1
        for index, (name, cell) in enumerate(wijken):
            tiles.append(
                {
                    "kol": index % TILE_COLUMNS,
                    "rij": row + index // TILE_COLUMNS,
                    "kop": False,
                    "naam": name,
                    "label": _label(cell),
                    "waarde": _value(cell),
                }
            )
        row += -(-len(wijken) // TILE_COLUMNS)
    return tiles


def tile_spec(
    *,
    description: str,
    groups: Sequence[tuple[str, Sequence[tuple[str, Measured | None]]]],
    value_title: str = "",
) -> dict[str, Any]:
    """A schematic tile map: (gemeente name, [(wijk name, gated cell), ...]) per gemeente."""
    tiles = tile_rows(groups)
    x = {"field": "kol", "type": "ordinal", "axis": None, "scale": {"paddingInner": 0.08}}
    y = {"field": "rij", "type": "ordinal", "axis": None, "scale": {"paddingInner": 0.12}}
    # a label is cut with "…" at its tile's width (the chart's width is the container's)
    limit = {"expr": f"width / {TILE_COLUMNS} - 8"}
    text = {"type": "text", "fontSize": 11, "color": INK, "limit": limit}
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": {"step": 40},
        "config": CONFIG,
        "data": {"values": tiles},
        "encoding": {"x": x, "y": y},
        "layer": [
            {
                "transform": [{"filter": "!datum.kop"}],
                "mark": {"type": "rect", "fill": EMPTY, "stroke": INK, "strokeDash": [3, 2]},
            },
            {
                "transform": [{"filter": "!datum.kop && datum.waarde != null"}],
                "mark": {"type": "rect", "stroke": "#ffffff"},
                "encoding": {"color": _colour(value_title)},
            },
            {
                "transform": [{"filter": "!datum.kop"}],
                "mark": {**text, "dy": -7},
                "encoding": {"text": {"field": "naam"}},
            },
            {
                "transform": [{"filter": "!datum.kop"}],
                "mark": {**text, "dy": 8, "fontSize": 10, "fontWeight": "bold"},
                "encoding": {"text": {"field": "label"}},
            },
            {
                "transform": [{"filter": "datum.kop"}],
                "mark": {**text, "align": "left", "fontWeight": "bold", "limit": 300},
                "encoding": {"text": {"field": "naam"}, "x": {**x, "bandPosition": 0}},
            },
        ],
    }
