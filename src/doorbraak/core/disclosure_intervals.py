"""Protection intervals for hidden cells: the attacker's linear program (pure: no Django).

Whoever reads every published number and knows how the numbers hang together (a total is the
sum of its parts, the five capital counts of a measurement are equal, one indicator's count is
another's numerator, a cumulative count only grows) can compute, for each hidden number, the
interval it must lie in: its minimum and its maximum over all numbers that agree with what is
published. `audit` computes those intervals with an LP solver (HiGHS, through highspy), as
τ-ARGUS's audit and sdcTable's `attack()` do, and checks each sensitive quantity against its
protection interval: the attacker may not be able to rule out that the quantity reaches the
threshold (its maximum must be at least the threshold: τ-ARGUS's upper protection level is
threshold - value). The interval then always holds the true value and the threshold, so no
hidden count is ever pinned to one number nor known to be small.

`protect` repairs every shortfall by hiding more cells, chosen by a second LP in the manner of
the classic LP heuristics for cell suppression (Kelly, Golden and Assad; Fischetti and
Salazar): the cheapest change of published numbers that lifts the quantity to the threshold
while every relation still holds; the cells whose numbers change are hidden. Hiding only ever
widens intervals, so a repaired quantity stays protected and the loop ends. The LPs are solved
per connected part of the hidden numbers; one LP first lifts all of a part's quantities at
once, and every solution settles whichever quantities it already lifts, so most need no LP of
their own. How the attacker's LPs are solved may change (only their optima decide which
quantity is short); the repair LP's solution chooses the cells, so it is built exactly as
before (ADR 0039, tests/core/test_disclosure_repair_lp.py). With `workers`, an audit round's
parts and a repair round's independent groups are solved in forked processes and merged in
order: the same LPs, the same cells (ADR 0046, tests/core/test_disclosure_workers.py).

The attacker modelled here is stronger than a real one: for every hidden number it knows
whether it is zero (a hidden non-zero number is at least min(1, value)), and every relation
that holds as an equality in the true numbers is used as one.
"""

import contextlib
import ctypes
import gc
import math
import multiprocessing
import os
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import cast

import highspy
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

Var = Hashable  # one number of one cell, e.g. (cell, "numerator")
CellId = Hashable
Terms = tuple[tuple[Var, float], ...]  # a linear expression: (variable, coefficient)

TOLERANCE = 1e-6
WORKERS_FROM = 2_000  # numbers; a smaller publication is solved in process (forking costs more)


@dataclass(frozen=True)
class Constraint:
    """sum(coefficient * variable) = 0 (`equal`) or <= 0; true for the true numbers."""

    terms: Terms
    equal: bool


@dataclass(frozen=True)
class Sensitive:
    """A quantity that may not be known to be small: a hidden small count, a small growth."""

    terms: Terms
    value: float  # its true value
    label: Hashable = None  # what a report calls it


@dataclass(frozen=True)
class Interval:
    """What the attacker's LP finds for one sensitive quantity."""

    sensitive: Sensitive
    low: float
    high: float
    threshold: float

    @property
    def protected(self) -> bool:
        """The attacker cannot rule out that the quantity reaches the threshold."""
        return self.high >= self.threshold - TOLERANCE


@dataclass
class Publication:
    """Everything the attacker's LP is made of; `values` are the true numbers."""

    values: Mapping[Var, float]
    cell_of: Mapping[Var, CellId]
    constraints: Sequence[Constraint]
    sensitive: Sequence[Sensitive]
    threshold: int
    cost: Mapping[CellId, float] = field(default_factory=dict)  # of hiding a cell; default 1


@dataclass
class Report:
    """What `protect` did."""

    added: set[CellId] = field(default_factory=set)  # cells hidden besides the given ones
    audits: int = 0  # attacker's LPs solved
    repairs: int = 0  # repair LPs solved
    rounds: int = 0
    unprotected: list[Sensitive] = field(default_factory=list)  # none, unless a repair failed


# --- the solver ----------------------------------------------------------------------------


@cache
def _banner_swallowed() -> bool:
    """HiGHS prints a banner on standard output when the process makes its first solver."""
    sys.stdout.flush()
    saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    try:
        highspy.Highs()
        ctypes.CDLL(None).fflush(None)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)
    return True


class SolverError(RuntimeError):
    """The LP solver gave no answer (internal: the true numbers always satisfy the LP)."""


Row = dict[int, float]  # column -> coefficient
Numbers = Sequence[float] | np.ndarray


