"""The synthetic region's own "CBS figures" (synth.cbs, ADR 0023): a StatLine-shaped file
whose estimate of households in poverty per gemeente and year is the truth's."""

import csv
import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from doorbraak.areas.statline import read_statline
from doorbraak.synth.cbs import FILE


def _truth(synth_dir: Path, name: str) -> list[dict[str, str]]:
    with (synth_dir / "truth" / "facts" / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_file_reads_as_a_statline_download_with_the_truths_poverty(synth_dir: Path) -> None:
    parsed = read_statline(synth_dir / FILE)
    assert parsed.table == "85984NED"
    figures = {(f.area_code, f.year, f.measure): f.value for f in parsed.figures}
    years = {year for _, year, _ in figures}
    assert years == {2023, 2024, 2025}  # full years before the as-of day (2026-06-30)
    poor: dict[int, set[str]] = defaultdict(set)
    for row in _truth(synth_dir, "poverty_statuses"):
        poor[int(row["year"])].add(row["household_id"])
    checked = 0
    for year in years:
        end = dt.date(year, 12, 31).isoformat()
        living: dict[str, set[str]] = defaultdict(set)
        for row in _truth(synth_dir, "residences"):
            if row["valid_from"] <= end < (row["valid_to"] or "9999"):
                living["GM" + row["buurt_code"][2:6]].add(row["household_id"])
        for gemeente, households in living.items():
            total = figures[gemeente, year, "HuishoudensTotaal"]
            share = figures[gemeente, year, "HuishOnderOfRondSociaalMinimum"]
            assert total == len(households)
            estimate = (total * share / 100).quantize(Decimal(1), ROUND_HALF_UP)  # type: ignore[operator]
            assert abs(estimate - len(households & poor[year])) <= total * Decimal("0.0005") + 1
            checked += 1
    assert checked >= 25
