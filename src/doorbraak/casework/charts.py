"""The household's capital readings over time, as a Vega-Lite spec per member (drawn by the
monitor's `charts.js`, no inline script: the spec sits in a JSON script element) and as the
table beside it that carries the same numbers."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from doorbraak.casework import models as m

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
INK = "#1a1a1a"
CONFIG: dict[str, Any] = {
    "locale": {
        "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€\u00a0", ""]},
        "time": {
            "dateTime": "%a %e %B %Y %X",
            "date": "%d-%m-%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [
                "zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
            ],
            "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
            "months": [
                "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december",
            ],
            "shortMonths": [
                "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
            ],
        },
    },
    "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    "background": None,
    "view": {"stroke": None},
    "axis": {"labelColor": INK, "titleColor": INK, "labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelColor": INK, "titleColor": INK, "labelFontSize": 12, "titleFontSize": 12},
}  # fmt: skip


@dataclass(frozen=True)
class MemberReadings:
    """One member's readings: the chart's spec and the table's rows (date → capital → level)."""

    member: m.CaseMember
    chart_id: str
    spec: dict[str, Any]
    dates: list[Any]
    rows: list[tuple[Any, list[int | None]]]


def member_readings(
    readings: Iterable[m.CapitalReading], capitals: Mapping[str, str]
) -> list[MemberReadings]:
    """Per member with readings, in the members' order: a chart and a table with one row per
    date and a column per capital (None where that capital was not scored that day)."""
    by_member: dict[int, list[m.CapitalReading]] = defaultdict(list)
    members: dict[int, m.CaseMember] = {}
    for reading in readings:
        by_member[reading.member_id].append(reading)
        members[reading.member_id] = reading.member
    return [_one(members[pk], by_member[pk], capitals, n) for n, pk in enumerate(sorted(by_member))]


def _one(
    member: m.CaseMember, readings: list[m.CapitalReading], capitals: Mapping[str, str], n: int
) -> MemberReadings:
    table: dict[Any, dict[str, int]] = defaultdict(dict)
    for r in readings:
        table[r.assessed_on][r.capital] = r.level  # a later reading that day wins
    dates = sorted(table)
    rows = [(day, [table[day].get(code) for code in capitals]) for day in dates]
    return MemberReadings(
        member=member,
        chart_id=f"grafiek-metingen-{n + 1}",
        spec=reading_spec(member.name, table, capitals),
        dates=dates,
        rows=rows,
    )


def reading_spec(
    name: str, table: Mapping[Any, Mapping[str, int]], capitals: Mapping[str, str]
) -> dict[str, Any]:
    values = [
        {"datum": day.isoformat(), "niveau": level, "kapitaal": capitals.get(code, code)}
        for day, levels in sorted(table.items())
        for code, level in levels.items()
    ]
    return {
        "$schema": SCHEMA,
        "description": _(
            "Niveaus (1 tot en met 5) van de kapitaalvormen van %(name)s per meting; de tabel "
            "hieronder geeft dezelfde getallen."
        )
        % {"name": name},
        "width": "container",
        "height": 220,
        "autosize": {"type": "fit", "contains": "padding"},
        "config": CONFIG,
        "data": {"values": values},
        "mark": {"type": "line", "strokeWidth": 2, "point": {"filled": True, "size": 60}},
        "encoding": {
            "x": {
                "field": "datum",
                "type": "temporal",
                "timeUnit": "yearmonthdate",
                "title": _("Datum"),
                "axis": {"format": "%d-%m-%Y", "labelAngle": -30, "tickCount": 4},
            },
            "y": {
                "field": "niveau",
                "type": "quantitative",
                "title": _("Niveau"),
                "scale": {"domain": [1, 5]},
                "axis": {"values": [1, 2, 3, 4, 5], "format": "d"},
            },
            "color": {
                "field": "kapitaal",
                "type": "nominal",
                "title": _("Kapitaalvorm"),
                "legend": {"orient": "bottom", "columns": 2},
            },
            "shape": {"field": "kapitaal", "type": "nominal"},
        },
    }
