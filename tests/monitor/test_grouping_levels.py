"""The dorp and the experiment area as area levels (issue 17, ADR 0042): a page per dorp and
experiment area, `area-level=dorp|experiment` in the API, rows per dorp and experiment area in
the downloads. A group's value is the region's gated breakdown cell of that group, so each shown
number is checked against the register read directly (the dorp's persons) and against the
stored breakdown cell (the same gate); a suppressed cell shows no number anywhere."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.api.cache import documents
from doorbraak.areas.models import AreaGroup, AreaGroupKind
from doorbraak.core.numbers import nl
from doorbraak.learning.services import experiments_from_register
from doorbraak.monitor.kept_pages import pages_forget
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role
from tests.conftest import catalogue_part
from tests.learning.test_experiment_breakdown import _expected as experiment_truth
from tests.monitor.test_dorp_breakdown import YEAR, _expected

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def run(demo_world: None) -> MonitorRun:
    documents.clear()
    assert experiments_from_register() > 3  # the experiments' buurten as experiment areas
    found = monitor_run(
        periods=[str(YEAR)], levels=("region", "gemeente"), definitions=catalogue_part("A1")
    ).run
    pages_forget()
    return found


@pytest.fixture
def client(user_of) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    return client


def _cells(run: MonitorRun, breakdown: str) -> dict[str, IndicatorValue]:
    rows = IndicatorValue.objects.filter(
        run=run, indicator_code="A1", area_level="region", breakdown=breakdown
    )
    return {row.breakdown_value: row for row in rows}


def _shown_and_hidden(run: MonitorRun, breakdown: str) -> tuple[list[str], list[str]]:
    cells = _cells(run, breakdown)
    kind = {"dorp": AreaGroupKind.DORP, "experiment": AreaGroupKind.EXPERIMENT}[breakdown]
    codes = AreaGroup.objects.filter(kind=kind).values_list("code", flat=True)
    shown = [c for c in codes if c in cells and not cells[c].suppressed]
    hidden = [c for c in codes if c in cells and cells[c].suppressed]
    return shown, hidden


def test_a_dorp_page_shows_the_dorps_count_from_the_register(run, client) -> None:  # type: ignore[no-untyped-def]
    expected = _expected()
    shown, hidden = _shown_and_hidden(run, "dorp")
    assert len(shown) >= 3
    assert hidden
    for code in shown[:3]:
        page = client.get(reverse("monitor:area", args=[code]))
        assert page.status_code == 200
        text = page.content.decode()
        group = AreaGroup.objects.get(code=code)
        assert f"{group.name} (dorp)" in text
        assert "de indicatoren voor dit dorp:" in text
        assert "data-grouping" in text
        row = text.split('data-indicator="A1"')[1].split("</tr>")[0]
        assert f">{nl(len(expected[code]))}</td>" in row, code
        # its gemeente is above it in the breadcrumb
        assert f'href="{reverse("monitor:area", args=[group.gemeente.code])}"' in text
    page = client.get(reverse("monitor:area", args=[hidden[0]])).content.decode()
    row = page.split('data-indicator="A1"')[1].split("</tr>")[0]
    assert "data-suppressed" in row
    assert f">{nl(len(expected[hidden[0]]))}</td>" not in row


def test_an_indicator_without_the_breakdown_is_not_computed_for_a_dorp(run, client) -> None:  # type: ignore[no-untyped-def]
    code = _shown_and_hidden(run, "dorp")[0][0]
    text = client.get(reverse("monitor:area", args=[code])).content.decode()
    row = text.split('data-indicator="A2"')[1].split("</tr>")[0]
    assert "Niet per dorp berekend" in row


def test_the_gemeente_lists_its_dorpen_and_the_region_its_experiment_areas(run, client) -> None:  # type: ignore[no-untyped-def]
    group = AreaGroup.objects.filter(kind=AreaGroupKind.DORP, gemeente__isnull=False).first()
    assert group is not None
    text = client.get(reverse("monitor:area", args=[group.gemeente.code])).content.decode()
    listed = text.split("data-groups>")[1].split("</ul>")[0]
    dorpen = AreaGroup.objects.filter(kind=AreaGroupKind.DORP, gemeente__code=group.gemeente.code)
    for dorp in dorpen:
        assert reverse("monitor:area", args=[dorp.code]) in listed
    assert listed.count("<li>") == dorpen.count()
    region = group.gemeente.parent
    text = client.get(reverse("monitor:area", args=[region.code])).content.decode()
    experiments = AreaGroup.objects.filter(kind=AreaGroupKind.EXPERIMENT)
    assert experiments.exists()
    listed = text.split("data-groups>")[1].split("</ul>")[0]
    assert listed.count("<li>") == experiments.count()


def test_an_experiment_area_page_states_the_overlap_rule(run, client) -> None:  # type: ignore[no-untyped-def]
    experiment = AreaGroup.objects.filter(kind=AreaGroupKind.EXPERIMENT).first()
    assert experiment is not None
    text = client.get(reverse("monitor:area", args=[experiment.code])).content.decode()
    assert "(experimentgebied)" in text
    assert "data-overlap" in text
    cell = _cells(run, "experiment").get(experiment.code)
    assert cell is not None
    row = text.split('data-indicator="A1"')[1].split("</tr>")[0]
    if cell.suppressed:
        assert "data-suppressed" in row
    else:
        assert f">{nl(len(experiment_truth()[experiment.code]))}</td>" in row


def test_the_api_gives_the_dorp_level_as_the_gated_breakdown(run, client) -> None:  # type: ignore[no-untyped-def]
    expected = _expected()
    cells = _cells(run, "dorp")
    response = client.get(
        f"{API}/indicators/A1/values", {"area-level": "dorp", "page-size": 1000}
    ).json()
    values = response["_embedded"]["values"]
    names = set(AreaGroup.objects.filter(kind=AreaGroupKind.DORP).values_list("code", flat=True))
    assert values
    assert response["total"] == len(values)
    assert {v["areaCode"] for v in values} <= names  # 'onbekend' is no dorp
    assert {v["areaLevel"] for v in values} == {"dorp"}
    for value in values:
        stored = cells[value["areaCode"]]
        assert value["suppressed"] == stored.suppressed
        if stored.suppressed:
            assert value["value"] is None
            assert value["numerator"] is None
        else:
            assert value["value"] == len(expected[value["areaCode"]])
    one = values[0]["areaCode"]
    alone = client.get(f"{API}/indicators/A1/values", {"area": one}).json()
    assert [v["areaCode"] for v in alone["_embedded"]["values"]] == [one]
    paged = client.get(
        f"{API}/indicators/A1/values", {"area-level": "dorp", "page-size": 2, "page": 2}
    ).json()
    assert [v["areaCode"] for v in paged["_embedded"]["values"]] == [
        v["areaCode"] for v in values[2:4]
    ]


def test_the_api_lists_dorpen_and_refuses_a_breakdown_of_one(run, client) -> None:  # type: ignore[no-untyped-def]
    areas = client.get(f"{API}/areas", {"area-level": "experiment"}).json()["_embedded"]["areas"]
    assert len(areas) == AreaGroup.objects.filter(kind=AreaGroupKind.EXPERIMENT).count() > 0
    assert {a["level"] for a in areas} == {"experiment"}
    dorpen = client.get(f"{API}/areas", {"area-level": "dorp"}).json()["_embedded"]["areas"]
    assert all(a["parent"].startswith("GM") for a in dorpen)
    refused = client.get(
        f"{API}/indicators/A1/values", {"area-level": "dorp", "breakdown": "age_group"}
    )
    assert refused.status_code == 400
    assert "geen verdere uitsplitsing" in refused.json()["detail"]


def test_the_downloads_hold_a_row_per_dorp_and_experiment_area(run, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("monitor:indicator_csv", args=["A1"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_level: dict[str, dict[str, list[str]]] = {}
    for row in rows[1:]:
        if row[2] in ("dorp", "experiment"):
            by_level.setdefault(row[2], {})[row[3]] = row
    names = dict(AreaGroup.objects.values_list("code", "name"))
    for level in ("dorp", "experiment"):
        cells = _cells(run, level)
        assert by_level[level]
        for code, row in by_level[level].items():
            assert row[4] == names[code]
            assert row[5] == ""  # a level's total, no breakdown
            stored = cells[code]
            assert row[10] == ("ja" if stored.suppressed else "nee")
            assert row[9] == ("" if stored.suppressed else nl(stored.value, grouping=False))
