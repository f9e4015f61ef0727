"""A5's ratio of two poverty rates and its 95% interval, on counts worked out by hand."""

import math

import pytest

from doorbraak.monitor.definitions import parse_definitions_text
from doorbraak.monitor.rate_ratio import Z_95, rate_ratio


def test_the_ratio_and_its_interval_by_hand() -> None:
    # 30 of 100 who grew up in poverty, 15 of 100 who did not: twice as often
    found = rate_ratio(exposed_hits=30, exposed=100, unexposed_hits=15, unexposed=100)
    assert found is not None
    error = math.sqrt(1 / 30 - 1 / 100 + 1 / 15 - 1 / 100)  # 0.2828...
    assert found.value == pytest.approx(2.0)
    assert found.low == pytest.approx(2.0 * math.exp(-Z_95 * error))  # 1.149
    assert found.high == pytest.approx(2.0 * math.exp(Z_95 * error))  # 3.482
    assert found.covers(2.0)
    assert not found.covers(1.0)


def test_more_people_give_a_narrower_interval() -> None:
    small = rate_ratio(exposed_hits=30, exposed=100, unexposed_hits=15, unexposed=100)
    large = rate_ratio(exposed_hits=300, exposed=1000, unexposed_hits=150, unexposed=1000)
    assert small is not None
    assert large is not None
    assert large.value == pytest.approx(small.value)
    assert large.high - large.low < (small.high - small.low) / 2


@pytest.mark.parametrize(
    "counts",
    [(None, 100, 15, 100), (30, 100, 0, 100), (30, 0, 15, 100), (120, 100, 15, 100)],
)
def test_no_ratio_from_a_suppressed_empty_or_impossible_count(
    counts: tuple[float | None, ...],
) -> None:
    a, n1, b, n0 = counts
    assert rate_ratio(exposed_hits=a, exposed=n1, unexposed_hits=b, unexposed=n0) is None


HEAD = "schema_version: 1\nindicators:\n  - "


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (
            "{code: X, kind: count, unit: person, facts: poverty_statuses, window: flow, "
            "filters: [{in_years: poverty_statuses, years: [-3, null]}]}",
            "ongeldige-waarde",
        ),
        (
            "{code: X, kind: count, unit: person, facts: poverty_statuses, window: flow, "
            "filters: [{grew_up_in: signals, ages: [12, 17]}]}",
            "filter-past-niet",
        ),
        (
            "{code: X, kind: count, unit: person, facts: poverty_statuses, window: flow, "
            "filters: [{not_in_years: armoede, years: [-1, 0]}]}",
            "onbekende-feitentabel",
        ),
        (
            "{code: X, kind: count, unit: household, facts: plans, window: flow, "
            "filters: [{in_years: poverty_statuses, years: [-1, 0]}]}",
            "geen-persoon",
        ),
    ],
)
def test_mistakes_in_the_year_filters_have_stable_codes(line: str, code: str) -> None:
    result = parse_definitions_text(HEAD + line)
    assert code in {p.code for p in result.problems}, result.problems
