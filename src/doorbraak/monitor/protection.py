"""The disclosure gate of a monitor run: every table, and everything that ties them together.

A run's tables (one per indicator × period: cells keyed by area level, area, breakdown and
category) pass two gates before anything is stored:

1. per table, the table gate of ADR 0003 (`core.disclosure_gate.gate_counts`: primary
   suppression of counts from 1 up to the threshold, then the classic secondary-suppression
   heuristic along the area hierarchy and the breakdown totals);
2. over the whole run, the protection intervals of ADR 0012
   (`core.disclosure_intervals.protect`): an LP attacker that knows every relation between
   the published numbers (sums over areas and categories, categories that are equal because
   every unit is counted once in each, indicators that share a numerator, cumulative counts
   that only grow, stocks and quarters that make up a year) may not narrow any small count,
   or any small difference between two periods of a cumulative count, to an interval inside
   its protection interval. Where it can, more cells are hidden, and the table gate runs again
   with them (so its own rules keep holding).

Both only ever hide more; the shown numbers are the true ones. With `workers` the first table
gate runs in a forked process beside the model of the publication, and the LPs in forked
workers (ADR 0046); the cells are those of one process. Pure: no Django.
"""

import contextlib
import datetime as dt
import itertools
import math
import multiprocessing
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import cast

from doorbraak.core.disclosure_gate import (
    Key,
    Relations,
    gate_counts,
    is_disclosive,
    relations_from_hierarchies,
)
from doorbraak.core.disclosure_intervals import (
    TOLERANCE,
    WORKERS_FROM,
    CellId,
    Constraint,
    Publication,
    Report,
    Sensitive,
    Var,
    protect,
)
from doorbraak.core.periods import Period, period_parse
from doorbraak.monitor.definitions import IndicatorComputation
from doorbraak.monitor.definitions import vocabulary as v

Areas = dict[str, list[tuple[str, str | None]]]  # per level: (code, parent code)
CellKey = tuple[str, str, str, str]  # area level, area code, breakdown, category
TableKey = tuple[str, str]  # indicator code, period identifier
# The numbers of a cell the attacker's LP is over (per kind); "complement" is their difference.
NUMBERS = {
    kind: tuple(c for c in columns if c != "complement") for kind, columns in v.GATED.items()
}
UP = {"wijk": "gemeente", "gemeente": "region"}  # an area's parent level
# What hiding a cell costs the reader, per area level: the repair hides wijken before gemeenten
# and gemeenten before the region, categories before totals, small counts before large ones.
LEVEL_COST = {"wijk": 1.0, "gemeente": 3.0, "region": 9.0}


@dataclass
class Cell:
    numerator: float | None
    denominator: float | None
    value: float | None
    suppressed: bool = False


@dataclass
class Table:
    """One indicator × period: cells keyed by (area level, area code, breakdown, category)."""

    cells: dict[CellKey, Cell] = field(default_factory=dict)


def number(cell: Cell, column: str) -> float | None:
    """A gated column of a cell; "complement": the denominator minus the numerator."""
    if column == "complement":
        if cell.numerator is None or cell.denominator is None:
            return None
        return cell.denominator - cell.numerator
    found: float | None = getattr(cell, column)
    return found


# --- the table gate --------------------------------------------------------------------------

_GatePart = tuple[dict[Key, CellKey], Relations]  # cells by (area, category), their sums


def table_hidden(
    table: Table, kind: str, areas: Areas, threshold: int, forced: Iterable[CellKey] = ()
) -> set[CellKey]:
    """The cells the table gate hides, with the `forced` ones hidden from the start.

    Coordinates are (area, breakdown category); the area's parent is its gemeente or region,
    a category's parent is the total ''. A breakdown dimension's table holds its categories
    and the totals, so the breakdowns are gated one at a time, each with the totals: a cell
    hidden for one breakdown is hidden in the totals every other breakdown sees, because the
    totals' hidden set only grows and the gate is run again until nothing changes. Each gated
    column is gated on its own; a cell is hidden when any column hides it.
    """
    return _table_hidden(table, kind, _gate_parts(table, areas=areas), threshold, forced)


