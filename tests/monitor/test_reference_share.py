"""P1-AANDEEL: the supported households as a share of CBS's estimate of the households under or
around the social minimum (a reference_share, issue 20 item 3): the estimate per area and
year, the region as its gemeenten added up, the latest CBS year up to the period, empty where
CBS has no figure; the same on SQLite/PostgreSQL and DuckDB, and through the gate."""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.areas.services import statline_load
from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.monitor.definitions.model import IndicatorDefinitions
from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import monitor_run

pytestmark = pytest.mark.django_db


def _definitions(codes: tuple[str, ...] = ("P1", "P1-AANDEEL")) -> IndicatorDefinitions:
    parsed = parse_definitions_file()
    assert parsed.definitions is not None
    full = parsed.definitions
    return IndicatorDefinitions(
        full.populations, tuple(i for i in full.indicators if i.code in codes), full.waiting
    )


def _cbs(tmp_path: Path, year: int, share: str, skip: str = "") -> dict[str, int]:
    """Every gemeente and wijk of the region: households and `share`% (`skip` left out); the
    estimate per area code."""
    levels = (AreaLevel.GEMEENTE, AreaLevel.WIJK)
    codes = sorted(Area.objects.filter(level__in=levels).values_list("code", flat=True))
    rows = [
        f'"{code}";"{year}JJ00";"{4000 + 100 * n}";"{share}"'
        for n, code in enumerate(codes)
        if code != skip
    ]
    path = tmp_path / f"85984NED-{year}-{skip}.csv"
    head = '"WijkenEnBuurten";"Perioden";"HuishoudensTotaal_29";"HuishOnderOfRondSociaalMinimum_88"'
    path.write_text(head + "\n" + "\n".join(rows), encoding="utf-8")
    statline_load(path=path)
    return {
        code: int((Decimal(4000 + 100 * n) * Decimal(share) / 100).quantize(1, ROUND_HALF_UP))
        for n, code in enumerate(codes)
        if code != skip
    }


def _cells(run_id: int, code: str, period: str) -> dict[tuple[str, str], IndicatorValue]:
    return {
        (v.area_level, v.area_code): v
        for v in IndicatorValue.objects.filter(
            run_id=run_id, indicator_code=code, period=period, breakdown=""
        )
    }


def test_supported_households_against_the_cbs_estimate(demo_world: None, tmp_path: Path) -> None:
    estimate_2023 = _cbs(tmp_path, 2023, "12.5")
    estimate_2025 = _cbs(tmp_path, 2025, "10.0")
    run = monitor_run(
        periods=["2022", "2024", "2025"],
        levels=("region", "gemeente", "wijk"),
        definitions=_definitions(),
        engine="database",
    ).run
    for period, estimate in (("2024", estimate_2023), ("2025", estimate_2025)):
        counts, shares = _cells(run.pk, "P1", period), _cells(run.pk, "P1-AANDEEL", period)
        region = next(area for level, area in shares if level == "region")
        gemeenten = {a: n for a, n in estimate.items() if a.startswith("GM")}
        assert shares["region", region].denominator == sum(gemeenten.values())
        shown = 0
        for (level, area), cell in shares.items():
            supported = counts[level, area]
            if cell.suppressed or supported.suppressed:
                continue
            shown += level == "wijk"
            assert cell.numerator == supported.numerator
            if level != "region":
                assert cell.denominator == estimate.get(area)
            if cell.denominator:
                assert cell.value == pytest.approx(100 * cell.numerator / cell.denominator)
            else:
                assert cell.value is None
        assert shown > 5
    before = _cells(run.pk, "P1-AANDEEL", "2022")
    assert all(c.denominator is None and c.value is None for c in before.values())


def test_a_gemeente_without_figure_leaves_the_region_empty(
    demo_world: None, tmp_path: Path
) -> None:
    estimate = _cbs(tmp_path, 2024, "11.0", skip="GM0114")
    run = monitor_run(
        periods=["2024"], levels=("region", "gemeente"), definitions=_definitions()
    ).run
    shares = _cells(run.pk, "P1-AANDEEL", "2024")
    assert next(c for (level, _), c in shares.items() if level == "region").denominator is None
    assert shares["gemeente", "GM0114"].value is None
    assert shares["gemeente", "GM1952"].denominator == estimate["GM1952"]


def test_duckdb_computes_the_same(demo_world: None, tmp_path: Path) -> None:
    _cbs(tmp_path, 2024, "12.0")
    kept = ("numerator", "denominator", "value", "suppressed")
    runs = [
        monitor_run(
            periods=["2024"],
            levels=("region", "gemeente", "wijk"),
            definitions=_definitions(),
            engine=engine,
        ).run
        for engine in ("database", "duckdb")
    ]
    database, duck = (
        {
            (c.area_level, c.area_code): tuple(getattr(c, f) for f in kept)
            for c in _cells(run.pk, "P1-AANDEEL", "2024").values()
        }
        for run in runs
    )
    assert database == duck
    assert any(denominator for _, denominator, _, _ in database.values())
