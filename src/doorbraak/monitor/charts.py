"""Vega-Lite specifications for the monitor's charts (pure: no Django, no database).

The views pass gated values in; a spec holds exactly the values that may be shown: a
suppressed cell, or a cell without a value, is left out (and a measured line breaks there
rather than bridging the gap). Every chart reads without colour: measured values are a solid
line with round point markers, the trajectory a dashed line, baseline, milestones and target
are labelled points with their own shapes, and series carry direct labels instead of a
colour legend. A value is drawn as the table shows it: rounded by the one rule of
`core.numbers` (ADR 0030). A suppressed year is a gap, never 0, and the chart's description
names it. Numbers are formatted the Dutch way (decimal comma, thousands point) through the
spec's `config.locale`, so the chart needs no locale set up in the page.

A running year (data that stop before its end, ADR 0018) is not part of the measured line: a
half year would read as a fall. It is an open circle of its own, labelled "lopend jaar, t/m
30 juni 2026", and the chart's description says so; its data rows carry `lopend`.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from gettext import gettext as _
from typing import Any, Protocol

from doorbraak.core.numbers import nl, rounded
from doorbraak.programme.trajectory import Trajectory

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

# d3-format / d3-time-format locale definitions for nl-NL (as in d3-format's locale files).
NL_NUMBER_LOCALE: dict[str, Any] = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€\u00a0", ""],
}
NL_TIME_LOCALE: dict[str, Any] = {
    "dateTime": "%a %e %B %Y %X",
    "date": "%d-%m-%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
    "months": [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ],
    "shortMonths": [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ],
}  # fmt: skip

INK = "#1a1a1a"  # measured values and labels: the page's text colour
PATH = "#4d4d4d"  # the trajectory: dark grey, told apart by its dash, not by its colour
NUMBER_FORMAT = ",.4~r"  # up to four significant digits, no trailing zeros: 1.234 / 12,5
YEAR_FORMAT = "d"  # 2025, never 2.025

CONFIG: dict[str, Any] = {
    "locale": {"number": NL_NUMBER_LOCALE, "time": NL_TIME_LOCALE},
    "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    "background": None,
    "view": {"stroke": None},
    "axis": {
        "labelColor": INK,
        "titleColor": INK,
        "labelFontSize": 12,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
        "gridColor": "#d9d9d9",
        "domainColor": INK,
        "tickColor": INK,
    },
    "text": {"color": INK, "fontSize": 12},
}

MARK_SHAPES = {"nulmeting": "square", "mijlpaal": "diamond", "streefwaarde": "triangle-up"}
MARK_LABELS = {
    "nulmeting": _("nulmeting"),
    "mijlpaal": _("mijlpaal"),
    "streefwaarde": _("streefwaarde"),
}


class Measured(Protocol):
    """A gated cell as the selectors give it (`YearLine`, `ShownValue`)."""

    @property
    def period(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def suppressed(self) -> bool: ...
    @property
    def running(self) -> str: ...  # the running label ('' for a complete period)


@dataclass(frozen=True)
class TargetMark:
    """A known point of the target path: kind is 'nulmeting', 'mijlpaal' or 'streefwaarde'."""

    year: int
    value: float
    kind: str


def number_nl(value: float) -> str:
    """A number as the page shows it (`core.numbers`: the table's rounding, Dutch)."""
    return nl(value)


def _shown(value: float | Decimal) -> float:
    """A measured value as the chart draws it: rounded as the table rounds it."""
    return float(rounded(value) or 0)  # callers pass values only (never None)


def suppressed_years(values: Iterable[Measured]) -> list[str]:
    """The periods that are suppressed: a gap in the line (never 0), named in a note."""
    return sorted({cell.period for cell in values if cell.suppressed})


def shown_points(values: Iterable[Measured]) -> list[tuple[int, float]]:
    """(year, value) for the complete years that may be shown: not suppressed, with a value,
    a year, not running."""
    points = []
    for cell in values:
        if cell.suppressed or cell.value is None or not cell.period.isdigit() or cell.running:
            continue
        points.append((int(cell.period), _shown(cell.value)))
    return sorted(points)


def running_points(values: Iterable[Measured]) -> list[tuple[int, float, str]]:
    """(year, value, label) for the running years that may be shown."""
    points = []
    for cell in values:
        value = cell.value
        if cell.running and not cell.suppressed and value is not None and cell.period.isdigit():
            points.append((int(cell.period), _shown(value), cell.running))
    return sorted(points)


def _segments(points: Sequence[tuple[int, float]]) -> list[dict[str, Any]]:
    """Rows for the measured line; consecutive years share a segment so the line breaks at a
    year that is not shown instead of drawing a value through it."""
    rows: list[dict[str, Any]] = []
    segment = 0
    for index, (year, value) in enumerate(points):
        if index and year != points[index - 1][0] + 1:
            segment += 1
        rows.append({"jaar": year, "waarde": value, "deel": segment})
    return rows


def _year_ticks(low: float, high: float) -> list[int]:
    """Whole years only (a tick at 2024.5 would read "2025" twice); every year on a short
    axis, every second or fifth year on a long one."""
    span = high - low
    step = 1 if span <= 8 else 2 if span <= 16 else 5
    return [year for year in range(math.ceil(low), math.floor(high) + 1) if year % step == 0]


def _year_axis(years: Sequence[float], *, title: str) -> dict[str, Any]:
    low, high = min(years), max(years)
    ticks = _year_ticks(low, high)  # only years in the data: one year is one tick
    pad = 0.5 if low == high else max(0.15, (high - low) * 0.02)  # room for end markers
    return {
        "field": "jaar",
        "type": "quantitative",
        "title": title,
        "scale": {"domain": [low - pad, high + pad], "zero": False, "nice": False},
        "axis": {"format": YEAR_FORMAT, "values": ticks},
    }


def _value_axis(*, title: str) -> dict[str, Any]:
    return {
        "field": "waarde",
        "type": "quantitative",
        "title": title,
        "axis": {"format": NUMBER_FORMAT, "tickCount": 5},
    }


def trend_spec(
    *,
    description: str,
    values: Iterable[Measured],
    trajectory: Trajectory | None = None,
    marks: Sequence[TargetMark] = (),
    value_title: str = "",
    small: bool = False,
) -> dict[str, Any]:
    """Measured values per year (solid line, round points) against the target trajectory
    (dashed), with the baseline, milestones and target as labelled points.

    `small`: a compact chart for a grid (area page): only the measured years on the x axis,
    the trajectory's expected values in those years, no point labels.
    """
    values = list(values)
    measured = shown_points(values)
    running = running_points(values)
    years: list[float] = [float(year) for year, _value in measured]
    years += [float(point[0]) for point in running]
    path = _trajectory_path(trajectory, years, small=small)
    shown_marks = [] if small else list(marks)
    years += [year for year, _value in path] + [mark.year for mark in shown_marks]
    x = _year_axis(years or [2023.0], title=_("Jaar"))
    y = _value_axis(title=value_title or _("Waarde"))
    layers: list[dict[str, Any]] = []
    if len(path) >= 2:
        layers.append(
            {
                "data": {"values": [{"jaar": year, "waarde": value} for year, value in path]},
                "mark": {"type": "line", "color": PATH, "strokeWidth": 2, "strokeDash": [6, 4]},
                "encoding": {"x": x, "y": y},
            }
        )
    if measured:
        layers.append(
            {
                "data": {"values": _segments(measured)},
                "mark": {
                    "type": "line",
                    "color": INK,
                    "strokeWidth": 2.5,
                    "point": {
                        "filled": True,
                        "shape": "circle",
                        "color": INK,
                        "size": 40 if small else 70,
                    },
                },
                "encoding": {"x": x, "y": y, "detail": {"field": "deel", "type": "nominal"}},
            }
        )
    if running:
        layers += _running_layers(running, x, y, small=small)
        description += " " + _(
            "Het punt van %(year)s (open cirkel, los van de lijn) is een %(label)s: het gaat "
            "over een deel van het jaar en is niet te vergelijken met een volledig jaar."
        ) % {"year": running[-1][0], "label": running[-1][2]}
    if hidden := suppressed_years(values):
        description += " " + _(
            "Afgeschermd en dus niet getekend (een onderbreking, geen 0): %(years)s."
        ) % {"years": ", ".join(hidden)}
    if shown_marks:
        layers += _mark_layers(shown_marks, x, y)
    if not small:
        layers += _line_labels(measured, path, x, y)
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": 150 if small else 280,
        "autosize": {"type": "fit", "contains": "padding"},
        "config": CONFIG,
        "layer": layers or [_empty_layer()],
    }


