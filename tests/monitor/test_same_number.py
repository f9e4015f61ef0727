"""One figure, one number (ADR 0030): for a sample of cells of the session's synthetic region,
the indicator page's table, its chart specs, the CSV and XLSX downloads and the API show the
same rounded value, taken from the stored gated value; and a suppressed value is never drawn,
least of all as 0."""

import csv
import io
import json
import re
from decimal import Decimal
from html import unescape

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.areas.models import Area
from doorbraak.core.numbers import rounded
from doorbraak.monitor.charts import bar_spec, trend_spec
from doorbraak.monitor.gated import ShownValue
from doorbraak.monitor.selectors import indicator_values
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role

pytestmark = pytest.mark.slow

# a share in %, a small mean difference (P7: the table said 0,0, the chart 0,040), a count
CODES = ("D2", "P7", "P1")


@pytest.fixture
def computed(demo_world: None) -> None:
    monitor_run(periods=["2024", "2025"], levels=("region", "gemeente", "wijk"))


def dutch(text: str) -> Decimal:
    """'1.234,5' -> Decimal('1234.5')."""
    return Decimal(unescape(text).strip().replace(".", "").replace(",", "."))


def table_cells(html: str, caption: str) -> dict[str, str]:
    """Row header -> first value cell's text, of the table with this caption."""
    start = html.index(f'<caption class="utrecht-table__caption">{caption}')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(
        r'scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?.*?</th>\s*<td[^>]*>([^<]*)</td>', table, re.S
    )
    return {header.strip(): value for header, value in rows}


def rate_cells(html: str) -> dict[str, str]:
    """Row header -> the rate cell's text, of the table beside the gemeente map."""
    start = html.index('<caption class="utrecht-table__caption">Waarde per gemeente')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r'scope="row"><a [^>]*>([^<]+)</a></th>.*?<td[^>]*data-rate>([^<]*)<', table)
    return {name.strip(): unescape(value) for name, value in rows}


def chart_data(html: str, chart_id: str) -> list[dict[str, object]]:
    found = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html)
    assert found, chart_id
    spec = json.loads(found.group(1))
    rows = list(spec.get("data", {}).get("values", []))
    for layer in spec.get("layer", []):
        rows += layer.get("data", {}).get("values", [])
    return rows


def downloads(client: Client, code: str) -> tuple[list[dict[str, str]], list[dict[str, object]]]:
    text = client.get(reverse("monitor:indicator_csv", args=[code])).content.decode("utf-8-sig")
    csv_rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("monitor:indicator_xlsx", args=[code])).content)
    )
    sheet = book.worksheets[0].iter_rows(values_only=True)
    header = next(sheet)
    return csv_rows, [dict(zip(header, row, strict=True)) for row in sheet]


def api_values(client: Client, code: str, level: str) -> dict[tuple[str, str], object]:
    body = client.get(
        f"/api/v1/indicators/{code}/values", {"area-level": level, "page-size": 500}
    ).json()
    return {
        (cell["period"], cell["areaCode"]): cell["value"]
        for cell in body["_embedded"]["values"]
        if cell["category"] is None
    }


def row_of(rows: list, level: str, period: str, area: str) -> dict:  # type: ignore[type-arg]
    (row,) = [
        r
        for r in rows
        if r["niveau"] == level
        and str(r["periode"]) == period
        and r["gebiedscode"] == area
        and not r["uitsplitsing"]
    ]
    return row  # type: ignore[no-any-return]


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_table_chart_csv_xlsx_and_api_show_the_same_rounded_value(
    computed: None,
    user_of,  # type: ignore[no-untyped-def]
    code: str,
) -> None:
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    html = client.get(reverse("monitor:indicator", args=[code])).content.decode()
    csv_rows, xlsx_rows = downloads(client, code)
    years = table_cells(html, "Waarde per jaar tegenover het traject")
    trend = {
        row["jaar"]: row["waarde"] for row in chart_data(html, "grafiek-verloop") if "deel" in row
    }
    checked = 0
    for cell in indicator_values(code, level="region"):
        if cell.suppressed or cell.value is None or cell.running:
            continue
        expected = rounded(cell.value)
        assert expected is not None
        if cell.value and abs(cell.value) >= 0.00005:
            assert expected != 0, f"{code} {cell.period}: {cell.value} reads as 0"
        assert dutch(years[cell.period].split("(")[0]) == expected, (cell, years[cell.period])
        assert Decimal(str(trend[int(cell.period)])) == expected, cell
        assert dutch(row_of(csv_rows, "region", cell.period, cell.area_code)["waarde"]) == expected
        xlsx = row_of(xlsx_rows, "region", cell.period, cell.area_code)["waarde"]
        assert Decimal(str(xlsx)) == expected
        checked += 1
    assert checked >= 1, f"{code}: no region value to compare"

    api = api_values(client, code, "gemeente")
    drawn = chart_data(html, "grafiek-gemeenten") if 'id="grafiek-gemeenten"' in html else []
    bars = {row["gebied"]: row for row in drawn}
    gemeenten = table_cells(html, "Waarde per gemeente")
    # a count compared between gemeenten is a rate per 1.000 (tests/monitor/test_map_rates.py):
    # its table has the count first, then the rate the bars and the map show
    rates = rate_cells(html)
    latest = max(v.period for v in indicator_values(code, level="gemeente") if not v.running)
    for cell in indicator_values(code, level="gemeente", period=latest):
        name = Area.objects.get(code=cell.area_code).name
        api_value = api[(cell.period, cell.area_code)]
        if cell.suppressed or cell.value is None:
            assert api_value is None
            assert name not in bars  # a suppressed gemeente is no bar, and no bar of 0
            continue
        expected = rounded(cell.value)
        assert Decimal(str(api_value)) == expected
        assert dutch(gemeenten[name]) == expected
        if name in rates:
            if rates[name] not in ("geen CBS-cijfer", "–"):
                assert Decimal(str(bars[name]["waarde"])) == dutch(rates[name])
        else:
            assert Decimal(str(bars[name]["waarde"])) == expected
            assert dutch(str(bars[name]["label"])) == expected
        assert dutch(row_of(csv_rows, "gemeente", latest, cell.area_code)["waarde"]) == expected


def _cell(period: str, value: float | None, suppressed: bool) -> ShownValue:
    return ShownValue(
        indicator_code="X",
        period=period,
        area_level="region",
        area_code="R",
        breakdown="",
        breakdown_value="",
        numerator=None,
        denominator=None,
        value=value,
        suppressed=suppressed,
        run_id=1,
    )


def test_a_suppressed_value_is_a_gap_with_a_note_never_a_zero() -> None:
    # a gate that blanked the value to 0 (or kept it) must still not get it drawn
    cells = [
        _cell("2022", 12.34, False),
        _cell("2023", 0.0, True),
        _cell("2024", 7.0, True),
        _cell("2025", 13.01, False),
    ]
    spec = trend_spec(description="D", values=cells)
    drawn = [row for layer in spec["layer"] for row in layer["data"]["values"]]
    assert {row["jaar"] for row in drawn} == {2022, 2025}
    assert all(row["waarde"] != 0 for row in drawn)
    # the two drawn years are two pieces of line, not one line through the gap
    assert len({row["deel"] for row in drawn if "deel" in row}) == 2
    assert "2023, 2024" in spec["description"]
    assert "geen 0" in spec["description"]
    bars = bar_spec(description="B", rows=[("A", cells[0]), ("B", cells[1]), ("C", cells[2])])
    assert [row["gebied"] for row in bars["data"]["values"]] == ["A"]