class _Lp:
    """One LP, solved for one objective after another (HiGHS keeps the basis: warm starts)."""

    def __init__(self, lower: Numbers, upper: Numbers, *, presolve: bool = True) -> None:
        _banner_swallowed()
        self.h = highspy.Highs()
        self.h.silent()
        # the primal simplex restarts from the last basis, which stays feasible when only
        # the objective changes (about four times faster here than HiGHS's default dual)
        self.h.setOptionValue("simplex_strategy", 4)
        if not presolve:  # the attacker's LPs: small, and only the optimum counts (ADR 0039)
            self.h.setOptionValue("presolve", "off")
        self.inf = self.h.inf
        self.h.addVars(len(lower), self._clip(lower), self._clip(upper))
        self.costed = np.zeros(0, dtype=np.int32)

    def _clip(self, numbers: Numbers) -> np.ndarray:
        return np.clip(np.asarray(numbers, dtype=np.float64), -self.inf, self.inf)

    def rows(self, low: Sequence[float], high: Sequence[float], rows: Sequence[Row]) -> None:
        if not rows:
            return
        starts = np.cumsum([0, *(len(row) for row in rows[:-1])], dtype=np.int32)
        columns = np.fromiter((c for row in rows for c in row), dtype=np.int32)
        coefficients = np.fromiter((k for row in rows for k in row.values()), dtype=np.float64)
        self.matrix(low, high, starts, columns, coefficients)

    def matrix(
        self,
        low: Numbers,
        high: Numbers,
        starts: np.ndarray,
        columns: np.ndarray,
        coefficients: np.ndarray,
    ) -> None:
        """Rows given as a compressed sparse row matrix (`starts`: where each row begins)."""
        self.h.addRows(
            len(starts), self._clip(low), self._clip(high), len(columns),
            starts.astype(np.int32), columns.astype(np.int32), coefficients.astype(np.float64),
        )  # fmt: skip

    def optimum(self, objective: Row, *, maximize: bool) -> tuple[float, np.ndarray]:
        """The optimum (±inf when unbounded, nan when infeasible) and the columns' values."""
        columns = np.fromiter(objective, dtype=np.int32)
        costs = np.fromiter(objective.values(), dtype=np.float64)
        return self.optimum_of(columns, costs, maximize=maximize)

    def optimum_of(
        self, columns: np.ndarray, costs: np.ndarray, *, maximize: bool
    ) -> tuple[float, np.ndarray]:
        """`optimum` with the objective as its columns and their costs."""
        if len(self.costed):
            self.h.changeColsCost(len(self.costed), self.costed, np.zeros(len(self.costed)))
        self.costed = columns.astype(np.int32)
        self.h.changeColsCost(len(self.costed), self.costed, costs.astype(np.float64))
        self.h.changeObjectiveSense(
            highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
        )
        self.h.run()
        status = self.h.getModelStatus()
        solution = np.asarray(self.h.getSolution().col_value, dtype=np.float64)
        if status == highspy.HighsModelStatus.kOptimal:
            return self.h.getInfo().objective_function_value, solution
        if status == highspy.HighsModelStatus.kUnbounded:
            return (math.inf if maximize else -math.inf), solution
        if status == highspy.HighsModelStatus.kInfeasible:
            return math.nan, solution
        raise SolverError(self.h.modelStatusToString(status))


# --- the publication as numbers ---------------------------------------------------------------


