"""The dorp and the experiment area as area levels a reader can open (ADR 0042).

A dorp or an experiment area is a named set of buurten (`core.area_levels.AreaGrouping`), not a
level of the hierarchy the disclosure gate's sums follow (ADR 0036 item 6). The run computes
each as a breakdown of the region: the value of group X within the region, gated in one table
with the region's other groups, the buurten outside any group ('onbekend') and the region's
total. The "level" value of a group IS that stored breakdown cell, relabelled: area level
`dorp` (or `experiment`), area code the group's code, no breakdown. Nothing is computed a
second time, so every number a level page, the API or a download shows is a number the gate
already passed and the indicator page already shows; no second, overlapping computation opens
a differencing attack between overlapping areas.

A buurt in two experiment areas counts in the first (by code) only, as in the breakdown: counting
it in both would break the sum relation the gate protects (the categories of a breakdown add
up to the total), so the pages say so instead (`OVERLAP_NOTE`).
"""

from dataclasses import dataclass, replace

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from doorbraak.areas.models import Area, AreaGroup
from doorbraak.core.area_levels import GROUPING_BREAKDOWNS, AreaGrouping
from doorbraak.monitor.gated import TOTAL, ShownValue, StoredCells, values_shown
from doorbraak.monitor.models import MonitorRun

GROUPING_LEVELS = GROUPING_BREAKDOWNS  # ('dorp', 'experiment'): the levels' API names
HOST_LEVEL = "region"  # the level whose breakdown cell a group's value is

OVERLAP_NOTE = _(
    "Een buurt die in twee experimentgebieden ligt, telt alleen mee in het eerste (op code): "
    "zo tellen de experimentgebieden samen op tot de regio en blijft elk aantal afgeschermd. "
    "Vergelijk experimenten op wie eraan meedoet, niet op deze cijfers alleen."
)


@dataclass(frozen=True)
class GroupArea:
    """A dorp or experiment area as an area: its code, name, level (`dorp`, `experiment`) and
    the code of the area it lies in (its gemeente for a dorp that has one, else the region)."""

    code: str
    name: str
    level: str
    parent: str
    vintage: int


def is_grouping_level(level: str | None) -> bool:
    return level in GROUPING_LEVELS


def _region() -> Area | None:
    return Area.objects.filter(level="regio").order_by("-vintage").first()


def group_areas(level: str | None = None, *, within: str | None = None) -> list[GroupArea]:
    """The dorpen and experiment areas (only `level`'s when given; only those in gemeente
    `within` when given), by level and name."""
    region = _region()
    newest = Area.objects.aggregate(newest=Max("vintage"))["newest"] or 0
    kinds = {g.kind: g.breakdown for g in AreaGrouping if level is None or g.breakdown == level}
    rows = AreaGroup.objects.filter(kind__in=kinds).select_related("gemeente")
    if within is not None:
        rows = rows.filter(gemeente__code=within)
    found = [
        GroupArea(
            code=group.code,
            name=group.name,
            level=kinds[group.kind],
            parent=group.gemeente.code if group.gemeente else (region.code if region else ""),
            vintage=group.gemeente.vintage
            if group.gemeente
            else (region.vintage if region else newest),
        )
        for group in rows
    ]
    order = {name: place for place, name in enumerate(GROUPING_LEVELS)}
    return sorted(found, key=lambda g: (order[g.level], g.name, g.code))


def group_area(code: str) -> GroupArea | None:
    """One dorp or experiment area by its code; None for any other code."""
    return next((g for g in group_areas() if g.code == code), None)


def group_cells(
    level: str, *, codes: tuple[str, ...] | None = None, periods: tuple[str, ...] | None = None
) -> StoredCells:
    """The stored cells a grouping level's values are: the region's breakdown by it."""
    return StoredCells(codes=codes, periods=periods, levels=(HOST_LEVEL,), breakdown=level)


def as_level(value: ShownValue) -> ShownValue:
    """A region's breakdown cell of group X as the value of area X at the grouping's level."""
    return replace(
        value,
        area_level=value.breakdown,
        area_code=value.breakdown_value,
        breakdown=TOTAL,
        breakdown_value="",
    )


def group_values(
    run: MonitorRun | None,
    level: str,
    *,
    codes: tuple[str, ...] | None = None,
    periods: tuple[str, ...] | None = None,
    area: str | None = None,
) -> list[ShownValue]:
    """The gated values of the grouping level `level` (of `area` only when given) from `run`
    (None: every finished run, each value with its run), through `gated.values_shown`; the
    category outside any group ('onbekend') is no area and is left out."""
    known = {g.code for g in group_areas(level)}
    shown = values_shown(run, group_cells(level, codes=codes, periods=periods))
    return [
        as_level(value)
        for value in shown
        if value.breakdown_value in known and (area is None or value.breakdown_value == area)
    ]
