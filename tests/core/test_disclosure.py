"""Disclosure control: no count between 1 and the threshold is shown, and no suppressed cell
can be recomputed from a column total and the visible cells."""

from hypothesis import given
from hypothesis import strategies as st

from doorbraak.core.disclosure import safe_total, suppress_table

THRESHOLD = 10
counts = st.integers(min_value=0, max_value=60)
tables = st.dictionaries(
    st.sampled_from([f"g{i}" for i in range(8)]),
    st.fixed_dictionaries({"a": counts, "b": counts}),
    min_size=1,
)


def test_small_counts_are_hidden_and_zero_and_large_are_shown() -> None:
    table = {"x": {"a": 0}, "y": {"a": 9}, "z": {"a": 10}, "w": {"a": 50}}
    safe = suppress_table(table, threshold=THRESHOLD)
    assert safe["x"]["a"] == 0
    assert safe["y"]["a"] is None
    assert safe["w"]["a"] == 50


def test_a_lone_suppressed_cell_takes_the_smallest_other_cell_with_it() -> None:
    table = {"x": {"a": 3}, "y": {"a": 12}, "z": {"a": 40}}
    safe = suppress_table(table, threshold=THRESHOLD)
    assert safe["x"]["a"] is None
    assert safe["y"]["a"] is None
    assert safe["z"]["a"] == 40


@given(tables)
def test_no_visible_cell_is_disclosive(table: dict[str, dict[str, int]]) -> None:
    safe = suppress_table(table, threshold=THRESHOLD)
    for row in safe.values():
        for value in row.values():
            assert value is None or value == 0 or value >= THRESHOLD


@given(tables)
def test_no_suppressed_cell_follows_from_the_total(table: dict[str, dict[str, int]]) -> None:
    safe = suppress_table(table, threshold=THRESHOLD)
    for column in ("a", "b"):
        hidden = [row for row in safe if safe[row][column] is None]
        if safe_total(table, column, threshold=THRESHOLD) is not None:
            assert len(hidden) != 1, (table, safe)


@given(tables)
def test_a_small_total_is_hidden(table: dict[str, dict[str, int]]) -> None:
    total = sum(row["a"] for row in table.values())
    shown = safe_total(table, "a", threshold=THRESHOLD)
    assert shown == (None if 0 < total < THRESHOLD else total)