def _table_hidden(
    table: Table, kind: str, parts: list[_GatePart], threshold: int, forced: Iterable[CellKey]
) -> set[CellKey]:
    """`table_hidden` with the table's parts built already (a run's gate gates a table again
    each round that hides more of it; its parts stay the same)."""
    start = set(forced)
    hidden = set(start)
    for column in v.GATED[kind]:
        hidden |= _gate_column(table, column=column, parts=parts, threshold=threshold, start=start)
    return hidden


def gate_table(table: Table, kind: str, areas: Areas, threshold: int) -> int:
    """Suppress one table in place (both gates, over this table's own relations only); the
    number of suppressed cells. A run gates its tables together: `gate_tables`."""
    return gate_tables({("", ""): table}, {"": kind}, areas, threshold).suppressed


def _gate_parts(table: Table, *, areas: Areas) -> list[_GatePart]:
    """Per breakdown (or the totals alone): its cells with the totals, and their sums."""
    parent_of: dict[Hashable, Hashable | None] = {}
    for level in ("gemeente", "wijk"):
        for code, parent in areas.get(level, ()):
            parent_of[code] = parent
    breakdowns = sorted({key[2] for key in table.cells if key[2]})
    parts: list[_GatePart] = []
    for breakdown in breakdowns or [""]:
        lookup: dict[Key, CellKey] = {
            (k[1], k[3]): k for k in table.cells if k[2] in ("", breakdown)
        }
        relations = relations_from_hierarchies(
            lookup, {0: parent_of.get, 1: lambda c: None if c == "" else ""}
        )
        parts.append((lookup, relations))
    return parts


def _gate_column(
    table: Table, *, column: str, parts: list[_GatePart], threshold: int, start: set[CellKey]
) -> set[CellKey]:
    """The cells hidden for one gated column: each part gated in turn, again until no part
    hides another cell."""
    hidden: set[CellKey] = set(start)
    changed = True
    while changed:
        changed = False
        for cells, relations in parts:
            counts: dict[Key, int] = {}
            for coordinates, key in cells.items():
                found = number(table.cells[key], column)
                count = math.ceil(found) if found is not None else 0
                # a cell hidden for another breakdown stays hidden here (1 is always
                # below the threshold; a hidden cell's own value plays no part)
                counts[coordinates] = 1 if key in hidden else count
            shown = gate_counts(counts, relations, threshold=threshold)
            for shown_at, shown_count in shown.items():
                key = cells[shown_at]
                if shown_count is None and key not in hidden:
                    hidden.add(key)
                    changed = True
    return hidden


# --- the run's gate ----------------------------------------------------------------------------


@dataclass
class GateResult:
    suppressed: int  # cells suppressed in all tables
    by_table_gate: int  # of which the table gate alone would have hidden
    report: Report


