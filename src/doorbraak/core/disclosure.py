"""Disclosure control for small tables (pure: no Django).

Primary suppression hides every count from 1 up to the threshold; zero stays visible.
Secondary suppression: when a column shows a total, a single suppressed cell in it could be
recomputed from the total and the other cells, so the smallest other non-zero cell of that
column is hidden too. The monitor's full gate (suppression across breakdowns and the area
hierarchy) builds on this in the indicators app.
"""

from collections.abc import Mapping

Table = Mapping[str, Mapping[str, int]]
SafeTable = dict[str, dict[str, int | None]]


def is_disclosive(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def suppress_table(table: Table, *, threshold: int, with_totals: bool = True) -> SafeTable:
    """Return the table with unsafe cells replaced by None (rows × columns of counts)."""
    safe: SafeTable = {
        row: {col: (None if is_disclosive(n, threshold) else n) for col, n in cells.items()}
        for row, cells in table.items()
    }
    if with_totals:
        for column in {col for cells in table.values() for col in cells}:
            _secondary(table, safe, column)
    return safe


def _secondary(table: Table, safe: SafeTable, column: str) -> None:
    hidden = [row for row in table if column in table[row] and safe[row][column] is None]
    if len(hidden) != 1:
        return
    visible = [
        (table[row][column], row)
        for row in table
        if column in table[row] and safe[row][column] is not None and table[row][column] > 0
    ]
    if visible:
        safe[min(visible)[1]][column] = None


def safe_total(table: Table, column: str, *, threshold: int) -> int | None:
    total = sum(cells.get(column, 0) for cells in table.values())
    return None if is_disclosive(total, threshold) else total
