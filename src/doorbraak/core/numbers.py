"""One rounding rule for every figure the platform shows (pure: no Django).

A monitor value is shown in a table, a chart, a CSV and XLSX download and the API; each used
to round on its own (one decimal in the table, four significant digits in the chart, two
decimals in the CSV, none in the API), so P7 read 0,0 in the table and 0,040 in the chart.
Now every one of them shows `rounded(value)`:

- a whole number stays whole (counts: 171288);
- a value of 1 or more gets one decimal (92,93 % -> 92,9);
- a value below 1 keeps two significant digits (0,0403 -> 0,040; 0,35 -> 0,35), at most
  four decimals, so a small mean or rate does not read as 0 (only one below 0,00005 does);
  a value that rounds up to the next power of ten is rounded again (0,999 -> 1,0);
- halves round away from zero (2,25 -> 2,3; 0,125 -> 0,13), as people round by hand, and on
  the decimal text of the value (not its binary float: 2,675 -> 2,7).

`nl(value)` writes it the Dutch way for the screen (decimal comma, thousands point:
171.288; 92,9); `plain(value)` for a data file (a decimal point, no thousands separator).
Both keep the rounded value's decimals ("0,040", "12,0"), so every place prints the same
text for a cell. ADR 0030.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

MAX_DECIMALS = 4


def decimals_for(value: float | Decimal) -> int:
    """How many decimals the rule keeps for this value."""
    number = abs(float(value))
    if number == 0 or float(value).is_integer():
        return 0
    if number >= 1:
        return 1
    # two significant digits: 0.0403 has its first digit in the 2nd decimal -> 3 decimals
    first = -math.floor(math.log10(number))
    return min(MAX_DECIMALS, first + 1)


def rounded(value: float | Decimal | None) -> Decimal | None:
    """The value as every page, chart, download and API answer shows it; None stays None."""
    if value is None:
        return None
    exact = Decimal(str(value))
    if not exact.is_finite():
        return None
    decimals = decimals_for(exact)
    shown = _quantize(exact, decimals)
    if abs(exact) < 1 <= abs(shown):  # 0.999 -> 1.00: a value of 1 or more has one decimal
        return _quantize(exact, 1)
    if abs(exact) < 1 and shown and decimals_for(shown) < decimals:  # 0.0996 -> 0.100 -> 0.10
        return _quantize(exact, decimals_for(shown))
    return shown


def _quantize(exact: Decimal, decimals: int) -> Decimal:
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def rounded_float(value: float | Decimal | None) -> float | None:
    """`rounded` as a float, for JSON and spreadsheets (0.04 for 0,040)."""
    shown = rounded(value)
    return None if shown is None else float(shown)


def plain(value: float | Decimal | None) -> str:
    """The rounded value for a data file: '0.040', '171288', '' for no value."""
    shown = rounded(value)
    return "" if shown is None else f"{shown:f}"


def nl(value: float | Decimal | None, *, grouping: bool = True) -> str:
    """The rounded value the Dutch way: '171.288', '92,9', '0,040'; '' for no value.
    `grouping=False` leaves out the thousands point (a year, a CSV cell)."""
    shown = rounded(value)
    if shown is None:
        return ""
    text = f"{shown:,f}" if grouping else f"{shown:f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
