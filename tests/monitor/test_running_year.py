"""The running year (issue 13, ADR 0018): a run over data that stop mid-year labels that year
"lopend jaar, t/m <date>" on every surface, no status judgement uses it, and a full year is
not labelled. The date comes from the register (its batches' as-of date), never a constant.

The session's synthetic region runs to 30 June 2026 (tests/conftest.py), as in the issue.
"""

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from doorbraak.api.cache import documents
from doorbraak.core.periods import period_parse, period_running, running_label
from doorbraak.monitor.charts import trend_spec
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.selectors import dashboard_summary, indicator_values, regional_trajectory
from doorbraak.monitor.services import monitor_run
from doorbraak.opendata.services import publication_set
from doorbraak.partners.models import Role
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from doorbraak.programme.trajectory import Status, target_status, trajectory_build
from doorbraak.register.models import FactBatch
from tests.conftest import UserOf

LABEL = "lopend jaar, t/m 30 juni 2026"
API = "/api/v1"


# --- pure: the period and the status ---------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "until", "running", "label"),
    [
        ("2026", dt.date(2026, 6, 30), True, LABEL),
        ("2025", dt.date(2026, 6, 30), False, None),
        ("2026", dt.date(2026, 12, 31), False, None),  # the data cover the whole year
        ("2026", dt.date(2026, 12, 30), True, "lopend jaar, t/m 30 december 2026"),
        ("2026", None, False, None),  # unknown: never guessed
        ("2026Q2", dt.date(2026, 6, 30), False, None),
        ("2026Q3", dt.date(2026, 8, 15), True, "lopend kwartaal, t/m 15 augustus 2026"),
        ("2027", dt.date(2026, 6, 30), True, "nog geen gegevens (gegevens t/m 30 juni 2026)"),
    ],
)
def test_a_period_is_running_when_the_data_stop_before_its_last_day(
    period: str, until: dt.date | None, running: bool, label: str | None
) -> None:
    parsed = period_parse(period)
    assert period_running(parsed, until) is running
    if label is not None:
        assert until is not None
        assert running_label(parsed, until) == label


def test_a_running_period_is_never_judged() -> None:
    path = trajectory_build(
        value=None, horizon=2030, baseline=None, baseline_year=None, milestones=()
    )
    assert path is None  # no target: NOT_SET, unless running
    path = trajectory_build(
        value=Decimal("100"), horizon=2030, baseline=Decimal("0"), baseline_year=2023,
        milestones=(),
    )  # fmt: skip
    for observed in (0.0, 50.0, 1000.0, None):
        judged = target_status(
            trajectory=path, year=2026.0, observed=observed, higher_is_better=True, running=True
        )
        assert judged is Status.RUNNING
    assert (
        target_status(trajectory=path, year=2026.0, observed=0.0, higher_is_better=True)
        is Status.BEHIND
    )


@pytest.mark.parametrize("small", [False, True])
def test_the_chart_draws_a_running_year_apart_and_labelled(small: bool) -> None:
    class Cell:
        def __init__(self, period: str, value: float, running: str = "") -> None:
            self.period, self.value, self.running, self.suppressed = period, value, running, False

    spec = trend_spec(
        description="d",
        values=[Cell("2024", 100.0), Cell("2025", 120.0), Cell("2026", 55.0, LABEL)],
        small=small,
    )
    layers = spec["layer"]
    line = next(layer for layer in layers if layer["mark"].get("type") == "line")
    assert [row["jaar"] for row in line["data"]["values"]] == [2024, 2025]  # no drop to 2026
    running = [row for layer in layers for row in layer["data"]["values"] if row.get("lopend")]
    assert {(row["jaar"], row["waarde"], row["lopend"]) for row in running} == {(2026, 55.0, LABEL)}
    assert LABEL in spec["description"]
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"][1] > 2026  # on the axis


# --- a run over the synthetic region, whose data stop on 30 June 2026 ------------------------


@pytest.fixture
def computed(demo_world: None) -> MonitorRun:
    documents.clear()
    return monitor_run(periods=["2025", "2026"], levels=("region", "gemeente", "wijk")).run


def _client(user_of: UserOf, role: Role) -> Client:
    client = Client()
    client.force_login(user_of(role))
    return client


def _region(code: str) -> dict[str, Any]:
    return {v.period: v for v in indicator_values(code, level="region")}


