"""No count below the threshold ever leaves the API: not in the values, not in the DHIS2
dataValueSet, not in ADX; suppressed cells have no numbers, and the exports leave them out."""

import datetime as dt
import math
from xml.etree import ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from doorbraak.monitor.definitions.vocabulary import GATED
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.monitor.services import COUNT_KINDS
from doorbraak.partners.models import Role
from tests.api.conftest import API

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
ADX = "{urn:ihe:qrph:adx:2015}"


def _small(number: float | None) -> bool:
    """A count the gate must never let through: 1 .. threshold-1 (household-years rounded up)."""
    threshold = int(settings.DISCLOSURE_THRESHOLD)
    return number is not None and 0 < math.ceil(round(number, 6)) < threshold


def _all_values(client, code: str) -> list[dict]:  # type: ignore[no-untyped-def]
    href, cells = f"{API}/indicators/{code}/values?page-size=1000", []
    while href:
        body = client.get(href).json()
        cells += body["_embedded"]["values"]
        href = body["_links"].get("next", {}).get("href")
    return cells


def _gated(cell: dict, measure: str) -> list[float | None]:
    numbers = {"numerator": cell["numerator"], "denominator": cell["denominator"]}
    if cell["numerator"] is not None and cell["denominator"] is not None:
        numbers["complement"] = cell["denominator"] - cell["numerator"]
    return [numbers.get(column) for column in GATED[measure]]


def test_no_small_count_in_values_or_exports(computed, client_of) -> None:
    client = client_of(Role.PROGRAMME_TEAM)
    measures = {
        i["code"]: i["measure"]
        for i in client.get(f"{API}/indicators").json()["_embedded"]["indicators"]
    }
    shown = suppressed = 0
    reported: set[tuple[str, str, str, str]] = set()
    for code, measure in measures.items():
        for cell in _all_values(client, code):
            if cell["suppressed"]:
                suppressed += 1
                assert (cell["numerator"], cell["denominator"], cell["value"]) == (None,) * 3
                continue
            shown += 1
            assert not any(_small(n) for n in _gated(cell, measure)), (code, cell)
            if cell["value"] is not None:
                combo = f"{cell['breakdown']}:{cell['category']}" if cell["breakdown"] else ""
                reported.add((code, cell["areaCode"], cell["period"], combo or "default"))
    assert shown > 1000
    assert suppressed > 100

    rows = client.get(f"{API}/dhis2/dataValueSet.json").json()["dataValues"]
    exported = {(r["dataElement"], r["orgUnit"], r["period"], r["categoryOptionCombo"])
                for r in rows}  # fmt: skip
    assert exported == reported  # every shown value, no suppressed cell
    for row in rows:
        if measures[row["dataElement"]] in COUNT_KINDS:
            assert not _small(float(row["value"])), row

    root = ET.fromstring(client.get(f"{API}/dhis2/adx.xml").content)  # noqa: S314
    values = [(g, v) for g in root.iter(f"{ADX}group") for v in g.iter(f"{ADX}dataValue")]
    assert len(values) == len(rows)
    for _group, value in values:
        if measures[value.get("dataElement", "")] in COUNT_KINDS:
            assert not _small(float(value.get("value", "0"))), value.attrib


def test_numbers_of_a_suppressed_cell_never_leave_even_if_stored(demo_world, client_of) -> None:
    """Belt and braces: a run that (wrongly) kept the numbers of a suppressed cell."""
    run = MonitorRun.objects.create(
        started_at=timezone.now() - dt.timedelta(minutes=1),
        finished_at=timezone.now(),
        status=MonitorRun.Status.DONE,
        periods=["2025"],
        levels=["wijk"],
        threshold=10,
        fingerprint="test",
    )
    cells = [("WK004700", True, 3.0), ("WK004701", False, 25.0)]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(run=run, indicator_code="P1", definition_hash="x", period="2025",
                       area_level="wijk", area_code=area, numerator=count, value=count,
                       suppressed=hidden)
        for area, hidden, count in cells
    )  # fmt: skip
    client = client_of(Role.DATA_STEWARD)
    values = _all_values(client, "P1")
    assert [(v["areaCode"], v["value"], v["suppressed"]) for v in values] == [
        ("WK004700", None, True),
        ("WK004701", 25.0, False),
    ]
    rows = client.get(f"{API}/dhis2/dataValueSet.json").json()["dataValues"]
    assert [(r["orgUnit"], r["value"]) for r in rows] == [("WK004701", "25")]
    assert b'value="3"' not in client.get(f"{API}/dhis2/adx.xml").content


def _planted_run(value: float, minutes_ago: int) -> MonitorRun:
    run = MonitorRun.objects.create(
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        finished_at=timezone.now(),
        status=MonitorRun.Status.DONE,
        periods=["2025"],
        levels=["region"],
        threshold=10,
        fingerprint=f"test-{value}",
    )
    IndicatorValue.objects.create(run=run, indicator_code="P1", definition_hash="x",
                                  period="2025", area_level="region", area_code="veenkolonien",
                                  numerator=value, value=value)  # fmt: skip
    return run


def test_an_export_follows_the_newest_run(demo_world, client_of) -> None:
    client = client_of(Role.PROGRAMME_TEAM)
    url = f"{API}/dhis2/dataValueSet.json"
    _planted_run(25.0, minutes_ago=10)
    first = client.get(url).json()["dataValues"]
    assert [r["value"] for r in first] == ["25"]
    assert client.get(url).json()["dataValues"] == first  # the same document again
    _planted_run(30.0, minutes_ago=1)
    assert [r["value"] for r in client.get(url).json()["dataValues"]] == ["30"]
    adx = client.get(f"{API}/dhis2/adx.xml").content
    assert b'value="30"' in adx
    assert b'value="25"' not in adx
