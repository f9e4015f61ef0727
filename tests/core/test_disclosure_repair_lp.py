"""The faster gate hides what the gate hid before (ADR 0039): the repair LP built from arrays
(`core.disclosure_intervals._Change`) is the LP the loops over every number and relation built
(ADR 0012), column by column and term by term, so HiGHS solves the same problem; and the
attacker's LPs without presolve find the same shortfalls.

`_LoopChange` and `_loop_reach` below are those loops as they were and `_PresolvedLp` the LPs
as HiGHS solved them (the reference); a table of areas × categories over three periods, with
small counts, sums that hold and sums that do not, and a cumulative growth, is gated both ways
and every repair LP compared exactly."""

import itertools
import math
import random
from collections.abc import Iterable

import highspy
import numpy as np
import pytest

from doorbraak.core import disclosure_intervals as di
from doorbraak.core.disclosure_intervals import Constraint, Publication, Sensitive

THRESHOLD = 10


def _loop_reach(index: di._Index, start: Iterable[int], steps: int | None) -> list[int]:
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


class _LoopChange:
    """The repair LP as the loops built it (the reference)."""

    def __init__(self, index: di._Index, hidden_var: np.ndarray, scope: list[int]) -> None:
        self.index = index
        lower: list[float] = []
        upper: list[float] = []
        self.cost: list[float] = []
        self.columns: dict[int, tuple[int, ...]] = {}
        self.shown: list[tuple[int, int]] = []
        for var in scope:
            value, floor = index.value[var], index.floor[var]
            first = len(lower)
            if hidden_var[var]:
                self.columns[var] = (first,)
                lower.append(floor - value)
                upper.append(math.inf)
                self.cost.append(0.0)
            else:
                self.columns[var] = (first, first + 1)
                self.shown.append((first, var))
                price = index.cost[index.cell[var]]
                lower += [0.0, 0.0]
                upper += [math.inf, value - floor]
                self.cost += [price, price]
        self.lp = di._Lp(lower, upper)
        numbers = sorted({n for var in scope for n in index.touching[var]})
        rows = [self.deviation(index.rows[n]) for n in numbers]
        low = [0.0 if index.equal[n] else -math.inf for n in numbers]
        high = [0.0 if index.equal[n] else max(0.0, -index.at_truth[n]) for n in numbers]
        self.lp.rows(low, high, rows)

    def deviation(self, expression: di.Row) -> di.Row:
        row: di.Row = {}
        for var, coefficient in expression.items():
            own = self.columns.get(var, ())
            for column, sign in zip(own, (1.0, -1.0), strict=False):
                row[column] = row.get(column, 0.0) + sign * coefficient
        return row

    def cheapest(self, expression: di.Row, lift: float) -> set[int] | None:
        self.lp.rows([lift], [math.inf], [self.deviation(expression)])
        best, solution = self.lp.optimum(dict(enumerate(self.cost)), maximize=False)
        if math.isnan(best):
            return None
        moved = solution[[f for f, _ in self.shown]] + solution[[f + 1 for f, _ in self.shown]]
        return {
            self.index.cell[var]
            for (_f, var), change in zip(self.shown, moved, strict=True)
            if change > di.TOLERANCE
        }


class _PresolvedLp(di._Lp):
    """Every LP with HiGHS's presolve, as before (the attacker's LPs now go without)."""

    def __init__(self, lower: di.Numbers, upper: di.Numbers, *, presolve: bool = True) -> None:
        super().__init__(lower, upper)


def _lp_of(h: highspy.Highs) -> tuple[object, ...]:
    """Everything HiGHS solves: bounds, costs, row bounds and the matrix as HiGHS holds it."""
    lp = h.getLp()
    matrix = lp.a_matrix_
    return (
        list(lp.col_lower_),
        list(lp.col_upper_),
        list(lp.col_cost_),
        list(lp.row_lower_),
        list(lp.row_upper_),
        str(matrix.format_),
        list(matrix.start_),
        list(matrix.index_),
        list(matrix.value_),
    )


