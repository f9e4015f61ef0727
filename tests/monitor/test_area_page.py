"""The area page (/monitor/gebied/<code>) on the session's synthetic region: every plan
indicator for the region, a gemeente or a wijk, showing exactly the stored gated values."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.areas.models import Area
from doorbraak.core.numbers import nl, rounded_float
from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role

pytestmark = pytest.mark.slow
PERIODS = ["2024", "2025"]


@pytest.fixture
def computed(demo_world: None) -> None:
    monitor_run(periods=PERIODS, levels=("region", "gemeente", "wijk"))


def _client(user_of, role: Role) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(role))
    return client


def _page(client: Client, code: str) -> str:
    response = client.get(reverse("monitor:area", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def _rows(html: str) -> dict[str, list[str]]:
    """Per indicator row: the text of its data cells."""
    rows = {}
    for code, body in re.findall(
        r'<tr class="utrecht-table__row" data-indicator="([^"]+)">(.*?)</tr>', html, re.S
    ):
        rows[code] = [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
        ]
    return rows


def _charts(html: str) -> dict[str, dict]:  # type: ignore[type-arg]
    return {
        chart_id: json.loads(body)
        for chart_id, body in re.findall(
            r'<script id="grafiek-([^"]+)" type="application/json">(.*?)</script>', html, re.S
        )
    }


def _drawn(spec: dict) -> list[tuple[int, float]]:  # type: ignore[type-arg]
    """The measured points of a trend chart."""
    layer = next(layer for layer in spec["layer"] if layer["mark"].get("point"))
    return [(row["jaar"], row["waarde"]) for row in layer["data"]["values"]]


def _stored(level: str, code: str) -> dict[str, list[IndicatorValue]]:
    """Per indicator: the area's stored totals, one per year in order."""
    found: dict[str, list[IndicatorValue]] = {}
    for v in IndicatorValue.objects.filter(area_level=level, area_code=code, breakdown="").order_by(
        "period"
    ):
        found.setdefault(v.indicator_code, []).append(v)
    return found


def _expected(values: list[IndicatorValue]) -> list[str]:
    return ["afgeschermd" if v.suppressed else _shown(v.value) for v in values]


def _shown(value: float | None) -> str:
    """As every page shows a value: the one rounding rule, Dutch (core.numbers, ADR 0030)."""
    return "–" if value is None else nl(value)


def _a_wijk_with_suppressed_cells() -> str:
    return str(
        IndicatorValue.objects.filter(area_level="wijk", breakdown="", suppressed=True)
        .values_list("area_code", flat=True)
        .order_by("area_code")
        .first()
    )


@pytest.mark.django_db
def test_who_may_see_the_area_pages(computed, user_of) -> None:
    gemeente = Area.objects.filter(level="gemeente").order_by("code").first()
    assert gemeente is not None
    for role in (Role.PROGRAMME_TEAM, Role.BOARD, Role.RESEARCHER, Role.DATA_STEWARD):
        assert gemeente.name in _page(_client(user_of, role), gemeente.code)
    url = reverse("monitor:area", args=[gemeente.code])
    assert _client(user_of, Role.HOUSEHOLD).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the login page
    staff = _client(user_of, Role.PROGRAMME_TEAM)
    buurt = Area.objects.filter(level="buurt").first()
    assert buurt is not None
    for unknown in ("GM9999", "<script>", buurt.code):  # a buurt has no computed values
        response = staff.get(reverse("monitor:area", args=[unknown]))
        assert response.status_code == 404
        assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_a_gemeente_shows_its_stored_gated_values_by_goal(computed, user_of) -> None:
    gemeente = Area.objects.filter(level="gemeente").order_by("code").first()
    assert gemeente is not None
    html = _page(_client(user_of, Role.PROGRAMME_TEAM), gemeente.code)
    rows = _rows(html)
    stored = _stored("gemeente", gemeente.code)
    assert stored
    for code, values in stored.items():
        assert rows[code][: len(PERIODS)] == _expected(values), code
    assert "Doel D1" in html
    assert "Procesindicatoren" in html
    # indicators computed for the region only say so; those without a source say what for
    assert any(cells[0].startswith("Niet per gemeente berekend") for cells in rows.values())
    assert any(cells[0].startswith("Wacht op:") for cells in rows.values())
    # counts have no target of their own here; the page says so instead of a status
    assert rows["D2"][-1] == "geen doel voor dit gebied"
    # links: up to the region, down to every wijk of the gemeente
    region = Area.objects.get(level="regio")
    assert reverse("monitor:area", args=[region.code]) in html
    for wijk in Area.objects.filter(parent=gemeente, level="wijk"):
        assert reverse("monitor:area", args=[wijk.code]) in html
    assert reverse("monitor:indicator", args=["D2"]) in html