@pytest.mark.slow
@pytest.mark.django_db
def test_a_mid_year_run_labels_2026_everywhere_and_judges_only_2025(
    computed: MonitorRun, user_of: UserOf
) -> None:
    assert computed.data_until == dt.date(2026, 6, 30)  # from the register's batch
    _dashboard_judges_the_last_full_year(user_of)
    _indicator_page_labels_the_running_year(user_of)
    _area_page_labels_the_running_year(user_of)
    _downloads_label_the_running_year(user_of)
    _api_labels_the_running_year(user_of)
    _open_data_labels_the_running_year(user_of)


def _dashboard_judges_the_last_full_year(user_of: UserOf) -> None:
    version = plan_version_current()
    lines = {line.code: line for line in dashboard_summary()}
    fell = 0
    for indicator in pm.Indicator.objects.filter(plan_version=version):
        line = lines[indicator.code]
        if line.waits_for:
            continue
        region = _region(indicator.code)
        assert (line.period, line.value) == ("2025", region["2025"].value), indicator.code
        assert (line.running_period, line.running) == ("2026", LABEL)
        assert line.running_value == region["2026"].value
        assert line.status == target_status(
            trajectory=regional_trajectory(indicator),
            year=2025.0,
            observed=region["2025"].value,
            higher_is_better=indicator.direction == pm.Direction.HIGHER,
        )
        assert line.status is not Status.RUNNING
        if indicator.measure in ("count", "count_distinct"):
            fell += (region["2026"].value or 0) < (region["2025"].value or 0)
    assert fell >= 3  # half a year of counts is lower: the drop the issue saw
    p4 = _region("P4")  # and P4 halves, which would read as an improvement
    assert p4["2026"].value < 0.6 * p4["2025"].value
    assert lines["P4"].value == p4["2025"].value
    page = _client(user_of, Role.BOARD).get(reverse("monitor:dashboard")).content.decode()
    assert LABEL in page
    assert 'data-running="2026"' in page
    assert "niet beoordeeld" not in page  # the status column never judges 2026


def _indicator_page_labels_the_running_year(user_of: UserOf) -> None:
    response = _client(user_of, Role.PROGRAMME_TEAM).get(reverse("monitor:indicator", args=["P4"]))
    text = response.content.decode()
    assert f'2026 <span class="monitor-running-label" data-running>({LABEL})</span>' in text
    assert "niet beoordeeld: lopend jaar" in text
    # gemeenten are compared (map, table, bars) over the last complete year (ADR 0041)
    assert "Per gemeente in 2025</h2>" in text
    assert "Gemeenten vergelijken we over het laatste volledige jaar, 2025." in text
    assert "Per gemeente in 2026" not in text
    years = {line.period: line for line in response.context["detail"].years}
    assert years["2026"].status is Status.RUNNING
    assert years["2026"].running == LABEL
    assert years["2025"].status is not Status.RUNNING
    assert years["2025"].running == ""
    spec = response.context["trend_chart"]
    measured = [
        row["jaar"]
        for layer in spec["layer"]
        if layer["mark"].get("type") == "line" and "strokeDash" not in layer["mark"]
        for row in layer["data"]["values"]
    ]
    assert 2026 not in measured
    assert LABEL in spec["description"]
    assert any(
        row.get("lopend") == LABEL for layer in spec["layer"] for row in layer["data"]["values"]
    )


def _area_page_labels_the_running_year(user_of: UserOf) -> None:
    client = _client(user_of, Role.PROGRAMME_TEAM)
    region_code = indicator_values("D1", level="region")[0].area_code
    for code in (region_code, indicator_values("D1", level="gemeente")[0].area_code):
        response = client.get(reverse("monitor:area", args=[code]))
        text = response.content.decode()
        assert f"({LABEL})" in text
        for goal in response.context["goals"]:
            for row in goal["rows"]:
                line = row["line"]
                if line.judged is not None:
                    assert line.judged.period == "2025"
                assert "niet beoordeeld" not in row["status"]


