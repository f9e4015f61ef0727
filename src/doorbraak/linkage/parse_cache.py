"""Memoise splink's parsing of the model's SQL (pure: no Django).

splink 4.0.17 re-reads the same SQL with sqlglot every time it writes a query: for every
column a comparison level names it builds a fresh `InputColumn`, parsing the name and four
fixed example strings; it lists the columns of each level's condition and asks of each level
whether it is an exact match, parsing the condition again each time. On FEBRL 4 that was some
12,700 sqlglot parses, more than half of `linker_train`'s time (ADR 0021). Each of these
answers depends only on the text parsed and the SQL dialect, so one parse per text is enough:

- `SqlglotColumnTreeBuilder.from_raw_column_name_or_column_reference` (a frozen dataclass
  per column name and dialect);
- `get_columns_used_from_sql` (column names of a condition; a fresh list is handed out);
- `ComparisonLevel._is_exact_match` (a bool per condition, dialect and ELSE-ness).

`memoise_splink_parsing()` installs the caches once per process; it changes nothing splink
computes (`tests/linkage/test_speed.py` compares the predictions with and without). Tied to
the splink version pinned in requirements.lock: a version without these names fails loudly
at import, not silently.
"""

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from splink.internals import comparison_level, em_training_session, parse_sql, settings
from splink.internals.input_column import SqlglotColumnTreeBuilder

_BUILD = "from_raw_column_name_or_column_reference"
_COLUMNS = "get_columns_used_from_sql"
_EXACT = "_is_exact_match"
_USERS_OF_COLUMNS = (comparison_level, em_training_session, settings)  # import it by name
_installed: list[bool] = []


def memoise_splink_parsing() -> None:
    """Install the three caches (idempotent)."""
    if _installed:
        return
    builder: Any = lru_cache(maxsize=4096)(SqlglotColumnTreeBuilder.__dict__[_BUILD].__func__)
    setattr(SqlglotColumnTreeBuilder, _BUILD, classmethod(builder))
    columns = _columns_cached(getattr(parse_sql, _COLUMNS))
    for module in _USERS_OF_COLUMNS:
        setattr(module, _COLUMNS, columns)
    level = comparison_level.ComparisonLevel
    exact = level.__dict__[_EXACT].fget
    setattr(level, _EXACT, property(_exact_cached(exact)))
    _installed.append(True)


def _columns_cached(original: Callable[..., list[str]]) -> Callable[..., list[str]]:
    @lru_cache(maxsize=4096)
    def cached(sql: str, sqlglot_dialect: str | None, retain_table_prefix: bool) -> tuple[str, ...]:
        return tuple(original(sql, sqlglot_dialect, retain_table_prefix))

    def columns(
        sql: str, sqlglot_dialect: str | None = None, retain_table_prefix: bool = False
    ) -> list[str]:
        return list(cached(sql, sqlglot_dialect, retain_table_prefix))

    return columns


def _exact_cached(original: Callable[[Any], bool]) -> Callable[[Any], bool]:
    known: dict[tuple[str, str, bool], bool] = {}

    def exact(level: Any) -> bool:
        key = (level.sql_condition, level.sqlglot_dialect, level._is_else_level)
        if key not in known:
            known[key] = original(level)
        return known[key]

    return exact
