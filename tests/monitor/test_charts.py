"""The Vega-Lite specs of the monitor's charts (pure): exactly the gated values, suppressed
cells absent, Dutch titles and number formats, series told apart without colour."""

import json
from dataclasses import dataclass
from typing import Any

from doorbraak.monitor.charts import (
    NL_NUMBER_LOCALE,
    TargetMark,
    bar_spec,
    number_nl,
    trend_spec,
)
from doorbraak.programme.trajectory import trajectory_build


@dataclass(frozen=True)
class Cell:
    period: str
    value: float | None
    suppressed: bool = False
    running: str = ""  # the running label of a running year


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec["layer"])


def _mark_type(layer: dict[str, Any]) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


def _measured(spec: dict[str, Any]) -> list[dict[str, Any]]:
    layer = next(
        layer
        for layer in _layers(spec)
        if _mark_type(layer) == "line" and "strokeDash" not in layer["mark"]
    )
    return list(layer["data"]["values"])


def _all_numbers(spec: dict[str, Any]) -> set[float]:
    """Every 'waarde' anywhere in the spec's data."""
    found: set[float] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "waarde" in node and isinstance(node["waarde"], int | float):
                found.add(float(node["waarde"]))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(spec)
    return found


TRAJECTORY = trajectory_build(
    value=60, horizon=2043, baseline=20, baseline_year=2023, milestones=[(2030, 35)]
)
MARKS = [
    TargetMark(2023, 20.0, "nulmeting"),
    TargetMark(2030, 35.0, "mijlpaal"),
    TargetMark(2043, 60.0, "streefwaarde"),
]


def test_the_trend_holds_exactly_the_shown_values_and_no_suppressed_cell() -> None:
    cells = [
        Cell("2023", 21.5),
        Cell("2024", None, suppressed=True),
        Cell("2025", 24.25),
        Cell("2026", None),  # computed, but no value (a share of nobody)
        Cell("2025Q3", 99.0),  # a quarter never lands on the yearly axis
    ]
    spec = trend_spec(description="d", values=cells, trajectory=TRAJECTORY, marks=MARKS)
    measured = _measured(spec)
    # drawn as the table shows them (core.numbers: one decimal from 1; 24,25 -> 24,3)
    assert [(row["jaar"], row["waarde"]) for row in measured] == [(2023, 21.5), (2025, 24.3)]
    # the line breaks at the hidden year instead of drawing through it
    assert measured[0]["deel"] != measured[1]["deel"]
    assert 99.0 not in _all_numbers(spec)
    text = json.dumps(spec)
    assert "2024" not in json.dumps(measured)
    assert "null" not in json.dumps(measured)
    assert json.loads(text) == spec  # plain JSON, as json_script writes it


def test_series_are_told_apart_by_dash_shape_and_labels_not_colour() -> None:
    spec = trend_spec(
        description="Verloop", values=[Cell("2025", 30.0)], trajectory=TRAJECTORY, marks=MARKS
    )
    layers = _layers(spec)
    dashed = [layer for layer in layers if "strokeDash" in layer.get("mark", {})]
    assert len(dashed) == 1
    assert dashed[0]["data"]["values"][0] == {"jaar": 2023.0, "waarde": 20.0}
    solid = next(layer for layer in layers if layer["mark"].get("point"))
    assert solid["mark"]["point"]["shape"] == "circle"
    assert "strokeDash" not in solid["mark"]
    shapes = next(layer for layer in layers if "shape" in layer.get("encoding", {}))
    assert shapes["encoding"]["shape"]["scale"]["range"] == ["square", "diamond", "triangle-up"]
    labels = {
        row["label"]
        for layer in layers
        if _mark_type(layer) == "text"
        for row in layer["data"]["values"]
    }
    assert {"nulmeting 2023: 20", "mijlpaal 2030: 35", "streefwaarde 2043: 60"} <= labels
    assert {"gemeten", "traject"} <= labels
    assert not any("color" in layer.get("encoding", {}) for layer in layers)  # no colour legend
    assert spec["description"] == "Verloop"


def test_dutch_titles_and_number_formats() -> None:
    spec = trend_spec(description="d", values=[Cell("2025", 1234.5)], value_title="Aantal")
    assert spec["config"]["locale"]["number"] == NL_NUMBER_LOCALE
    assert NL_NUMBER_LOCALE["decimal"] == ","
    assert NL_NUMBER_LOCALE["thousands"] == "."
    assert spec["config"]["locale"]["time"]["months"][2] == "maart"
    x = spec["layer"][0]["encoding"]["x"]
    y = spec["layer"][0]["encoding"]["y"]
    assert x["title"] == "Jaar"
    assert y["title"] == "Aantal"
    assert x["axis"]["format"] == "d"  # 2025, never 2.025
    assert all(isinstance(year, int) for year in x["axis"]["values"])
    assert trend_spec(description="d", values=[])["layer"][0]["data"]["values"] == []
    assert trend_spec(description="d", values=[Cell("2025", 1.0)])["layer"][0]["encoding"]["y"][
        "title"
    ] == ("Waarde")


def test_numbers_get_a_decimal_comma() -> None:
    assert number_nl(1234.5) == "1.234,5"
    assert number_nl(12.25) == "12,3"  # the table's rounding (core.numbers), not 2 decimals
    assert number_nl(0.0403) == "0,040"
    assert number_nl(1_000_000) == "1.000.000"
    assert number_nl(0) == "0"


def test_the_small_trend_shows_only_measured_years_and_no_point_labels() -> None:
    cells = [Cell("2024", 22.0), Cell("2025", 25.0)]
    spec = trend_spec(description="d", values=cells, trajectory=TRAJECTORY, marks=MARKS, small=True)
    layers = _layers(spec)
    assert not any(_mark_type(layer) == "text" for layer in layers)
    path = next(layer for layer in layers if "strokeDash" in layer["mark"])
    assert [row["jaar"] for row in path["data"]["values"]] == [2024.0, 2025.0]
    low, high = path["encoding"]["x"]["scale"]["domain"]
    assert 2023 < low < 2024
    assert 2025 < high < 2026
    assert path["encoding"]["x"]["axis"]["values"] == [2024, 2025]


def test_the_bar_chart_leaves_out_suppressed_areas() -> None:
    rows = [
        ("Veendam", Cell("2025", 318.0)),
        ("Pekela", Cell("2025", None, suppressed=True)),
        ("Emmen", Cell("2025", 1040.0)),
        ("Oldambt", Cell("2025", None)),
    ]
    spec = bar_spec(description="Per gemeente", rows=rows, value_title="Waarde (personen)")
    data = spec["data"]["values"]
    assert [(row["gebied"], row["waarde"]) for row in data] == [
        ("Veendam", 318.0),
        ("Emmen", 1040.0),
    ]
    assert {row["label"] for row in data} == {"318", "1.040"}
    assert "Pekela" not in json.dumps(spec)
    assert "Oldambt" not in json.dumps(spec)
    assert spec["encoding"]["x"]["title"] == "Waarde (personen)"
    assert spec["encoding"]["y"]["sort"] == "-x"  # highest first
    assert spec["config"]["locale"]["number"]["decimal"] == ","