def _running_layers(
    running: Sequence[tuple[int, float, str]],
    x: dict[str, Any],
    y: dict[str, Any],
    *,
    small: bool,
) -> list[dict[str, Any]]:
    """A running year: an open circle, apart from the measured line, with its label."""
    rows = [
        {"jaar": year, "waarde": value, "lopend": label, "label": f"{year}: {label}"}
        for year, value, label in running
    ]
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": rows},
            "mark": {
                "type": "point",
                "filled": False,
                "shape": "circle",
                "color": INK,
                "strokeWidth": 2,
                "size": 60 if small else 110,
            },
            "encoding": {
                "x": x,
                "y": y,
                "tooltip": [{"field": "label", "type": "nominal", "title": _("Periode")}],
            },
        }
    ]
    layers.append(
        {
            "data": {"values": rows},
            "mark": {
                "type": "text",
                "align": "right",
                "dx": -8,
                "dy": -12,
                "fontSize": 10 if small else 12,
            },
            "encoding": {"x": x, "y": y, "text": {"field": "lopend"}},
        }
    )
    return layers


def _mark_layers(
    shown_marks: Sequence[TargetMark], x: dict[str, Any], y: dict[str, Any]
) -> list[dict[str, Any]]:
    """Baseline, milestones and target as labelled points."""
    layers: list[dict[str, Any]] = []
    rows = [
        {
            "jaar": mark.year,
            "waarde": mark.value,
            "soort": mark.kind,
            "label": (
                f"{MARK_LABELS.get(mark.kind, mark.kind)} {mark.year}: {number_nl(mark.value)}"
            ),
        }
        for mark in shown_marks
    ]
    shape = {
        "field": "soort",
        "type": "nominal",
        "scale": {"domain": list(MARK_SHAPES), "range": list(MARK_SHAPES.values())},
        "legend": None,
    }
    layers.append(
        {
            "data": {"values": rows},
            "mark": {
                "type": "point",
                "filled": True,
                "size": 110,
                "color": PATH,
                "stroke": INK,
                "strokeWidth": 1,
            },
            "encoding": {"x": x, "y": y, "shape": shape},
        }
    )
    # labels in the left half of the axis sit below-right of their point, the others
    # above-left, so they stay inside the chart and off the measured line
    middle = (x["scale"]["domain"][0] + x["scale"]["domain"][1]) / 2
    for left in (True, False):
        side = [row for row in rows if (row["jaar"] < middle) == left]
        if side:
            layers.append(
                {
                    "data": {"values": side},
                    "mark": {
                        "type": "text",
                        "align": "left" if left else "right",
                        "dx": 8 if left else -8,
                        "dy": 16 if left else -12,
                    },
                    "encoding": {"x": x, "y": y, "text": {"field": "label"}},
                }
            )
    return layers