def _region(seed: int) -> Publication:
    """Areas (one total over six) × categories (a total over three) × three periods of a
    cumulative count: sums (one that does not hold: a unit counted in two areas), growth
    from period to period, every small count and small growth sensitive."""
    rng = random.Random(seed)
    values: dict[tuple[int, int, int], float] = {}
    for period, area, category in itertools.product(range(3), range(1, 7), range(1, 4)):
        before = values.get((period - 1, area, category), 0.0)
        values[(period, area, category)] = before + rng.choice([0, 1, 2, 3, 8, 20])
    for period, area in itertools.product(range(3), range(1, 7)):
        values[(period, area, 0)] = sum(values[(period, area, c)] for c in range(1, 4))
    for period, category in itertools.product(range(3), range(4)):
        twice = 1.0 if category == 0 and period == 2 else 0.0  # counted in two areas
        values[(period, 0, category)] = sum(values[(period, a, category)] for a in range(1, 7))
        values[(period, 0, category)] -= twice
    constraints = []
    for period in range(3):
        for area in range(7):
            children = [(period, area, c) for c in range(1, 4)]
            constraints.append(_sum((period, area, 0), children, values))
        for category in range(4):
            children = [(period, a, category) for a in range(1, 7)]
            constraints.append(_sum((period, 0, category), children, values))
    sensitive = [Sensitive(((n, 1.0),), v, n) for n, v in values.items() if 1 <= v < THRESHOLD]
    for (period, area, category), value in values.items():
        if period:
            before = (period - 1, area, category)
            constraints.append(Constraint(((before, 1.0), ((period, area, category), -1.0)), False))
            grown = value - values[before]
            if 1 <= grown < THRESHOLD:
                terms = (((period, area, category), 1.0), (before, -1.0))
                sensitive.append(Sensitive(terms, grown, (before, period)))
    cost = {n: (9.0 if n[1] == 0 else 1.0) * (2.0 if n[2] == 0 else 1.0) for n in values}
    return Publication(values, {n: n for n in values}, constraints, sensitive, THRESHOLD, cost)


def _sum(parent: object, children: list[object], values: dict) -> Constraint:  # type: ignore[type-arg]
    equal = values[parent] == sum(values[c] for c in children)
    return Constraint(((parent, 1.0), *((c, -1.0) for c in children)), equal)


Record = list[tuple[str, object]]


def _recording(kind: type, seen: Record) -> type:
    """`kind` (a repair LP) noting every LP HiGHS was given and the cells it chose."""

    class Recorded(kind):  # type: ignore[misc, valid-type]
        def cheapest(self, expression: di.Row, lift: float) -> set[int] | None:
            chosen: set[int] | None = super().cheapest(expression, lift)
            seen.append(("lp", _lp_of(self.lp.h)))
            seen.append(("chosen", None if chosen is None else sorted(map(int, chosen))))
            return chosen

    return Recorded


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_repair_lp_from_arrays_is_the_loops_lp(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    pub = _region(seed)
    hidden = {n for n, v in pub.values.items() if 1 <= v < THRESHOLD and n[1] != 0}
    from_arrays: Record = []
    monkeypatch.setattr(di, "_Change", _recording(di._Change, from_arrays))
    found, report = di.protect(pub, hidden)
    from_loops: Record = []
    monkeypatch.setattr(di, "_Change", _recording(_LoopChange, from_loops))
    monkeypatch.setattr(di, "_reach", _loop_reach)
    monkeypatch.setattr(di, "_Lp", _PresolvedLp)
    expected, reference = di.protect(pub, hidden)
    assert report.repairs > 0  # the repair LP had work to do
    assert (found, report.repairs, report.rounds) == (expected, reference.repairs, reference.rounds)
    assert len(from_arrays) == 2 * report.repairs
    assert from_arrays == from_loops  # every bound, cost and coefficient, in the same order
