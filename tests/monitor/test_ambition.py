"""The ambition measured (issue 20): A1-A5 compiled from the rules and run on the register,
against the synthetic region's truth, computed here in Python from the truth files.

The session's region (seed 7, 1,500 households; nothing was tuned on it) is loaded through
the synthetic adapter. Counts must lie within 2% of the truth for every complete year of the
programme (2023-2025); A5's ratio must cover the generator's known rate (`truth/
poverty_model.csv`) within its 95% interval on a larger region (slow).
"""

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from doorbraak.core.periods import period_parse
from doorbraak.monitor.compiler import compile_indicator
from doorbraak.monitor.definitions import parse_definitions_file
from doorbraak.monitor.rate_ratio import rate_ratio
from doorbraak.register import models as r
from doorbraak.register.synthetic import synthetic_facts_load
from doorbraak.synth import generate

DEFINITIONS = parse_definitions_file().definitions
YEARS = (2023, 2024, 2025)
TOLERANCE = 0.02


class Truth:
    """Who was in poverty when, who was born when, who lived in the region at a year's end,
    and the entries, exits and relapses: from `truth/` of a synthetic run."""

    def __init__(self, root: Path) -> None:
        self.years: dict[str, set[int]] = defaultdict(set)
        for row in _csv(root / "truth" / "facts" / "poverty_statuses.csv"):
            self.years[row["person_id"]].add(int(row["year"]))
        self.born = {
            row["person_id"]: int(row["birth_year_month"][:4])
            for row in _csv(root / "truth" / "facts" / "persons.csv")
        }
        self.memberships = [
            (row["person_id"], row["valid_from"], row["valid_to"])
            for row in _csv(root / "truth" / "facts" / "memberships.csv")
        ]
        self.events: dict[tuple[str, int], set[str]] = defaultdict(set)
        for row in _csv(root / "truth" / "poverty_events.csv"):
            self.events[(row["person_id"], int(row["year"]))].add(row["event"])
        self.model = {
            row["parameter"]: row["value"] for row in _csv(root / "truth" / "poverty_model.csv")
        }

    def living(self, year: int) -> set[str]:
        last = f"{year}-12-31"
        return {
            person
            for person, start, end in self.memberships
            if start <= last and (not end or end > last)
        }

    def in_poverty(self, year: int) -> set[str]:
        return {person for person, years in self.years.items() if year in years}

    def a1(self, year: int) -> int:
        return len(self.in_poverty(year))

    def a2(self, year: int) -> int:
        needed = set(range(year - 3, year + 1))
        return sum(1 for years in self.years.values() if needed <= years)

    def a3(self, year: int) -> int:
        """Exited in the year before (an exit event) and not back in this year."""
        back = {"entry", "relapse"}
        return sum(
            1
            for person in self.living(year)
            if "exit" in self.events[(person, year - 1)] and not back & self.events[(person, year)]
        )

    def a4(self, year: int) -> int:
        return sum(1 for person in self.in_poverty(year) if year - self.born[person] <= 17)

    def a5(self, year: int) -> tuple[int, int, int, int]:
        """(grew up poor and poor now, grew up poor, did not and poor now, did not)."""
        young = {p for p in self.living(year) if 18 <= year - self.born[p] <= 27}
        grew = {
            p for p in young if any(12 <= y - self.born[p] <= 17 for y in self.years.get(p, ()))
        }
        poor = self.in_poverty(year)
        rest = young - grew
        return len(grew & poor), len(grew), len(rest & poor), len(rest)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def region_cell(code: str, year: int) -> tuple[float, float | None]:
    """The indicator's (numerator, denominator) for the session's region in `year`."""
    assert DEFINITIONS is not None
    indicator = DEFINITIONS.get(code)
    assert indicator is not None
    sql = compile_indicator(
        indicator,
        definitions=DEFINITIONS,
        period=period_parse(str(year)),
        dialect=connection.vendor,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows: list[Any] = cursor.fetchall()
    found = [row for row in rows if row[0] == "region"]
    assert len(found) == 1, rows  # the session's region only
    numerator, denominator = found[0][4], found[0][5]
    return float(numerator), None if denominator is None else float(denominator)


@pytest.fixture(scope="module")
def truth(synth_dir: Path) -> Truth:
    return Truth(synth_dir)


def _close(measured: float, expected: float) -> bool:
    return abs(measured - expected) <= TOLERANCE * max(expected, 1)


COUNTS: dict[str, Callable[[Truth, int], int]] = {
    "A1": Truth.a1,
    "A2": Truth.a2,
    "A3": Truth.a3,
    "A4": Truth.a4,
}


@pytest.mark.parametrize("code", list(COUNTS))
def test_counts_are_within_two_percent_of_the_truth(
    demo_world: None, truth: Truth, code: str
) -> None:
    for year in YEARS:
        expected = COUNTS[code](truth, year)
        measured, _ = region_cell(code, year)
        assert expected > 50, (code, year, expected)  # the check means something
        assert _close(measured, expected), (code, year, measured, expected)


def test_a2_a3_and_a4_are_parts_of_a1(demo_world: None, truth: Truth) -> None:
    """Long-term poverty and children are subsets of everyone in poverty; exits are not."""
    for year in YEARS:
        everyone, _ = region_cell("A1", year)
        assert region_cell("A2", year)[0] < everyone
        assert region_cell("A4", year)[0] < everyone
        assert truth.a3(year) > 0


def test_a5_counts_are_the_truths(demo_world: None, truth: Truth) -> None:
    for year in YEARS:
        a, n1, b, n0 = truth.a5(year)
        hits, grew = region_cell("A5-OPGEGROEID", year)
        other_hits, rest = region_cell("A5-NIET-OPGEGROEID", year)
        assert grew is not None
        assert rest is not None
        for measured, expected in ((hits, a), (grew, n1), (other_hits, b), (rest, n0)):
            assert _close(measured, expected), (year, measured, expected)


def test_the_history_reaches_back_before_the_programme(truth: Truth) -> None:
    """Long-term poverty in 2023 needs 2020-2022; growing up at 12-17 needs years before."""
    first = min(min(years) for years in truth.years.values())
    assert first == int(truth.model["history_start"]) == 2015


# --- A5 on a region large enough for an informative interval --------------------------------

LARGE_SEED, LARGE_HOUSEHOLDS = 11, 10_000
LARGE_KEY = bytes(range(100, 132))  # pseudonyms apart from the session's region


@pytest.mark.slow
def test_a5_recovers_the_generators_rate_ratio(
    demo_world: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("large")
    generate(seed=LARGE_SEED, out_dir=out, scale=LARGE_HOUSEHOLDS)
    r.FactBatch.objects.filter(kind=r.FactBatch.Kind.SYNTHETIC).update(
        superseded_at=dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
    )
    for model in (r.Membership, r.Residence, r.PovertyStatus):
        model.objects.update(superseded_at=dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    synthetic_facts_load(
        facts_dir=out / "truth" / "facts", key=LARGE_KEY, as_of=dt.date(2026, 6, 30)
    )
    truth = Truth(out)
    known = float(truth.model["rate_ratio"])
    year = 2025  # the latest complete year
    hits, grew = region_cell("A5-OPGEGROEID", year)
    other_hits, rest = region_cell("A5-NIET-OPGEGROEID", year)
    assert (hits, grew, other_hits, rest) == pytest.approx(truth.a5(year), rel=TOLERANCE)
    ratio = rate_ratio(exposed_hits=hits, exposed=grew, unexposed_hits=other_hits, unexposed=rest)
    assert ratio is not None
    assert ratio.covers(known), (ratio, known)
    assert ratio.high / ratio.low < 1.6, ratio  # informative: narrower than 1.6 times


# --- in the monitor run, on the indicator page and in the API, like every other -----------


@pytest.mark.slow
def test_the_ambition_is_in_the_run_the_pages_and_the_api(demo_world: None, user_of: Any) -> None:
    from django.template.defaultfilters import floatformat
    from django.test import Client
    from django.urls import reverse

    from doorbraak.monitor.kept_pages import pages_forget
    from doorbraak.monitor.models import IndicatorValue
    from doorbraak.monitor.services import monitor_run
    from doorbraak.opendata.services import publication_set
    from doorbraak.partners.models import Role

    monitor_run(periods=["2025"], levels=("region", "gemeente"))
    region = {
        v.indicator_code: v
        for v in IndicatorValue.objects.filter(area_level="region", breakdown="", period="2025")
    }
    for code in ("A1", "A2", "A3", "A4", "A5-OPGEGROEID", "A5-NIET-OPGEGROEID"):
        assert code in region, code
        assert not region[code].suppressed, code
    exposed, unexposed = region["A5-OPGEGROEID"], region["A5-NIET-OPGEGROEID"]
    ratio = rate_ratio(
        exposed_hits=exposed.numerator, exposed=exposed.denominator,
        unexposed_hits=unexposed.numerator, unexposed=unexposed.denominator,
    )  # fmt: skip
    assert ratio is not None
    assert ratio.low < ratio.value < ratio.high
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    page = client.get(reverse("monitor:indicator", args=["A1"]))
    assert page.status_code == 200
    assert "Personen in armoede" in page.content.decode()
    api = client.get("/api/v1/indicators/A2")
    assert api.status_code == 200
    assert "langdurige armoede" in api.content.decode()
    # the dashboard leads with the ambition, and says A5 as a ratio with its interval
    pages_forget()
    dashboard = client.get(reverse("monitor:dashboard")).content.decode()
    groups = re.findall(r'data-group="([a-z]+)"', dashboard)
    assert groups[0] == "ambition", groups
    assert groups.count("ambition") == 1
    shown = re.search(r'data-indicator="A5">(.*?)</p>', dashboard, re.S)
    assert shown is not None
    assert f"{ratio.value:.1f}".replace(".", ",") + " keer zo vaak" in shown.group(1)
    assert f"{ratio.low:.1f}".replace(".", ",") in shown.group(1)
    # the public page leads with the published ambition figures only
    public = Client().get(reverse("web:public")).content.decode()
    assert "Er zijn nog geen cijfers over de ambitie gepubliceerd" in public
    publication_set(codes=["A1", "A4"], actor=None)
    public = Client().get(reverse("web:public")).content.decode()
    table = public[public.index("De ambitie in cijfers") : public.index("</table>")]
    assert 'data-indicator="A1"' in table
    assert 'data-indicator="A4"' in table
    assert 'data-indicator="A2"' not in table  # not published
    value = floatformat(region["A1"].value, "-1g")
    assert value in table
    assert 'data-indicator="A5"' not in public  # the ratio only when both shares are published
    publication_set(codes=["A1", "A4", "A5-OPGEGROEID", "A5-NIET-OPGEGROEID"], actor=None)
    public = Client().get(reverse("web:public")).content.decode()
    assert f"{ratio.value:.1f}".replace(".", ",") + " keer zo vaak" in public
