"""The monitor's DuckDB stays within its memory limit and spills to its own folder (ADR 0045)."""

import os
from pathlib import Path

import duckdb
import pytest
from django.test import override_settings

from doorbraak.monitor.extract import duck_connect


def _setting(connection: duckdb.DuckDBPyConnection, name: str) -> str:
    row = connection.execute(f"SELECT current_setting('{name}')").fetchone()
    assert row is not None
    return str(row[0])


def test_the_settings_reach_duckdb(tmp_path: Path) -> None:
    bounds = override_settings(
        MONITOR_DUCKDB_MEMORY="1GB", MONITOR_DUCKDB_THREADS=1, MONITOR_DUCKDB_TEMP_DIR=tmp_path
    )
    with bounds, duck_connect() as duck:
        assert _setting(duck, "memory_limit") == "953.6 MiB"  # 10^9 bytes
        assert _setting(duck, "threads") == "1"
        assert _setting(duck, "temp_directory") == str(tmp_path)


def test_threads_zero_leaves_duckdb_one_per_core(tmp_path: Path) -> None:
    bounds = override_settings(MONITOR_DUCKDB_THREADS=0, MONITOR_DUCKDB_TEMP_DIR=tmp_path)
    with bounds, duck_connect() as duck:
        assert int(_setting(duck, "threads")) == os.cpu_count()


def test_a_share_of_the_memory_is_accepted(tmp_path: Path) -> None:
    bounds = override_settings(MONITOR_DUCKDB_MEMORY="25%", MONITOR_DUCKDB_TEMP_DIR=tmp_path)
    with bounds, duck_connect() as duck, duckdb.connect() as unbounded:
        # DuckDB's own default is 80 % of the memory
        assert _setting(duck, "memory_limit") != _setting(unbounded, "memory_limit")
        assert _setting(duck, "memory_limit").endswith(("MiB", "GiB"))


@pytest.mark.slow
def test_more_than_the_limit_spills_to_the_folder_instead_of_failing(tmp_path: Path) -> None:
    """Some 130 MB of table and a sort over it under a 64 MB limit: DuckDB writes to the
    spill folder the setting names, and answers."""
    spill = tmp_path / "spill"
    bounds = override_settings(
        MONITOR_DUCKDB_MEMORY="64MB", MONITOR_DUCKDB_THREADS=1, MONITOR_DUCKDB_TEMP_DIR=spill
    )
    with bounds, duck_connect() as duck:
        duck.execute("CREATE TABLE t AS SELECT md5(i::VARCHAR) AS s FROM range(2000000) r(i)")
        rows = duck.execute("SELECT count(*), max(s) FROM (SELECT s FROM t ORDER BY s)")
        assert rows.fetchone() == (2_000_000, "fffffe98d0963d27015c198262d97221")
        spilled = duck.execute("SELECT sum(size) FROM duckdb_temporary_files()").fetchone()
        assert spilled is not None
        assert spilled[0] > 64 * 2**20
        assert any(spill.iterdir())
