"""The disclosure gate for hierarchical tables (pure: no Django).

A table is a set of cells, each keyed by a tuple of coordinates (an area code, an age group,
a partner, ...), including the totals: the gemeente is the sum of its wijken, "alle" the sum
of the age groups. Every such sum is a *relation*: a parent cell and the children that add up
to it. The gate

1. suppresses every count from 1 up to the threshold (primary suppression; 0 stays visible),
2. then, until nothing changes, looks at every relation: when exactly one of its cells is
   hidden, that cell could be recomputed from the others; when its total is shown and its
   hidden children add up to a count from 1 up to the threshold (a hidden zero next to a
   small count protects nothing), that sum could be read off. Either way the visible
   non-zero cell with the smallest value (children before the parent) is hidden too
   (secondary suppression).

Afterwards no relation has exactly one hidden cell and no shown total gives away a small sum of
hidden cells, so no hidden value follows from one sum and the visible cells next to it. This is
the classic heuristic (as in sdcTable's "simple" method), not an optimal linear-programming
solution like τ-ARGUS: it may hide more than needed, and a determined attacker combining
several relations could still narrow a hidden value to an interval, never to a single count
through one relation.

`gate_shown` applies the same rules to a table that was gated before, knowing only what it
shows (open data re-checks the monitor's stored cells with it); it only ever hides more.
"""

import heapq
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

Key = tuple[Hashable, ...]


@dataclass(frozen=True)
class Relation:
    parent: Key
    children: tuple[Key, ...]


class Relations(list[Relation]):
    """A table's relations, with per cell the relations it is a member of (built once)."""

    @cached_property
    def touching(self) -> dict[Key, list[int]]:
        found: dict[Key, list[int]] = {}
        for number, relation in enumerate(self):
            for member in (*relation.children, relation.parent):
                found.setdefault(member, []).append(number)
        return found


def is_disclosive(count: float, threshold: int) -> bool:
    """A count from 1 up to the threshold may not be shown; zero may."""
    return 0 < count < threshold


def relations_from_hierarchies(
    keys: Iterable[Key], parents: Mapping[int, Callable[[Hashable], Hashable | None]]
) -> Relations:
    """Build the sum relations of a table from one parent function per dimension.

    `parents[d](value)` gives the parent of a coordinate in dimension `d` (wijk → gemeente,
    age group → "alle"), or None at the top. Every cell whose coordinate has a parent in the
    table becomes a child of the cell with that coordinate replaced by the parent.
    """
    present = set(keys)
    grouped: dict[tuple[Key, int], list[Key]] = {}  # one relation per parent and dimension
    for key in _ordered(present):
        for dimension, parent_of in parents.items():
            parent_value = parent_of(key[dimension])
            if parent_value is None:
                continue
            parent = (*key[:dimension], parent_value, *key[dimension + 1 :])
            if parent in present:
                grouped.setdefault((parent, dimension), []).append(key)
    return Relations(Relation(parent, tuple(children)) for (parent, _), children in grouped.items())


def _ordered(keys: set[Key]) -> list[Key]:
    """The keys in a fixed order (it decides ties between equal cells)."""
    try:
        return sorted(keys)
    except TypeError:  # coordinates of mixed types
        return sorted(keys, key=repr)


def gate_counts(
    cells: Mapping[Key, int], relations: Iterable[Relation], *, threshold: int
) -> dict[Key, int | None]:
    """The table as it may be shown: hidden cells are None."""
    hidden = {key for key, value in cells.items() if is_disclosive(value, threshold)}
    if not isinstance(relations, Relations):
        relations = Relations(relations)
    touching = relations.touching  # cell -> the relations it is a member of
    # only a relation with a hidden member can need another hidden cell; after each choice,
    # the relations of the newly hidden cell are looked at again (in the relations' order)
    waiting = sorted({n for key in hidden for n in touching.get(key, ())})
    heapq.heapify(waiting)
    queued = set(waiting)
    while waiting:
        number = heapq.heappop(waiting)
        queued.discard(number)
        chosen = _next_to_hide(relations[number], cells, hidden, threshold)
        if chosen is None:
            continue
        hidden.add(chosen)
        for again in (*touching.get(chosen, ()), number):
            if again not in queued:
                queued.add(again)
                heapq.heappush(waiting, again)
    return {key: (None if key in hidden else value) for key, value in cells.items()}


