"""An attacker of published monitor values, written apart from the gate's own code.

Given what is published (per cell: its numbers, or None when hidden) and the true numbers of
every cell, it writes down everything it knows as one linear program per connected set of
hidden numbers and asks HiGHS, for every hidden small count (and every small growth of a
cumulative count), how large it could be. A quantity whose maximum stays below the threshold
is *pinned*: the attacker knows it is small. The attacker is stronger than a real one: it
knows which hidden numbers are zero (every other hidden number is at least 1) and which sums
are exact, because it reads that from the true numbers.

What it knows besides the numbers (stated here, not read from the indicator definitions):
areas add up to their parent area, categories to the total, a share's numerator is at most
its denominator, the capital categories of P6 and P6-HERHAALD are equal, D3 is the numerator
of D3-AANDEEL, and D1 and D8 are cumulative (they only grow from year to year).
"""

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import highspy
import numpy as np

Coordinates = tuple[str, str, str, str, str, str]  # code, period, level, area, breakdown, cat
Numbers = tuple[float | None, float | None]  # numerator, denominator
Name = tuple[Coordinates, str]  # a number: its cell and "numerator" or "denominator"
Equation = tuple[dict[Name, float], bool]  # sum(coefficient * number) = 0 (True) or <= 0
Target = tuple[dict[Name, float], float, tuple[object, ...]]  # expression, true value, label

EQUAL_CATEGORIES = {"P6": "capital", "P6-HERHAALD": "capital"}
SAME_NUMERATOR = (("D3", "D3-AANDEEL"),)
CUMULATIVE = ("D1", "D8")
COUNTED = {
    "count": ("numerator",),
    "count_distinct": ("numerator",),
    "median": ("numerator",),
    "mean_difference": ("denominator",),
    "share": ("numerator", "denominator"),
    "ratio": ("numerator", "denominator"),
    "reference_share": ("numerator",),  # its denominator is a published figure, not a count
}


@dataclass(frozen=True)
class Pinned:
    what: tuple[object, ...]
    value: float
    maximum: float


class Attack:
    def __init__(
        self,
        published: Mapping[Coordinates, Numbers | None],
        truth: Mapping[Coordinates, Numbers],
        kinds: Mapping[str, str],
        parent: Mapping[str, str],
        threshold: int,
    ) -> None:
        self.published, self.truth, self.kinds = published, truth, kinds
        self.parent, self.threshold = parent, threshold
        self.true: dict[Name, float] = {}
        for cell, numbers in truth.items():
            for column in COUNTED[kinds[cell[0]]]:
                number = numbers[0] if column == "numerator" else numbers[1]
                self.true[(cell, column)] = number or 0.0
        self.equations: list[Equation] = []
        self.targets: list[Target] = []

    def hidden(self, name: Name) -> bool:
        return self.published.get(name[0]) is None

    # --- what the attacker writes down ---------------------------------------------------

    def know(self) -> None:
        groups: dict[tuple[Name, str], list[Name]] = {}
        for cell in self.truth:
            code, period, level, area, breakdown, category = cell
            for column in COUNTED[self.kinds[code]]:
                up = self.parent.get(area)
                above = (code, period, _level_above(level), up, breakdown, category)
                if up is not None and above in self.truth:
                    groups.setdefault(((above, column), "area"), []).append((cell, column))
                total = (code, period, level, area, "", "")
                if breakdown and total in self.truth:
                    groups.setdefault(((total, column), breakdown), []).append((cell, column))
        for (whole, _why), parts in groups.items():
            self.add_sum(whole, parts)
        self.know_shares()
        self.know_declared()
        self.know_growth()

    def add_sum(self, whole: Name, parts: list[Name]) -> None:
        if abs(self.true[whole] - sum(self.true[p] for p in parts)) < 1e-6:
            self.equations.append(({whole: 1.0, **{p: -1.0 for p in parts}}, True))
            return
        if self.true[whole] <= sum(self.true[p] for p in parts):
            self.equations.append(({whole: 1.0, **{p: -1.0 for p in parts}}, False))
        for part in parts:
            if self.true[part] <= self.true[whole]:
                self.equations.append(({part: 1.0, whole: -1.0}, False))

    def add_equal(self, one: Name, other: Name) -> None:
        if one in self.true and other in self.true and self.true[one] == self.true[other]:
            self.equations.append(({one: 1.0, other: -1.0}, True))

    def know_shares(self) -> None:
        for cell in self.truth:
            if self.kinds[cell[0]] == "share":
                numerator, denominator = (cell, "numerator"), (cell, "denominator")
                self.equations.append(({numerator: 1.0, denominator: -1.0}, False))

    def know_declared(self) -> None:
        by_area: dict[tuple[object, ...], list[Coordinates]] = {}
        for cell in sorted(self.truth):
            if EQUAL_CATEGORIES.get(cell[0]) == cell[4]:
                by_area.setdefault(cell[:5], []).append(cell)
        for cells in by_area.values():
            for one, other in itertools.pairwise(cells):
                for column in COUNTED[self.kinds[one[0]]]:
                    self.add_equal((one, column), (other, column))
        for code, other in SAME_NUMERATOR:
            for cell in self.truth:
                if cell[0] == code:
                    self.add_equal((cell, "numerator"), ((other, *cell[1:]), "numerator"))

    def know_growth(self) -> None:
        for cell in self.truth:
            code, period = cell[0], cell[1]
            before = (code, str(int(period) - 1), *cell[2:]) if period.isdigit() else None
            if code not in CUMULATIVE or before not in self.truth:
                continue
            later, earlier = (cell, "numerator"), (before, "numerator")
            grown = self.true[later] - self.true[earlier]
            if grown >= 0:
                self.equations.append(({earlier: 1.0, later: -1.0}, False))
            if 1 <= math.ceil(grown) < self.threshold:
                self.targets.append(({later: 1.0, earlier: -1.0}, grown, ("growth", cell)))

    def small(self) -> None:
        for cell, numbers in self.truth.items():
            if self.published.get(cell) is not None:
                continue
            counted = COUNTED[self.kinds[cell[0]]]
            for column in counted:
                if 1 <= math.ceil(self.true[(cell, column)]) < self.threshold:
                    self.targets.append(
                        ({(cell, column): 1.0}, self.true[(cell, column)], (cell, column))
                    )
            if self.kinds[cell[0]] == "share":
                rest = (numbers[1] or 0.0) - (numbers[0] or 0.0)
                if 1 <= math.ceil(rest) < self.threshold:
                    terms = {(cell, "denominator"): 1.0, (cell, "numerator"): -1.0}
                    self.targets.append((terms, rest, (cell, "complement")))

    # --- solving ---------------------------------------------------------------------------

    def pinned(self) -> list[Pinned]:
        self.know()
        self.small()
        found = []
        for group, equations, targets in self.components():
            solver = _Solver(group, equations, self.true)
            for terms, value, what in targets:
                best = solver.maximum(terms)
                if best < self.threshold - 1e-6:
                    found.append(Pinned(what, value, best))
        return found

    def components(self) -> Iterable[tuple[list[Name], list[Equation], list[Target]]]:
        """The hidden numbers in connected sets, each with its equations and targets."""
        up: dict[Name, Name] = {}
        for terms, _equal in self.equations:
            _tie(up, [n for n in terms if self.hidden(n)] or [next(iter(terms))])
        for terms, _value, _what in self.targets:
            _tie(up, list(terms))
        members: dict[Name, list[Name]] = {}
        for name in self.true:
            if self.hidden(name):
                members.setdefault(_root(up, name), []).append(name)
        equations: dict[Name, list[Equation]] = {}
        for terms, equal in self.equations:
            own = [n for n in terms if self.hidden(n)]
            if own:
                equations.setdefault(_root(up, own[0]), []).append((terms, equal))
        targets: dict[Name, list[Target]] = {}
        for target in self.targets:
            targets.setdefault(_root(up, next(iter(target[0]))), []).append(target)
        for key, own_targets in targets.items():
            yield members.get(key, []), equations.get(key, []), own_targets


