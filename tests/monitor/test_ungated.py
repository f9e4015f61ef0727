"""`tables_ungated`: a run's tables before the gate, for the synthetic truth comparison only
(ADR 0020). Every value a run stores unsuppressed is the ungated table's; what the gate hides
is there too."""

import pytest

from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import monitor_run, tables_ungated

pytestmark = pytest.mark.django_db
PERIODS, LEVELS = ["2025"], ["region", "gemeente"]


def test_the_ungated_tables_hold_the_runs_values_and_what_the_gate_hides(
    demo_world: None,
) -> None:
    run = monitor_run(periods=PERIODS, levels=LEVELS).run
    tables = tables_ungated(periods=PERIODS, levels=LEVELS)
    stored = list(IndicatorValue.objects.filter(run=run))
    assert len(stored) == sum(len(table.cells) for table in tables.values())
    hidden = 0
    for value in stored:
        cell = tables[(value.indicator_code, value.period)].cells[
            (value.area_level, value.area_code, value.breakdown, value.breakdown_value)
        ]
        if value.suppressed:
            hidden += cell.numerator is not None
        else:
            assert (cell.numerator, cell.value) == pytest.approx((value.numerator, value.value))
    assert hidden > 0
