"""The monitor's maps: the region's gemeente boundaries (copied from CBS/PDOK), the
choropleth and the wijk tile map. A suppressed cell is grey and says "afgeschermd", never 0."""

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from doorbraak.areas.boundaries import centre, gemeente_boundaries, ring_area
from doorbraak.areas.models import Area, AreaLevel
from doorbraak.monitor.maps import TILE_COLUMNS, choropleth_spec, tile_rows, tile_spec
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role

REGION = Path(__file__).parents[2] / "src/doorbraak/areas/data/regions/veenkolonien.yaml"


@dataclass(frozen=True)
class Cell:
    period: str
    value: float | None
    suppressed: bool


def test_the_boundaries_are_the_regions_ten_gemeenten_with_clockwise_rings() -> None:
    region = yaml.safe_load(REGION.read_text())
    shapes = gemeente_boundaries()
    assert set(shapes) == set(region["gemeenten"])
    for code, shape in shapes.items():
        ring = shape["coordinates"][0]
        assert ring[0] == ring[-1], code
        assert ring_area(ring) < 0, code  # clockwise: d3-geo's exterior ring
        lon, lat = centre(shape)
        assert 6.5 < lon < 7.3, code  # Groningen and Drenthe
        assert 52.6 < lat < 53.35, code


def _features(spec: dict) -> dict[str, dict]:
    return {f["properties"]["naam"]: f["properties"] for f in spec["layer"][0]["data"]["values"]}


def test_the_choropleth_colours_values_and_greys_out_suppressed_cells() -> None:
    shapes = gemeente_boundaries()
    rows = [
        ("GM0047", "Veendam", Cell("2025", 12.345, False)),
        ("GM0765", "Pekela", Cell("2025", None, True)),
        ("GM0037", "Stadskanaal", None),
        ("GM9999", "Elders", Cell("2025", 3.0, False)),  # not in the region: not drawn
    ]
    spec = choropleth_spec(
        description="kaart",
        rows=rows,
        shapes=shapes,
        centres={code: centre(shape) for code, shape in shapes.items()},
        value_title="%",
    )
    features = _features(spec)
    assert set(features) == {"Veendam", "Pekela", "Stadskanaal"}
    assert features["Veendam"]["waarde"] == 12.3  # rounded as the table shows it
    assert features["Pekela"]["waarde"] is None  # suppressed: no value, so never coloured 0
    labels = {row["regels"][0]: row["regels"][1] for row in spec["layer"][2]["data"]["values"]}
    assert labels == {"Veendam": "12,3", "Pekela": "afgeschermd", "Stadskanaal": "–"}
    coloured = spec["layer"][1]
    assert {"filter": "datum.waarde != null"} in coloured["transform"]
    assert coloured["encoding"]["color"]["legend"]["format"] == ",.4~r"
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_the_tile_map_puts_each_gemeentes_wijken_in_rows_under_its_name() -> None:
    wijken = [(f"Wijk {n}", Cell("2025", float(n), n == 2)) for n in range(TILE_COLUMNS + 1)]
    tiles = tile_rows([("Emmen", wijken), ("Veendam", wijken[:1])])
    headings = [(t["naam"], t["rij"]) for t in tiles if t["kop"]]
    assert headings == [("Emmen", 0), ("Veendam", 3)]
    emmen = [t for t in tiles if not t["kop"]][: TILE_COLUMNS + 1]
    assert [(t["kol"], t["rij"]) for t in emmen[-2:]] == [(TILE_COLUMNS - 1, 1), (0, 2)]
    assert emmen[2]["label"] == "afgeschermd"
    assert emmen[2]["waarde"] is None
    assert emmen[0]["label"] == "0"
    assert emmen[0]["waarde"] == 0.0
    spec = tile_spec(description="tegels", groups=[("Emmen", wijken)])
    assert spec["data"]["values"] == tile_rows([("Emmen", wijken)])


@pytest.mark.slow
@pytest.mark.django_db
def test_the_indicator_page_draws_both_maps_beside_their_tables(demo_world, user_of) -> None:
    monitor_run(periods=["2025"], levels=("region", "gemeente", "wijk"))
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    text = client.get(reverse("monitor:indicator", args=["P1"])).content.decode()
    assert 'data-chart="kaart-gemeenten"' in text
    assert 'data-chart="kaart-wijken"' in text
    assert "Waarde per gemeente" in text
    assert "Waarde per wijk" in text
    assert "CC BY 4.0" in text  # the boundaries' source and licence under the map
    region = Area.objects.get(level=AreaLevel.REGION)
    emmen = Area.objects.get(code="GM0114", level=AreaLevel.GEMEENTE)
    wijk = Area.objects.filter(parent=emmen, level=AreaLevel.WIJK).first()
    assert wijk is not None
    pages = {
        name: client.get(reverse("monitor:area", args=[area.code])).content.decode()
        for name, area in (("region", region), ("gemeente", emmen), ("wijk", wijk))
    }
    assert 'data-chart="kaart-gebied"' in pages["region"]  # the gemeenten on their map
    assert "Kaart: " in pages["region"]
    assert "per gemeente in" in pages["region"]
    assert 'data-chart="kaart-gebied"' in pages["gemeente"]  # Emmen's wijken as tiles
    assert "per wijk in" in pages["gemeente"]
    assert 'data-chart="kaart-gebied"' not in pages["wijk"]
