import pytest

from doorbraak.pseudonymise.bsn import bsn_normalise, elfproef


@pytest.mark.parametrize(
    ("raw", "status", "bsn"),
    [
        ("123456782", "geldig", "123456782"),
        (" 1234.56.782 ", "geldig", "123456782"),
        ("123456782.0", "geldig", "123456782"),
        ("", "ontbreekt", None),
        ("123456781", "ongeldig", None),
        ("abc", "ongeldig", None),
        ("000000000", "ongeldig", None),
    ],
)
def test_bsn_normalise(raw, status, bsn):
    result = bsn_normalise(raw)
    assert (result.status, result.bsn) == (status, bsn)


def test_leading_zero_repaired():
    digits = next(f"0{n:08d}" for n in range(10_000_000, 10_100_000) if elfproef(f"0{n:08d}"))
    assert bsn_normalise(digits[1:]).bsn == digits
    assert bsn_normalise(digits[1:]).status == "hersteld"