def gate_tables(
    tables: Mapping[TableKey, Table],
    kinds: Mapping[str, str],
    areas: Areas,
    threshold: int,
    *,
    indicators: Mapping[str, IndicatorComputation] | None = None,
    workers: int = 1,
) -> GateResult:
    """Suppress a run's tables in place: the table gate per table, then the protection
    intervals over all of them together (with what `indicators` declare: equal categories,
    shared numerators, and their windows). An indicator that counts organisations' deliveries
    (`counts: organisations`, ADR 0033) is about no person: its tables are left as they are.
    `workers`: processes for the protection intervals' LPs (`protect`; the same cells)."""
    tables = {key: table for key, table in tables.items() if _about_persons(indicators, key[0])}
    model = _Model(tables, kinds, areas, threshold, indicators or {})
    # the table gate of every table beside the model of the publication (neither changes a
    # table; the table gate in a forked process when there are workers)
    cells = sum(len(table.cells) for table in tables.values())
    beside = workers if cells >= WORKERS_FROM else 1  # a small run: forking costs more
    with _table_gate_beside((tables, kinds, areas, threshold), beside) as table_gate:
        publication = model.publication()
        hidden = table_gate()
    first = sum(len(cells) for cells in hidden.values())
    start = {(*key, cell) for key, cells in hidden.items() for cell in cells}
    parts: dict[TableKey, list[_GatePart]] = {}  # a table's parts, when a round needs them

    def close(added: set[CellId]) -> set[CellId]:
        """The table gate again, on every table the LP hid a cell of: that table's hidden
        cells now."""
        grown: dict[TableKey, set[CellKey]] = {}
        for cell in added:
            code, period, key = cast(tuple[str, str, CellKey], cell)  # the ids made here
            grown.setdefault((code, period), set()).add(key)
        closed: set[CellId] = set()
        for table_key, new in grown.items():
            own = hidden[table_key] | new
            if own != hidden[table_key]:
                table = tables[table_key]
                if table_key not in parts:
                    parts[table_key] = _gate_parts(table, areas=areas)
                hidden[table_key] = _table_hidden(
                    table, kinds[table_key[0]], parts[table_key], threshold, own
                )
            closed |= {(*table_key, cell) for cell in hidden[table_key]}
        return closed

    _final, report = protect(publication, start, close=close, workers=workers)
    for key, table in tables.items():
        for cell in hidden[key]:
            table.cells[cell] = Cell(None, None, None, suppressed=True)
    total = sum(len(cells) for cells in hidden.values())
    return GateResult(suppressed=total, by_table_gate=first, report=report)


_Run = tuple[Mapping[TableKey, Table], Mapping[str, str], Areas, int]  # tables, kinds, ...
_FORKED: _Run | None = None  # what the forked table gate gates


def _first_hidden(run: _Run) -> dict[TableKey, set[CellKey]]:
    """Every table's cells the table gate hides, on its own."""
    tables, kinds, areas, threshold = run
    return {
        key: _table_hidden(table, kinds[key[0]], _gate_parts(table, areas=areas), threshold, ())
        for key, table in tables.items()
    }


def _first_hidden_sent(writer: Connection) -> None:
    assert _FORKED is not None  # noqa: S101 - set before the fork
    writer.send(_first_hidden(_FORKED))
    writer.close()


@contextlib.contextmanager
def _table_gate_beside(
    run: _Run, workers: int
) -> Iterator[Callable[[], dict[TableKey, set[CellKey]]]]:
    """`_first_hidden` of the run, to be asked for later: with `workers` > 1 computed in a
    forked process meanwhile (it only reads the tables and sends back their hidden keys)."""
    global _FORKED
    if workers <= 1:
        yield lambda: _first_hidden(run)
        return
    _FORKED = run
    reader, writer = multiprocessing.get_context("fork").Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_first_hidden_sent, args=(writer,), daemon=True
    )
    process.start()
    writer.close()

    def received() -> dict[TableKey, set[CellKey]]:
        try:
            found: dict[TableKey, set[CellKey]] = reader.recv()
        except EOFError as error:  # the process died: its traceback is on standard error
            raise RuntimeError("the forked table gate gave no answer") from error
        return found

    try:
        yield received
    finally:
        reader.close()
        process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join()
        _FORKED = None


def _about_persons(indicators: Mapping[str, IndicatorComputation] | None, code: str) -> bool:
    indicator = (indicators or {}).get(code)
    return indicator is None or indicator.counts != "organisations"


