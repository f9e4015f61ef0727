"""The dashboard's tiles, filters and gemeente x goal overview as the template shows them: each
status in Dutch words with its tone and shape (never colour alone), figures rounded by the one
rule (`core.numbers`, ADR 0030), the change since the year before in words, the trajectory to
the target in words, and a text alternative for each sparkline (ADR 0032).
"""

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doorbraak.core.numbers import nl
from doorbraak.monitor.dashboard import Choices, Filters, Tile, TileGroup, dashboard_tiles
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.overview import PER_INHABITANTS, Overview, gemeente_overview
from doorbraak.monitor.tiles import LOOKS, TileStatus

WORDS = {
    TileStatus.ON_TRACK: _("op koers"),
    TileStatus.WATCH: _("let op: beweegt van het doel af"),
    TileStatus.BEHIND: _("achter op het traject"),
    TileStatus.AWAY: _("beweegt van het doel af"),
    TileStatus.TOWARD: _("goede richting"),
    TileStatus.NO_PATH: _("nog geen tussendoel"),
    TileStatus.NOT_SET: _("streefwaarde nog niet vastgesteld"),
    TileStatus.NO_TARGET_HERE: _("geen eigen doel"),
    TileStatus.NO_VALUE: _("nog geen meting"),
    TileStatus.SUPPRESSED: _("niet te beoordelen: afgeschermd"),
    TileStatus.RUNNING: _("niet beoordeeld: lopend jaar"),
    TileStatus.WAITING: _("wacht op gegevens"),
}
MEANINGS = {
    TileStatus.ON_TRACK: _(
        "de waarde ligt op of voor het traject naar de streefwaarde en ging niet van het doel af"
    ),
    TileStatus.WATCH: _(
        "de waarde ligt nog op het traject, maar de laatste verandering ging van het doel af"
    ),
    TileStatus.BEHIND: _("de waarde ligt verder van de streefwaarde dan het traject voor dit jaar"),
    TileStatus.AWAY: _(
        "het traject heeft voor dit jaar nog geen waarde (geen nulmeting of mijlpaal); de "
        "laatste verandering ging van het doel af"
    ),
    TileStatus.TOWARD: _(
        "het traject heeft voor dit jaar nog geen waarde (geen nulmeting of mijlpaal); de "
        "laatste verandering ging naar het doel toe"
    ),
    TileStatus.NO_PATH: _(
        "het traject heeft voor dit jaar nog geen waarde en er is geen vorige meting"
    ),
    TileStatus.NOT_SET: _("het plan heeft voor dit doel nog geen getal ('xx')"),
    TileStatus.NO_TARGET_HERE: _(
        "een aantal van één gemeente of groep is een deel van het aantal waarvoor de "
        "streefwaarde van de regio geldt"
    ),
    TileStatus.NO_VALUE: _("er is voor deze keuze (nog) geen waarde gemeten"),
    TileStatus.SUPPRESSED: _(
        "de waarde is afgeschermd: te weinig om te tonen zonder dat iemand herkenbaar wordt"
    ),
    TileStatus.RUNNING: _("het jaar loopt nog: een deel van het jaar is niet te beoordelen"),
    TileStatus.WAITING: _("er is nog geen gegevensbron voor deze indicator"),
}
FILTER_NAMES = {"periode": _("periode"), "gebied": _("gebied"), "uitsplitsing": _("uitsplitsing")}
DIMENSION_NAMES = {"age_group": _("leeftijdsgroep"), "signal_source": _("bron van het signaal")}
CATEGORY_NAMES = {
    "kind": _("kinderen (0-17 jaar)"),
    "jongere": _("jongeren (18-26 jaar)"),
    "volwassene": _("volwassenen (27 jaar en ouder)"),
    "onbekend": _("onbekend"),
}


def dashboard_parts(
    run: MonitorRun | None, filters: Filters, choices: Choices, period: str
) -> dict[str, Any]:
    """The filter form, the tiles per programme line, the legend and the overview."""
    groups = dashboard_tiles(run, filters, period)
    tiles = [tile for group in groups for tile in group.tiles]
    area = next((a for a in choices.areas if a.code == filters.area), None)
    return {
        "filters": filters,
        "form": _form(filters, choices, period),
        "period": period,
        "area_name": area.name if area and filters.area else "",
        "group_name": _breakdown_label(filters.breakdown) if filters.breakdown else "",
        "lines": [_group(group) for group in groups],
        "legend": _legend({tile.status for tile in tiles}),
        "overview": _overview(gemeente_overview(run, period), filters),
    }


def _form(filters: Filters, choices: Choices, period: str) -> dict[str, Any]:
    return {
        "periods": [
            {"value": value, "label": label, "selected": value == period}
            for value, label in reversed(choices.periods)
        ],
        "areas": [
            {
                "value": area.code,
                "label": area.name if area.level != "region" else f"{area.name} (regio)",
                "selected": area.code == filters.area or (not filters.area and index == 0),
            }
            for index, area in enumerate(choices.areas)
        ],
        "breakdowns": [
            {"value": key, "label": _breakdown_label(key), "selected": key == filters.breakdown}
            for key, _dimension, _category in choices.breakdowns
        ],
    }


