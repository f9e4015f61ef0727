"""The levels of the area hierarchy, once (pure: no Django).

Each level has the value stored on `areas.Area.level` (Dutch, lower case: `regio`), the value
the monitor stores on its cells and the API and open data publish (`region`), and a Dutch
label. The monitor computes the region, its gemeenten and wijken (`MONITOR_LEVELS`); the
gemeente and wijk are also breakdowns of an indicator (`BREAKDOWN_LEVELS`).

Beside the hierarchy, named sets of buurten (`areas.AreaGroup`) group the region another way:
the dorp and the area of a local experiment (`AreaGrouping`). They need not nest in a wijk and
may overlap, so the monitor computes them as breakdowns of the region, gemeente and wijk (a
unit counts in the grouping of the buurt it lived in), named like the levels (ADR 0036), and
serves them as area levels from the region's breakdown cells (`monitor.grouping_levels`,
ADR 0042).
"""

from enum import Enum


class AreaLevel(Enum):
    REGION = ("regio", "region", "Regio")
    GEMEENTE = ("gemeente", "gemeente", "Gemeente")
    WIJK = ("wijk", "wijk", "Wijk")
    BUURT = ("buurt", "buurt", "Buurt")

    def __init__(self, stored: str, api: str, label: str) -> None:
        self.stored = stored  # areas.Area.level
        self.api = api  # IndicatorValue.area_level, the API and open data
        self.label = label  # Dutch, for people (translate where shown)

    @classmethod
    def from_stored(cls, value: str) -> "AreaLevel":
        return next(level for level in cls if level.stored == value)

    @classmethod
    def from_api(cls, value: str) -> "AreaLevel":
        return next(level for level in cls if level.api == value)


MONITOR_LEVELS = (AreaLevel.REGION, AreaLevel.GEMEENTE, AreaLevel.WIJK)
BREAKDOWN_LEVELS = (AreaLevel.GEMEENTE, AreaLevel.WIJK)
# the monitor's levels as the monitor, the API and open data name them, largest first
MONITOR_LEVEL_NAMES = tuple(level.api for level in MONITOR_LEVELS)
MONITOR_LEVELS_STORED = tuple(level.stored for level in MONITOR_LEVELS)


class AreaGrouping(Enum):
    """A grouping of buurten: the kind stored on `areas.AreaGroup.kind`, the breakdown's name
    in definitions, the monitor, the API and downloads, and a Dutch label."""

    DORP = ("dorp", "dorp", "Dorp")
    EXPERIMENT = ("experimentgebied", "experiment", "Experimentgebied")

    def __init__(self, kind: str, breakdown: str, label: str) -> None:
        self.kind = kind  # areas.AreaGroup.kind
        self.breakdown = breakdown  # the breakdown's name
        self.label = label  # Dutch, for people (translate where shown)

    @classmethod
    def from_breakdown(cls, name: str) -> "AreaGrouping | None":
        return next((g for g in cls if g.breakdown == name), None)


GROUPING_BREAKDOWNS = tuple(grouping.breakdown for grouping in AreaGrouping)