class _Index:
    """The publication with every variable and cell numbered (the loops below run often)."""

    def __init__(self, pub: Publication) -> None:
        self.pub = pub
        self.names = list(pub.values)
        number = {var: i for i, var in enumerate(self.names)}
        self.value = np.fromiter(pub.values.values(), dtype=np.float64, count=len(self.names))
        self.floor = np.where(self.value > 0, np.minimum(1.0, self.value), 0.0)
        cells: dict[CellId, int] = {}
        self.cell = np.array(
            [cells.setdefault(pub.cell_of[v], len(cells)) for v in self.names], dtype=np.int64
        )
        self.cell_ids = list(cells)
        self.cell_number = cells
        self.cost = [float(pub.cost.get(c, 1.0)) for c in self.cell_ids]
        self.rows: list[Row] = []
        self.equal: list[bool] = []
        self.touching: list[list[int]] = [[] for _ in self.names]
        for constraint in pub.constraints:
            row: Row = {}
            for name, coefficient in constraint.terms:
                column = number[name]
                row[column] = row.get(column, 0.0) + coefficient
            for column in row:
                self.touching[column].append(len(self.rows))
            self.rows.append(row)
            self.equal.append(constraint.equal)
        values = self.value.tolist()  # the same doubles, summed in the same order, faster
        self.at_truth = [sum(values[c] * k for c, k in row.items()) for row in self.rows]
        self.sensitive = list(pub.sensitive)
        self.quantities: list[Row] = [
            {number[var]: coefficient for var, coefficient in q.terms} for q in self.sensitive
        ]
        self.row_entries = _entries(self.rows)  # (relation, variable) per term, for `_parts`
        self.quantity_entries = _entries(self.quantities)
        # the relations as a sparse matrix, for the repair LPs: where each relation's terms
        # begin, and every term's coefficient (in the order of `row_entries`)
        self.row_start = np.cumsum([0, *(len(row) for row in self.rows)], dtype=np.int64)
        self.row_coefficient = np.fromiter(
            (k for row in self.rows for k in row.values()), dtype=np.float64
        )
        self.equal_array = np.array(self.equal, dtype=bool)
        self.at_truth_array = np.array(self.at_truth, dtype=np.float64)
        self._component: np.ndarray | None = None

    @property
    def component(self) -> np.ndarray:
        """Per variable: its connected part of the graph of all numbers and relations, hidden
        or shown (what a repair may change; computed when a repair first needs it)."""
        if self._component is None:
            n, (row_of, row_var) = len(self.names), self.row_entries
            size = n + len(self.rows)
            graph = coo_matrix(
                (np.ones(len(row_var), dtype=np.int8), (row_var, n + row_of)), (size, size)
            )
            self._component = connected_components(graph, directed=False)[1][:n]
        return self._component

    @cached_property
    def group(self) -> np.ndarray:
        """Per variable: its group, the connected part of the graph of all numbers joined by
        their relations, their cells and the sensitive quantities. A repair reads and hides
        only cells of its quantity's group (its LP's scope is a `component` of the quantity,
        its fallback one relation away, and hiding a cell hides all its numbers)."""
        n, (row_of, row_var) = len(self.names), self.row_entries
        quantity_of, quantity_var = self.quantity_entries
        n_rows, n_cells = len(self.rows), len(self.cell_ids)
        size = n + n_rows + n_cells + len(self.quantities)
        source = np.concatenate([row_var, np.arange(n), quantity_var])
        target = np.concatenate(
            [n + row_of, n + n_rows + self.cell, n + n_rows + n_cells + quantity_of]
        )
        graph = coo_matrix((np.ones(len(source), dtype=np.int8), (source, target)), (size, size))
        return np.asarray(connected_components(graph, directed=False)[1][:n])

    def hidden_vars(self, hidden: np.ndarray) -> np.ndarray:
        """Per variable: whether its cell is hidden."""
        return np.asarray(hidden[self.cell], dtype=bool)


def _entries(rows: Sequence[Row]) -> tuple[np.ndarray, np.ndarray]:
    """Every term of `rows` as (row number, variable), two arrays."""
    of = np.fromiter((n for n, row in enumerate(rows) for _ in row), dtype=np.int64)
    var = np.fromiter((c for row in rows for c in row), dtype=np.int64)
    return of, var


@dataclass
class _Part:
    vars: list[int] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    quantities: list[int] = field(default_factory=list)


def _parts(index: _Index, hidden_var: np.ndarray) -> tuple[list[_Part], list[int]]:
    """The hidden numbers in parts no constraint or quantity connects; and the sensitive
    quantities of shown numbers only (published exactly).

    The connected components of the graph of variables, relations and quantities, each
    relation and quantity joined to its hidden numbers (scipy, once per audit round: a
    union-find in Python over every relation took a quarter of the gate). Parts come in the
    order of their first hidden number, their numbers, relations and quantities in order."""
    n, n_rows = len(index.names), len(index.rows)
    row_of, row_var = index.row_entries
    quantity_of, quantity_var = index.quantity_entries
    in_rows, in_quantities = hidden_var[row_var], hidden_var[quantity_var]
    size = n + n_rows + len(index.quantities)
    source = np.concatenate([row_var[in_rows], quantity_var[in_quantities]])
    target = np.concatenate([n + row_of[in_rows], n + n_rows + quantity_of[in_quantities]])
    graph = coo_matrix((np.ones(len(source), dtype=np.int8), (source, target)), (size, size))
    label = connected_components(graph, directed=False)[1]
    hidden = np.flatnonzero(hidden_var)
    rows = np.unique(row_of[in_rows])
    tied = np.zeros(len(index.quantities), dtype=bool)
    tied[quantity_of[in_quantities]] = True
    quantities = np.flatnonzero(tied)
    first = {int(k): i for i, k in enumerate(label[hidden][_firsts(label[hidden])])}
    parts = [_Part() for _ in first]
    for key, members in _grouped(label[hidden], hidden):
        parts[first[key]].vars = members
    for key, members in _grouped(label[n + rows], rows):
        parts[first[key]].rows = members
    for key, members in _grouped(label[n + n_rows + quantities], quantities):
        parts[first[key]].quantities = members
    exposed = np.flatnonzero(~tied).tolist()
    return [part for part in parts if part.quantities], exposed


