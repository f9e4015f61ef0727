"""The disclosure gate on hierarchical tables: proved on random tables with hypothesis."""

from collections.abc import Hashable

from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.core.disclosure_gate import (
    Key,
    Relation,
    gate_counts,
    gate_rates,
    relations_from_hierarchies,
)

THRESHOLD = 10
AGES = ("kind", "jongere", "volwassene")


def _table(wijk_counts: list[list[int]]) -> tuple[dict[Key, int], list[Relation]]:
    """Buurten under wijken under one gemeente, crossed with age groups, all totals included."""
    parent: dict[Hashable, Hashable | None] = {"GM": None}
    leaves: dict[Key, int] = {}
    for w, buurten in enumerate(wijk_counts):
        parent[f"WK{w}"] = "GM"
        for b, count in enumerate(buurten):
            parent[f"BU{w}{b}"] = f"WK{w}"
            for a, age in enumerate(AGES):
                leaves[(f"BU{w}{b}", age)] = (count * (a + 1)) % 37

    def ancestors(area: Hashable) -> list[Hashable]:
        chain = [area]
        while (up := parent[chain[-1]]) is not None:
            chain.append(up)
        return chain

    cells: dict[Key, int] = {}
    for (buurt, age), value in leaves.items():
        for area in ancestors(buurt):
            for group in (age, "alle"):
                cells[(area, group)] = cells.get((area, group), 0) + value
    age_parent = {age: "alle" for age in AGES} | {"alle": None}
    relations = relations_from_hierarchies(cells, {0: parent.get, 1: age_parent.get})
    return cells, relations


tables = st.lists(st.lists(st.integers(0, 40), min_size=1, max_size=4), min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(tables)
def test_no_small_count_is_shown(wijk_counts: list[list[int]]) -> None:
    cells, relations = _table(wijk_counts)
    for value in gate_counts(cells, relations, threshold=THRESHOLD).values():
        assert value is None or value == 0 or value >= THRESHOLD


@settings(max_examples=200, deadline=None)
@given(tables)
def test_no_hidden_cell_follows_from_a_sum(wijk_counts: list[list[int]]) -> None:
    cells, relations = _table(wijk_counts)
    shown = gate_counts(cells, relations, threshold=THRESHOLD)
    for relation in relations:
        members = (*relation.children, relation.parent)
        assert sum(1 for m in members if shown[m] is None) != 1, relation


@settings(max_examples=200, deadline=None)
@given(tables)
def test_sums_hold_among_the_cells_that_are_shown(wijk_counts: list[list[int]]) -> None:
    cells, relations = _table(wijk_counts)
    for relation in relations:
        assert cells[relation.parent] == sum(cells[c] for c in relation.children)


def test_a_lone_small_buurt_takes_a_neighbour_with_it() -> None:
    cells = {("BU1",): 3, ("BU2",): 25, ("BU3",): 40, ("WK",): 68}
    relations = [Relation(("WK",), (("BU1",), ("BU2",), ("BU3",)))]
    shown = gate_counts(cells, relations, threshold=THRESHOLD)
    assert shown == {("BU1",): None, ("BU2",): None, ("BU3",): 40, ("WK",): 68}


def test_rates_hide_when_numerator_or_denominator_is_small() -> None:
    numerators = {("a",): 12, ("b",): 3, ("c",): 12}
    denominators = {("a",): 40, ("b",): 40, ("c",): 8}
    rates = gate_rates(numerators, denominators, [], threshold=THRESHOLD)
    assert rates == {("a",): 0.3, ("b",): None, ("c",): None}