def _next_to_hide(
    relation: Relation, cells: Mapping[Key, int], hidden: set[Key], threshold: int
) -> Key | None:
    """The cell to hide next for this relation, or None when it is safe.

    Unsafe: exactly one hidden cell (the sum gives it back), or a visible parent whose hidden
    children add up to a small count (the parent minus the visible children gives the sum
    away; hiding a zero next to a small count protects nothing). The smallest non-zero
    visible cell goes first, children before the parent.
    """
    members = [m for m in (*relation.children, relation.parent) if m in cells]
    hidden_here = [m for m in members if m in hidden]
    if not hidden_here:
        return None
    visible = [m for m in members if m not in hidden]
    parent_shown = relation.parent in cells and relation.parent not in hidden
    if len(hidden_here) > 1:
        if not parent_shown:
            return None
        rest = cells[relation.parent] - sum(
            cells[m] for m in relation.children if m in cells and m not in hidden
        )
        if not _rest_gives_away(rest, [cells[m] for m in hidden_here], threshold):
            return None
        children = [m for m in visible if m != relation.parent]
        if not is_disclosive(rest, threshold):  # a hidden zero would add nothing to the rest
            children = [m for m in children if cells[m] != 0]
        visible = children or [relation.parent]
    if not visible:
        return None
    rank = {m: i for i, m in enumerate(members)}
    return min(visible, key=lambda m: (cells[m] == 0, cells[m], rank[m]))


def _rest_gives_away(rest: float, hidden: list[int], threshold: int) -> bool:
    """Whether a shown total minus its shown children (`rest`, what the hidden children add up
    to) tells that a hidden small count is small: the rest itself is from 1 up to the
    threshold, or, since every other hidden non-zero child is at least 1, no hidden small
    count can reach the threshold (rest - (non-zero hidden children - 1) < threshold)."""
    if is_disclosive(rest, threshold):
        return True
    if not any(is_disclosive(count, threshold) for count in hidden):
        return False
    others = sum(1 for count in hidden if count > 0) - 1
    return rest - others < threshold


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


def gate_shown(
    shown: Mapping[Key, float | None], relations: Iterable[Relation], *, threshold: int
) -> dict[Key, float | None]:
    """Gate a table again from what it shows: None is a hidden cell whose value is unknown.

    Works only with what a reader sees, so it can run on values that were gated earlier (the
    monitor's stored cells, whose hidden numbers are gone) and only ever hides more:

    1. a visible count from 1 up to the threshold is hidden;
    2. a relation with exactly one hidden cell loses its smallest visible cell too (children
       before the parent), as in `gate_counts`;
    3. a relation whose parent is visible gives away the sum of its hidden children (the parent
       minus the visible children); when that sum is from 1 up to the threshold, the smallest
       visible non-zero child is hidden too, or the parent when there is none.

    Repeated until nothing changes. Afterwards no relation has exactly one hidden cell and no
    relation's visible cells add up to a disclosive count for its hidden cells.
    """
    relations = list(relations)
    hidden = {
        key for key, value in shown.items() if value is None or is_disclosive(value, threshold)
    }

    def value(key: Key) -> float:
        number = shown[key]
        return 0.0 if number is None else number

    changed = True
    while changed:
        changed = False
        for relation in relations:
            members = (*relation.children, relation.parent)
            present = [m for m in members if m in shown]
            hidden_here = [m for m in present if m in hidden]
            if not hidden_here:
                continue
            rank = {m: i for i, m in enumerate(members)}
            visible = [m for m in present if m not in hidden]
            chosen: Key | None = None
            if len(hidden_here) == 1:
                if visible:
                    chosen = min(visible, key=lambda m: (value(m), rank[m]))
            elif relation.parent in shown and relation.parent not in hidden:
                rest = value(relation.parent) - sum(
                    value(m) for m in relation.children if m in shown and m not in hidden
                )
                if is_disclosive(rest, threshold):
                    children = [m for m in visible if m != relation.parent and value(m) > 0]
                    chosen = (
                        min(children, key=lambda m: (value(m), rank[m]))
                        if children
                        else relation.parent
                    )
            if chosen is not None:
                hidden.add(chosen)
                changed = True
    return {key: (None if key in hidden else number) for key, number in shown.items()}
