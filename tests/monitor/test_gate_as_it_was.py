"""The run's gate hides what the gate as it was hid (ADR 0039), over a real run's tables: the
session's synthetic region, the whole catalogue, region, gemeente and wijk, every breakdown,
the real threshold. The reference is the gate with the repair LP built by the old loops and
every LP with HiGHS's presolve (tests/core/test_disclosure_repair_lp.py); every cell's
numbers and flag must be the same, and the repair must have had work to do. The gate runs
as the run calls it (with DOORBRAAK_GATE_WORKERS processes, ADR 0046), the reference in one."""

import copy
from typing import Any

import pytest
from django.conf import settings

from doorbraak.core import disclosure_intervals as di
from doorbraak.monitor import services
from doorbraak.monitor.protection import Table, TableKey, gate_tables
from tests.core.test_disclosure_repair_lp import _loop_reach, _LoopChange, _PresolvedLp

pytestmark = pytest.mark.slow


def _cells(tables: dict[TableKey, Table]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    return {
        (*key, *cell_key): (cell.numerator, cell.denominator, cell.value, cell.suppressed)
        for key, table in tables.items()
        for cell_key, cell in table.cells.items()
    }


@pytest.mark.django_db
def test_the_gate_hides_what_the_gate_as_it_was_hid(
    demo_world: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    captured: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    real = services.gate_tables

    def capture(*args: Any, **kwargs: Any) -> Any:
        captured.append(copy.deepcopy((args, kwargs)))
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "gate_tables", capture)
    services.monitor_run(engine="duckdb", periods=["2025", "2026"])
    (tables, kinds, areas, threshold), kwargs = captured[0]
    assert kwargs["workers"] == settings.GATE_WORKERS
    as_it_was = copy.deepcopy(tables)
    now = gate_tables(tables, kinds, areas, threshold, **kwargs)
    monkeypatch.setattr(di, "_Change", _LoopChange)
    monkeypatch.setattr(di, "_reach", _loop_reach)
    monkeypatch.setattr(di, "_Lp", _PresolvedLp)
    # the reference in one process; the gate above as the run calls it (with its workers)
    before = gate_tables(as_it_was, kinds, areas, threshold, **{**kwargs, "workers": 1})
    assert now.report.repairs > 0  # the repair LP had work to do
    assert now.suppressed > now.by_table_gate  # and hid cells the table gate did not
    expected, found = _cells(as_it_was), _cells(tables)
    differ = [key for key in expected if expected[key] != found[key]]
    assert differ == [], differ[:5]
    assert (now.suppressed, now.report.repairs) == (before.suppressed, before.report.repairs)
