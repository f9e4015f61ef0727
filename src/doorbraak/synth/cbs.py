"""The synthetic region's own "CBS figures" (`cbs/85984NED-synthetisch.csv`), in the format of a
StatLine download, so the demo shows CBS beside the programme and computes P1-AANDEEL
(ADR 0023). Pure: no Django.

The figures describe the synthetic world, not the real gemeenten, and are loaded flagged as
synthetic. Per gemeente and full year before the as-of year: `HuishoudensTotaal`, the
households living in the gemeente on 31 December (the synthetic world holds households in and
around poverty, not every household, so the share is far above CBS's real ~10%), and
`HuishOnderOfRondSociaalMinimum`, the share of them in poverty that year by the gemeenten's own
definition (`poverty.DEFINITION`; CBS's measure is narrower, up to 101% of the social minimum).
"""

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from doorbraak.synth.world import PROGRAMME_START

FILE = Path("cbs") / "85984NED-synthetisch.csv"
HEADER = (
    "WijkenEnBuurten", "Perioden", "HuishoudensTotaal_29", "HuishOnderOfRondSociaalMinimum_88",
)  # fmt: skip


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """The file's rows one at a time: at large scales the files do not fit in memory."""
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _living(residences: Iterable[dict[str, str]], years: range) -> dict[tuple[int, str], set[str]]:
    """(year, gemeente) -> the households living there on 31 December."""
    living: dict[tuple[int, str], set[str]] = defaultdict(set)
    for row in residences:
        for year in years:
            day = date(year, 12, 31).isoformat()
            if row["valid_from"] <= day and (not row["valid_to"] or row["valid_to"] > day):
                living[year, "GM" + row["buurt_code"][2:6]].add(row["household_id"])
    return living


def write_statline(out_dir: Path, as_of: date) -> Path:
    facts = out_dir / "truth" / "facts"
    years = range(PROGRAMME_START.year, as_of.year)
    living = _living(_rows(facts / "residences.csv"), years)
    poor: dict[int, set[str]] = defaultdict(set)
    for row in _rows(facts / "poverty_statuses.csv"):
        if int(row["year"]) in years:  # the history before the programme is not needed here
            poor[int(row["year"])].add(row["household_id"])
    path = out_dir / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
        out.writerow(HEADER)
        for (year, gemeente), households in sorted(living.items()):
            share = 100 * len(households & poor[year]) / len(households)
            out.writerow((gemeente, f"{year}JJ00", len(households), f"{share:.1f}"))
    return path
