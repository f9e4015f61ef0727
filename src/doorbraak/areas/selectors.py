"""Reads for areas: the tree below a region, one area with its children."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from doorbraak.areas.models import Area, AreaGroup, AreaLevel


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
