"""An in-place edit of an agenda or a procurement changes the monitor's inputs (ADR 0042): it
keeps the table's row count and newest id, so without a digest of the rows an earlier run
would be reused and show the old values."""

import datetime as dt

import pytest

from doorbraak.learning import models as m
from doorbraak.learning.services import activity_record
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Partner
from tests.conftest import catalogue_part

pytestmark = pytest.mark.django_db
YEARS = ["2024", "2025"]


def _run(*codes: str) -> tuple[MonitorRun, bool, dict[tuple[str, str], float | None]]:
    result = monitor_run(periods=YEARS, levels=("region",), definitions=catalogue_part(*codes))
    cells = IndicatorValue.objects.filter(run=result.run, area_level="region", breakdown="")
    return result.run, result.reused, {(c.indicator_code, c.period): c.value for c in cells}


def test_an_edited_agenda_is_not_hidden_by_an_earlier_run(demo_world: None) -> None:
    agenda = activity_record(
        actor=None, record=m.LearningAgenda(title="Leeragenda", adopted_on=dt.date(2024, 3, 1))
    )
    first, _reused, values = _run("E1")
    before = (values[("E1", "2024")], values[("E1", "2025")])
    again, reused, _values = _run("E1")
    assert reused  # nothing changed: the earlier run stands
    assert again.pk == first.pk
    agenda.adopted_on = dt.date(2025, 3, 1)  # the date was wrong: edited in place
    activity_record(actor=None, record=agenda)
    second, reused, values = _run("E1")
    assert not reused
    assert second.pk != first.pk
    assert (values[("E1", "2024")], values[("E1", "2025")]) == (before[0] - 1, before[1] + 1)


def test_an_edited_procurement_is_not_hidden_by_an_earlier_run(demo_world: None) -> None:
    partner = Partner.objects.order_by("code").first()
    procurement = activity_record(
        actor=None,
        record=m.Procurement(
            title="Schuldhulp",
            partner=partner,
            awarded_on=dt.date(2025, 5, 1),
            poverty_conditions=False,
        ),
    )
    first, _reused, values = _run("W3")
    before = values[("W3", "2025")]
    procurement.poverty_conditions = True  # the conditions do name poverty: edited in place
    activity_record(actor=None, record=procurement)
    second, reused, values = _run("W3")
    assert not reused
    assert second.pk != first.pk
    assert values[("W3", "2025")] != before
