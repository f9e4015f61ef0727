"""`monitor_run` on the tiny population: hand-computed values, zero-filling, the disclosure
gate on what the selectors return, idempotent reruns and no identifiers in what is stored."""

from collections import defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from doorbraak.cli import EXIT_USER_ERROR, main
from doorbraak.monitor import selectors
from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.monitor.extract import open_extract, write_extract
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.monitor.protection import Cell, Table, gate_table
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Partner, Role, User
from doorbraak.programme.trajectory import Status
from doorbraak.register import models as r
from tests.monitor import test_behaviour
from tests.monitor.test_behaviour import GM1, GM2, REGION, WK_A1, WK_A2, WK_B1

tiny = test_behaviour.tiny  # the tiny population of test_behaviour, as a fixture here too

OURS = (REGION, GM1, GM2, WK_A1, WK_A2, WK_B1)


def ours(code: str, level: str, breakdown: str = "") -> dict[tuple[str, str], tuple]:
    return {
        (v.area_code, v.breakdown_value): (v.numerator, v.denominator, v.value, v.suppressed)
        for v in selectors.indicator_values(code, level=level, period="2025", breakdown=breakdown)
        if v.area_code in OURS
    }


@pytest.mark.django_db
class TestValues:
    @override_settings(DISCLOSURE_THRESHOLD=1)  # nothing below 1: every tiny count shows
    def test_values_equal_the_hand_computed_ones(self, tiny: Partner) -> None:
        result = monitor_run(periods=["2025"])
        assert not result.reused
        assert ours("P1", "wijk") == {
            (WK_A1, ""): (2, None, 2, False),
            (WK_A2, ""): (1, None, 1, False),
            (WK_B1, ""): (2, None, 2, False),
        }
        assert ours("P1", "gemeente") == {
            (GM1, ""): (2, None, 2, False),
            (GM2, ""): (2, None, 2, False),
        }
        assert ours("P1", "region") == {(REGION, ""): (3, None, 3, False)}
        assert ours("D3-AANDEEL", "gemeente")[(GM2, "")] == (1, 2, 50.0, False)
        assert ours("P2", "region") == {(REGION, ""): (3, None, 10.0, False)}
        categories = ours("P3", "region", "category")
        assert categories[(REGION, "geen_contact")] == (1, None, 1, False)
        assert categories[(REGION, "vervolghulp")] == (1, None, 1, False)

    @override_settings(DISCLOSURE_THRESHOLD=1)
    def test_areas_and_categories_without_facts_are_zero(self, tiny: Partner) -> None:
        monitor_run(periods=["2025"])
        # D1: H3 joined in A1 and H2 in B1; nobody in A2
        assert ours("D1", "wijk") == {
            (WK_A1, ""): (1, None, 1, False),
            (WK_A2, ""): (0, None, 0, False),
            (WK_B1, ""): (1, None, 1, False),
        }
        # D3-AANDEEL: no young participants in GM9901 at the end of 2025: no share, not 0%
        assert ours("D3-AANDEEL", "gemeente")[(GM1, "")] == (0, 0, None, False)
        # D2 by age group: every group in every area, 0 where nobody is
        by_age = ours("D2", "gemeente", "age_group")
        assert {category for _area, category in by_age} >= {"kind", "jongere", "volwassene"}
        assert by_age[(GM2, "kind")] == (0, None, 0, False)

    @override_settings(DISCLOSURE_THRESHOLD=1)
    def test_a_rerun_with_the_same_inputs_reuses_the_run(self, tiny: Partner) -> None:
        first = monitor_run(periods=["2025"])
        again = monitor_run(periods=["2025"])
        assert again.reused
        assert again.run.pk == first.run.pk
        assert MonitorRun.objects.count() == 1
        batch = r.FactBatch.objects.create(kind=r.FactBatch.Kind.CASEWORK, label="nieuw")
        assert batch.pk in monitor_run(periods=["2025"]).run.fact_batches
        assert MonitorRun.objects.count() == 2
        assert first.run.definition_hashes["P1"] == again.run.definition_hashes["P1"]
        assert first.run.plan_version is not None


