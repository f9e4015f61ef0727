"""DHIS2 period identifiers: parse, print, intervals, and the round trip."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.core.errors import UserError
from doorbraak.core.periods import PeriodType, period_of, period_parse, periods_between


@pytest.mark.parametrize(
    ("text", "start", "end", "iso"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2025, 1, 1), "2024-01-01/P1Y"),
        ("2024S2", dt.date(2024, 7, 1), dt.date(2025, 1, 1), "2024-07-01/P6M"),
        ("2024Q1", dt.date(2024, 1, 1), dt.date(2024, 4, 1), "2024-01-01/P3M"),
        ("2024Q4", dt.date(2024, 10, 1), dt.date(2025, 1, 1), "2024-10-01/P3M"),
        ("202403", dt.date(2024, 3, 1), dt.date(2024, 4, 1), "2024-03-01/P1M"),
        ("202412", dt.date(2024, 12, 1), dt.date(2025, 1, 1), "2024-12-01/P1M"),
    ],
)
def test_identifiers_mean_what_dhis2_means(
    text: str, start: dt.date, end: dt.date, iso: str
) -> None:
    period = period_parse(text)
    assert (period.start, period.end, period.iso_interval, period.identifier) == (
        start,
        end,
        iso,
        text,
    )


@pytest.mark.parametrize(
    "text", ["2024Q5", "2024S3", "202413", "202400", "24Q1", "2024W1", "", "abc"]
)
def test_non_periods_get_a_dutch_error(text: str) -> None:
    with pytest.raises(UserError) as error:
        period_parse(text)
    assert error.value.code == "ongeldige-periode"


def test_dutch_labels() -> None:
    assert period_parse("2025Q3").label == "3e kwartaal 2025"
    assert period_parse("2025S1").label == "1e halfjaar 2025"
    assert period_parse("202505").label == "mei 2025"


def test_periods_between_cover_the_range_without_gaps() -> None:
    quarters = [
        p.identifier
        for p in periods_between(dt.date(2023, 2, 10), dt.date(2023, 12, 31), PeriodType.QUARTER)
    ]
    assert quarters == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]


days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31))


@given(days, st.sampled_from(list(PeriodType)))
def test_every_day_lies_in_exactly_its_period_and_identifiers_round_trip(
    day: dt.date, kind: PeriodType
) -> None:
    period = period_of(day, kind)
    assert period.contains(day)
    assert not period.next().contains(day)
    assert not period.previous().contains(day)
    assert period.previous().end == period.start
    assert period_parse(period.identifier) == period
