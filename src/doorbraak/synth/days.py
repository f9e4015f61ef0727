"""Days as proleptic ordinals (`date.toordinal()`), and their text in the export styles.

The simulation works on integers for speed; text is produced once per distinct day and cached.
"""

from __future__ import annotations

from datetime import date

DAYS_PER_YEAR = 365.25


def ordinal(value: date) -> int:
    return value.toordinal()


def from_ordinal(day: int) -> date:
    return date.fromordinal(day)


def year_of(day: int) -> int:
    return date.fromordinal(day).year


class DayFormatter:
    """Cached text for days: ISO (`2024-03-01`), Dutch (`01-03-2024`) and year-month."""

    def __init__(self) -> None:
        self._iso: dict[int, str] = {}
        self._dmy: dict[int, str] = {}

    def iso(self, day: int) -> str:
        text = self._iso.get(day)
        if text is None:
            text = self._iso[day] = date.fromordinal(day).isoformat()
        return text

    def dmy(self, day: int) -> str:
        text = self._dmy.get(day)
        if text is None:
            text = self._dmy[day] = date.fromordinal(day).strftime("%d-%m-%Y")
        return text

    def text(self, day: int | None, style: str) -> str:
        if day is None:
            return ""
        return self.iso(day) if style == "iso" else self.dmy(day)

    def year_month(self, day: int) -> str:
        return self.iso(day)[:7]


IMPOSSIBLE_DATES = {
    "iso": ("2024-02-30", "2023-13-01", "0000-00-00", "2025-06-31"),
    "dd-mm-jjjj": ("30-02-2024", "01-13-2023", "00-00-0000", "31-06-2025"),
}
