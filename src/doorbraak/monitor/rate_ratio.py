"""A5, poverty passed on: the ratio of two poverty rates and its 95% interval (pure).

The rates are those of two gated shares (A5-OPGEGROEID and A5-NIET-OPGEGROEID): young adults
who grew up in poverty and those who did not, and of each the number in poverty now. The
interval is the usual one for a ratio of two proportions (Katz et al., 1978): on the log
scale, with standard error sqrt(1/a - 1/n1 + 1/b - 1/n0). It is computed here, in Python,
from counts that already passed the disclosure gate, so it reveals nothing the two shares do
not; a suppressed or empty count gives no ratio.
"""

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054
# the ratio's name -> its two shares: (grew up in poverty, did not)
PAIRS = {"A5": ("A5-OPGEGROEID", "A5-NIET-OPGEGROEID")}


@dataclass(frozen=True)
class RateRatio:
    value: float
    low: float
    high: float

    def covers(self, rate: float) -> bool:
        return self.low <= rate <= self.high


def rate_ratio(
    *,
    exposed_hits: float | None,
    exposed: float | None,
    unexposed_hits: float | None,
    unexposed: float | None,
    z: float = Z_95,
) -> RateRatio | None:
    """(exposed_hits / exposed) / (unexposed_hits / unexposed) with its interval; None when a
    count is missing (suppressed) or zero, or a part is larger than its whole."""
    counts = (exposed_hits, exposed, unexposed_hits, unexposed)
    if any(count is None or count <= 0 for count in counts):
        return None
    a, n1, b, n0 = (float(count) for count in counts)  # type: ignore[arg-type]
    if a > n1 or b > n0:
        return None
    value = (a / n1) / (b / n0)
    error = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n0)
    return RateRatio(value, value * math.exp(-z * error), value * math.exp(z * error))
