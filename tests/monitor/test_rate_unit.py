"""A rate's unit reads as Dutch: a count of households per 1.000 households is 'per 1.000
huishoudens', not 'huishoudens per 1.000 huishoudens'."""

import pytest

from doorbraak.monitor.dashboard_page import rate_unit
from doorbraak.monitor.overview import PER_HOUSEHOLDS, PER_INHABITANTS


@pytest.mark.parametrize(
    ("per", "unit", "shown"),
    [
        (PER_HOUSEHOLDS, "huishoudens", "per 1.000 huishoudens"),
        (PER_HOUSEHOLDS, "Huishoudens ", "per 1.000 huishoudens"),
        (PER_HOUSEHOLDS, "", "per 1.000 huishoudens"),
        (PER_HOUSEHOLDS, "jongeren", "jongeren per 1.000 huishoudens"),
        (PER_INHABITANTS, "inwoners", "per 1.000 inwoners"),
        (PER_INHABITANTS, "personen", "personen per 1.000 inwoners"),
        ("", "huishoudens", "huishoudens"),
        ("", "%", "%"),
    ],
)
def test_a_rate_names_its_unit_once(per: str, unit: str, shown: str) -> None:
    assert rate_unit(per, unit) == shown
