"""The one gate for stored values: the monitor's cells as a reader may show them.

A run stores only gated cells (`services.monitor_run`, ADR 0007: a suppressed cell keeps its
coordinates and has no numbers). Every reader gets them from `values_shown`: the monitor's
pages and downloads, the API (values, DHIS2 dataValueSet, ADX) and open data. It passes on no
number of a suppressed cell (not even one a faulty run kept), and when a reader publishes only
a part of a table (open data: the totals per area, without the breakdowns) it gates that part
again from what it shows (`core.disclosure_gate.gate_shown`), which only ever hides more.
Besides the run that writes them, nothing else reads `IndicatorValue` (tests/monitor/
test_gated.py holds the project to that). Each value says whether its period is running: its
run's data stop before the period's last day (`ShownValue.until`, ADR 0018).
"""

import datetime as dt
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from doorbraak.areas.models import Area
from doorbraak.core.area_levels import MONITOR_LEVELS_STORED
from doorbraak.core.disclosure_gate import Key, gate_shown, relations_from_hierarchies
from doorbraak.core.periods import period_parse, period_running, running_label
from doorbraak.monitor.definitions import vocabulary as v
from doorbraak.monitor.models import IndicatorValue, MonitorRun

TOTAL = ""  # the breakdown of a total cell
COUNTS = ("numerator", "denominator")  # what a re-gate protects of an unknown kind


@dataclass(frozen=True)
class ShownValue:
    """A stored cell as it may be shown: a suppressed cell has no numbers."""

    indicator_code: str
    period: str
    area_level: str
    area_code: str
    breakdown: str
    breakdown_value: str
    numerator: float | None
    denominator: float | None
    value: float | None
    suppressed: bool
    run_id: int
    # the last day the run's data cover when they stop before the period ends (the period is
    # running); None for a complete period
    until: dt.date | None = None

    @property
    def running(self) -> str:
        """'lopend jaar, t/m 30 juni 2026' for a running period; '' for a complete one."""
        return running_label(period_parse(self.period), self.until) if self.until else ""


@dataclass(frozen=True)
class StoredCells:
    """Which stored cells: None leaves a coordinate free; breakdown TOTAL ('') is the totals."""

    codes: tuple[str, ...] | None = None
    periods: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    area: str | None = None
    breakdown: str | None = None

    def filters(self) -> dict[str, Any]:
        """ORM lookups; one code, period or level is an equality (SQLite plans `IN (x)` worse)."""
        lookups: dict[str, Any] = {"area_code": self.area, "breakdown": self.breakdown}
        for field, chosen in (
            ("indicator_code", self.codes),
            ("period", self.periods),
            ("area_level", self.levels),
        ):
            if chosen is not None and len(chosen) == 1:
                lookups[field] = chosen[0]
            elif chosen is not None:
                lookups[f"{field}__in"] = chosen
        return {lookup: chosen for lookup, chosen in lookups.items() if chosen is not None}


EVERY_CELL = StoredCells()
_ORDER = ("indicator_code", "period", "area_level", "area_code", "breakdown", "breakdown_value")
_COLUMNS = (*_ORDER, "numerator", "denominator", "value", "suppressed", "run_id")


def values_shown(
    run: MonitorRun | None,
    cells: StoredCells = EVERY_CELL,
    *,
    published: bool = False,
    reported: bool = False,
    window: slice | None = None,
) -> list[ShownValue]:
    """The cells of `run` (None: of every finished run, each with its run) that `cells`
    selects, as they may be shown; in indicator, period, level, area and breakdown order.

    `published`: the cells are a part of their tables that leaves on its own (open data), so
    each indicator × period × category is gated again along the area hierarchy, from what it
    shows. `reported`: only cells with a number to report (the DHIS2 and ADX exports).
    `window`: one page of the cells (not of a published part: that is gated whole).
    """
    if published and (run is None or window is not None):
        raise ValueError("a published part is gated whole, within one run")
    rows = _stored(run, cells)
    if reported and not published:  # left out in the query: less to read on a large export
        rows = rows.filter(suppressed=False, value__isnull=False)
    if window is not None:
        rows = rows[window]
    fetched = _fetched(rows.values_list(*_COLUMNS))
    until = _running_until(run, fetched)
    shown = [_shown(row, until) for row in fetched]
    if published and run is not None:
        shown = _regated(shown, threshold=run.threshold)
    if reported:
        shown = [value for value in shown if not value.suppressed and value.value is not None]
    return shown


def values_count(run: MonitorRun, cells: StoredCells = EVERY_CELL) -> int:
    """How many cells `values_shown(run, cells)` gives (a page's total)."""
    return _stored(run, cells).count()


def run_holding(cells: StoredCells) -> MonitorRun | None:
    """The newest finished run that holds such cells (a later run over one quarter does not
    hide the years of an earlier run)."""
    finished = MonitorRun.objects.filter(status=MonitorRun.Status.DONE).order_by("-id")
    for run in finished.defer("definition_hashes", "fact_batches", "message"):
        # one indexed probe per run (monitor_value_lookup starts with the run); usually the
        # newest run answers, so this is one query
        if IndicatorValue.objects.filter(run=run, **cells.filters()).exists():
            return run
    return None