def _root(up: dict[Name, Name], name: Name) -> Name:
    while up.get(name, name) != name:
        name = up[name]
    return name


def _tie(up: dict[Name, Name], names: list[Name]) -> None:
    for other in names[1:]:
        first, second = _root(up, names[0]), _root(up, other)
        if first != second:
            up[second] = first


class _Solver:
    """max of an expression over the hidden numbers of one component."""

    def __init__(
        self, names: list[Name], equations: list[Equation], true: Mapping[Name, float]
    ) -> None:
        self.true = true
        self.column = {name: i for i, name in enumerate(names)}
        self.h = highspy.Highs()
        self.h.silent()
        inf = self.h.inf
        lower = np.array([min(1.0, true[n]) if true[n] > 0 else 0.0 for n in names])
        self.h.addVars(len(names), lower, np.full(len(names), inf))
        for terms, equal in equations:
            columns, coefficients, constant = [], [], 0.0
            for name, coefficient in terms.items():
                if name in self.column:
                    columns.append(self.column[name])
                    coefficients.append(coefficient)
                else:
                    constant += coefficient * true[name]
            activity = sum(true[n] * k for n, k in terms.items()) - constant
            low = activity if equal else -inf
            self.h.addRow(
                low,
                activity if equal else max(activity, -constant),
                len(columns),
                np.array(columns, dtype=np.int32),
                np.array(coefficients),
            )

    def maximum(self, terms: Mapping[Name, float]) -> float:
        constant = sum(k * self.true[n] for n, k in terms.items() if n not in self.column)
        costs = np.zeros(self.h.getNumCol())
        for name, coefficient in terms.items():
            if name in self.column:
                costs[self.column[name]] = coefficient
        if not costs.any():
            return constant
        self.h.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h.run()
        if self.h.getModelStatus() == highspy.HighsModelStatus.kUnbounded:
            return math.inf
        assert self.h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        return self.h.getInfo().objective_function_value + constant


def _level_above(level: str) -> str:
    return {"wijk": "gemeente", "gemeente": "region"}.get(level, "")


def pinned(
    published: Mapping[Coordinates, Numbers | None],
    truth: Mapping[Coordinates, Numbers],
    kinds: Mapping[str, str],
    parent: Mapping[str, str],
    threshold: int,
) -> list[Pinned]:
    """Every hidden small count or small growth the attacker can tell is below the threshold."""
    return Attack(published, truth, kinds, parent, threshold).pinned()
