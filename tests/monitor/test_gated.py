"""The one gate for stored values (`monitor.gated.values_shown`): the monitor's downloads, the API
and open data all show a stored cell as that function gives it, and no small count leaves.

A random table of counts across a small area hierarchy (and an age breakdown) passes the
monitor's own gate (`protection.gate_table`) and is stored as a finished run; then each reader is
asked over HTTP, as a user or the public would.
"""

import ast
import csv
import datetime as dt
import io
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from doorbraak.api.cache import documents
from doorbraak.areas.models import Area, AreaLevel
from doorbraak.core.disclosure_gate import is_disclosive
from doorbraak.core.numbers import rounded_float
from doorbraak.monitor.definitions.vocabulary import GATED
from doorbraak.monitor.gated import ShownValue, StoredCells, values_shown
from doorbraak.monitor.kept_pages import pages_forget
from doorbraak.monitor.models import IndicatorValue, MonitorRun
from doorbraak.monitor.protection import Cell, Table, gate_table
from doorbraak.opendata.services import publication_set
from doorbraak.partners.models import Role
from tests.conftest import UserOf

SRC = Path(__file__).resolve().parents[2] / "src" / "doorbraak"
THRESHOLD = 10
YEAR = "2025"
REGION = "GATEREGIO"
WIJKEN = {"GM9801": ("WK980101", "WK980102", "WK980103"), "GM9802": ("WK980201", "WK980202")}
AGES = ("kind", "volwassene")
COUNT, SHARE = "D2", "D3-AANDEEL"  # count_distinct with an age breakdown; a share without
KINDS = {COUNT: "count_distinct", SHARE: "share"}
WIJK_CODES = [w for its in WIJKEN.values() for w in its]
LEVEL_OF = {
    REGION: "region",
    **dict.fromkeys(WIJKEN, "gemeente"),
    **dict.fromkeys(WIJK_CODES, "wijk"),
}
LEVELS = {"regio": "region", "gemeente": "gemeente", "wijk": "wijk"}  # open data's → stored
Key = tuple[str, str, str, str, str]  # indicator, level, area, breakdown, category
Shown = tuple[float | None, float | None, float | None, bool]  # numerator, denominator, value


# --- Nothing but the gate reads stored cells -----------------------------------------------------


def _modules_naming(name: str) -> set[str]:
    """Modules under src/doorbraak whose code (not their text) names `name`."""
    found = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
            if isinstance(node, ast.ClassDef):
                named = node.name
            imported = [a.name for a in node.names] if isinstance(node, ast.ImportFrom) else []
            if named == name or name in imported:
                found.add(path.relative_to(SRC).as_posix())
                break
    return found


def test_only_the_gate_reads_stored_values() -> None:
    """Besides the model and the run that writes the cells, only the gate names them: no
    reader reaches past it."""
    writers = {"monitor/models.py", "monitor/services.py"}
    assert _modules_naming("IndicatorValue") - writers == {"monitor/gated.py"}
    readers = {"monitor/selectors.py", "api/selectors.py", "opendata/selectors.py"}
    assert readers <= _modules_naming("values_shown")


# --- A random stored table, read by every reader ------------------------------------------------


@pytest.fixture
def hierarchy(demo_world: None) -> dict[str, list[tuple[str, str | None]]]:
    """A region of two gemeenten and five wijken (as `protection.gate_table` wants the areas)."""
    region = Area.objects.create(code=REGION, name="Gate", level=AreaLevel.REGION, vintage=2099)
    areas: dict[str, list[tuple[str, str | None]]] = {"region": [(REGION, None)]}
    for gemeente, wijken in WIJKEN.items():
        parent = Area.objects.create(
            code=gemeente, name=gemeente, level=AreaLevel.GEMEENTE, vintage=2099, parent=region
        )
        areas.setdefault("gemeente", []).append((gemeente, REGION))
        for wijk in wijken:
            Area.objects.create(
                code=wijk, name=wijk, level=AreaLevel.WIJK, vintage=2099, parent=parent
            )
            areas.setdefault("wijk", []).append((wijk, gemeente))
    return areas


def _cells_up(wijken: dict[str, tuple[int, int]]) -> Iterator[tuple[str, str, tuple[int, int]]]:
    """(level, area, numbers) of every wijk, gemeente and the region: the sums of the wijken."""
    total = (0, 0)
    for gemeente, its in WIJKEN.items():
        summed = (sum(wijken[w][0] for w in its), sum(wijken[w][1] for w in its))
        yield "gemeente", gemeente, summed
        total = (total[0] + summed[0], total[1] + summed[1])
        for wijk in its:
            yield "wijk", wijk, wijken[wijk]
    yield "region", REGION, total


