"""The DuckDB engine against the database engine over every cell of a whole run: the
session's synthetic region (1,500 households), every indicator of the catalogue, every year
from 2023, region, gemeente and wijk, every breakdown, at the real disclosure threshold, so
the gate and its protection intervals see the same tables too (ADR 0034: the condition for
DuckDB as the default engine)."""

from typing import Any

import pytest

from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.services import monitor_run

pytestmark = pytest.mark.slow


def _cells(run: MonitorRun) -> dict[tuple[str, ...], tuple[Any, ...]]:
    return {
        (v.indicator_code, v.period, v.area_level, v.area_code, v.breakdown, v.breakdown_value): (
            v.definition_hash,
            None if v.numerator is None else round(v.numerator, 9),
            None if v.denominator is None else round(v.denominator, 9),
            None if v.value is None else round(v.value, 9),
            v.suppressed,
        )
        for v in run.values.all()
    }


@pytest.mark.django_db
def test_every_cell_of_a_region_run_is_the_same_on_both_engines(demo_world: None) -> None:
    on_database = monitor_run(engine="database").run
    expected, counts = _cells(on_database), (on_database.value_count, on_database.suppressed_count)
    MonitorRun.objects.all().delete()  # the same inputs would reuse the stored run
    on_duckdb = monitor_run(engine="duckdb").run
    assert (on_database.engine, on_duckdb.engine) == ("database", "duckdb")
    found = _cells(on_duckdb)
    assert len(expected) > 10_000
    assert len({key[0] for key in expected}) == on_database.indicator_count
    assert sum(1 for cell in expected.values() if cell[4]) > 100  # the gate had work to do
    assert sum(1 for cell in expected.values() if cell[3] not in (None, 0)) > 1000
    differ = [key for key in expected.keys() | found.keys() if expected.get(key) != found.get(key)]
    assert differ == [], [(key, expected.get(key), found.get(key)) for key in differ[:5]]
    assert (on_duckdb.value_count, on_duckdb.suppressed_count) == counts
