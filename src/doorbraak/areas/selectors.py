"""Reads for areas: the tree below a region, one area with its children, and CBS's published
figures for an area (`cbs_figures`)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from doorbraak.areas.models import Area, AreaGroup, AreaLevel, AreaStatistic
from doorbraak.areas.statline import MEASURES


@dataclass
class AreaNode:
    area: Area
    children: list["AreaNode"] = field(default_factory=list)

    @property
    def buurt_count(self) -> int:
        if self.area.level == AreaLevel.BUURT:
            return 1
        return sum(child.buurt_count for child in self.children)


def region_current() -> Area | None:
    return Area.objects.filter(level=AreaLevel.REGION).order_by("-vintage").first()


def area_tree(region: Area) -> AreaNode:
    """The whole tree under a region in four queries' worth of rows, built in memory."""
    areas = list(Area.objects.exclude(level=AreaLevel.REGION).order_by("code"))
    nodes = {area.pk: AreaNode(area) for area in areas}
    root = AreaNode(region)
    nodes[region.pk] = root
    for area in areas:
        parent = nodes.get(area.parent_id) if area.parent_id else None
        if parent is not None:
            parent.children.append(nodes[area.pk])
    root.children.sort(key=lambda node: node.area.name)  # gemeenten by name, the rest by code
    return root


def area_get(code: str) -> Area | None:
    return Area.objects.filter(code=code).order_by("-vintage").first()


def area_children(area: Area) -> QuerySet[Area]:
    return area.children.order_by("code")


def area_groups_in(gemeente: Area) -> QuerySet[AreaGroup]:
    return AreaGroup.objects.filter(gemeente=gemeente).prefetch_related("members")


HOUSEHOLDS = "HuishoudensTotaal"


@dataclass(frozen=True)
class CbsRow:
    measure: str
    label: str
    unit: str
    values: dict[int, Decimal | None]  # None: secret or not published


@dataclass(frozen=True)
class CbsFigures:
    """CBS's figures for one area by year. For the region the gemeenten are added up (shares
    weighted by their households); a year with a secret or missing gemeente has no region
    figure. The estimated number of households in poverty that the monitor divides by is the
    monitor's own (`monitor.ambition_selectors.reference_estimates`), not worked out again here."""

    years: list[int]
    rows: list[CbsRow]
    tables: list[str]
    synthetic: bool


def _stored(areas: list[Area]) -> tuple[dict[tuple[int, str, int], Decimal | None], set[str], bool]:
    values: dict[tuple[int, str, int], Decimal | None] = {}
    tables: set[str] = set()
    synthetic = False
    for stat in AreaStatistic.objects.filter(area__in=areas):
        values[stat.area_id, stat.measure, stat.year] = stat.value
        tables.add(stat.source_table)
        synthetic |= stat.synthetic
    return values, tables, synthetic


def _combined(
    values: dict[tuple[int, str, int], Decimal | None], parts: list[Area], measure: str, year: int
) -> Decimal | None:
    """One area's figure, or the sum (counts) / household-weighted mean (shares) of its parts."""
    if len(parts) == 1:
        return values.get((parts[0].pk, measure, year))
    own = [v for a in parts if (v := values.get((a.pk, measure, year))) is not None]
    if len(own) < len(parts):
        return None
    if MEASURES[measure][1] != "%":
        return sum(own, Decimal(0))
    weights = [w for a in parts if (w := values.get((a.pk, HOUSEHOLDS, year))) is not None]
    if len(weights) < len(parts):
        return None
    total = sum(weights, Decimal(0))
    weighted = sum((v * w for v, w in zip(own, weights, strict=True)), Decimal(0))
    return (weighted / total).quantize(Decimal("0.1")) if total else None


def cbs_figures(area: Area) -> CbsFigures | None:
    """CBS's figures for `area` (a region: its gemeenten together), or None if none loaded."""
    parts = list(area.children.all()) if area.level == AreaLevel.REGION else [area]
    values, tables, synthetic = _stored(parts)
    if not values:
        return None
    measures = {measure for _, measure, _ in values}
    years = sorted({year for _, _, year in values})
    rows = []
    for measure, (label, unit) in MEASURES.items():
        if measure in measures:
            by_year = {year: _combined(values, parts, measure, year) for year in years}
            rows.append(CbsRow(measure, label, unit, by_year))
    return CbsFigures(years, rows, sorted(tables), synthetic)