def _downloads_label_the_running_year(user_of: UserOf) -> None:
    response = _client(user_of, Role.RESEARCHER).get(reverse("monitor:indicator_csv", args=["D1"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {row["periode"] for row in rows} == {"2025", "2026"}
    for row in rows:
        assert row["lopend"] == (LABEL if row["periode"] == "2026" else "")


def _api_labels_the_running_year(user_of: UserOf) -> None:
    client = _client(user_of, Role.PROGRAMME_TEAM)
    body = json.loads(client.get(f"{API}/indicators/D1/values", {"area-level": "region"}).content)
    assert body["run"]["dataUntil"] == "2026-06-30"
    cells = {cell["period"]: cell for cell in body["_embedded"]["values"]}
    assert (cells["2026"]["running"], cells["2026"]["dataUntil"]) == (True, "2026-06-30")
    assert cells["2026"]["runningLabel"] == LABEL
    assert (
        cells["2025"]["running"],
        cells["2025"]["dataUntil"],
        cells["2025"]["runningLabel"],
    ) == (
        False,
        None,
        None,
    )
    run = json.loads(client.get(f"{API}/runs/latest").content)
    assert run["dataUntil"] == "2026-06-30"
    exported = client.get(f"{API}/dhis2/dataValueSet.json")
    periods = {value["period"] for value in json.loads(exported.content)["dataValues"]}
    assert periods == {"2025"}  # a DHIS2 period is a whole period: the running one stays out
    assert exported["X-Data-Until"] == "2026-06-30"
    assert exported["X-Running-Periods-Omitted"] == "2026"
    adx = client.get(f"{API}/dhis2/adx.xml")
    assert b"2025-01-01/P1Y" in adx.content
    assert b"2026-01-01/P1Y" not in adx.content
    assert adx["X-Running-Periods-Omitted"] == "2026"


def _open_data_labels_the_running_year(user_of: UserOf) -> None:
    publication_set(codes=["D1", "P2"], actor=user_of(Role.PROGRAMME_TEAM))
    client = Client()
    text = client.get(reverse("opendata:csv")).content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["periode"] for row in rows} == {"2025", "2026"}
    for row in rows:
        running = row["periode"] == "2026"
        assert row["lopend"] == ("ja" if running else "nee")
        assert row["gegevens_tot_en_met"] == ("2026-06-30" if running else "")
    metadata = json.loads(client.get(reverse("opendata:metadata")).content)
    names = [column["name"] for column in metadata["tableSchema"]["columns"]]
    assert names == list(rows[0])  # the metadata describe the CSV's columns
    assert "lopend" in names
    assert "gegevens_tot_en_met" in names
    assert LABEL in metadata["dc:description"]
    assert metadata["dc:temporal"] == "2025-01-01/2026-06-30"
    page = client.get(reverse("opendata:public")).content.decode()
    assert f"({LABEL})" in page
    assert f"2026 is een {LABEL}" in page
    page = client.get(reverse("opendata:indicator", args=["D1"])).content.decode()
    assert f"({LABEL})" in page


# --- the date comes from the data; a full year is not running ---------------------------------


@pytest.mark.slow
@pytest.mark.django_db
def test_the_cut_off_follows_the_register_and_a_full_year_is_not_labelled(
    demo_world: None, user_of: UserOf
) -> None:
    batches = FactBatch.objects.filter(superseded_at__isnull=True).exclude(as_of=None)
    batches.update(as_of=dt.date(2026, 3, 31))
    run = monitor_run(periods=["2026"], levels=("region",)).run
    assert run.data_until == dt.date(2026, 3, 31)
    assert {v.running for v in indicator_values("D1", level="region")} == {
        "lopend jaar, t/m 31 maart 2026"
    }

    out = io.StringIO()  # the command says so too (call_command: main closes the connection)
    call_command("monitor", "run", "--periode", "2026", "--niveau", "region", stdout=out)
    assert "Gegevens t/m 31-03-2026; lopend, niet beoordeeld tegen het traject: 2026 (lopend" in (
        out.getvalue()
    )

    batches.update(as_of=dt.date(2026, 12, 31))  # the register now covers all of 2026
    documents.clear()
    full = monitor_run(periods=["2026"], levels=("region",))
    assert not full.reused  # another cut-off is another input
    assert full.run.data_until == dt.date(2026, 12, 31)
    values = indicator_values("D1", level="region")
    assert values
    assert all(v.until is None and v.running == "" for v in values)
    lines = [line for line in dashboard_summary() if not line.waits_for]
    assert all(line.period == "2026" and line.running == "" for line in lines)
    client = _client(user_of, Role.PROGRAMME_TEAM)
    assert "lopend jaar" not in client.get(reverse("monitor:dashboard")).content.decode()
    body = json.loads(client.get(f"{API}/indicators/D1/values").content)
    assert not any(cell["running"] for cell in body["_embedded"]["values"])
    exported = client.get(f"{API}/dhis2/dataValueSet.json")
    assert {v["period"] for v in json.loads(exported.content)["dataValues"]} == {"2026"}
    assert "X-Running-Periods-Omitted" not in exported
