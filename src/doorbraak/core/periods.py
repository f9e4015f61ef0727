"""Periods in the DHIS2 identifier grammar (pure: no Django).

`2024` (year), `2024S1`/`2024S2` (half-year), `2024Q1`..`2024Q4` (quarter), `202403` (month).
A period is a half-open date interval [start, end). On exchange (ADX) a period is written as
an ISO 8601 interval: `2024-01-01/P3M`. Labels are Dutch.

A period the data do not cover to its last day is *running* (`period_running`): its figures
are about the months so far, and it is labelled "lopend jaar, t/m 30 juni 2026"
(`running_label`; ADR 0018). The date comes from the data, never from the calendar.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from gettext import gettext as _

from doorbraak.core.errors import UserError


class PeriodType(StrEnum):
    YEAR = "year"
    HALF_YEAR = "half_year"
    QUARTER = "quarter"
    MONTH = "month"


MONTHS_PER_TYPE = {
    PeriodType.YEAR: 12, PeriodType.HALF_YEAR: 6, PeriodType.QUARTER: 3, PeriodType.MONTH: 1,
}  # fmt: skip
# ASCII digits only: `\d` also takes '٢٠٢٤' and the like
_GRAMMAR = re.compile(
    r"^(?P<year>[0-9]{4})(?:(?P<kind>[SQ])(?P<n>[0-9])|(?P<month>[0-9]{2}))?$", re.ASCII
)
_MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    type: PeriodType

    @property
    def months(self) -> int:
        return MONTHS_PER_TYPE[self.type]

    @property
    def end(self) -> dt.date:
        """First day after the period."""
        return _add_months(self.start, self.months)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def identifier(self) -> str:
        number = (self.start.month - 1) // self.months + 1
        return {
            PeriodType.YEAR: f"{self.start.year}",
            PeriodType.HALF_YEAR: f"{self.start.year}S{number}",
            PeriodType.QUARTER: f"{self.start.year}Q{number}",
            PeriodType.MONTH: f"{self.start.year}{self.start.month:02d}",
        }[self.type]

    @property
    def iso_interval(self) -> str:
        duration = "P1Y" if self.type is PeriodType.YEAR else f"P{self.months}M"
        return f"{self.start.isoformat()}/{duration}"

    @property
    def label(self) -> str:
        number = (self.start.month - 1) // self.months + 1
        year = self.start.year
        return {
            PeriodType.YEAR: f"{year}",
            PeriodType.HALF_YEAR: _("%(n)se halfjaar %(year)s") % {"n": number, "year": year},
            PeriodType.QUARTER: _("%(n)se kwartaal %(year)s") % {"n": number, "year": year},
            PeriodType.MONTH: f"{_(_MONTH_NAMES[self.start.month - 1])} {year}",
        }[self.type]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    def next(self) -> "Period":
        return Period(self.end, self.type)

    def previous(self) -> "Period":
        return Period(_add_months(self.start, -self.months), self.type)

    def __str__(self) -> str:
        return self.identifier


def period_parse(text: str) -> Period:
    """Parse a DHIS2 period identifier; a UserError in Dutch when it is not one."""
    match = _GRAMMAR.match(text.strip())
    if match is None:
        raise UserError(
            "ongeldige-periode",
            _("'%(text)s' is geen periode. Gebruik bijvoorbeeld 2024, 2024S1, 2024Q3 of 202403.")
            % {"text": text},
        )
    year = int(match["year"])
    if year < 1:  # no year 0 in the calendar (date(0, 1, 1) raises)
        raise UserError(
            "ongeldige-periode",
            _("'%(text)s' is geen periode: het jaar moet 0001 of later zijn.") % {"text": text},
        )
    if match["month"]:
        return _checked(year, int(match["month"]), 12, PeriodType.MONTH, text)
    if match["kind"] == "S":
        return _checked(year, int(match["n"]), 2, PeriodType.HALF_YEAR, text)
    if match["kind"] == "Q":
        return _checked(year, int(match["n"]), 4, PeriodType.QUARTER, text)
    return Period(dt.date(year, 1, 1), PeriodType.YEAR)


def _checked(year: int, number: int, most: int, kind: PeriodType, text: str) -> Period:
    if not 1 <= number <= most:
        raise UserError(
            "ongeldige-periode",
            _("'%(text)s' bestaat niet: het nummer moet tussen 1 en %(most)s liggen.")
            % {"text": text, "most": most},
        )
    return Period(dt.date(year, 1 + (number - 1) * MONTHS_PER_TYPE[kind], 1), kind)


def period_of(day: dt.date, kind: PeriodType) -> Period:
    """The period of a type that contains a day."""
    months = MONTHS_PER_TYPE[kind]
    return Period(dt.date(day.year, (day.month - 1) // months * months + 1, 1), kind)


def periods_between(first: dt.date, last: dt.date, kind: PeriodType) -> Iterator[Period]:
    """Every period of a type that overlaps [first, last], in order."""
    period = period_of(first, kind)
    while period.start <= last:
        yield period
        period = period.next()


RUNNING_NAMES = {
    PeriodType.YEAR: "lopend jaar",
    PeriodType.HALF_YEAR: "lopend halfjaar",
    PeriodType.QUARTER: "lopend kwartaal",
    PeriodType.MONTH: "lopende maand",
}


def date_nl(day: dt.date) -> str:
    """A date the Dutch way, in words: 30 juni 2026."""
    return f"{day.day} {_(_MONTH_NAMES[day.month - 1])} {day.year}"


def period_running(period: Period, data_until: dt.date | None) -> bool:
    """Whether the data, which run to `data_until` (inclusive), stop before the period's last
    day; False when that date is unknown (ADR 0018)."""
    return data_until is not None and data_until < period.last_day


def running_label(period: Period, data_until: dt.date) -> str:
    """'lopend jaar, t/m 30 juni 2026': what a running period's figures cover. Data that stop
    before the period starts cover none of it: 'nog geen gegevens, gegevens t/m ...'."""
    if data_until < period.start:
        return _("nog geen gegevens (gegevens t/m %(day)s)") % {"day": date_nl(data_until)}
    return _("%(name)s, t/m %(day)s") % {
        "name": _(RUNNING_NAMES[period.type]),
        "day": date_nl(data_until),
    }