@pytest.mark.django_db
class TestDisclosure:
    def test_small_counts_never_leave_the_selector(self, tiny: Partner) -> None:
        run = monitor_run(periods=["2025"]).run
        assert run.threshold == 10
        for code in ("P1", "D1", "P6", "D2", "D3-AANDEEL", "W2"):
            for level in ("region", "gemeente", "wijk"):
                for value in selectors.indicator_values(code, level=level):
                    counts = (value.numerator, value.denominator)
                    if code in ("P1", "D1", "P6", "D2"):
                        counts += (value.value,)
                    for number in counts:
                        assert number is None or number == 0 or number >= 10, (code, value)
        assert ours("P1", "wijk")[(WK_A1, "")] == (None, None, None, True)
        assert ours("P1", "region")[(REGION, "")] == (None, None, None, True)

    def test_no_suppressed_cell_follows_from_a_total(self, tiny: Partner) -> None:
        run = monitor_run(periods=["2025"]).run
        assert run.suppressed_count > 0
        parents = _parents()
        for relation, members in _relations(run, parents).items():
            hidden = sum(1 for suppressed in members if suppressed)
            assert hidden != 1, relation


@pytest.mark.django_db
@override_settings(DISCLOSURE_THRESHOLD=1)
def test_a_quarter_run_does_not_hide_the_years_of_an_earlier_run(tiny: Partner) -> None:
    monitor_run(periods=["2025"], levels=("region",))
    monitor_run(periods=["2025Q1"], levels=("region",))
    assert ours("P1", "region") == {(REGION, ""): (3, None, 3, False)}
    assert {line.code: line for line in selectors.dashboard_summary()}["P1"].period == "2025"


def _parents() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.code, p.code FROM areas_area a JOIN areas_area p ON p.id = a.parent_id"
        )
        return dict(cursor.fetchall())


def _relations(run: MonitorRun, parents: dict[str, str]) -> dict[tuple[str, ...], list[bool]]:
    """Every sum relation of the stored tables, with whether each member is suppressed."""
    cells = {
        (v.indicator_code, v.period, v.area_code, v.breakdown, v.breakdown_value): v.suppressed
        for v in IndicatorValue.objects.filter(run=run)
    }
    relations: dict[tuple[str, ...], list[bool]] = defaultdict(list)
    for (code, period, area, breakdown, category), suppressed in cells.items():
        parent = (code, period, parents.get(area, ""), breakdown, category)
        if parent in cells:
            relations[("area", *parent)].append(suppressed)
        if breakdown:
            total = (code, period, area, "", "")
            relations[("breakdown", breakdown, *total)].append(suppressed)
    for key in relations:
        own = key[1:] if key[0] == "area" else key[2:]
        relations[key].append(cells[own])  # type: ignore[index]
    return relations


# --- the gate on random tables ------------------------------------------------------------

AREAS = {
    "region": [("R", None)],
    "gemeente": [("G1", "R"), ("G2", "R")],
    "wijk": [("W1", "G1"), ("W2", "G1"), ("W3", "G2"), ("W4", "G2")],
}
BREAKDOWNS = {"x": ("a", "b", "c"), "y": ("p", "q")}
LEAVES = [(w, a, b) for w, _g in AREAS["wijk"] for a in BREAKDOWNS["x"] for b in BREAKDOWNS["y"]]
PARENT = {w: g for w, g in AREAS["wijk"]} | {g: "R" for g, _r in AREAS["gemeente"]}
LEVEL = {"R": "region", "G1": "gemeente", "G2": "gemeente"}