def _firsts(labels: np.ndarray) -> np.ndarray:
    """The positions where each label first occurs, in the order of those positions."""
    return np.sort(np.unique(labels, return_index=True)[1])


def _grouped(labels: np.ndarray, items: np.ndarray) -> Iterable[tuple[int, list[int]]]:
    """Per label: its items in their order (`items` ascending), as lists."""
    if not len(labels):
        return
    order = np.argsort(labels, kind="stable")
    keys, starts = np.unique(labels[order], return_index=True)
    for key, members in zip(keys.tolist(), np.split(items[order], starts[1:]), strict=True):
        yield key, members.tolist()


# --- the attacker's LP of one part ---------------------------------------------------------


class _Attack:
    """The attacker's LP of one part: the hidden numbers within their floors, every relation
    with the shown numbers filled in."""

    def __init__(self, index: _Index, part: _Part) -> None:
        self.index = index
        self.column = {var: i for i, var in enumerate(part.vars)}
        self.floors = index.floor[part.vars]
        self.low: list[float] = []
        self.high: list[float] = []
        self.rows: list[Row] = []
        for number in part.rows:
            row, constant = self.split(index.rows[number])
            at_truth = index.at_truth[number] - constant
            self.rows.append(row)
            # bounds from the shown numbers, widened to the true activity (rounding)
            self.low.append(min(-constant, at_truth) if index.equal[number] else -math.inf)
            self.high.append(max(-constant, at_truth))
        self._lp: _Lp | None = None
        self.solved = 0

    @property
    def lp(self) -> _Lp:
        if self._lp is None:
            self._lp = _Lp(self.floors.tolist(), [math.inf] * len(self.floors), presolve=False)
            self._lp.rows(self.low, self.high, self.rows)
        return self._lp

    def split(self, expression: Row) -> tuple[Row, float]:
        """The expression over this part's columns, and the constant the shown numbers add."""
        row: Row = {}
        constant = 0.0
        for var, coefficient in expression.items():
            column = self.column.get(var)
            if column is None:
                constant += coefficient * self.index.value[var]
            else:
                row[column] = coefficient
        return row, constant

    def bound(self, expression: Row, *, maximize: bool) -> tuple[float, np.ndarray]:
        row, constant = self.split(expression)
        self.solved += 1
        best, solution = self.lp.optimum(row, maximize=maximize)
        if math.isnan(best):
            raise SolverError("the attacker's LP has no solution")
        return best + constant, solution

    def lifted(self, quantities: list[int], target: float) -> _Lp:
        """An LP with one more column t per quantity, t <= target and t <= the quantity:
        maximising the sum of the t's lifts every quantity towards the target at once."""
        n = len(self.floors)
        lp = _Lp(
            [*self.floors, *[-math.inf] * len(quantities)],
            [*[math.inf] * n, *[target] * len(quantities)],
            presolve=False,
        )
        rows, low, high = list(self.rows), list(self.low), list(self.high)
        for number, quantity in enumerate(quantities):
            row, constant = self.split(self.index.quantities[quantity])
            rows.append({n + number: 1.0, **{c: -k for c, k in row.items()}})
            low.append(-math.inf)
            high.append(constant)
        lp.rows(low, high, rows)
        return lp