@pytest.mark.django_db
def test_a_suppressed_value_never_shows_a_number(computed, user_of) -> None:
    wijk = _a_wijk_with_suppressed_cells()
    html = _page(_client(user_of, Role.PROGRAMME_TEAM), wijk)
    rows, charts = _rows(html), _charts(html)
    stored = _stored("wijk", wijk)
    hidden = [code for code, values in stored.items() if any(v.suppressed for v in values)]
    assert hidden
    for code in hidden:
        assert "afgeschermd" in rows[code]
        for column, value in enumerate(stored[code]):
            if value.suppressed:
                assert rows[code][column] == "afgeschermd"
        if code in charts:  # a chart holds only the years that are shown
            drawn = _drawn(charts[code])
            assert len(drawn) == sum(1 for v in stored[code] if not v.suppressed)
    assert "data-suppressed>afgeschermd<" in html
    assert "Afgeschermd: een aantal onder de drempel" in html  # the explanation


@pytest.mark.django_db
def test_a_wijk_page_lists_only_that_wijks_values(computed, user_of) -> None:
    wijk = _a_wijk_with_suppressed_cells()
    area = Area.objects.select_related("parent").filter(code=wijk).first()
    assert area is not None
    html = _page(_client(user_of, Role.BOARD), wijk)
    rows, charts = _rows(html), _charts(html)
    stored = _stored("wijk", wijk)
    for code, values in stored.items():
        assert rows[code][: len(PERIODS)] == _expected(values), code
    for code, spec in charts.items():  # a chart holds this wijk's shown values, nothing else
        shown = [(int(v.period), rounded_float(v.value)) for v in stored[code] if not v.suppressed]
        assert _drawn(spec) == shown
    # the shown rows are this wijk's, not its neighbours': a wijk of the same gemeente with
    # other numbers does not leak into the page
    assert area.parent is not None
    assert reverse("monitor:area", args=[area.parent.code]) in html  # up to the gemeente
    assert '<h2 class="utrecht-heading-2">Wijken</h2>' not in html  # no level below
    assert set(rows) >= set(stored)


@pytest.mark.django_db
def test_the_region_page_and_the_links_to_area_pages(computed, user_of) -> None:
    client = _client(user_of, Role.PROGRAMME_TEAM)
    region = Area.objects.get(level="regio")
    html = _page(client, region.code)
    rows = _rows(html)
    for code, values in _stored("region", region.code).items():
        assert rows[code][: len(PERIODS)] == _expected(values), code
    assert _charts(html)  # small trends where two years are shown
    # the region is measured against the plan's own (regional) targets
    assert "geen doel voor dit gebied" not in html
    gemeenten = Area.objects.filter(level="gemeente")
    for gemeente in gemeenten:
        assert reverse("monitor:area", args=[gemeente.code]) in html
    dashboard = client.get(reverse("monitor:dashboard")).content.decode()
    assert reverse("monitor:area", args=[region.code]) in dashboard
    for gemeente in gemeenten:
        assert reverse("monitor:area", args=[gemeente.code]) in dashboard
    indicator = client.get(reverse("monitor:indicator", args=["D2"])).content.decode()
    assert reverse("monitor:area", args=[gemeenten.first().code]) in indicator  # type: ignore[union-attr]
    wijk = IndicatorValue.objects.filter(indicator_code="D2", area_level="wijk").first()
    assert wijk is not None
    assert reverse("monitor:area", args=[wijk.area_code]) in indicator