def codes_stored(run: MonitorRun) -> set[str]:
    """The indicators the run holds cells of."""
    codes = IndicatorValue.objects.filter(run=run).values_list("indicator_code", flat=True)
    return set(codes.distinct())


def breakdowns_stored(cells: StoredCells) -> list[str]:
    """The breakdown dimensions (not the totals) of such cells in any stored run."""
    rows = IndicatorValue.objects.filter(**cells.filters()).exclude(breakdown=TOTAL)
    return list(rows.values_list("breakdown", flat=True).distinct())


def _stored(run: MonitorRun | None, cells: StoredCells) -> QuerySet[IndicatorValue]:
    runs: dict[str, object] = {"run": run}
    if run is None:
        runs = {"run__status": MonitorRun.Status.DONE}
    return IndicatorValue.objects.filter(**runs, **cells.filters()).order_by(*_ORDER, "id")


def _fetched(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a values_list query straight from the cursor: the ORM's per-value
    converters cost more than the query on a large export (floats and 0/1 need none)."""
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # a filter on nothing, such as no periods at all
        return []
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


Running = dict[tuple[int, str], dt.date | None]


def _running_until(run: MonitorRun | None, rows: list[tuple[Any, ...]]) -> Running:
    """Per (run id, period) of the rows: the run's data-until date when the period is running
    (ADR 0018), else None."""
    pairs = {(row[-1], row[1]) for row in rows}
    if run is not None:
        ends = {run.pk: run.data_until}
    else:
        ids = {run_id for run_id, _period in pairs}
        ends = dict(MonitorRun.objects.filter(pk__in=ids).values_list("pk", "data_until"))
    return {
        (run_id, period): ends.get(run_id)
        if period_running(period_parse(period), ends.get(run_id))
        else None
        for run_id, period in pairs
    }


def _shown(row: tuple[Any, ...], until: Running) -> ShownValue:
    code, period, level, area, breakdown, category, numerator, denominator, value, hidden, run = row
    if hidden:  # stored without numbers already; never pass one on even if it were there
        numerator = denominator = value = None
    return ShownValue(code, period, level, area, breakdown, category,
                      numerator, denominator, value, bool(hidden), run,
                      until[(run, period)])  # fmt: skip


# --- The re-gate of a published part ----------------------------------------------------------


def _regated(values: list[ShownValue], *, threshold: int) -> list[ShownValue]:
    """The values with every area hidden that its table's re-gate hides."""
    columns = _protected_columns()
    parents = _area_parents()
    tables: dict[tuple[str, str, str, str], list[ShownValue]] = {}
    for value in values:
        tables.setdefault(_table_of(value), []).append(value)
    hidden = {
        table: _hidden_areas(rows, columns.get(table[0], COUNTS), parents, threshold)
        for table, rows in tables.items()
    }
    return [_without_numbers(v) if v.area_code in hidden[_table_of(v)] else v for v in values]


def _table_of(value: ShownValue) -> tuple[str, str, str, str]:
    return (value.indicator_code, value.period, value.breakdown, value.breakdown_value)


def _without_numbers(value: ShownValue) -> ShownValue:
    return replace(value, numerator=None, denominator=None, value=None, suppressed=True)


def _protected_columns() -> dict[str, tuple[str, ...]]:
    """Per indicator code: the columns whose counts the gate protects (by the rule's kind)."""
    # imported here, not above: `selectors` imports this module, so at the top the import
    # would find `selectors` half-loaded
    from doorbraak.monitor.selectors import definitions_current

    definitions = definitions_current()
    indicators = definitions.indicators if definitions else []
    return {
        i.code: () if v.counts_no_persons(i) else v.GATED.get(i.kind, COUNTS) for i in indicators
    }


def _area_parents() -> dict[str, str | None]:
    """Area code → its parent's code (gemeente → region, wijk → gemeente); newest vintage."""
    areas = Area.objects.filter(level__in=MONITOR_LEVELS_STORED).order_by("vintage")
    return dict(areas.values_list("code", "parent__code"))


def _hidden_areas(
    rows: list[ShownValue],
    columns: Iterable[str],
    parents: dict[str, str | None],
    threshold: int,
) -> set[str]:
    """Area codes of one table to hide: the stored suppression, and whatever else a shown
    total would give away (per protected column, until no column hides more)."""
    hidden = {row.area_code for row in rows if row.suppressed}
    by_area = {row.area_code: row for row in rows}

    def parent_of(code: Hashable) -> Hashable | None:
        return parents.get(str(code))

    relations = relations_from_hierarchies([(code,) for code in by_area], {0: parent_of})
    changed = True
    while changed:
        changed = False
        for column in columns:
            shown: dict[Key, float | None] = {
                (code,): None if code in hidden else _count(row, column)
                for code, row in by_area.items()
            }
            again = gate_shown(shown, relations, threshold=threshold)
            newly = {str(key[0]) for key, number in again.items() if number is None} - hidden
            if newly:
                hidden |= newly
                changed = True
    return hidden


def _count(row: ShownValue, column: str) -> float:
    """A protected column as a count: rounded up (household-years), 0 when there is none."""
    if column == "complement":
        if row.numerator is None or row.denominator is None:
            return 0.0
        number: float | None = row.denominator - row.numerator
    else:
        number = getattr(row, column)
    return float(math.ceil(number)) if number else 0.0