class _Lifting:
    """A part's quantities that have not yet been seen to reach the threshold."""

    def __init__(self, attack: _Attack, quantities: list[int], threshold: float) -> None:
        self.attack, self.quantities, self.threshold = attack, quantities, threshold
        owners, columns, coefficients, constants = [], [], [], []
        for number, quantity in enumerate(quantities):
            row, constant = attack.split(attack.index.quantities[quantity])
            constants.append(constant)
            for column, coefficient in row.items():
                owners.append(number)
                columns.append(column)
                coefficients.append(coefficient)
        self.owners = np.array(owners, dtype=np.int64)
        self.columns = np.array(columns, dtype=np.int64)
        self.coefficients = np.array(coefficients, dtype=np.float64)
        self.constants = np.array(constants, dtype=np.float64)
        self.open = np.ones(len(quantities), dtype=bool)

    def settle(self, solution: np.ndarray) -> int:
        """Close every quantity that reaches the threshold at this solution; how many did."""
        weights = self.coefficients * solution[self.columns]
        values = np.bincount(self.owners, weights=weights, minlength=len(self.constants))
        reached = values + self.constants >= self.threshold - TOLERANCE
        newly = int(np.count_nonzero(self.open & reached))
        self.open &= ~reached
        return newly

    def together(self) -> None:
        """Lift all open quantities in one LP, again while that settles any."""
        if int(np.count_nonzero(self.open)) < 2:
            return
        lp = self.attack.lifted(self.quantities, self.threshold)
        columns = len(self.attack.floors)
        while np.any(self.open):
            objective = {columns + int(i): 1.0 for i in np.flatnonzero(self.open)}
            best, solution = lp.optimum(objective, maximize=True)
            self.attack.solved += 1
            if math.isnan(best) or self.settle(solution[:columns]) == 0:
                return

    def shortfalls(self, *, first: bool = False) -> list[tuple[int, float]]:
        """One LP per quantity still open; each solution may settle others too: the short
        quantities and their maxima. `first`: stop at the first shortfall."""
        short: list[tuple[int, float]] = []
        for number, quantity in enumerate(self.quantities):
            if not self.open[number]:
                continue
            best, solution = self.attack.bound(
                self.attack.index.quantities[quantity], maximize=True
            )
            self.open[number] = False
            if math.isfinite(best):
                self.settle(solution)
            if best < self.threshold - TOLERANCE:
                short.append((quantity, best))
                if first:
                    break
        return short


PartFound = tuple[list[tuple[int, float]], list[int], int]  # short, settled, LPs solved


def _part_found(index: _Index, part: _Part, quantities: list[int], *, first: bool) -> PartFound:
    """The part's shortfalls among `quantities` (those not settled yet): each short quantity
    with its maximum; the quantities it settles (hiding more only widens intervals: a
    settled quantity stays settled); and the LPs solved."""
    attack = _Attack(index, part)
    lifting = _Lifting(attack, quantities, index.pub.threshold)
    lifting.together()
    short = lifting.shortfalls(first=first)
    unsettled = {quantity for quantity, _best in short}
    settled = [
        quantity
        for number, quantity in enumerate(quantities)
        if not lifting.open[number] and quantity not in unsettled
    ]
    return short, settled, attack.solved


def _hidden_cells(index: _Index, hidden: Iterable[CellId]) -> np.ndarray:
    state = np.zeros(len(index.cell_ids), dtype=bool)
    numbers = [index.cell_number.get(cell, -1) for cell in set(hidden)]
    state[[n for n in numbers if n >= 0]] = True
    return state


def intervals(pub: Publication, hidden: Iterable[CellId]) -> list[Interval]:
    """Every sensitive quantity's interval as the attacker computes it (two LPs each; for
    reports and tests: `audit` solves far fewer)."""
    index = _Index(pub)
    parts, exposed = _parts(index, index.hidden_vars(_hidden_cells(index, hidden)))
    found = []
    for quantity in exposed:
        value = index.sensitive[quantity].value
        found.append(Interval(index.sensitive[quantity], value, value, pub.threshold))
    for part in parts:
        attack = _Attack(index, part)
        for quantity in part.quantities:
            expression = index.quantities[quantity]
            low, _ = attack.bound(expression, maximize=False)
            high, _ = attack.bound(expression, maximize=True)
            found.append(Interval(index.sensitive[quantity], low, high, pub.threshold))
    return found


def audit(pub: Publication, hidden: Iterable[CellId]) -> list[Interval]:
    """The sensitive quantities the attacker can tell are below the threshold."""
    index = _Index(pub)
    settled = np.zeros(len(index.sensitive), dtype=bool)
    short, _solved = _audit(index, _hidden_cells(index, hidden), settled)
    return [interval for _part, _quantity, interval in short]


Shortfall = tuple[int, int, Interval]  # part (-1 - quantity when exposed), quantity, interval


