"""No shown total gives away that the hidden cells next to it add up to a small count (a
hidden zero protects nothing); and re-gating from what a table shows (the monitor's stored
cells, for open data) only ever hides more and finds nothing more to hide."""

from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.core.disclosure_gate import (
    Key,
    Relation,
    gate_counts,
    gate_shown,
    is_disclosive,
)
from tests.core.test_disclosure_gate import _table, tables

THRESHOLD = 10


def _hidden_sums_are_safe(shown: dict[Key, int | None], relations: list[Relation]) -> None:
    for relation in relations:
        if shown[relation.parent] is None:
            continue
        members = relation.children
        assert sum(1 for m in (*members, relation.parent) if shown[m] is None) != 1, relation
        rest = shown[relation.parent] - sum(shown[m] or 0 for m in members)  # type: ignore[operator]
        assert not is_disclosive(rest, THRESHOLD), (relation, rest)


def test_is_disclosive_keeps_zero_and_the_threshold_visible() -> None:
    assert [n for n in range(12) if is_disclosive(n, THRESHOLD)] == list(range(1, 10))


def test_a_zero_is_never_the_cell_hidden_next_to_a_small_count() -> None:
    # hiding the 0 next to the 3 would leave 68 - 40 - 25 = 3 to read off
    cells: dict[Key, int] = {("A",): 3, ("B",): 0, ("C",): 40, ("D",): 25, ("R",): 68}
    relations = [Relation(("R",), (("A",), ("B",), ("C",), ("D",)))]
    shown = gate_counts(cells, relations, threshold=THRESHOLD)
    assert shown == {("A",): None, ("B",): 0, ("C",): 40, ("D",): None, ("R",): 68}
    _hidden_sums_are_safe(shown, relations)


def test_a_small_sum_of_hidden_cells_hides_the_next_smallest_non_zero_child() -> None:
    # A and B are small; together 7, which the total minus C would give away
    cells: dict[Key, int] = {("A",): 3, ("B",): 4, ("C",): 12, ("D",): 30, ("R",): 49}
    relations = [Relation(("R",), (("A",), ("B",), ("C",), ("D",)))]
    shown = gate_counts(cells, relations, threshold=THRESHOLD)
    assert shown == {("A",): None, ("B",): None, ("C",): None, ("D",): 30, ("R",): 49}
    _hidden_sums_are_safe(shown, relations)


def test_the_total_goes_when_only_zeros_are_left_to_hide() -> None:
    cells: dict[Key, int] = {("A",): 3, ("B",): 4, ("C",): 0, ("R",): 7}
    relations = [Relation(("R",), (("A",), ("B",), ("C",)))]
    assert gate_counts(cells, relations, threshold=THRESHOLD) == {
        ("A",): None,
        ("B",): None,
        ("C",): 0,
        ("R",): None,
    }


@settings(max_examples=300, deadline=None)
@given(tables)
def test_gate_shows_no_small_count_and_no_small_hidden_sum(
    wijk_counts: list[list[int]],
) -> None:
    cells, relations = _table(wijk_counts)
    shown = gate_counts(cells, relations, threshold=THRESHOLD)
    for key, value in shown.items():
        assert value is None or value == cells[key]
        assert value is None or not is_disclosive(value, THRESHOLD)
    _hidden_sums_are_safe(shown, relations)


@settings(max_examples=200, deadline=None)
@given(tables, st.integers(0, 2**16))
def test_re_gating_what_is_shown_only_hides_more_and_is_stable(
    wijk_counts: list[list[int]], seed: int
) -> None:
    cells, relations = _table(wijk_counts)
    first = gate_counts(cells, relations, threshold=THRESHOLD)
    again = gate_shown(first, relations, threshold=THRESHOLD)
    assert all(again[k] is None for k, v in first.items() if v is None)
    assert again == first  # the gate left nothing for a reader of the table to find
    assert gate_shown(again, relations, threshold=THRESHOLD) == again
    _hidden_sums_are_safe(again, relations)  # type: ignore[arg-type]
