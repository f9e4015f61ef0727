"""'De regio in cijfers' goes through the one disclosure gate: no count from 1 up to the
threshold is shown, and none can be worked out from a shown regional total and the visible
gemeenten next to it."""

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client

from doorbraak.core.disclosure_gate import is_disclosive
from doorbraak.partners.models import Role
from doorbraak.register import selectors
from doorbraak.register.views import overview_gated
from tests.conftest import UserOf

ROW = re.compile(
    r'<tr class="utrecht-table__row">\s*<th class="utrecht-table__header-cell" scope="row">'
    r"(?P<name>[^<]*)</th>(?P<cells>.*?)</tr>",
    re.S,
)
CELL = re.compile(r'<td class="utrecht-table__cell[^"]*">(.*?)</td>', re.S)


def _number(html: str) -> int | None:
    text = unescape(re.sub(r"<[^>]+>", "", html)).strip()
    if text == "·":
        return None
    return int(text.replace(".", "").replace("\xa0", "").replace(" ", ""))


def _shown_table(page: str) -> dict[str, list[int | None]]:
    """The rendered table: gemeente (and 'Regio') → the four shown numbers (None: hidden)."""
    table = page[page.index('<table class="utrecht-table">') : page.index("</table>")]
    return {
        unescape(m["name"]).strip(): [_number(c) for c in CELL.findall(m["cells"])]
        for m in ROW.finditer(table)
    }


@pytest.mark.parametrize("threshold", [10, 40, 120, 400, 10**6])
def test_no_small_count_is_shown_or_follows_from_the_regional_total(
    client: Client,
    user_of: UserOf,
    settings: Any,
    threshold: int,
) -> None:
    settings.DISCLOSURE_THRESHOLD = threshold
    client.force_login(user_of(Role.BOARD))
    page = client.get("/register").content.decode()
    shown = _shown_table(page)
    region = shown.pop("Regio")
    as_of = selectors.register_as_of()
    assert as_of is not None
    truth = selectors.gemeente_counts(as_of)
    assert set(shown) == set(truth)
    for column, name in enumerate(selectors.COLUMNS):
        values = [row[column] for row in shown.values()]
        for gemeente, row in shown.items():
            assert row[column] is None or row[column] == truth[gemeente][name]
        for value in [*values, region[column]]:
            assert value is None or not is_disclosive(value, threshold)
        hidden = [v for v in values if v is None]
        total = region[column]
        if total is not None and hidden:
            assert len(hidden) != 1
            rest = total - sum(v for v in values if v is not None)
            assert not is_disclosive(rest, threshold), (name, rest)
        if region[column] is not None:
            assert region[column] == sum(truth[g][name] for g in truth)


def test_the_page_hides_cells_at_a_threshold_between_the_counts(
    client: Client,
    user_of: UserOf,
    settings: Any,
) -> None:
    as_of = selectors.register_as_of()
    assert as_of is not None
    signals = sorted(row["signals"] for row in selectors.gemeente_counts(as_of).values())
    settings.DISCLOSURE_THRESHOLD = signals[len(signals) // 2] + 1  # half the gemeenten below
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    shown = _shown_table(client.get("/register").content.decode())
    assert sum(1 for name, row in shown.items() if name != "Regio" and row[2] is None) >= 2


def test_a_hidden_zero_next_to_a_small_count_is_not_enough() -> None:
    counts = {
        "A": {"households": 3, "persons": 30, "signals": 12, "plans": 0},
        "B": {"households": 0, "persons": 50, "signals": 40, "plans": 0},
        "C": {"households": 25, "persons": 60, "signals": 55, "plans": 0},
        "D": {"households": 40, "persons": 70, "signals": 90, "plans": 0},
    }
    rows, totals = overview_gated(counts, threshold=10)
    assert rows["A"]["households"] is None
    assert totals["households"] == 68
    hidden = [name for name in counts if rows[name]["households"] is None]
    shown_sum = sum(rows[n]["households"] or 0 for n in counts)
    assert len(hidden) >= 2
    assert not is_disclosive(68 - shown_sum, 10)
    assert rows["A"]["persons"] == 30
    assert totals["plans"] == 0
    assert all(rows[name]["plans"] == 0 for name in counts)


def test_an_empty_register_shows_no_table(client: Client, user_of: UserOf) -> None:
    rows, totals = overview_gated({}, threshold=10)
    assert rows == {}
    assert set(totals.values()) == {0}
