"""The worklist's arithmetic (pure): priority from amount, creditors and children; the norm;
the order; P2 as the monitor defines it (median days from signal to first attempt)."""

import datetime as dt

import pytest

from doorbraak.outreach import worklist as w

DAY = dt.date(2026, 12, 6)


def facts(**changes: object) -> w.CaseFacts:
    values: dict[str, object] = {
        "first_signal": DAY - dt.timedelta(days=3),
        "amount": 300,
        "creditors": 1,
        "children": 0,
        "crisis": False,
        "first_attempt": None,
    }
    values.update(changes)
    return w.CaseFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "laag"),
        ({"amount": 1500}, "middel"),  # two bands passed
        ({"children": 2}, "middel"),
        ({"creditors": 3}, "middel"),
        ({"amount": 3000, "creditors": 2}, "hoog"),
        ({"amount": 500, "children": 1, "creditors": 2}, "hoog"),
        ({"crisis": True}, "hoog"),
    ],
)
def test_priority(changes: dict[str, object], expected: str) -> None:
    assert w.priority(facts(**changes)) == expected


def test_overdue_only_without_an_attempt_after_the_norm() -> None:
    old = facts(first_signal=DAY - dt.timedelta(days=15))
    assert w.due(old, 14) == DAY - dt.timedelta(days=1)
    assert w.overdue(old, 14, DAY)
    assert not w.overdue(old, 15, DAY)  # on the last day it is not yet late
    assert not w.overdue(
        facts(first_signal=DAY - dt.timedelta(days=15), first_attempt=DAY), 14, DAY
    )


def test_order_crisis_then_overdue_then_points_then_age() -> None:
    cases = {
        "old-small": facts(first_signal=DAY - dt.timedelta(days=30)),
        "crisis": facts(crisis=True),
        "big": facts(amount=5000),
        "new-small": facts(first_signal=DAY),
        "older-small": facts(first_signal=DAY - dt.timedelta(days=10)),
    }
    order = sorted(cases, key=lambda name: w.order_key(cases[name], 14, DAY))
    assert order == ["crisis", "old-small", "big", "older-small", "new-small"]


def test_first_attempt_of_a_signal_is_on_or_after_its_date() -> None:
    attempts = [dt.date(2026, 11, 3), dt.date(2026, 11, 10)]
    assert w.first_attempt_for(dt.date(2026, 11, 1), attempts) == dt.date(2026, 11, 3)
    assert w.first_attempt_for(dt.date(2026, 11, 5), attempts) == dt.date(2026, 11, 10)
    assert w.first_attempt_for(dt.date(2026, 11, 11), attempts) is None


def test_p2_is_the_median_over_signals_with_an_attempt() -> None:
    d = dt.date(2026, 11, 1)
    pairs = [(d, d + dt.timedelta(days=2)), (d, d + dt.timedelta(days=9)), (d, None)]
    assert w.p2_median(pairs) == 5.5
    assert w.p2_median([(d, None)]) is None
