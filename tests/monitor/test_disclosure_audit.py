"""A held-out audit of a whole monitor run: everything every output path publishes (the API,
the monitor's downloads, DHIS2, open data, the pages), attacked with one linear program per
connected set of hidden numbers (`tests/monitor/attacker.py`, written apart from the gate).

The test world (the synthetic region of tests/conftest.py) is computed twice: once with
threshold 1, which hides nothing and gives the attacker the true numbers (that run is read
and deleted before anything is published), and once as the monitor does. No hidden small
count, and no small growth of a cumulative count, may have a maximum below the threshold.
"""

import csv
import io
import re
from collections.abc import Iterable

import pytest
from django.test import Client, override_settings

from doorbraak.api.cache import documents
from doorbraak.areas.models import Area
from doorbraak.core.numbers import rounded_float
from doorbraak.monitor.gated import values_shown
from doorbraak.monitor.selectors import definitions_current
from doorbraak.monitor.services import monitor_run
from doorbraak.opendata.selectors import computed_codes
from doorbraak.opendata.services import publication_set
from doorbraak.partners.models import Role
from tests.conftest import UserOf
from tests.monitor.attacker import Coordinates, Numbers, pinned

YEARS = ["2024", "2025"]  # two years: the growth of D1 and D8 between them is attacked too
PAGES = ("D8", "P6", "D3-AANDEEL")  # indicator pages checked (each takes a while to render)
THRESHOLD = 10
LEVELS = {"regio": "region", "gemeente": "gemeente", "wijk": "wijk"}  # open data's → stored


def _truth() -> dict[Coordinates, Numbers]:
    with override_settings(DISCLOSURE_THRESHOLD=1):
        run = monitor_run(periods=YEARS).run
    found = {
        (v.indicator_code, v.period, v.area_level, v.area_code, v.breakdown, v.breakdown_value): (
            v.numerator,
            v.denominator,
        )
        for v in values_shown(run)
    }
    run.delete()
    documents.clear()
    return found


class Seen:
    """What the output paths show, per cell; every path must agree with every other."""

    def __init__(self) -> None:
        self.numbers: dict[Coordinates, Numbers | None] = {}
        self.values: dict[Coordinates, float] = {}

    def add(self, cell: Coordinates, numbers: Numbers | None, value: float | None) -> None:
        """A path's numbers for a cell (None: hidden there); a path that rounds (the CSV and
        the API's value, by `core.numbers`, ADR 0030) agrees after that rounding, and the
        unrounded numbers are kept."""
        earlier = self.numbers.get(cell)
        if numbers is not None and earlier is not None:
            assert _close(earlier, numbers), (cell, earlier, numbers)
        elif numbers is not None:
            self.numbers[cell] = numbers
        else:
            self.numbers.setdefault(cell, None)
        if value is not None:
            assert rounded_float(self.values.setdefault(cell, value)) == rounded_float(value), cell


def _close(one: Numbers, other: Numbers) -> bool:
    """The same numbers once both are rounded by the one rule (`core.numbers`)."""
    return all(rounded_float(a) == rounded_float(b) for a, b in zip(one, other, strict=True))


def _api(client: Client, code: str, seen: Seen) -> None:
    page = 1
    while True:
        url = f"/api/v1/indicators/{code}/values?page={page}&page-size=1000"
        body = client.get(url).json()
        for c in body["_embedded"]["values"]:
            cell = (
                code, c["period"], c["areaLevel"], c["areaCode"], c["breakdown"] or "",
                c["category"] or "",
            )  # fmt: skip
            shown = None if c["suppressed"] else (c["numerator"], c["denominator"])
            seen.add(cell, shown, None if c["suppressed"] else c["value"])
        if "next" not in body["_links"]:
            return
        page += 1


