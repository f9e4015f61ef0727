"""The one rounding rule (ADR 0030): the cases that used to differ between table, chart,
download and API, written out by hand."""

from decimal import Decimal

import pytest

from doorbraak.core.numbers import nl, plain, rounded, rounded_float


@pytest.mark.parametrize(
    ("value", "screen", "data_file"),
    [
        (171288, "171.288", "171288"),  # the koppeling report's count, with a thousands point
        (92.93, "92,9", "92.9"),  # a bar labelled 92,93 where the table said 92,9
        (0.0403, "0,040", "0.040"),  # P7: the table said 0,0, the chart 0,040
        (0.047, "0,047", "0.047"),
        (0.35, "0,35", "0.35"),
        (2.25, "2,3", "2.3"),  # half away from zero, on the decimal text
        (2.675, "2,7", "2.7"),  # binary 2.67499999... still rounds as written
        (0.125, "0,13", "0.13"),
        (0.999, "1,0", "1.0"),  # rounds up past 1: one decimal, as every value of 1 or more
        (0.0996, "0,10", "0.10"),
        (9.96, "10,0", "10.0"),
        (50.0, "50", "50"),
        (1234.56, "1.234,6", "1234.6"),
        (-0.0403, "-0,040", "-0.040"),
        (0, "0", "0"),
    ],
)
def test_one_rule_for_screen_and_file(value: float, screen: str, data_file: str) -> None:
    assert nl(value) == screen
    assert plain(value) == data_file
    assert rounded(value) == Decimal(data_file)
    assert rounded_float(value) == float(data_file)


def test_no_value_is_empty_never_zero() -> None:
    assert rounded(None) is None
    assert rounded_float(None) is None
    assert nl(None) == plain(None) == ""


def test_a_year_and_a_csv_cell_have_no_thousands_point() -> None:
    assert nl(2025, grouping=False) == "2025"
    assert nl(1234.56, grouping=False) == "1234,6"
