"""The three attacks of issue 12 on suppressed cells, each against the table gate alone (the
gate before issue 12: it falls) and against the run's gate (`protection.gate_tables`: it
holds). The attacks are written here, apart from the gate's code: plain arithmetic, and the
LP attacker of `tests/monitor/attacker.py`.
"""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorbraak.monitor.definitions import IndicatorComputation, parse_definitions_file
from doorbraak.monitor.protection import Cell, CellKey, Table, gate_tables, table_hidden
from tests.monitor.attacker import pinned

THRESHOLD = 10
AREAS = {
    "region": [("R", None)],
    "gemeente": [("G1", "R"), ("G2", "R")],
    "wijk": [("W11", "G1"), ("W12", "G1"), ("W13", "G1"), ("W21", "G2"), ("W22", "G2")],
}
PARENT = {code: up for level in AREAS.values() for code, up in level if up}
CAPITALS = ("cultureel", "economisch", "mentaal", "pedagogisch", "sociaal")


@pytest.fixture(scope="module")
def indicators() -> dict[str, IndicatorComputation]:
    definitions = parse_definitions_file().definitions
    assert definitions is not None
    return {i.code: i for i in definitions.indicators}


def _table(leaves: dict[tuple[str, str], int], breakdown: str) -> Table:
    """Counts per wijk × category, with every sum up to the region and the totals."""
    table = Table()
    categories = sorted({category for _wijk, category in leaves})

    def put(level: str, area: str, category: str, count: int) -> None:
        key = (level, area, breakdown if category else "", category)
        table.cells[key] = Cell(float(count), None, float(count))

    def below(area: str) -> list[str]:
        wijken = [w for w, up in AREAS["wijk"] if up == area or PARENT.get(up) == area]
        return [area] if area in dict(AREAS["wijk"]) else wijken

    for level, areas in AREAS.items():
        for area, _up in areas:
            for category in categories:
                put(level, area, category, sum(leaves[(w, category)] for w in below(area)))
            put(level, area, "", sum(leaves[(w, c)] for w in below(area) for c in categories))
    return table


def _table_gate_alone(tables: dict[tuple[str, str], Table], kinds: dict[str, str]) -> None:
    """What the gate did before issue 12: each table on its own, its own sums only."""
    for (code, _period), table in tables.items():
        for key in table_hidden(table, kinds[code], AREAS, THRESHOLD):
            table.cells[key] = Cell(None, None, None, suppressed=True)


def _both(
    tables: dict[tuple[str, str], Table], indicators: dict[str, IndicatorComputation]
) -> tuple[dict[tuple[str, str], Table], dict[tuple[str, str], Table]]:
    """The tables through the table gate alone, and through the run's gate."""
    kinds = {code: i.kind for code, i in indicators.items()}
    before, after = copy.deepcopy(tables), copy.deepcopy(tables)
    _table_gate_alone(before, kinds)
    gate_tables(after, kinds, AREAS, THRESHOLD, indicators=indicators)
    return before, after


def _shown(table: Table, key: CellKey) -> float | None:
    cell = table.cells[key]
    return None if cell.suppressed else cell.numerator


# --- 1. Structural equalities --------------------------------------------------------------


def _capital_recovered(table: Table) -> list[tuple[CellKey, float]]:
    """P6 counts each measurement once in every capital: a hidden capital count of an area
    whose total is shown is that total divided by five."""
    found = []
    for key, cell in table.cells.items():
        level, area, breakdown, _category = key
        total = _shown(table, (level, area, "", ""))
        if breakdown == "capital" and cell.suppressed and total is not None:
            found.append((key, total / len(CAPITALS)))
    return found


def test_equal_capital_counts_give_a_hidden_count_away(
    indicators: dict[str, IndicatorComputation],
) -> None:
    per_wijk = {"W11": 7, "W12": 20, "W13": 15, "W21": 12, "W22": 16}  # measurements
    leaves = {(w, c): count for w, count in per_wijk.items() for c in CAPITALS}
    tables = {("P6", "2025"): _table(leaves, "capital")}
    before, after = _both(tables, indicators)
    recovered = _capital_recovered(before[("P6", "2025")])
    assert (("wijk", "W11", "capital", "mentaal"), 7.0) in recovered  # the attack works
    assert _capital_recovered(after[("P6", "2025")]) == []  # and no longer does


# --- 2. All published sums in one linear program ----------------------------------------------


Published = dict[tuple[str, ...], tuple[float | None, float | None] | None]


def _published(
    tables: dict[tuple[str, str], Table], truth: dict[tuple[str, str], Table]
) -> tuple[Published, Published]:
    """What the tables show (None: hidden), and the true numbers."""
    shown: Published = {}
    true: Published = {}
    for (code, period), table in tables.items():
        for key, cell in table.cells.items():
            coordinates = (code, period, *key)
            shown[coordinates] = None if cell.suppressed else (cell.numerator, cell.denominator)
            real = truth[(code, period)].cells[key]
            true[coordinates] = (real.numerator, real.denominator)
    return shown, true


def _attacked(
    tables: dict[tuple[str, str], Table],
    truth: dict[tuple[str, str], Table],
    indicators: dict[str, IndicatorComputation],
) -> list[object]:
    shown, true = _published(tables, truth)
    kinds = {code: i.kind for code, i in indicators.items()}
    return [p.what for p in pinned(shown, true, kinds, PARENT, THRESHOLD)]