def _download(client: Client, code: str, seen: Seen) -> None:
    """The monitor's CSV download: every cell, Dutch decimal commas."""
    text = client.get(f"/monitor/{code}.csv").content.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        if row[0] != code:
            continue
        numbers = [float(n.replace(",", ".")) if n else None for n in row[7:10]]
        cell = (code, row[1], row[2], row[3], row[5], row[6])
        hidden = row[10] == "ja"
        seen.add(cell, None if hidden else (numbers[0], numbers[1]), numbers[2])


def _dhis2(client: Client, seen: Seen) -> None:
    """DHIS2 reports the value of shown cells: the same value the API shows."""
    body = client.get("/api/v1/dhis2/dataValueSet.json").json()
    for v in body["dataValues"]:
        combo = v["categoryOptionCombo"]
        breakdown, category = combo.split(":", 1) if combo != "default" else ("", "")
        cell = (v["dataElement"], v["period"], "", v["orgUnit"], breakdown, category)
        matches = [c for c in seen.values if (*c[:2], *c[3:]) == (*cell[:2], *cell[3:])]
        assert matches, cell
        assert any(seen.values[c] == pytest.approx(float(v["value"]), abs=1e-4) for c in matches)


def _open_data(kinds: dict[str, str], seen: Seen) -> None:
    """Open data: totals per area; counts as the value, shares and ratios with their parts."""
    text = Client().get("/open-data/indicatoren.csv").content.decode("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        code = row["indicator"]
        cell = (code, row["periode"], LEVELS[row["niveau"]], row["gebiedscode"], "", "")
        numbers = [float(row[c]) if row[c] else None for c in ("teller", "noemer", "waarde")]
        if row["status"] == "afgeschermd":
            continue
        if kinds[code] in ("count", "count_distinct"):
            seen.add(cell, (numbers[2], None), numbers[2])
        elif kinds[code] in ("share", "ratio"):
            seen.add(cell, (numbers[0], numbers[1]), numbers[2])
        elif numbers[2] is not None:  # a median or mean: the value alone
            assert seen.values[cell] == pytest.approx(numbers[2], abs=1e-4), cell


NUMBER = re.compile(r'numeric-data"[^>]*>([^<]*)</td>')


def _page_numbers(html: str) -> Iterable[float]:
    for text in NUMBER.findall(html):
        text = text.strip()
        if re.fullmatch(r"-?[\d.]+(,\d+)?", text):
            yield float(text.replace(".", "").replace(",", "."))


def _pages(client: Client, codes: Iterable[str], seen: Seen) -> None:
    """An indicator's page shows, in its tables, only values the API shows for it too (to
    one decimal). (The area pages show the same stored totals beside targets, which are not
    cells; tests/monitor/test_gated.py holds every reader to `values_shown`.)"""
    for code in codes:
        shown = {round(v, 1) for cell, v in seen.values.items() if cell[0] == code}
        for number in _page_numbers(client.get(f"/monitor/{code}").content.decode()):
            assert round(number, 1) in shown, (code, number)


def _parents() -> dict[str, str]:
    return {
        code: parent
        for code, parent in Area.objects.exclude(parent=None).values_list("code", "parent__code")
    }


@pytest.mark.slow
@pytest.mark.once
@pytest.mark.django_db
def test_no_hidden_count_is_pinned_by_everything_published(user_of: UserOf) -> None:
    truth = _truth()
    monitor_run(periods=YEARS)
    definitions = definitions_current()
    assert definitions is not None
    kinds = {i.code: i.kind for i in definitions.indicators}
    codes = sorted({cell[0] for cell in truth})
    publication_set(codes=computed_codes(), actor=None, origin="test")
    client = Client()
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    seen = Seen()
    for code in codes:
        _api(client, code, seen)
        _download(client, code, seen)
    _dhis2(client, seen)
    _open_data(kinds, seen)
    _pages(client, PAGES, seen)
    published: dict[Coordinates, Numbers | None] = {cell: seen.numbers.get(cell) for cell in truth}
    found = pinned(published, truth, kinds, _parents(), THRESHOLD)
    hidden = sum(numbers is None for numbers in published.values())
    assert hidden > 1000  # the attack had something to work on
    assert found == [], found[:10]
