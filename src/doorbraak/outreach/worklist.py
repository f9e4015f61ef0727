"""The worklist's arithmetic: a case's priority, age, due date and whether it is overdue.

Pure: no Django. The norm (days from the signal to the first contact attempt) comes from the
caller (`DOORBRAAK_OUTREACH_FIRST_ATTEMPT_DAYS`, default 14; DESIGN.md §9 calls it a default
setting, not law). The priority rule is ours, not the GGM's (it has none); ADR 0029.
"""

import datetime as dt
from dataclasses import dataclass
from statistics import median

AMOUNT_BANDS = (500, 1500, 3000)  # euros: each band passed adds a point
CHILD_POINTS = 2
HIGH, MEDIUM = 4, 2  # points from which the priority is hoog, middel


@dataclass(frozen=True)
class CaseFacts:
    first_signal: dt.date
    amount: int  # all signals together, whole euros
    creditors: int  # distinct signalling partners
    children: int | None
    crisis: bool
    first_attempt: dt.date | None


def points(facts: CaseFacts) -> int:
    by_amount = sum(1 for band in AMOUNT_BANDS if facts.amount >= band)
    by_creditors = min(max(facts.creditors - 1, 0), 3)
    by_children = CHILD_POINTS if facts.children else 0
    return by_amount + by_creditors + by_children


def priority(facts: CaseFacts) -> str:
    """'hoog', 'middel' or 'laag'; a crisis signal is always 'hoog'."""
    score = points(facts)
    if facts.crisis or score >= HIGH:
        return "hoog"
    return "middel" if score >= MEDIUM else "laag"


def due(facts: CaseFacts, norm_days: int) -> dt.date:
    return facts.first_signal + dt.timedelta(days=norm_days)


def overdue(facts: CaseFacts, norm_days: int, today: dt.date) -> bool:
    """No attempt yet and the norm's last day has passed."""
    return facts.first_attempt is None and today > due(facts, norm_days)


def age_days(facts: CaseFacts, today: dt.date) -> int:
    return (today - facts.first_signal).days


def order_key(facts: CaseFacts, norm_days: int, today: dt.date) -> tuple[int, int, int, int]:
    """Crisis first, then overdue, then more points, then the oldest."""
    return (
        0 if facts.crisis else 1,
        0 if overdue(facts, norm_days, today) else 1,
        -points(facts),
        -age_days(facts, today),
    )


def first_attempt_for(signal_date: dt.date, attempts: list[dt.date]) -> dt.date | None:
    """A signal's first contact attempt: the case's first on or after the signal's date."""
    return min((on for on in attempts if on >= signal_date), default=None)


def p2_median(pairs: list[tuple[dt.date, dt.date | None]]) -> float | None:
    """P2 as the monitor defines it: the median of days from signal to first attempt, over
    the signals that have one."""
    days = [(attempt - signal).days for signal, attempt in pairs if attempt is not None]
    return median(days) if days else None