class _Model:
    """The attacker's knowledge of a run: its numbers, relations and sensitive quantities."""

    def __init__(
        self,
        tables: Mapping[TableKey, Table],
        kinds: Mapping[str, str],
        areas: Areas,
        threshold: int,
        indicators: Mapping[str, IndicatorComputation],
    ) -> None:
        self.tables, self.kinds, self.threshold = tables, kinds, threshold
        self.indicators = indicators
        self.parent = {code: parent for level in UP for code, parent in areas.get(level, ())}
        self.values: dict[Var, float] = {}
        self.cell_of: dict[Var, CellId] = {}
        self.constraints: list[Constraint] = []
        self.sensitive: list[Sensitive] = []
        self.cost: dict[CellId, float] = {}

    def publication(self) -> Publication:
        for (code, period), table in self.tables.items():
            self._cells(code, period, table)
            self._table_sums(code, period, table)
        for code in sorted({code for code, _period in self.tables}):
            self._declared(code)
            self._periods(code)
        return Publication(
            values=self.values,
            cell_of=self.cell_of,
            constraints=self.constraints,
            sensitive=self.sensitive,
            threshold=self.threshold,
            cost=self.cost,
        )

    # --- cells and their small counts ------------------------------------------------------

    def _cells(self, code: str, period: str, table: Table) -> None:
        kind = self.kinds[code]
        for key, cell in table.cells.items():
            cell_id = (code, period, key)
            for column in NUMBERS[kind]:
                var = (code, period, key, column)
                self.values[var] = number(cell, column) or 0.0
                self.cell_of[var] = cell_id
            counts = [math.ceil(number(cell, c) or 0.0) for c in NUMBERS[kind]]
            size = max(counts) if max(counts) > 0 else self.threshold
            total = 2.0 if key[2] == "" else 1.0
            self.cost[cell_id] = LEVEL_COST.get(key[0], 1.0) * total * (1.0 + size)
            if "complement" in v.GATED[kind]:
                numerator, denominator = (code, period, key, "numerator"), (*cell_id, "denominator")
                self.constraints.append(Constraint(((numerator, 1.0), (denominator, -1.0)), False))
            for column in v.GATED[kind]:
                self._small(cell_id, number(cell, column) or 0.0, column)

    def _small(self, cell_id: tuple[str, str, CellKey], found: float, column: str) -> None:
        """A sensitive quantity when the column's number (`found`) is a small count."""
        if not is_disclosive(math.ceil(found), self.threshold):
            return
        if column == "complement":
            terms: tuple[tuple[Var, float], ...] = (
                ((*cell_id, "denominator"), 1.0),
                ((*cell_id, "numerator"), -1.0),
            )
        else:
            terms = (((*cell_id, column), 1.0),)
        self.sensitive.append(Sensitive(terms, found, (*cell_id, column)))

    # --- sums within a table ----------------------------------------------------------------

    def _table_sums(self, code: str, period: str, table: Table) -> None:
        """Areas add up to their parent area; categories add up to the total."""
        groups: dict[CellKey, list[CellKey]] = {}
        for key in table.cells:
            level, area, breakdown, category = key
            up = self.parent.get(area)
            if (
                level in UP
                and up is not None
                and (UP[level], up, breakdown, category) in table.cells
            ):
                groups.setdefault((UP[level], up, breakdown, category), []).append(key)
        by_breakdown: dict[tuple[CellKey, str], list[CellKey]] = {}
        for key in table.cells:
            if key[2] and (key[0], key[1], "", "") in table.cells:
                by_breakdown.setdefault(((key[0], key[1], "", ""), key[2]), []).append(key)
        for column in NUMBERS[self.kinds[code]]:
            for parent, children in [
                *groups.items(),
                *((p, c) for (p, _b), c in by_breakdown.items()),
            ]:
                self._sum(
                    (code, period, parent, column), [(code, period, c, column) for c in children]
                )

    def _sum(self, parent: Var, children: Sequence[Var]) -> None:
        """parent = sum(children) where the true numbers say so; otherwise the inequalities
        that hold (a unit counted in two wijken, or in two categories, counts once above)."""
        total = self.values[parent]
        parts = sum(self.values[c] for c in children)
        minus = tuple((c, -1.0) for c in children)
        if abs(total - parts) <= TOLERANCE * max(1.0, abs(total)):
            self.constraints.append(Constraint(((parent, 1.0), *minus), True))
            return
        if total <= parts:
            self.constraints.append(Constraint(((parent, 1.0), *minus), False))
        for child in children:
            if self.values[child] <= total:
                self.constraints.append(Constraint(((child, 1.0), (parent, -1.0)), False))

    def _equal(self, one: Var, other: Var) -> None:
        """one = other, where the true numbers are equal (a declaration the data does not
        bear out is no knowledge an attacker can use)."""
        if one not in self.values or other not in self.values:
            return
        if abs(self.values[one] - self.values[other]) <= TOLERANCE:
            self.constraints.append(Constraint(((one, 1.0), (other, -1.0)), True))

    # --- what the definitions declare ---------------------------------------------------------

    def _declared(self, code: str) -> None:
        indicator = self.indicators.get(code)
        if indicator is None:
            return
        periods = [p for c, p in self.tables if c == code]
        for period in periods:
            cells = self.tables[(code, period)].cells
            for breakdown in indicator.equal_categories:
                self._equal_categories(code, period, cells, breakdown)
            for other in indicator.same_numerator:
                for key in cells:
                    self._equal((code, period, key, "numerator"), (other, period, key, "numerator"))

    def _equal_categories(
        self, code: str, period: str, cells: Mapping[CellKey, Cell], breakdown: str
    ) -> None:
        """Every unit counts once in each category: the categories of an area are equal."""
        by_area: dict[tuple[str, str], list[CellKey]] = {}
        for key in sorted(cells):
            if key[2] == breakdown:
                by_area.setdefault((key[0], key[1]), []).append(key)
        for keys in by_area.values():
            for column in NUMBERS[self.kinds[code]]:
                for one, other in itertools.pairwise(keys):
                    self._equal((code, period, one, column), (code, period, other, column))

    # --- relations between periods -------------------------------------------------------------

    def _periods(self, code: str) -> None:
        indicator = self.indicators.get(code)
        if indicator is None:  # a table gated on its own: no periods to relate
            return
        window = indicator.window
        periods = sorted(
            (period_parse(p) for c, p in self.tables if c == code), key=lambda p: (p.end, -p.months)
        )
        if window in ("cumulative", "stock"):
            self._same_end(code, periods)
        if window == "cumulative":
            self._growth(code, periods)
        if window == "flow":
            self._tiled(code, periods)

    def _keys(self, code: str, period: Period) -> Iterable[tuple[CellKey, str]]:
        cells = self.tables[(code, period.identifier)].cells
        return ((key, column) for key in cells for column in NUMBERS[self.kinds[code]])

    def _same_end(self, code: str, periods: Sequence[Period]) -> None:
        """A stock or cumulative count of a year is that of its last quarter."""
        for one, other in itertools.pairwise(periods):
            if one.end == other.end:
                for key, column in self._keys(code, one):
                    self._equal(
                        (code, one.identifier, key, column), (code, other.identifier, key, column)
                    )

    def _growth(self, code: str, periods: Sequence[Period]) -> None:
        """A cumulative count only grows; what it grew by between two periods is a count of
        new units, protected like any other count."""
        ends: dict[dt.date, Period] = {}
        for period in periods:
            ends.setdefault(period.end, period)
        ordered = [ends[end] for end in sorted(ends)]
        for earlier, later in itertools.pairwise(ordered):
            for key, column in self._keys(code, later):
                before = (code, earlier.identifier, key, column)
                after = (code, later.identifier, key, column)
                if before not in self.values:
                    continue
                grown = self.values[after] - self.values[before]
                if grown >= 0:
                    self.constraints.append(Constraint(((before, 1.0), (after, -1.0)), False))
                if is_disclosive(math.ceil(grown), self.threshold):
                    label = (code, f"{earlier.identifier}-{later.identifier}", key, column)
                    terms = ((after, 1.0), (before, -1.0))
                    self.sensitive.append(Sensitive(terms, grown, label))

    def _tiled(self, code: str, periods: Sequence[Period]) -> None:
        """A flow over a year is the sum of its quarters (or months), when all are there."""
        for whole in periods:
            inside = [p for p in periods if whole.start <= p.start and p.end <= whole.end]
            for months in sorted({p.months for p in inside if p.months < whole.months}):
                parts = [p for p in inside if p.months == months]
                if len(parts) * months != whole.months:
                    continue
                for key, column in self._keys(code, whole):
                    self._sum(
                        (code, whole.identifier, key, column),
                        [(code, p.identifier, key, column) for p in parts],
                    )