def _line_labels(
    measured: Sequence[tuple[float, float]],
    path: list[tuple[float, float]],
    x: dict[str, Any],
    y: dict[str, Any],
) -> list[dict[str, Any]]:
    """'gemeten' at the last measured point and 'traject' halfway along the path's last leg."""
    layers: list[dict[str, Any]] = []
    labels = []
    if measured:
        year, value = measured[-1]
        labels.append({"jaar": year, "waarde": value, "label": _("gemeten")})
    if len(path) >= 2:
        (y0, v0), (y1, v1) = path[-2], path[-1]
        labels.append({"jaar": (y0 + y1) / 2, "waarde": (v0 + v1) / 2, "label": _("traject")})
    if labels:
        layers.append(
            {
                "data": {"values": labels},
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 8,
                    "dy": 14,
                    "fontWeight": "bold",
                },
                "encoding": {"x": x, "y": y, "text": {"field": "label"}},
            }
        )
    return layers


def _trajectory_path(
    trajectory: Trajectory | None, years: list[float], *, small: bool
) -> list[tuple[float, float]]:
    """The target path: its own points, or (small chart) its values in the measured years."""
    if trajectory is None:
        return []
    if not small:
        return list(trajectory.points)
    expected = [(float(year), trajectory.value_at(float(year))) for year in years]
    return [(year, value) for year, value in expected if value is not None]


def draws_trajectory(spec: dict[str, Any]) -> bool:
    """Whether the chart draws a trajectory line (its dashed layer): then it gets a legend."""
    return any("strokeDash" in layer.get("mark", {}) for layer in spec.get("layer", []))


def _empty_layer() -> dict[str, Any]:
    """A chart with nothing that may be shown still renders (an empty frame), not an error."""
    return {"data": {"values": []}, "mark": "point"}


def bar_spec(
    *,
    description: str,
    rows: Iterable[tuple[str, Measured]],
    value_title: str = "",
) -> dict[str, Any]:
    """One horizontal bar per area (name, gated cell), highest first, each with its value
    written at its end; suppressed areas and areas without a value are left out."""
    shown = [
        {"gebied": name, "waarde": _shown(cell.value), "label": number_nl(cell.value)}
        for name, cell in rows
        if not cell.suppressed and cell.value is not None
    ]
    y = {
        "field": "gebied",
        "type": "nominal",
        "title": None,
        "sort": "-x",
        "axis": {"labelLimit": 220},
    }
    x = {
        "field": "waarde",
        "type": "quantitative",
        "title": value_title or _("Waarde"),
        "axis": {"format": NUMBER_FORMAT, "tickCount": 5},
    }
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": {"step": 24},
        "config": CONFIG,
        "data": {"values": shown},
        "encoding": {"y": y, "x": x},
        "layer": [
            {"mark": {"type": "bar", "color": PATH, "height": {"band": 0.7}}},
            {
                "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 4},
                "encoding": {"text": {"field": "label"}},
            },
        ],
    }