def _audit(
    index: _Index,
    hidden: np.ndarray,
    settled: np.ndarray,
    *,
    first: bool = False,
    workers: "_Workers | None" = None,
) -> tuple[list[Shortfall], int]:
    """The shortfalls among the quantities not settled yet, and the LPs solved. `first`: at
    most one shortfall per part. With `workers` the parts are solved in their processes;
    the outcome is the same (each part's LPs are its own), merged in the parts' order."""
    parts, exposed = _parts(index, index.hidden_vars(hidden))
    threshold = index.pub.threshold
    short: list[Shortfall] = []
    for q in exposed:
        value = index.sensitive[q].value
        short.append((-1 - q, q, Interval(index.sensitive[q], value, value, threshold)))
    tasks = [
        (number, part, [q for q in part.quantities if not settled[q]])
        for number, part in enumerate(parts)
        if not settled[part.quantities].all()
    ]
    if workers is not None and len(tasks) > 1:
        found = workers.audit(tasks, first=first)
    else:
        found = [_part_found(index, part, open_, first=first) for _n, part, open_ in tasks]
    solved = 0
    for (part_number, _part, _open), (part_short, part_settled, count) in zip(
        tasks, found, strict=True
    ):
        settled[part_settled] = True
        for quantity, best in part_short:
            interval = Interval(index.sensitive[quantity], -math.inf, best, threshold)
            short.append((part_number, quantity, interval))
        solved += count
    return short, solved


# --- the repair --------------------------------------------------------------------------------


def _reach(index: _Index, start: Iterable[int], steps: int | None) -> list[int]:
    """The variables at most `steps` relations away from `start` (None: any number, which is
    the connected parts of `start`), in order."""
    if steps is None:
        parts = index.component[np.fromiter(start, dtype=np.int64)]
        return np.flatnonzero(np.isin(index.component, parts)).tolist()
    seen = set(start)
    frontier = list(seen)
    while frontier and (steps is None or steps > 0):
        following = []
        for var in frontier:
            for number in index.touching[var]:
                for other in index.rows[number]:
                    if other not in seen:
                        seen.add(other)
                        following.append(other)
        frontier = following
        steps = None if steps is None else steps - 1
    return sorted(seen)


class _Change:
    """The repair LP: deviations from the true numbers that keep every relation.

    Columns: a deviation per hidden number in scope (free, down to its floor, no cost); per
    shown number in scope an increase and a decrease, each costing its cell's cost per unit.
    Numbers outside the scope stay as they are. `scope` is closed under the relations (every
    number of a relation that touches it is in it: `_reach` with no limit), in order. Built
    from arrays (the scope is often tens of thousands of numbers): the LP is the one the
    loops over every number and relation built before, column by column and term by term.
    """

    def __init__(self, index: _Index, hidden_var: np.ndarray, scope: list[int]) -> None:
        self.index = index
        chosen = np.asarray(scope, dtype=np.int64)
        hidden = hidden_var[chosen]
        width = np.where(hidden, 1, 2)  # columns per number
        first = np.cumsum(width) - width  # its first column
        value, floor = index.value[chosen], index.floor[chosen]
        lower, upper = np.zeros(int(width.sum())), np.full(int(width.sum()), math.inf)
        lower[first[hidden]] = (floor - value)[hidden]
        self.shown_first, self.shown_var = first[~hidden], chosen[~hidden]
        upper[self.shown_first + 1] = (value - floor)[~hidden]
        price = np.asarray(index.cost, dtype=np.float64)[index.cell[self.shown_var]]
        self.cost = np.zeros(len(lower))
        self.cost[self.shown_first] = price
        self.cost[self.shown_first + 1] = price
        self.first = dict(zip(chosen.tolist(), first.tolist(), strict=True))
        self.width = np.zeros(len(index.names), dtype=np.int64)
        self.width[chosen] = width
        self.first_of = np.zeros(len(index.names), dtype=np.int64)
        self.first_of[chosen] = first
        self.lp = _Lp(lower, upper)
        self._relations()

    def _relations(self) -> None:
        """Every relation that touches the scope, as the change of its expression."""
        index = self.index
        _row_of, row_var = index.row_entries
        touching = (n for var in self.first for n in index.touching[var])
        numbers = np.unique(np.fromiter(touching, dtype=np.int64))
        lengths = index.row_start[numbers + 1] - index.row_start[numbers]
        terms = np.repeat(index.row_start[numbers] - (np.cumsum(lengths) - lengths), lengths)
        terms += np.arange(len(terms))
        var, coefficient = row_var[terms], index.row_coefficient[terms]
        width = self.width[var]
        term = np.repeat(np.arange(len(var)), width)  # each shown number's term twice
        second = np.arange(len(term)) - np.repeat(np.cumsum(width) - width, width)
        columns = self.first_of[var[term]] + second
        coefficients = np.where(second == 0, 1.0, -1.0) * coefficient[term]
        per_row = np.add.reduceat(width, np.cumsum(lengths) - lengths) if len(width) else width
        starts = np.cumsum(per_row) - per_row
        equal = index.equal_array[numbers]
        above = -index.at_truth_array[numbers]
        low = np.where(equal, 0.0, -math.inf)
        high = np.where(equal, 0.0, np.where(above > 0.0, above, 0.0))
        if len(numbers):
            self.lp.matrix(low, high, starts, columns, coefficients)

    def deviation(self, expression: Row) -> Row:
        """The expression's change, over this LP's columns."""
        row: Row = {}
        for var, coefficient in expression.items():
            first = self.first.get(var)
            if first is None:
                continue
            row[first] = row.get(first, 0.0) + coefficient
            if self.width[var] == 2:
                row[first + 1] = row.get(first + 1, 0.0) - coefficient
        return row

    def cheapest(self, expression: Row, lift: float) -> set[int] | None:
        """The cells whose numbers must change, at least cost, for the expression to grow by
        `lift`; None when no change in scope does it."""
        self.lp.rows([lift], [math.inf], [self.deviation(expression)])
        columns = np.arange(len(self.cost), dtype=np.int32)
        best, solution = self.lp.optimum_of(columns, self.cost, maximize=False)
        if math.isnan(best):
            return None
        moved = solution[self.shown_first] + solution[self.shown_first + 1]
        return set(self.index.cell[self.shown_var[moved > TOLERANCE]].tolist())