def _table(hits: list[int], misses: list[int], kind: str) -> Table:
    """Leaf counts per wijk × x-category × y-category, summed to every cell of the table:
    areas up the hierarchy, each breakdown's categories and the totals ''."""
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for (wijk, x, y), hit, miss in zip(LEAVES, hits, misses, strict=True):
        for area in (wijk, PARENT[wijk], "R"):
            for breakdown, category in (("x", x), ("y", y), ("", "")):
                sums[(area, breakdown, category)][0] += hit
                sums[(area, breakdown, category)][1] += hit + miss
    table = Table()
    for (area, breakdown, category), (numerator, denominator) in sums.items():
        key = (LEVEL.get(area, "wijk"), area, breakdown, category)
        if kind == "count":
            table.cells[key] = Cell(float(numerator), None, float(numerator))
        else:
            share = 100.0 * numerator / denominator if denominator else None
            table.cells[key] = Cell(float(numerator), float(denominator), share)
    return table


def _relations_of(table: Table) -> list[list[tuple[str, str, str, str]]]:
    """Every sum relation as its member cells, the parent last."""
    groups: dict[tuple[str, ...], list[tuple[str, str, str, str]]] = defaultdict(list)
    for key in table.cells:
        _level, area, breakdown, category = key
        if area in PARENT:
            groups[("area", PARENT[area], breakdown, category)].append(key)
        if breakdown:
            groups[("total", area, breakdown)].append(key)
    relations = []
    for (kind, *rest), members in groups.items():
        if kind == "area":
            top, breakdown, category = rest
            own = (LEVEL.get(top, "wijk"), top, breakdown, category)
        else:
            area, _breakdown = rest
            own = (LEVEL.get(area, "wijk"), area, "", "")
        relations.append([*members, own])
    return relations


leaf_counts = st.lists(
    st.integers(min_value=0, max_value=15), min_size=len(LEAVES), max_size=len(LEAVES)
)


@settings(max_examples=120, deadline=None)
@given(
    hits=leaf_counts,
    misses=leaf_counts,
    threshold=st.integers(min_value=2, max_value=12),
    kind=st.sampled_from(["count", "share"]),
)
def test_gate_hides_small_counts_and_leaves_no_single_hidden_cell(
    hits: list[int], misses: list[int], threshold: int, kind: str
) -> None:
    """Two breakdowns share their totals; shares gate numerator and denominator."""
    table = _table(hits, misses, kind)
    original = {key: (cell.numerator, cell.denominator) for key, cell in table.cells.items()}
    gate_table(table, kind, AREAS, threshold)
    for key, cell in table.cells.items():
        if cell.suppressed:
            assert (cell.numerator, cell.denominator, cell.value) == (None, None, None)
            continue
        assert (cell.numerator, cell.denominator) == original[key]
        complement = None
        if cell.numerator is not None and cell.denominator is not None:
            complement = cell.denominator - cell.numerator  # who is not in the share
        for number in (cell.numerator, cell.denominator, complement):
            assert number is None or number == 0 or number >= threshold
    for members in _relations_of(table):
        assert sum(table.cells[m].suppressed for m in members) != 1, members


# --- what is stored, and the command and summary ----------------------------------------------


def test_nothing_stored_identifies_a_person_or_household() -> None:
    for model in (MonitorRun, IndicatorValue):
        names = {f.name for f in model._meta.get_fields()} | {
            getattr(f, "column", "") or "" for f in model._meta.get_fields()
        }
        forbidden = [
            n for n in names if any(w in n for w in ("person", "household", "pseudonym", "bsn"))
        ]
        assert not forbidden, (model, forbidden)


@pytest.mark.django_db
def test_command_runs_and_summarises_in_dutch(tiny: Partner) -> None:
    # call_command, not doorbraak.cli.main: main closes the test's database connection
    args = ["monitor", "run", "--periode", "2025", "--niveau", "gemeente"]
    out = StringIO()
    call_command(*args, stdout=out)
    definitions = parse_definitions_file().definitions
    assert definitions is not None
    computed = len(definitions.indicators)
    assert f"[1/{computed}] {definitions.indicators[0].code}" in out.getvalue()
    assert f"{computed} indicatoren" in out.getvalue()
    assert "onderdrukte cellen" in out.getvalue()
    again = StringIO()
    call_command(*args, stdout=again)
    assert "er is niets opnieuw berekend" in again.getvalue()


