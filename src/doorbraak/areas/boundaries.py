"""The region's gemeente boundaries for the monitor's map: simplified CBS/PDOK 2025
boundaries of the ten gemeenten (data/boundaries/, source and licence in its README).

Read-only reference data, kept in the process once read. Exterior rings run clockwise, as
d3-geo (under Vega-Lite's geoshape) expects; the source's RFC 7946 counter-clockwise rings
would draw as the whole globe minus the gemeente.
"""

import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any

BOUNDARIES = Path(__file__).parent / "data" / "boundaries" / "gemeenten-2025-veenkolonien.geojson"
SOURCE = "CBS/PDOK, Gebiedsindelingen 2025 (vereenvoudigd), CC BY 4.0"


@cache
def gemeente_boundaries() -> dict[str, dict[str, Any]]:
    """GeoJSON geometry per gemeente code (`GM0047`: {"type": "Polygon", ...})."""
    collection = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return {feature["id"]: feature["geometry"] for feature in collection["features"]}


def ring_area(ring: list[list[float]]) -> float:
    """Signed planar area of a ring in degrees² (negative: clockwise)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def centre(geometry: dict[str, Any]) -> tuple[float, float]:
    """A point to put a label on: the centroid of the outer ring (planar, in degrees; the
    gemeenten are compact enough for it to fall inside)."""
    ring = geometry["coordinates"][0]
    area = ring_area(ring)
    pairs = list(itertools.pairwise(ring))
    x = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    y = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in pairs) / (6 * area)
    return (x, y)
