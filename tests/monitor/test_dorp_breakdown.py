"""The `dorp` breakdown (issue 20: the ambition by gemeente, wijk and dorp): a unit counts in
the dorp (areas.AreaGroup of kind dorp) of each buurt its household lived in while its fact
overlapped the period; buurten outside a dorp are 'onbekend'. Checked against the register
read directly, on SQLite/PostgreSQL and DuckDB alike."""

import datetime as dt
from collections import defaultdict

import pytest

from doorbraak.areas.models import AreaGroup, AreaGroupKind
from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import UNKNOWN, monitor_run
from doorbraak.register import models as r
from tests.conftest import catalogue_part

pytestmark = pytest.mark.django_db
YEAR = 2025


def _expected() -> dict[str, set[int]]:
    """Per dorp code: the persons with a poverty status overlapping YEAR whose household lived
    in one of its buurten during that overlap."""
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 1, 1)
    dorp_of: dict[int, str] = {}
    for group in AreaGroup.objects.filter(kind=AreaGroupKind.DORP).prefetch_related("members"):
        for buurt in group.members.all():
            dorp_of[buurt.pk] = min(group.code, dorp_of.get(buurt.pk, group.code))
    residences = defaultdict(list)
    for res in r.Residence.objects.filter(superseded_at__isnull=True):
        residences[res.household_id].append(res)
    found: dict[str, set[int]] = defaultdict(set)
    statuses = r.PovertyStatus.objects.filter(superseded_at__isnull=True, valid_from__lt=end)
    for status in statuses.exclude(valid_to__lte=start):
        low = max(start, status.valid_from)
        high = min(end, status.valid_to or end)
        for res in residences[status.household_id]:
            if res.valid_from < high and (res.valid_to is None or res.valid_to > low):
                found[dorp_of.get(res.buurt_id, UNKNOWN)].add(status.person_id)
    return found


@pytest.mark.parametrize("engine", ["database", "duckdb"])
def test_a1_by_dorp_counts_each_persons_dorpen(demo_world: None, engine: str) -> None:
    run = monitor_run(
        periods=[str(YEAR)], levels=("region",), definitions=catalogue_part("A1"), engine=engine
    ).run
    cells = {
        v.breakdown_value: v
        for v in IndicatorValue.objects.filter(run=run, indicator_code="A1", breakdown="dorp")
    }
    expected = _expected()
    assert len(expected) > 20  # the session region's dorpen with people in poverty
    shown = 0
    for dorp, persons in expected.items():
        cell = cells[dorp]
        if not cell.suppressed:
            assert cell.value == len(persons), dorp
            shown += 1
    assert shown >= 3  # the small session region hides most dorpen
    assert set(cells) >= set(expected)


def test_the_indicator_page_names_the_dorpen(demo_world: None, user_of) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client
    from django.urls import reverse
    from django.utils.html import escape

    from doorbraak.monitor.kept_pages import pages_forget
    from doorbraak.partners.models import Role

    monitor_run(periods=[str(YEAR)], levels=("region",), definitions=catalogue_part("A1"))
    pages_forget()
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    page = client.get(reverse("monitor:indicator", args=["A1"])).content.decode()
    assert "Uitgesplitst naar dorp" in page
    assert "Uitgesplitst naar leeftijdsgroep" in page
    names = dict(AreaGroup.objects.filter(kind=AreaGroupKind.DORP).values_list("code", "name"))
    shown = IndicatorValue.objects.filter(indicator_code="A1", breakdown="dorp").exclude(
        breakdown_value=UNKNOWN
    )
    assert shown.exists()
    for value in shown:
        assert f'scope="row">{escape(names[value.breakdown_value])}</th>' in page
        assert value.breakdown_value not in page
