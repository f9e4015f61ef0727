"""Protection intervals (`core.disclosure_intervals`): the audit finds what an attacker's LP
pins, the repair hides more until it cannot, and never shows what was hidden."""

import math

from doorbraak.core.disclosure_intervals import (
    Constraint,
    Publication,
    Sensitive,
    audit,
    intervals,
    protect,
)

THRESHOLD = 10


def _publication(
    values: dict[str, float], sums: list[tuple[str, list[str]]], extra: list[Constraint] = ()
) -> Publication:
    """Cells with one number each (the variable is the cell), sums parent = children, and
    every count from 1 up to the threshold sensitive."""
    constraints = [
        Constraint(((parent, 1.0), *((child, -1.0) for child in children)), True)
        for parent, children in sums
    ]
    sensitive = [
        Sensitive(((name, 1.0),), value, name)
        for name, value in values.items()
        if 1 <= math.ceil(value) < THRESHOLD
    ]
    return Publication(
        values=values,
        cell_of={name: name for name in values},
        constraints=[*constraints, *extra],
        sensitive=sensitive,
        threshold=THRESHOLD,
    )


def test_a_shown_total_of_two_small_hidden_counts_pins_both() -> None:
    """3 and 7 hidden under a shown 10: each is at most 9, since the other is at least 1."""
    pub = _publication({"total": 10, "a": 3, "b": 7, "c": 25}, [("total", ["a", "b"])])
    short = {interval.sensitive.label: interval.high for interval in audit(pub, {"a", "b"})}
    assert short == {"a": 9.0, "b": 9.0}
    hidden, report = protect(pub, {"a", "b"})
    assert hidden == {"a", "b", "total"}
    assert report.added == {"total"}
    assert all(interval.protected for interval in intervals(pub, hidden))


def test_equal_categories_give_each_other_away() -> None:
    """Five equal categories of 7 under a shown 35: each is 35 / 5."""
    values = {"total": 35.0, **{f"c{i}": 7.0 for i in range(5)}}
    equal = [Constraint(((f"c{i}", 1.0), (f"c{i + 1}", -1.0)), True) for i in range(4)]
    pub = _publication(values, [("total", [f"c{i}" for i in range(5)])], equal)
    found = intervals(pub, {f"c{i}" for i in range(5)})
    assert {(i.low, i.high) for i in found} == {(7.0, 7.0)}
    hidden, _report = protect(pub, {f"c{i}" for i in range(5)})
    assert "total" in hidden
    assert all(interval.protected for interval in intervals(pub, hidden))


def test_a_small_growth_between_two_shown_periods_is_exposed() -> None:
    """13 by 2024 and 22 by 2025, both shown: nine new."""
    values = {"2024": 13.0, "2025": 22.0}
    grows = Constraint((("2024", 1.0), ("2025", -1.0)), False)
    growth = Sensitive((("2025", 1.0), ("2024", -1.0)), 9.0, "growth")
    pub = Publication(values, {v: v for v in values}, [grows], [growth], THRESHOLD)
    assert [i.high for i in audit(pub, set())] == [9.0]
    hidden, _report = protect(pub, set())
    assert len(hidden) == 1  # one year hidden suffices: the growth could then be anything
    assert all(interval.protected for interval in intervals(pub, hidden))


def test_the_repair_hides_the_cheapest_cell_that_helps() -> None:
    """4 and 5 hidden under a shown 60 leave a rest of 9: hiding the 20 (cost 21) lifts both,
    and is cheaper than the 31 or the total."""
    values = {"total": 60.0, "a": 4.0, "b": 5.0, "c": 20.0, "d": 31.0}
    pub = _publication(values, [("total", ["a", "b", "c", "d"])])
    pub.cost = {"total": 100.0, "a": 5.0, "b": 6.0, "c": 21.0, "d": 32.0}
    hidden, report = protect(pub, {"a", "b"})
    assert hidden == {"a", "b", "c"}
    assert report.repairs == 1


def test_nothing_hidden_is_shown_again() -> None:
    pub = _publication({"total": 50, "a": 5, "b": 20, "c": 25}, [("total", ["a", "b", "c"])])
    hidden, report = protect(pub, {"a", "b", "c"})
    assert hidden >= {"a", "b", "c"}
    assert report.unprotected == []


def test_a_quantity_an_earlier_repair_lifted_hides_nothing_more() -> None:
    """A cumulative count of a region (61 by 2025, 65 by 2026: four new) and of a gemeente in
    it (13, 14: one new), the rest of the region hidden (48, 51). The gemeente's growth is
    repaired first, by hiding the gemeente and the region in 2025 (cheaper than anything of
    2026); that already lets the region's growth reach the threshold, so its repair in the
    same round has nothing to hide. It used to be taken for "nothing helps", and every cell
    of its relations was hidden: the region's 65 of 2026 too."""
    values = {"r1": 61.0, "r2": 65.0, "g1": 13.0, "g2": 14.0, "h1": 48.0, "h2": 51.0}
    sums = [
        Constraint((("r1", 1.0), ("g1", -1.0), ("h1", -1.0)), True),
        Constraint((("r2", 1.0), ("g2", -1.0), ("h2", -1.0)), True),
    ]
    grows = [Constraint(((f"{x}1", 1.0), (f"{x}2", -1.0)), False) for x in "rgh"]
    growth = [
        Sensitive(((f"{x}2", 1.0), (f"{x}1", -1.0)), values[f"{x}2"] - values[f"{x}1"], x)
        for x in "gr"  # the gemeente's first: its repair runs first
    ]
    pub = Publication(values, {v: v for v in values}, [*sums, *grows], growth, THRESHOLD)
    pub.cost = {"r1": 1.0, "g1": 1.0, "h1": 1.0, "h2": 1.0, "r2": 100.0, "g2": 100.0}
    hidden, report = protect(pub, {"h1", "h2"})
    assert hidden == {"h1", "h2", "g1", "r1"}
    assert report.unprotected == []
    assert all(interval.protected for interval in intervals(pub, hidden))