def test_a_linear_program_over_the_published_sums_pins_hidden_counts(
    indicators: dict[str, IndicatorComputation],
) -> None:
    """Found by a random search over small tables: every relation has two or more hidden
    cells and no shown total leaves a small rest, yet together the sums (and each hidden
    non-zero count being at least 1) tell the attacker that W11's 'a' is at most 9."""
    counts = {
        "W11": (2, 3, 0), "W12": (8, 12, 1), "W13": (0, 0, 0), "W21": (8, 15, 3),
        "W22": (0, 2, 15),
    }  # fmt: skip
    leaves = {(w, c): n for w, row in counts.items() for c, n in zip("abc", row, strict=True)}
    tables = {("P3", "2025"): _table(leaves, "category")}
    before, after = _both(tables, indicators)
    found = _attacked(before, tables, indicators)
    assert (("P3", "2025", "wijk", "W11", "category", "a"), "numerator") in found
    assert _attacked(after, tables, indicators) == []


# --- 3. Differences between periods of a cumulative count ------------------------------------


def _growth_shown(tables: dict[tuple[str, str], Table], code: str) -> list[tuple[CellKey, float]]:
    """A cumulative count shown in two consecutive years gives away how many are new."""
    found = []
    for (name, period), table in tables.items():
        earlier = tables.get((name, str(int(period) - 1)))
        if name != code or earlier is None:
            continue
        for key in table.cells:
            now, then = _shown(table, key), _shown(earlier, key)
            if now is not None and then is not None and 0 < now - then < THRESHOLD:
                found.append((key, now - then))
    return found


def test_two_years_of_a_cumulative_count_give_the_new_ones_away(
    indicators: dict[str, IndicatorComputation],
) -> None:
    """D8 in a wijk: 13 parents by 2024, 22 by 2025: nine new to parenting support."""
    by_2024 = {"W11": 13, "W12": 40, "W13": 25, "W21": 30, "W22": 18}
    by_2025 = {"W11": 22, "W12": 55, "W13": 31, "W21": 45, "W22": 30}
    tables = {
        ("D8", year): _table({(w, "x"): n for w, n in counts.items()}, "")
        for year, counts in (("2024", by_2024), ("2025", by_2025))
    }
    for table in tables.values():  # D8 has no breakdown: keep the totals only
        table.cells = {k: c for k, c in table.cells.items() if k[2] == ""}
    before, after = _both(tables, indicators)
    assert (("wijk", "W11", "", ""), 9.0) in _growth_shown(before, "D8")
    assert _growth_shown(after, "D8") == []
    assert _attacked(after, tables, indicators) == []


def test_the_run_gate_only_hides_more(indicators: dict[str, IndicatorComputation]) -> None:
    """Every cell the table gate hides stays hidden; every shown number is the true one."""
    counts = {"W11": (2, 3, 0), "W12": (8, 12, 1), "W13": (0, 0, 0), "W21": (8, 15, 3)}
    leaves = {(w, c): n for w, row in counts.items() for c, n in zip("abc", row, strict=True)}
    leaves |= {("W22", c): n for c, n in zip("abc", (0, 2, 15), strict=True)}
    tables = {("P3", "2025"): _table(leaves, "category")}
    before, after = _both(tables, indicators)
    for key, cell in after[("P3", "2025")].cells.items():
        assert cell.suppressed or cell == tables[("P3", "2025")].cells[key]
        assert cell.suppressed or not before[("P3", "2025")].cells[key].suppressed


COUNTS = st.sampled_from([0, 0, 0, 1, 2, 3, 5, 8, 12, 15, 20, 30])
WIJKEN = [w for w, _up in AREAS["wijk"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({(w, c): COUNTS for w in WIJKEN for c in "abc"}))
def test_no_random_table_leaves_a_pinned_count(leaves: dict[tuple[str, str], int]) -> None:
    """For random small tables (many small counts: the hard case), the LP attacker pins
    nothing the run's gate publishes."""
    definitions = parse_definitions_file().definitions
    assert definitions is not None
    indicators = {i.code: i for i in definitions.indicators}
    tables = {("P3", "2025"): _table(leaves, "category")}
    _before, after = _both(tables, indicators)
    assert _attacked(after, tables, indicators) == []


def test_the_region_stays_shown_when_wijk_cells_suffice(
    indicators: dict[str, IndicatorComputation],
) -> None:
    """G2's category a is 6 (wijken 3 and 3): hidden, with G1's a and both b's (the table
    gate). W21's b of 40 (shown) and G2's total pin it below 8; hiding W21's b lifts it, with
    G1's a moving against it through W13 (a and b hidden, its total shown). The region's a and
    b need not go, and a cell of the region costs nine of a wijk's; yet the repair, looking
    first at what lay two relations from G2's a (the region's sum is one away, W13's total
    three), hid both. The right answer is known: the same cells without the region's."""
    counts = {"W11": (0, 20), "W12": (40, 30), "W13": (15, 2), "W21": (3, 40), "W22": (3, 3)}
    leaves = {(w, c): n for w, row in counts.items() for c, n in zip("ab", row, strict=True)}
    tables = {("P3", "2025"): _table(leaves, "category")}
    _before, after = _both(tables, indicators)
    hidden = {key for key, cell in after[("P3", "2025")].cells.items() if cell.suppressed}
    assert {key for key in hidden if key[0] == "region"} == set()
    assert ("wijk", "W21", "category", "b") in hidden
    assert _attacked(after, tables, indicators) == []