def _repair(index: _Index, quantity: int, hidden: np.ndarray) -> set[int] | None:
    """Cells to hide so the quantity can reach the threshold; None when no cells can do it;
    empty when hiding done earlier this round already lets it.

    The change LP is over everything the quantity's relations connect it to, not over its
    neighbourhood first: near a gemeente's count the region's sum is one relation away and
    another gemeente's wijken three, so the cheapest change near it went through the region
    when hiding wijk cells farther away sufficed (ADR 0012, addendum).
    """
    expression = index.quantities[quantity]
    lift = index.pub.threshold - index.sensitive[quantity].value
    scope = _reach(index, expression, None)
    return _Change(index, index.hidden_vars(hidden), scope).cheapest(expression, lift)


Closure = Callable[[set[CellId]], set[CellId]]


def protect(
    pub: Publication,
    hidden: Iterable[CellId],
    *,
    close: Closure | None = None,
    workers: int = 1,
) -> tuple[set[CellId], Report]:
    """The hidden cells grown until the attacker cannot tell of any sensitive quantity that
    it is below the threshold; and what it took. `close` may hide more after each round (the
    table gate's own rules): it gets the cells the round hid and returns the cells it hides
    with them (at least those). `workers` > 1: the LPs of independent parts are solved in as
    many forked processes (the same LPs, the same cells: ADR 0046), when the publication has
    at least `WORKERS_FROM` numbers; 1: all in this process."""
    index = _Index(pub)
    given = set(hidden)
    state = _hidden_cells(index, given)
    report = Report()
    settled = np.zeros(len(index.sensitive), dtype=bool)
    if len(index.names) < WORKERS_FROM:
        workers = 1
    with _Workers.started(index, workers) as pool:
        while True:
            report.rounds += 1
            short, solved = _audit(index, state, settled, first=True, workers=pool)
            report.audits += solved
            if not short:
                break
            before = state.copy()
            _repair_round(index, short, state, report, pool)
            if close is not None:
                state |= _hidden_cells(index, close(_cells_of(index, state & ~before)))
            if not (state & ~before).any():  # nothing more to hide helps: it stays unprotected
                report.unprotected = [interval.sensitive for _p, _q, interval in short]
                break
    final = _cells_of(index, state)
    report.added = final - given
    return final, report


def _cells_of(index: _Index, state: np.ndarray) -> set[CellId]:
    return {index.cell_ids[c] for c in np.flatnonzero(state)}


Repaired = list[int] | None  # the cells a repair hid (None: the part was repaired already)


def _repair_round(
    index: _Index,
    short: list[Shortfall],
    state: np.ndarray,
    report: Report,
    workers: "_Workers | None" = None,
) -> None:
    """Repair one shortfall per part: hiding a cell may lift the part's other quantities
    too, and the next round's audit sees which it did not.

    The repairs run in order. A repair reads and hides only cells of its quantity's group
    (`_Index.group`: everything its LP, its fallback and the cells they hide reach), so the
    repairs of different groups do not see each other: with `workers` each group's repairs
    run in order in a process of their own, and their cells are applied here in the
    shortfalls' order, as if one process had run them all."""
    groups: dict[int, list[int]] = {}  # group -> positions in `short`
    for position, (_part, quantity, _interval) in enumerate(short):
        group = int(index.group[next(iter(index.quantities[quantity]))])
        groups.setdefault(group, []).append(position)
    tasks = [[short[i][:2] for i in positions] for positions in groups.values()]
    if workers is not None and len(tasks) > 1:
        found = workers.repair(tasks, state)
    else:
        found = [_repair_group(index, task, state) for task in tasks]
    done: dict[int, Repaired] = {}
    for positions, results in zip(groups.values(), found, strict=True):
        done.update(zip(positions, results, strict=True))
    for position in range(len(short)):
        cells = done[position]
        if cells is None:
            continue
        report.repairs += 1
        state[cells] = True


