"""The gate's LPs solved in forked worker processes hide exactly what one process hides (ADR
0046): the same cells, the same LPs counted, the same rounds. Several independent tables in
one publication, so an audit round has many parts and a repair round several groups."""

from typing import Any

import numpy as np
import pytest

from doorbraak.core import disclosure_intervals as di
from doorbraak.core.disclosure_intervals import Constraint, Publication, Sensitive
from tests.core.test_disclosure_repair_lp import THRESHOLD, _region


def _together(seeds: list[int]) -> Publication:
    """The `_region` of every seed side by side in one publication (names prefixed)."""
    values: dict[Any, float] = {}
    cell_of: dict[Any, Any] = {}
    constraints: list[Constraint] = []
    sensitive: list[Sensitive] = []
    cost: dict[Any, float] = {}
    for seed in seeds:
        pub = _region(seed)

        def named(terms: di.Terms, seed: int = seed) -> di.Terms:
            return tuple(((seed, var), k) for var, k in terms)

        values |= {(seed, var): value for var, value in pub.values.items()}
        cell_of |= {(seed, var): (seed, cell) for var, cell in pub.cell_of.items()}
        constraints += [Constraint(named(c.terms), c.equal) for c in pub.constraints]
        sensitive += [Sensitive(named(q.terms), q.value, (seed, q.label)) for q in pub.sensitive]
        cost |= {(seed, cell): price for cell, price in pub.cost.items()}
    return Publication(values, cell_of, constraints, sensitive, THRESHOLD, cost)


def _counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the workers were handed an audit round and a repair round."""
    calls = {"audit": 0, "repair": 0}
    for name in calls:
        real = getattr(di._Workers, name)

        def counting(self: Any, *args: Any, real: Any = real, name: str = name, **kw: Any) -> Any:
            calls[name] += 1
            return real(self, *args, **kw)

        monkeypatch.setattr(di._Workers, name, counting)
    return calls


@pytest.mark.parametrize("seeds", [[1, 2, 3, 4], [5, 6, 7]])
def test_the_workers_hide_what_one_process_hides(
    seeds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(di, "WORKERS_FROM", 0)  # these publications are small
    pub = _together(seeds)
    hidden = {n for n, v in pub.values.items() if 1 <= v < THRESHOLD and n[1][1] != 0}
    alone, alone_report = di.protect(pub, hidden)
    calls = _counted(monkeypatch)
    forked, forked_report = di.protect(pub, hidden, workers=2)
    assert calls["audit"] > 0  # the workers had rounds to do
    assert calls["repair"] > 0
    assert alone_report.repairs > len(seeds)  # and the repair more than one round
    assert forked == alone
    assert (forked_report.audits, forked_report.repairs, forked_report.rounds) == (
        alone_report.audits,
        alone_report.repairs,
        alone_report.rounds,
    )
    assert forked_report.unprotected == alone_report.unprotected == []


def test_a_repair_group_holds_everything_the_repair_touches() -> None:
    """The groups the repairs are split by: the seeds' tables are separate groups, and within
    one the numbers of a cell, of a relation and of a quantity share their group."""
    pub = _together([1, 2])
    index = di._Index(pub)
    groups = {seed: {int(index.group[i]) for i, n in enumerate(index.names) if n[0] == seed}
              for seed in (1, 2)}  # fmt: skip
    assert len(groups[1]) == len(groups[2]) == 1
    assert groups[1] != groups[2]


@pytest.mark.parametrize("first", [True, False])
def test_an_audit_round_in_the_workers_is_the_round_in_process(first: bool) -> None:
    """Every shortfall with its part, in the same order, and the same quantities settled."""
    pub = _together([1, 2, 3, 4, 5, 6])
    index = di._Index(pub)
    hidden = {n for n, v in pub.values.items() if 1 <= v < THRESHOLD and n[1][1] != 0}
    state = di._hidden_cells(index, hidden)
    settled_alone = np.zeros(len(index.sensitive), dtype=bool)
    alone = di._audit(index, state, settled_alone, first=first)
    settled_forked = np.zeros(len(index.sensitive), dtype=bool)
    with di._Workers.started(index, 2) as workers:
        forked = di._audit(index, state, settled_forked, first=first, workers=workers)
    assert len({part for part, _q, _i in alone[0]}) > 2  # shortfalls in several parts
    assert forked == alone
    assert settled_forked.tolist() == settled_alone.tolist()


def test_a_small_publication_is_solved_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    pub = _together([1])
    assert len(pub.values) < di.WORKERS_FROM
    calls = _counted(monkeypatch)
    hidden = {n for n, v in pub.values.items() if 1 <= v < THRESHOLD and n[1][1] != 0}
    di.protect(pub, hidden, workers=2)
    assert calls == {"audit": 0, "repair": 0}
