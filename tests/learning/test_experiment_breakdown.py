"""The `experiment` breakdown (ADR 0036): once the experiments are the programme's own records,
each experiment's buurten form an area group of kind `experimentgebied`, and a person counts
in the experiment area of each buurt their household lived in while the fact overlapped the
period; buurten outside every experiment area are 'onbekend'. Checked against the register read
directly, on the operational database and DuckDB alike; and the API serves the cells."""

import datetime as dt
from collections import defaultdict

import pytest

from doorbraak.areas.models import AreaGroup, AreaGroupKind
from doorbraak.learning.services import experiments_from_register
from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import UNKNOWN, monitor_run
from doorbraak.register import models as r
from tests.conftest import catalogue_part

pytestmark = pytest.mark.django_db
YEAR = 2025


def _expected() -> dict[str, set[int]]:
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 1, 1)
    area_of: dict[int, str] = {}
    groups = AreaGroup.objects.filter(kind=AreaGroupKind.EXPERIMENT).prefetch_related("members")
    for group in groups:
        for buurt in group.members.all():
            area_of[buurt.pk] = min(group.code, area_of.get(buurt.pk, group.code))
    residences = defaultdict(list)
    for res in r.Residence.objects.filter(superseded_at__isnull=True):
        residences[res.household_id].append(res)
    found: dict[str, set[int]] = defaultdict(set)
    statuses = r.PovertyStatus.objects.filter(superseded_at__isnull=True, valid_from__lt=end)
    for status in statuses.exclude(valid_to__lte=start):
        low, high = max(start, status.valid_from), min(end, status.valid_to or end)
        for res in residences[status.household_id]:
            if res.valid_from < high and (res.valid_to is None or res.valid_to > low):
                found[area_of.get(res.buurt_id, UNKNOWN)].add(status.person_id)
    return found


@pytest.mark.parametrize("engine", ["database", "duckdb"])
def test_a1_by_experiment_area_counts_each_persons_area(demo_world: None, engine: str) -> None:
    assert experiments_from_register() > 3
    run = monitor_run(
        periods=[str(YEAR)], levels=("region",), definitions=catalogue_part("A1"), engine=engine
    ).run
    cells = {
        v.breakdown_value: v
        for v in IndicatorValue.objects.filter(run=run, indicator_code="A1", breakdown="experiment")
    }
    expected = _expected()
    assert len(expected) > 3
    shown = 0
    for area, persons in expected.items():
        if not cells[area].suppressed:
            assert cells[area].value == len(persons), area
            shown += 1
    assert shown >= 2
    assert set(cells) >= set(expected)


def test_the_api_and_the_download_serve_the_experiment_breakdown(demo_world: None, user_of) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from doorbraak.partners.models import Role

    experiments_from_register()
    monitor_run(periods=[str(YEAR)], levels=("region",), definitions=catalogue_part("A1"))
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    response = client.get("/api/v1/indicators/A1/values", {"breakdown": "experiment"})
    assert response.status_code == 200, response.content[:300]
    body = response.content.decode()
    assert '"experiment"' in body
    assert "experiment-exp-" in body
    assert "experiment" in client.get("/api/v1/indicators/A1").json()["breakdowns"]


def test_the_indicator_page_and_csv_name_the_experiment_areas(demo_world: None, user_of) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client
    from django.utils.html import escape

    from doorbraak.monitor.kept_pages import pages_forget
    from doorbraak.partners.models import Role

    experiments_from_register()
    monitor_run(periods=[str(YEAR)], levels=("region",), definitions=catalogue_part("A1"))
    pages_forget()
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    page = client.get("/monitor/A1").content.decode()
    assert "Uitgesplitst naar experimentgebied" in page
    shown = IndicatorValue.objects.filter(
        indicator_code="A1", breakdown="experiment", suppressed=False
    ).exclude(breakdown_value=UNKNOWN)
    assert shown.exists()
    names = dict(
        AreaGroup.objects.filter(kind=AreaGroupKind.EXPERIMENT).values_list("code", "name")
    )
    for value in shown:
        assert f'scope="row">{escape(names[value.breakdown_value])}</th>' in page
    csv = client.get("/monitor/A1.csv").content.decode("utf-8-sig")
    assert ";experiment;experiment-exp-" in csv
