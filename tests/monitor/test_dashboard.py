"""The dashboard's tiles, filters and gemeente x goal overview through the view (ADR 0032), on
a run stored by hand so every case is known: W2 falling from 93,1 to 91,1 does not read "op
koers"; the overview shows no number of a suppressed cell and compares gemeenten per 1.000
households; the filters round-trip through the URL; the trajectory reaches the charts."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.areas.services import statline_load
from doorbraak.core.numbers import nl
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.partners.models import Role
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from tests.conftest import UserOf

pytestmark = pytest.mark.django_db

W2 = {"2023": 95.0, "2024": 93.1, "2025": 91.1}
W2_RISING = (("2024", 91.0), ("2025", 92.0))


def _run(cells: list[tuple[str, str, str, str, float | None]], **extra: object) -> MonitorRun:
    """A finished run holding `cells`: (indicator, period, level, area code, value); a value
    None is a suppressed cell (stored without numbers, as the gate stores it)."""
    run = MonitorRun.objects.create(
        started_at=timezone.now(),
        finished_at=timezone.now(),
        status=MonitorRun.Status.DONE,
        periods=sorted({c[1] for c in cells}),
        levels=["region", "gemeente"],
        threshold=10,
        fingerprint="hand",
        data_until=dt.date(2025, 12, 31),
        **extra,
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            run=run,
            indicator_code=code,
            definition_hash="h",
            period=period,
            area_level=level,
            area_code=area,
            numerator=value,
            denominator=None,
            value=value,
            suppressed=value is None,
        )
        for code, period, level, area, value in cells
    )
    return run


def _baseline(code: str, value: Decimal, year: int) -> None:
    """The programme team sets a baseline for the regional target (as in the admin)."""
    version = plan_version_current()
    target = pm.Target.objects.get(
        indicator__plan_version=version, indicator__code=code, area_code=""
    )
    target.baseline, target.baseline_year = value, year
    target.save()


def _region() -> Area:
    return Area.objects.filter(level=AreaLevel.REGION).order_by("-vintage").first()  # type: ignore[return-value]


def _gemeenten() -> list[Area]:
    return list(Area.objects.filter(level=AreaLevel.GEMEENTE).order_by("name"))


def _page(user_of: UserOf, query: str = "") -> str:
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    response = client.get(reverse("monitor:dashboard") + query)
    assert response.status_code == 200
    return response.content.decode()


def _tile(page: str, code: str) -> str:
    found = re.search(
        rf'<li class="monitor-tile[^"]*" data-indicator="{re.escape(code)}".*?</li>', page, re.S
    )
    assert found is not None, code
    return found.group(0)


def test_w2_falling_from_93_1_to_91_1_does_not_read_on_track(user_of: UserOf) -> None:
    region = _region().code
    _run([("W2", year, "region", region, value) for year, value in W2.items()])
    tile = _tile(_page(user_of), "W2")
    assert 'data-status="van_doel_af"' in tile
    assert "beweegt van het doel af" in tile
    assert "op koers" not in tile
    assert "91,1" in tile
    assert "gedaald sinds 2024 (93,1" in tile
    assert "Streefwaarde 2043: 100" in tile  # the target, said in words
    assert 'class="monitor-spark"' in tile
    assert "aria-label" in tile
    assert 'data-shape="down"' in tile  # a shape beside the colour and the words
    assert not re.search(r'(c[xy]|d)="[^"]*[0-9],[0-9]', tile)  # SVG numbers, not Dutch ones


def test_w2_rising_on_its_trajectory_reads_on_track(user_of: UserOf) -> None:
    target = pm.Target.objects.get(
        indicator__plan_version=plan_version_current(), indicator__code="W2", area_code=""
    )
    target.baseline, target.baseline_year = Decimal(90), 2023
    target.save()
    region = _region().code
    _run(
        [("W2", year, "region", region, value) for year, value in (("2024", 91.0), ("2025", 92.0))]
    )
    tile = _tile(_page(user_of), "W2")
    assert 'data-status="op_koers"' in tile
    assert "Traject: 2023: 90 → 2043: 100" in tile
    assert 'class="monitor-spark__path"' in tile  # the trajectory, dashed, in the sparkline


def test_waiting_goals_say_what_they_wait_for(user_of: UserOf) -> None:
    _run([("W2", "2025", "region", _region().code, 91.1)])
    page = _page(user_of)
    tile = _tile(page, "D6")  # D4 waited for the residents' survey until ADR 0035
    assert 'data-status="wacht"' in tile
    assert "Wacht op:" in tile
    assert "gecreëerde banen" in tile
    version = plan_version_current()
    goals = pm.OperationalGoal.objects.filter(strategic_goal__programme_line__plan_version=version)
    assert page.count('<li class="monitor-tile') == goals.count()  # a tile per goal
    lines = re.findall(r'data-group="line" id="lijn-([a-z-]+)"', page)
    assert lines == list(version.lines.order_by("position").values_list("code", flat=True))  # type: ignore[union-attr]


def _cbs(tmp_path: Path, households: dict[str, int]) -> None:
    head = '"WijkenEnBuurten";"Perioden";"HuishoudensTotaal_29"'
    rows = [f'"{code}";"2024JJ00";"{n}"' for code, n in households.items()]
    path = tmp_path / "85984NED-2024.csv"
    path.write_text(head + "\n" + "\n".join(rows), encoding="utf-8")
    statline_load(path=path)


def test_the_overview_shows_rates_and_never_a_suppressed_number(
    user_of: UserOf, tmp_path: Path
) -> None:
    gemeenten = _gemeenten()
    hidden, shown = gemeenten[0], gemeenten[1]
    counts = {g.code: 40.0 + 7 * n for n, g in enumerate(gemeenten)}
    counts[hidden.code] = None  # type: ignore[assignment]
    households = {g.code: 3000 + 500 * n for n, g in enumerate(gemeenten)}
    _cbs(tmp_path, households)
    _run(
        [("D1", "2025", "gemeente", code, value) for code, value in counts.items()]
        + [("D1", "2025", "region", _region().code, 999.0)]
    )
    page = _page(user_of)
    table = re.search(r'<table class="utrecht-table monitor-overview">.*?</table>', page, re.S)
    assert table is not None
    rows = {
        code: row
        for code, row in re.findall(
            r'<tr class="[^"]*" data-area="([^"]+)">(.*?)</tr>', table.group(0), re.S
        )
    }
    assert set(rows) == {g.code for g in gemeenten}
    assert "afgeschermd" in rows[hidden.code]
    assert "data-suppressed" in rows[hidden.code]
    assert not re.search(r"<td[^>]*>\s*[0-9]", rows[hidden.code])  # no number, not even 0
    rate = 1000 * counts[shown.code] / households[shown.code]  # type: ignore[operator]
    assert f">{nl(rate)}</td>" in rows[shown.code]
    assert nl(counts[shown.code]) + "</td>" not in rows[shown.code]  # the rate, not the count
    assert "per 1.000 huishoudens" in table.group(0)
    assert "Afgeschermd: te weinig om te tonen" in page


def test_filters_round_trip_through_the_url(user_of: UserOf) -> None:
    gemeente = _gemeenten()[2]
    region = _region().code
    _run(
        [("W2", y, "region", region, v) for y, v in W2.items()]
        + [
            ("W2", "2024", "gemeente", gemeente.code, 70.0),
            ("W2", "2025", "gemeente", gemeente.code, 75.0),
        ]
    )
    page = _page(user_of, f"?periode=2024&gebied={gemeente.code}&uitsplitsing=")
    assert re.search(r'<option value="2024" selected>2024</option>', page)
    assert re.search(rf'<option value="{gemeente.code}" selected>{gemeente.name}</option>', page)
    assert f"De tegels tonen 2024, {gemeente.name}." in page
    tile = _tile(page, "W2")
    assert "70" in tile
    assert "93,1" not in tile
    assert 'data-code="filter-onbekend"' not in page
    default = _page(user_of)
    assert "De tegels tonen 2025, de hele regio." in default
    wrong = _page(user_of, "?periode=1999&gebied=GM9999")
    assert 'data-code="filter-onbekend"' in wrong
    assert "periode, gebied" in wrong
    assert "De tegels tonen 2025, de hele regio." in wrong  # the defaults, said


def test_a_breakdown_filter_shows_that_group(user_of: UserOf) -> None:
    region = _region().code
    run = _run([("D2", y, "region", region, v) for y, v in (("2024", 300.0), ("2025", 320.0))])
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            run=run,
            indicator_code="D2",
            definition_hash="h",
            period=y,
            area_level="region",
            area_code=region,
            breakdown="age_group",
            breakdown_value="kind",
            numerator=v,
            value=v,
        )
        for y, v in (("2024", 110.0), ("2025", 104.0))
    )
    page = _page(user_of, "?uitsplitsing=age_group:kind")
    assert re.search(r'<option value="age_group:kind" selected>leeftijdsgroep: kinderen', page)
    tile = _tile(page, "D2")
    assert "104" in tile
    assert "320" not in tile
    assert 'data-status="geen_streefwaarde"' in tile  # D2 has no target ('xx') yet


def test_the_indicator_chart_draws_the_trajectory(user_of: UserOf) -> None:
    target = pm.Target.objects.get(
        indicator__plan_version=plan_version_current(), indicator__code="W2", area_code=""
    )
    target.baseline, target.baseline_year = Decimal(90), 2023
    target.save()
    _run([("W2", y, "region", _region().code, v) for y, v in W2.items()])
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    response = client.get(reverse("monitor:indicator", args=["W2"]))
    layers = response.context["trend_chart"]["layer"]
    dashed = [layer for layer in layers if "strokeDash" in layer.get("mark", {})]
    assert len(dashed) == 1
    assert [(row["jaar"], row["waarde"]) for row in dashed[0]["data"]["values"]] == [
        (2023.0, 90.0),
        (2043.0, 100.0),
    ]
