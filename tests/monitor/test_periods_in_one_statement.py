"""Every indicator's periods in one statement (`compile_periods`, ADR 0044) against the
per-period statements it replaced: the compiler as it was at 58712fd, frozen in
`per_period_oracle.py`, one statement per indicator and period. On the session's synthetic
region, for the whole catalogue, every allowed area level and breakdown, years, a half year,
quarters and a month together (a run may mix them), on the test run's database (SQLite, or
PostgreSQL when the suite runs on it) and on DuckDB over the register's extract: every row of
every period identical, numbers to 9 decimals.

The oracle is the old compiler's text, not the new one with a single period: a wrong day in
the `periods` relation (a last day one off, a shifted year) changes the new statement's rows
and not the oracle's. When the compiler's meaning changes on purpose, this test and its oracle
go: the snapshot tests and the engine comparison remain."""

from collections.abc import Callable
from typing import Any

import duckdb
import pytest
from django.db import connection

from doorbraak.core.periods import Period, period_parse
from doorbraak.monitor.compiler import compile_periods
from doorbraak.monitor.definitions import IndicatorDefinitions, parse_definitions_file
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.extract import load_extract
from tests.monitor import per_period_oracle

pytestmark = pytest.mark.slow

PERIODS = [
    period_parse(p)
    for p in ("2023", "2024", "2025", "2026", "2025S2", "2024Q1", "2026Q2", "202403")
]
Rows = list[tuple[Any, ...]]


def _rounded(rows: Rows) -> list[tuple[Any, ...]]:
    def one(x: Any) -> Any:
        if isinstance(x, float) or (x is not None and type(x).__name__ == "Decimal"):
            return round(float(x), 9)
        return x

    return sorted((tuple(one(x) for x in row) for row in rows), key=repr)


def _compared(run: Callable[[str], Rows], dialect: str) -> tuple[int, int, list[str]]:
    """(rows, non-zero values, differences) over the whole catalogue."""
    definitions = parse_definitions_file().definitions
    assert isinstance(definitions, IndicatorDefinitions)
    rows = nonzero = 0
    differ: list[str] = []
    for indicator in definitions.indicators:
        levels = ["region", *[b for b in indicator.breakdowns if b in v.AREA_LEVELS]]
        breakdowns = [None, *[b for b in indicator.breakdowns if b not in v.AREA_LEVELS]]
        shape = {"levels": levels, "breakdowns": breakdowns, "dialect": dialect}
        together = run(
            compile_periods(indicator, definitions=definitions, periods=PERIODS, **shape)
        )
        found: dict[str, Rows] = {p.identifier: [] for p in PERIODS}
        for period, *rest in together:
            found[period].append(tuple(rest))
        period: Period
        for period in PERIODS:
            expected = run(
                per_period_oracle.compile_table(
                    indicator, definitions=definitions, period=period, **shape
                )
            )
            rows += len(expected)
            nonzero += sum(1 for row in expected if row[6] not in (None, 0))
            if _rounded(found[period.identifier]) != _rounded(expected):
                differ.append(f"{indicator.code} {period.identifier}")
    return rows, nonzero, differ


def _on_database(sql: str) -> Rows:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall())


@pytest.mark.django_db
def test_one_statement_per_indicator_yields_every_periods_rows_on_the_database(
    demo_world: None,
) -> None:
    rows, nonzero, differ = _compared(_on_database, connection.vendor)
    assert rows > 5_000  # the catalogue counted something
    assert nonzero > 1_000
    assert differ == []


@pytest.mark.django_db
def test_one_statement_per_indicator_yields_every_periods_rows_on_duckdb(
    demo_world: None,
) -> None:
    duck = duckdb.connect()
    try:
        load_extract(duck)
        rows, nonzero, differ = _compared(lambda sql: duck.execute(sql).fetchall(), "duckdb")
    finally:
        duck.close()
    assert rows > 5_000
    assert nonzero > 1_000
    assert differ == []