def _count_table(counts: dict[str, dict[str, int]]) -> Table:
    table = Table()
    for age in ("", *AGES):
        per_wijk = {w: (sum(c.values()) if not age else c[age], 0) for w, c in counts.items()}
        for level, area, (number, _none) in _cells_up(per_wijk):
            cell = Cell(float(number), None, float(number))
            table.cells[(level, area, "age_group" if age else "", age)] = cell
    return table


def _share_table(parts: dict[str, tuple[int, int]]) -> Table:
    table = Table()
    for level, area, (numerator, denominator) in _cells_up(parts):
        share = 100 * numerator / denominator if denominator else None
        table.cells[(level, area, "", "")] = Cell(float(numerator), float(denominator), share)
    return table


def _store(
    tables: dict[str, Table], areas: dict[str, list[tuple[str, str | None]]], hide: set[str]
) -> MonitorRun:
    """Gate the tables as a run does and store them, with the totals of the areas in `hide`
    suppressed besides (as a run by an older method might have stored them): open data must
    then hide more to keep every total safe."""
    run = MonitorRun.objects.create(
        started_at=timezone.now() - dt.timedelta(seconds=1),
        finished_at=timezone.now(),
        status=MonitorRun.Status.DONE,
        periods=[YEAR],
        levels=["region", "gemeente", "wijk"],
        threshold=THRESHOLD,
        fingerprint="gated-test",
    )
    for code, table in tables.items():
        gate_table(table, KINDS[code], areas, THRESHOLD)
        for area in hide:
            table.cells[(LEVEL_OF[area], area, "", "")] = Cell(None, None, None, suppressed=True)
        IndicatorValue.objects.bulk_create(
            IndicatorValue(run=run, indicator_code=code, definition_hash="x", period=YEAR,
                           area_level=level, area_code=area, breakdown=breakdown,
                           breakdown_value=category, numerator=cell.numerator,
                           denominator=cell.denominator, value=cell.value,
                           suppressed=cell.suppressed)
            for (level, area, breakdown, category), cell in table.cells.items()
        )  # fmt: skip
    return run


def _from_gate(values: list[ShownValue]) -> dict[Key, Shown]:
    return {
        (v.indicator_code, v.area_level, v.area_code, v.breakdown, v.breakdown_value): (
            v.numerator,
            v.denominator,
            v.value,
            v.suppressed,
        )
        for v in values
    }


def _from_api(client: Client, code: str) -> dict[Key, Shown]:
    body = client.get(f"/api/v1/indicators/{code}/values?period={YEAR}&page-size=1000").json()
    return {
        (code, c["areaLevel"], c["areaCode"], c["breakdown"] or "", c["category"] or ""): (
            c["numerator"],
            c["denominator"],
            c["value"],
            c["suppressed"],
        )
        for c in body["_embedded"]["values"]
    }


