"""Reads for the plan's ambition beside its indicators: the generational measure (A5, the ratio
of two gated poverty rates with its interval) and CBS's published estimate of the households a
reference share divides by, computed by the compiler's own SQL so page and monitor agree.
"""

from dataclasses import dataclass

from django.db import connection

from doorbraak.areas.models import Area
from doorbraak.core.periods import PeriodType, period_parse
from doorbraak.monitor.compiler import reference_estimates_sql
from doorbraak.monitor.gated import (
    ShownValue,
    StoredCells,
    values_shown,
)
from doorbraak.monitor.rate_ratio import PAIRS, RateRatio, rate_ratio
from doorbraak.monitor.selectors import latest_run


@dataclass(frozen=True)
class RatioLine:
    """The generational measure (A5) for the region: the ratio of two gated poverty rates in
    the latest complete year in which both are shown, with its 95% interval (issue 20)."""

    code: str
    period: str
    ratio: RateRatio
    exposed_rate: float
    unexposed_rate: float


def generational_ratio(code: str = "A5") -> RatioLine | None:
    """None while either share is suppressed, empty or not computed."""
    exposed_code, unexposed_code = PAIRS[code]
    run = latest_run()
    if run is None:
        return None
    years = tuple(p for p in run.periods if period_parse(p).type is PeriodType.YEAR)
    cells = StoredCells(
        codes=(exposed_code, unexposed_code), periods=years, levels=("region",), breakdown=""
    )
    by_year: dict[str, dict[str, ShownValue]] = {}
    for value in values_shown(run, cells):
        if not value.until and not value.suppressed:
            by_year.setdefault(value.period, {})[value.indicator_code] = value
    for period in sorted(by_year, reverse=True):
        pair = by_year[period]
        if exposed_code not in pair or unexposed_code not in pair:
            continue
        exposed, unexposed = pair[exposed_code], pair[unexposed_code]
        ratio = rate_ratio(
            exposed_hits=exposed.numerator,
            exposed=exposed.denominator,
            unexposed_hits=unexposed.numerator,
            unexposed=unexposed.denominator,
        )
        if ratio is not None and exposed.value is not None and unexposed.value is not None:
            return RatioLine(code, period, ratio, exposed.value, unexposed.value)
    return None


# The reference a P1-AANDEEL-style share divides by; the area page shows it beside CBS's rows.
POVERTY_REFERENCE = "cbs_huishoudens_rond_sociaal_minimum"


@dataclass(frozen=True)
class ReferenceEstimate:
    households: int
    year: int  # the CBS year it comes from (the region: its gemeenten's oldest)


def reference_estimates(
    area: Area, years: list[int], reference: str = POVERTY_REFERENCE
) -> dict[int, ReferenceEstimate | None]:
    """Per year, the published figure a reference_share divides by for `area` in that year:
    the compiler's own SQL (`reference_estimates_sql`), so the area page's "CBS ernaast" and
    the monitor's denominators cannot drift apart. It reads CBS's published figures
    (areas_areastatistic), never the register."""
    found: dict[int, ReferenceEstimate | None] = {}
    with connection.cursor() as cursor:
        for year in years:
            cursor.execute(
                f"SELECT households, year FROM ({reference_estimates_sql(reference, year)}) AS r "  # noqa: S608 - compiled from literals
                "WHERE area_level = %s AND area_code = %s",
                [area.level, area.code],
            )
            row = cursor.fetchone()
            found[year] = (
                ReferenceEstimate(int(row[0]), int(row[1])) if row and row[0] is not None else None
            )
    return found
