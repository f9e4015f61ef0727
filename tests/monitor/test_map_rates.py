"""The indicator page compares gemeenten on rates, in the last complete year (issue 16): the
map colours a count per 1.000 households (the gemeente x goal overview's rule, through the
gate), its legend names the year, and the table beside it and the bar chart show the same
rounded rate. The running year (2026 in the session's region, data to 30 June) is not
mapped. The expected rates are computed here from the stored gated counts and CBS's figures,
not taken from the page's code."""

import json
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.areas.models import Area, AreaLevel, AreaStatistic
from doorbraak.areas.services import statline_load
from doorbraak.core.numbers import nl, rounded
from doorbraak.monitor.selectors import indicator_values
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role
from tests.conftest import UserOf, catalogue_part

pytestmark = pytest.mark.django_db


def _spec(html: str, chart_id: str) -> dict:
    found = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html)
    assert found, chart_id
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def _households(code: str, year: int) -> float:
    stat = (
        AreaStatistic.objects.filter(
            area__code=code, measure="HuishoudensTotaal", year__lte=year, value__isnull=False
        )
        .order_by("-year")
        .first()
    )
    assert stat is not None, code
    assert stat.value, code
    return float(stat.value)


def _cbs(tmp_path: Path) -> None:
    """CBS's households per gemeente for 2024 (made up: the rates divide by whatever is loaded)."""
    codes = Area.objects.filter(level=AreaLevel.GEMEENTE).values_list("code", flat=True)
    head = '"WijkenEnBuurten";"Perioden";"HuishoudensTotaal_29"'
    rows = [f'"{code}";"2024JJ00";"{3000 + 700 * n}"' for n, code in enumerate(sorted(codes))]
    path = tmp_path / "85984NED-2024.csv"
    path.write_text(head + "\n" + "\n".join(rows), encoding="utf-8")
    statline_load(path=path)


def _rate_cells(html: str) -> dict[str, str]:
    start = html.index('<caption class="utrecht-table__caption">Waarde per gemeente')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r'scope="row"><a [^>]*>([^<]+)</a></th>.*?<td[^>]*data-rate>([^<]*)<', table)
    return {name: unescape(value) for name, value in rows}


def test_the_map_table_and_bars_show_p1_per_1000_households_in_the_last_complete_year(
    demo_world: None, user_of: UserOf, tmp_path: Path
) -> None:
    _cbs(tmp_path)
    monitor_run(
        periods=["2025", "2026"],
        levels=("region", "gemeente", "wijk"),
        definitions=catalogue_part("P1"),
    )
    assert any(v.running for v in indicator_values("P1", level="gemeente", period="2026"))
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    html = client.get(reverse("monitor:indicator", args=["P1"])).content.decode()

    gemeente_map = _spec(html, "kaart-gemeenten")
    legend = gemeente_map["layer"][1]["encoding"]["color"]["legend"]["title"]
    assert "per 1.000 huishoudens" in legend
    assert "huishoudens per 1.000" not in html  # P1 counts households: said once
    assert "2025" in legend  # the last complete year, said
    assert "2026" not in legend
    features = {
        f["properties"]["naam"]: f["properties"]["waarde"]
        for f in gemeente_map["layer"][0]["data"]["values"]
    }
    label_rows = gemeente_map["layer"][2]["data"]["values"]
    labels = {row["regels"][0]: row["regels"][1] for row in label_rows}
    bar_rows = _spec(html, "grafiek-gemeenten")["data"]["values"]
    bars = {row["gebied"]: row["waarde"] for row in bar_rows}
    table = _rate_cells(html)
    checked = 0
    for cell in indicator_values("P1", level="gemeente", period="2025"):
        name = Area.objects.get(code=cell.area_code).name
        if cell.suppressed or cell.value is None:
            assert features[name] is None  # never coloured, never 0
            assert labels[name] == "afgeschermd"
            assert name not in bars
            continue
        expected = rounded(1000 * cell.value / _households(cell.area_code, 2025))
        assert expected is not None
        assert expected != rounded(cell.value)  # a rate, not the count
        assert Decimal(str(features[name])) == expected, name
        assert labels[name] == nl(expected)
        assert table[name] == nl(expected)
        assert Decimal(str(bars[name])) == expected
        checked += 1
    assert checked >= 5


def test_a_share_is_mapped_as_it_is(demo_world: None, user_of: UserOf) -> None:
    monitor_run(periods=["2025"], levels=("region", "gemeente"), definitions=catalogue_part("W2"))
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    html = client.get(reverse("monitor:indicator", args=["W2"])).content.decode()
    legend = _spec(html, "kaart-gemeenten")["layer"][1]["encoding"]["color"]["legend"]["title"]
    assert "per 1.000" not in legend
    assert "2025" in legend
    assert "data-rate" not in html