def _from_download(client: Client, code: str) -> dict[Key, Shown]:
    """The monitor's Excel download (its numbers as numbers, not rounded text): the totals."""
    book = load_workbook(io.BytesIO(client.get(f"/monitor/{code}.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))[1:]

    def number(cell: object) -> float | None:
        return None if cell in ("", None) else float(str(cell))

    return {
        (code, str(row[2]), str(row[3]), str(row[5] or ""), str(row[6] or "")): (
            number(row[7]),
            number(row[8]),
            number(row[9]),
            row[10] == "ja",
        )
        for row in rows
        if row[1] == YEAR
    }


def _as_published(cells: dict[Key, Shown]) -> dict[Key, Shown]:
    """The gate's cells with the value rounded as every reader rounds it (`core.numbers`)."""
    return {
        key: (numerator, denominator, rounded_float(value), hidden)
        for key, (numerator, denominator, value, hidden) in cells.items()
    }


def _rounded(cells: dict[Key, Shown]) -> dict[Key, Shown]:
    """Numbers to 9 decimals (Excel keeps 15 significant digits, Python 17)."""

    def rounded(number: float | None) -> float | None:
        return None if number is None else round(number, 9)

    return {
        key: (rounded(numerator), rounded(denominator), rounded(value), hidden)
        for key, (numerator, denominator, value, hidden) in cells.items()
    }


def _from_open_data() -> dict[Key, Shown]:
    """The public CSV: only totals, numerator and denominator of shares only."""
    text = Client().get("/open-data/indicatoren.csv").content.decode("utf-8")
    found: dict[Key, Shown] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row["periode"] != YEAR or row["gebiedscode"] not in LEVEL_OF:
            continue
        numbers = [float(row[c]) if row[c] else None for c in ("teller", "noemer", "waarde")]
        key = (row["indicator"], LEVELS[row["niveau"]], row["gebiedscode"], "", "")
        found[key] = (*numbers, row["status"] == "afgeschermd")  # type: ignore[assignment]
    return found


def _small_counts(key: Key, shown: Shown) -> list[float]:
    """The protected counts of a shown cell that are from 1 up to the threshold."""
    numerator, denominator, value, _hidden = shown
    numbers = {"numerator": numerator, "denominator": denominator}
    if numerator is not None and denominator is not None:
        numbers["complement"] = denominator - numerator
    counts = [numbers.get(column) for column in GATED[KINDS[key[0]]]]
    if KINDS[key[0]] == "count_distinct":
        counts.append(value)
    return [n for n in counts if n is not None and is_disclosive(math.ceil(n), THRESHOLD)]


def _check_readers(client: Client, run: MonitorRun) -> None:
    ours = LEVEL_OF
    gate = _from_gate(values_shown(run, StoredCells(codes=tuple(KINDS), periods=(YEAR,))))
    gate = {key: shown for key, shown in gate.items() if key[2] in ours}
    api = {k: s for code in KINDS for k, s in _from_api(client, code).items() if k[2] in ours}
    download = {k: s for code in KINDS for k, s in _from_download(client, code).items()}
    gate = _as_published(gate)  # every reader rounds the value by the one rule (ADR 0030)
    assert api == gate
    # the download holds the totals and each breakdown's categories (ADR 0036)
    assert _rounded({k: s for k, s in download.items() if k[2] in ours}) == _rounded(gate)
    part = StoredCells(codes=tuple(KINDS), periods=(YEAR,), breakdown="")
    published = _as_published(_from_gate(values_shown(run, part, published=True)))
    opendata = _from_open_data()
    assert set(opendata) == {key for key in published if key[2] in ours}
    for key, (numerator, denominator, value, hidden) in opendata.items():
        numerator_, denominator_, value_, hidden_ = published[key]
        assert hidden == hidden_
        assert value == (None if value_ is None else pytest.approx(value_, abs=1e-4))
        if KINDS[key[0]] == "share":  # open data shows a share's parts; not a count's
            assert (numerator, denominator) == (numerator_, denominator_)
        if not hidden:  # open data hides more, never shows anything else
            assert api[key] == published[key]
        assert not gate[key][3] or hidden  # what the monitor hides, open data hides too
    for key, shown in [*api.items(), *download.items(), *opendata.items()]:
        assert not _small_counts(key, shown), (key, shown)


COUNTS = st.integers(min_value=0, max_value=40)


@pytest.mark.slow
@pytest.mark.django_db
@settings(  # no shrinking: each example is a stored run and four requests (minutes to shrink)
    max_examples=30,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    ages=st.fixed_dictionaries(
        {w: st.fixed_dictionaries({age: COUNTS for age in AGES}) for w in WIJK_CODES}
    ),
    parts=st.fixed_dictionaries(
        {w: st.tuples(COUNTS, COUNTS).map(lambda p: (min(p), max(p))) for w in WIJK_CODES}
    ),
    hide=st.sets(st.sampled_from(sorted(LEVEL_OF)), max_size=2),
)
def test_every_reader_shows_what_the_gate_gives(
    hierarchy: dict[str, list[tuple[str, str | None]]],
    user_of: UserOf,
    ages: dict[str, dict[str, int]],
    parts: dict[str, tuple[int, int]],
    hide: set[str],
) -> None:
    """For a random stored table: the API's values, the monitor's download and open data are
    `values_shown`'s (open data: of the published part, which may hide more), and none of
    them shows a count from 1 up to the threshold."""
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    with transaction.atomic():  # each example's run is gone before the next
        documents.clear()
        tables = {COUNT: _count_table(ages), SHARE: _share_table(parts)}
        run = _store(tables, hierarchy, hide)
        publication_set(codes=list(KINDS), actor=None, origin="test")
        pages_forget()  # a run stored by hand: the kept pages and API lookups start afresh
        _check_readers(client, run)
        transaction.set_rollback(True)
