"""The SQL of every indicator is pinned: a change to the compiler or a definition shows up
here as a diff to review. Regenerate on purpose with

    DOORBRAAK_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/monitor -p no:cacheprovider
"""

import os
from pathlib import Path

import pytest

from doorbraak.core.periods import period_parse
from doorbraak.monitor.compiler import DIALECTS, compile_periods
from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.monitor.definitions import vocabulary as v

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("DOORBRAAK_UPDATE_SNAPSHOTS") == "1"
DEFINITIONS = parse_definitions_file().definitions
assert DEFINITIONS is not None
CODES = [i.code for i in DEFINITIONS.indicators]


def _sql(code: str, dialect: str) -> str:
    """The statement `monitor run` executes: every period (here two), every allowed level × the
    total and each breakdown."""
    assert DEFINITIONS is not None
    indicator = DEFINITIONS.get(code)
    assert indicator is not None
    return compile_periods(
        indicator,
        definitions=DEFINITIONS,
        periods=[period_parse("2024"), period_parse("2025")],
        levels=["region", *[b for b in indicator.breakdowns if b in v.AREA_LEVELS]],
        breakdowns=[None, *[b for b in indicator.breakdowns if b not in v.AREA_LEVELS]],
        dialect=dialect,
    )


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("code", CODES)
def test_sql_matches_its_snapshot(code: str, dialect: str) -> None:
    path = SNAPSHOTS / f"{code}.{dialect}.sql"
    sql = _sql(code, dialect)
    if UPDATE:
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}; run with DOORBRAAK_UPDATE_SNAPSHOTS=1"
    assert sql == path.read_text(encoding="utf-8"), (
        f"the SQL of {code} ({dialect}) changed; review the diff and regenerate with "
        "DOORBRAAK_UPDATE_SNAPSHOTS=1"
    )


def test_no_snapshot_is_left_over() -> None:
    expected = {f"{code}.{dialect}.sql" for code in CODES for dialect in DIALECTS}
    assert {path.name for path in SNAPSHOTS.glob("*.sql")} <= expected
