"""P1-AANDEEL: the supported households as a share of CBS's estimate of the households under or
around the social minimum (a reference_share, issue 20 item 3): the estimate per area and
year, the region as its gemeenten added up, the latest CBS year up to the period, empty where
CBS has no figure; the same on SQLite/PostgreSQL and DuckDB, and through the gate."""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.areas.services import statline_load
from doorbraak.monitor import compiler
from doorbraak.monitor.ambition_selectors import ReferenceEstimate, reference_estimates
from doorbraak.monitor.kept_pages import pages_forget
from doorbraak.monitor.models import IndicatorValue
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role
from tests.conftest import catalogue_part

pytestmark = pytest.mark.django_db


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
        definitions=catalogue_part("P1", "P1-AANDEEL"),
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
        periods=["2024"],
        levels=("region", "gemeente"),
        definitions=catalogue_part("P1", "P1-AANDEEL"),
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
            definitions=catalogue_part("P1", "P1-AANDEEL"),
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


def test_the_area_page_shows_the_denominator_the_monitor_divides_by(
    demo_world: None,
    tmp_path: Path,
    user_of,  # type: ignore[no-untyped-def]
) -> None:
    """ "CBS ernaast" reads the monitor's own estimate (one computation, the compiler's): the
    region in 2025 has Emmen's 2023 figure in it, as P1-AANDEEL's denominator has."""
    estimate_2023 = _cbs(tmp_path, 2023, "12.5")
    estimate_2025 = _cbs(tmp_path, 2025, "10.0", skip="GM0114")
    run = monitor_run(
        periods=["2025"],
        levels=("region", "gemeente"),
        definitions=catalogue_part("P1", "P1-AANDEEL"),
    ).run
    cells = _cells(run.pk, "P1-AANDEEL", "2025")
    region = Area.objects.get(level=AreaLevel.REGION)
    expected = estimate_2023["GM0114"] + sum(
        n for code, n in estimate_2025.items() if code.startswith("GM")
    )
    shown = reference_estimates(region, [2023, 2025])
    assert shown[2025] == ReferenceEstimate(households=expected, year=2023)
    assert cells["region", region.code].denominator == expected
    emmen = Area.objects.get(code="GM0114")
    assert reference_estimates(emmen, [2025]) == {
        2025: ReferenceEstimate(cells["gemeente", "GM0114"].denominator, 2023)
    }
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    pages_forget()
    page = client.get(reverse("monitor:area", args=[region.code])).content.decode()
    assert f"{expected:,}".replace(",", ".") + ' <span class="site-muted">(uit 2023)' in page


def test_the_page_follows_the_compilers_estimate(
    demo_world: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """There is no second computation to drift: change the compiler's, the page's changes."""
    estimate = _cbs(tmp_path, 2024, "11.0")
    emmen = Area.objects.get(code="GM0114")
    assert reference_estimates(emmen, [2024])[2024] == ReferenceEstimate(estimate["GM0114"], 2024)
    formula = "ROUND(total.value * share.value / 100.0)"
    assert formula in compiler._REFERENCE_AREAS
    changed = compiler._REFERENCE_AREAS.replace(formula, f"{formula} + 7")
    monkeypatch.setattr(compiler, "_REFERENCE_AREAS", changed)
    assert reference_estimates(emmen, [2024])[2024] == ReferenceEstimate(
        estimate["GM0114"] + 7, 2024
    )