def test_command_refuses_an_unknown_period(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["monitor", "run", "--periode", "2025Q5"]) == EXIT_USER_ERROR
    assert "bestaat niet" in capsys.readouterr().err


@pytest.mark.django_db
@override_settings(DISCLOSURE_THRESHOLD=1)
def test_dashboard_summary_shows_values_status_and_what_waits(tiny: Partner) -> None:
    monitor_run(periods=["2024", "2025"], levels=("region",))
    lines = {line.code: line for line in selectors.dashboard_summary()}
    assert lines["P1"].period == "2025"
    assert lines["P1"].value is not None
    assert lines["P1"].status in set(Status)
    assert lines["D6"].status is None
    assert "rapportages van partners" in lines["D6"].waits_for


def test_kept_pages_follow_a_new_run(tiny: Partner) -> None:
    """Pages are kept per process; a newer run must show at once."""
    client = Client()
    client.force_login(User.objects.create_user(username="kijker", role=Role.PROGRAMME_TEAM))
    with override_settings(DISCLOSURE_THRESHOLD=1000):  # everything suppressed
        monitor_run(periods=["2025"], levels=("region",))
    hidden = {line.code: line for line in selectors.dashboard_summary()}
    assert hidden["P1"].suppressed
    assert selectors.dashboard_summary() == list(hidden.values())  # kept
    first = client.get("/monitor/P1").content
    with override_settings(DISCLOSURE_THRESHOLD=1):
        monitor_run(periods=["2025"], levels=("region",))
    assert client.get("/monitor/P1").content.count(b"afgeschermd") < first.count(b"afgeschermd")
    shown = {line.code: line for line in selectors.dashboard_summary()}
    assert not shown["P1"].suppressed
    assert shown["P1"].value is not None
    detail = selectors.indicator_detail("P1")
    assert detail is not None


def _stored(run: MonitorRun) -> dict[tuple[str, ...], tuple[object, ...]]:
    return {
        (v.indicator_code, v.period, v.area_level, v.area_code, v.breakdown, v.breakdown_value): (
            None if v.numerator is None else round(v.numerator, 6),
            None if v.denominator is None else round(v.denominator, 6),
            None if v.value is None else round(v.value, 6),
            v.suppressed,
        )
        for v in run.values.all()
    }


@override_settings(DISCLOSURE_THRESHOLD=1)
def test_duckdb_engine_stores_exactly_what_the_database_engine_stores(
    tiny: Partner, tmp_path: Path
) -> None:
    """The same compiled rules on a columnar extract in DuckDB (in memory and as Parquet)
    give the same table, cell for cell, as on the operational database."""
    periods = ["2024", "2025", "2025Q3"]
    expected = _stored(monitor_run(periods=periods, engine="database").run)
    MonitorRun.objects.all().delete()  # the same inputs would reuse the stored run
    in_memory = monitor_run(periods=periods, engine="duckdb").run
    assert in_memory.engine == "duckdb"
    assert len(expected) > 1000
    assert any(value[2] not in (None, 0) for value in expected.values())
    assert _stored(in_memory) == expected
    write_extract(tmp_path / "extract")
    MonitorRun.objects.all().delete()
    parquet = monitor_run(periods=periods, engine="duckdb", extract=tmp_path / "extract").run
    assert _stored(parquet) == expected


def test_extract_holds_only_the_columns_the_rules_read(tiny: Partner, tmp_path: Path) -> None:
    counts = write_extract(tmp_path)
    assert counts["register_person"] == r.Person.objects.count() > 0
    con = open_extract(tmp_path)
    person = [row[0] for row in con.execute("DESCRIBE register_person").fetchall()]
    assert person == ["birth_month", "birth_year", "id"]
    for table in counts:
        columns = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
        assert not columns & {"pseudonym", "bsn", "name", "stored_file", "content"}, table


def test_unknown_engine_is_refused_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["monitor", "run", "--rekenmachine", "spark"]) == EXIT_USER_ERROR
    assert "Onbekende rekenmachine 'spark'. Kies uit: database, duckdb." in capsys.readouterr().err