def _repair_group(index: _Index, group: list[tuple[int, int]], state: np.ndarray) -> list[Repaired]:
    """One group's repairs in order (`group`: part and quantity each), on a copy of `state`:
    the cells each hid."""
    state = state.copy()
    repaired: set[int] = set()
    found: list[Repaired] = []
    for part, quantity in group:
        if part in repaired:
            found.append(None)
            continue
        changed = _repair(index, quantity, state)
        if changed is None:  # nothing can lift it: hide its relations' cells, check again
            changed = {int(index.cell[v]) for v in _reach(index, index.quantities[quantity], 1)}
        # an empty change: this round's earlier repairs lifted it already, nothing to hide
        if changed:
            repaired.add(part)
        cells = sorted(changed)
        state[cells] = True
        found.append(cells)
    return found


# --- the worker processes ------------------------------------------------------------------

_FORKED: _Index | None = None  # the publication the forked workers solve for


def _audit_task(task: tuple[_Part, list[int], bool]) -> PartFound:
    assert _FORKED is not None  # noqa: S101 - set before the fork
    part, quantities, first = task
    return _part_found(_FORKED, part, quantities, first=first)


def _repair_task(task: tuple[list[tuple[int, int]], np.ndarray]) -> list[Repaired]:
    assert _FORKED is not None  # noqa: S101 - set before the fork
    return _repair_group(_FORKED, *task)


class _Workers:
    """Forked processes that solve a publication's LPs (fork: they share the numbered
    publication instead of receiving it). Only LPs run there: no database, no files."""

    def __init__(self, index: _Index, workers: int) -> None:
        global _FORKED  # what the forked processes inherit
        index.component, index.group  # noqa: B018 - computed once, before the fork
        _FORKED = index
        # HiGHS's scheduler threads do not survive a fork: the workers start their own
        highspy.Highs.resetGlobalScheduler(True)
        # the objects so far out of the collector's way: a worker's collection would touch
        # (and so copy) every page of the publication it shares with this process
        gc.freeze()
        # a worker that dies breaks the pool (an error here), where multiprocessing's Pool
        # would wait for it for ever; forked at the first round
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        self.workers = workers

    @classmethod
    @contextlib.contextmanager
    def started(cls, index: _Index, workers: int) -> Iterator["_Workers | None"]:
        """The workers while the block runs (None when `workers` is 1: all in process)."""
        global _FORKED
        if workers <= 1:
            yield None
            return
        pool = cls(index, workers)
        try:
            yield pool
        finally:
            pool.pool.shutdown(wait=True, cancel_futures=True)
            gc.unfreeze()
            _FORKED = None

    def audit(self, tasks: list[tuple[int, _Part, list[int]]], *, first: bool) -> list[PartFound]:
        """`_part_found` of every task, in their order; the largest parts first out."""
        size = [len(part.vars) + 50 * len(quantities) for _n, part, quantities in tasks]
        order = sorted(range(len(tasks)), key=lambda i: -size[i])
        chunks = _chunks(order, [size[i] for i in order], 8 * self.workers)
        work = [[(tasks[i][1], tasks[i][2], first) for i in chunk] for chunk in chunks]
        found: list[PartFound | None] = [None] * len(tasks)
        for chunk, results in zip(chunks, self.pool.map(_audit_chunk, work), strict=True):
            for i, result in zip(chunk, results, strict=True):
                found[i] = result
        return cast(list[PartFound], found)

    def repair(self, tasks: list[list[tuple[int, int]]], state: np.ndarray) -> list[list[Repaired]]:
        return list(self.pool.map(_repair_task, [(task, state) for task in tasks]))


def _audit_chunk(chunk: list[tuple[_Part, list[int], bool]]) -> list[PartFound]:
    return [_audit_task(task) for task in chunk]


def _chunks(order: list[int], sizes: list[int], count: int) -> list[list[int]]:
    """`order` cut into at most `count` runs of about equal total size."""
    total = sum(sizes) or 1
    chunks: list[list[int]] = [[]]
    filled = 0
    for item, size in zip(order, sizes, strict=True):
        if filled >= total / count and chunks[-1]:
            chunks.append([])
            filled = 0
        chunks[-1].append(item)
        filled += size
    return chunks
