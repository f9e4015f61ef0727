"""Targets over time (pure: no Django): the trajectory from the baseline through the
milestones to the horizon target, and an indicator's status against it.

The trajectory is piecewise linear between its known points (baseline year, milestone years,
horizon). Without a baseline the first milestone (or the target itself) is the first point:
before it there is nothing to compare with: the status is NO_PATH ("nog geen tussendoel"),
never "on track" (ADR 0032). Status compares a measured value with the
trajectory at the same moment, in the indicator's direction, with a tolerance (default 5% of
the distance between the first point and the target) so noise does not flip a goal to
"behind". A running period (data that stop before its end) is not judged at all: its status
is RUNNING (ADR 0018), whatever its value.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Status(StrEnum):
    ON_TRACK = "op_koers"
    BEHIND = "achter"
    NOT_SET = "geen_streefwaarde"
    NO_VALUE = "geen_waarde"
    RUNNING = "lopend"  # a running period: not judged against the trajectory (ADR 0018)
    NO_PATH = "geen_tussendoel"  # before the trajectory's first point: nothing to compare with


@dataclass(frozen=True)
class Trajectory:
    points: tuple[tuple[float, float], ...]  # (year as a number, value), strictly increasing years

    def value_at(self, year: float) -> float | None:
        """The expected value at a moment (2025.5 = mid 2025); None before the first point."""
        first_year, first_value = self.points[0]
        if year < first_year:
            return None
        for (y0, v0), (y1, v1) in zip(self.points, self.points[1:], strict=False):
            if y0 <= year <= y1:
                return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
        return self.points[-1][1] if year >= self.points[-1][0] else first_value


def trajectory_build(
    *,
    value: Decimal | None,
    horizon: int,
    baseline: Decimal | None,
    baseline_year: int | None,
    milestones: Sequence[tuple[int, Decimal]],
) -> Trajectory | None:
    """None when the target is not set: there is nothing to be on track for."""
    if value is None:
        return None
    points: dict[float, float] = {}
    if baseline is not None and baseline_year is not None:
        points[float(baseline_year)] = float(baseline)
    for year, milestone in milestones:
        points[float(year)] = float(milestone)
    points[float(horizon)] = float(value)
    return Trajectory(tuple(sorted(points.items())))


def target_status(
    *,
    trajectory: Trajectory | None,
    year: float,
    observed: float | None,
    higher_is_better: bool,
    tolerance: float = 0.05,
    running: bool = False,
) -> Status:
    if running:  # half a year against a whole year's path says nothing (ADR 0018)
        return Status.RUNNING
    if trajectory is None:
        return Status.NOT_SET
    expected = trajectory.value_at(year)
    if observed is None:
        return Status.NO_VALUE
    if expected is None:  # no baseline yet (W2: only 100 % in 2043): never "on track"
        return Status.NO_PATH
    span = abs(trajectory.points[-1][1] - trajectory.points[0][1]) or abs(expected) or 1.0
    margin = tolerance * span
    ahead = observed >= expected - margin if higher_is_better else observed <= expected + margin
    return Status.ON_TRACK if ahead else Status.BEHIND