def _breakdown_label(key: str) -> str:
    dimension, _sep, category = key.partition(":")
    name = DIMENSION_NAMES.get(dimension, dimension)
    return f"{name}: {CATEGORY_NAMES.get(category, category)}"


def _group(group: TileGroup) -> dict[str, Any]:
    return {"code": group.code, "name": group.name, "tiles": [_tile(t) for t in group.tiles]}


def _tile(tile: Tile) -> dict[str, Any]:
    look = LOOKS[tile.status]
    return {
        "tile": tile,
        "words": WORDS[tile.status],
        "tone": look.tone,
        "shape": look.shape,
        "value": _with_unit(tile.value, tile.unit),
        "change": _change(tile),
        "path": _path_text(tile),
        "spark_label": _spark_label(tile),
    }


def _with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{nl(value)}\u00a0%" if unit == "%" else f"{nl(value)} {unit}".strip()


def _change(tile: Tile) -> str:
    if tile.previous is None or tile.value is None:
        return ""
    words = {1: gettext("gestegen"), -1: gettext("gedaald"), 0: gettext("gelijk gebleven")}
    return gettext("%(how)s sinds %(year)s (%(before)s)") % {
        "how": words[tile.change],
        "year": tile.previous_period,
        "before": _with_unit(tile.previous, tile.unit),
    }


def _path_text(tile: Tile) -> str:
    """The trajectory to the target in words."""
    if tile.target is None:
        return gettext("Streefwaarde nog niet vastgesteld.") if not tile.waits_for else ""
    text = gettext("Streefwaarde %(year)s: %(value)s.") % {
        "year": tile.horizon,
        "value": _with_unit(tile.target, tile.unit),
    }
    trajectory = tile.trajectory
    if trajectory is not None and len(trajectory.points) >= 2:
        steps = " → ".join(f"{int(year)}: {nl(value)}" for year, value in trajectory.points)
        text += " " + gettext("Traject: %(steps)s.") % {"steps": steps}
    else:
        text += " " + gettext("Nog geen nulmeting of mijlpalen vastgesteld.")
    if tile.expected is not None:
        text += " " + gettext("Volgens het traject in %(year)s: %(value)s.") % {
            "year": tile.period,
            "value": _with_unit(tile.expected, tile.unit),
        }
    return text


def _spark_label(tile: Tile) -> str:
    """The sparkline's text alternative: what is drawn how, then every year's figure."""
    spark = tile.sparkline
    if spark is None:
        return ""
    label = gettext("Verloop per jaar: doorgetrokken lijn, het gekozen jaar als dikke punt")
    if spark.path:
        label += gettext("; het traject als gestreepte lijn")
    if spark.running:
        label += gettext("; het lopende jaar als open cirkel")
    if spark.gaps:
        label += gettext("; afgeschermde jaren als onderbreking met een streepje")
    years = "; ".join(f"{period}: {_year_text(value, tile.unit)}" for period, value in tile.years)
    return f"{label}. {years}."


def _year_text(value: float | None, unit: str) -> str:
    return _with_unit(value, unit) if value is not None else gettext("afgeschermd of geen meting")


def _legend(statuses: set[TileStatus]) -> list[dict[str, Any]]:
    """The statuses on the page, in a fixed order, each with its meaning."""
    return [
        {
            "words": WORDS[status],
            "meaning": MEANINGS[status],
            "tone": LOOKS[status].tone,
            "shape": LOOKS[status].shape,
        }
        for status in TileStatus
        if status in statuses
    ]


def _overview(overview: Overview | None, filters: Filters) -> dict[str, Any] | None:
    if overview is None or not overview.columns:
        return None
    return {
        "overview": overview,
        "columns": [
            {
                "column": column,
                "unit": rate_unit(column.per, column.unit),
            }
            for column in overview.columns
        ],
        "rows": [
            {"area": area, "chosen": area.code == filters.area, "cells": cells}
            for area, cells in overview.rows
        ],
        "suppressed": any(cell.suppressed for _area, cells in overview.rows for cell in cells),
        "missing": any(cell.no_denominator for _area, cells in overview.rows for cell in cells),
        "rates": any(column.per for column in overview.columns),
    }


def rate_unit(per: str, unit: str) -> str:
    """What a rate is counted in: 'jongeren per 1.000 huishoudens'; just 'per 1.000
    huishoudens' when the indicator counts what it is divided by (not 'huishoudens per 1.000
    huishoudens'); the unit as it is when there is no rate."""
    if not per:
        return unit
    same = unit.strip().lower() in ("", per)  # `per` is the denominator's Dutch noun
    if per == PER_INHABITANTS:
        if same:
            return gettext("per 1.000 inwoners")
        return gettext("%(unit)s per 1.000 inwoners") % {"unit": unit}
    if same:
        return gettext("per 1.000 huishoudens")
    return gettext("%(unit)s per 1.000 huishoudens") % {"unit": unit}
