"""The disclosure gate for hierarchical tables (pure: no Django).

A table is a set of cells, each keyed by a tuple of coordinates (an area code, an age group,
a partner, ...), including the totals: the gemeente is the sum of its wijken, "alle" the sum
of the age groups. Every such sum is a *relation*: a parent cell and the children that add up
to it. The gate

1. suppresses every count from 1 up to the threshold (primary suppression; 0 stays visible),
2. then, until nothing changes, looks at every relation: when exactly one of its cells is
   hidden, that cell could be recomputed from the others, so the visible cell with the
   smallest value (children before the parent) is hidden too (secondary suppression).

Afterwards no relation has exactly one hidden cell, so no hidden value follows from one sum
and the visible cells next to it. This is the classic heuristic (as in sdcTable's "simple"
method), not an optimal linear-programming solution like τ-ARGUS: it may hide more than
needed, and a determined attacker combining several relations could still narrow a hidden
value to an interval, never to a single count through one relation.
"""

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

Key = tuple[Hashable, ...]


@dataclass(frozen=True)
class Relation:
    parent: Key
    children: tuple[Key, ...]


def relations_from_hierarchies(
    keys: Iterable[Key], parents: Mapping[int, Callable[[Hashable], Hashable | None]]
) -> list[Relation]:
    """Build the sum relations of a table from one parent function per dimension.

    `parents[d](value)` gives the parent of a coordinate in dimension `d` (wijk → gemeente,
    age group → "alle"), or None at the top. Every cell whose coordinate has a parent in the
    table becomes a child of the cell with that coordinate replaced by the parent.
    """
    present = set(keys)
    grouped: dict[tuple[Key, int], list[Key]] = {}  # one relation per parent and dimension
    for key in sorted(present, key=repr):
        for dimension, parent_of in parents.items():
            parent_value = parent_of(key[dimension])
            if parent_value is None:
                continue
            parent = (*key[:dimension], parent_value, *key[dimension + 1 :])
            if parent in present:
                grouped.setdefault((parent, dimension), []).append(key)
    return [Relation(parent, tuple(children)) for (parent, _), children in grouped.items()]


def gate_counts(
    cells: Mapping[Key, int], relations: Iterable[Relation], *, threshold: int
) -> dict[Key, int | None]:
    """The table as it may be shown: hidden cells are None."""
    hidden = {key for key, value in cells.items() if 0 < value < threshold}
    relations = list(relations)
    changed = True
    while changed:
        changed = False
        for relation in relations:
            members = (*relation.children, relation.parent)
            if sum(1 for member in members if member in hidden) != 1:
                continue
            candidates = [m for m in members if m not in hidden and m in cells]
            if not candidates:
                continue
            rank = {m: i for i, m in enumerate(members)}
            hidden.add(min(candidates, key=lambda m: (cells[m], rank[m])))
            changed = True
    return {key: (None if key in hidden else value) for key, value in cells.items()}


def gate_rates(
    numerators: Mapping[Key, int],
    denominators: Mapping[Key, int],
    relations: Iterable[Relation],
    *,
    threshold: int,
) -> dict[Key, float | None]:
    """Shares and rates: hidden when the numerator or the denominator may not be shown."""
    relations = list(relations)
    shown_numerators = gate_counts(numerators, relations, threshold=threshold)
    shown_denominators = gate_counts(denominators, relations, threshold=threshold)
    rates: dict[Key, float | None] = {}
    for key, denominator in denominators.items():
        numerator = shown_numerators.get(key)
        if numerator is None or shown_denominators.get(key) is None or not denominator:
            rates[key] = None
        else:
            rates[key] = numerator / denominator
    return rates
