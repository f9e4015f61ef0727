"""Target trajectories and status, with hand-computed values."""

from decimal import Decimal

import pytest

from doorbraak.programme.trajectory import Status, Trajectory, target_status, trajectory_build


def _w2() -> Trajectory:
    trajectory = trajectory_build(
        value=Decimal(100),
        horizon=2043,
        baseline=Decimal(40),
        baseline_year=2023,
        milestones=[(2033, Decimal(80))],
    )
    assert trajectory is not None
    return trajectory


def test_no_target_means_no_trajectory_and_status_not_set() -> None:
    trajectory = trajectory_build(
        value=None, horizon=2043, baseline=None, baseline_year=None, milestones=[]
    )
    assert trajectory is None
    assert (
        target_status(trajectory=None, year=2025, observed=12, higher_is_better=True)
        is Status.NOT_SET
    )


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2023, 40.0), (2028, 60.0), (2033, 80.0), (2038, 90.0), (2043, 100.0), (2050, 100.0)],
)
def test_trajectory_runs_linearly_through_baseline_milestones_and_target(
    year: float, expected: float
) -> None:
    assert _w2().value_at(year) == pytest.approx(expected)


def test_before_the_baseline_there_is_no_expectation() -> None:
    assert _w2().value_at(2020) is None


def test_before_the_first_point_the_status_is_no_path_never_on_track() -> None:
    """W2 as the plan has it: 100 % in 2043 and no baseline; 91,1 in 2025 is not 'op koers'."""
    only_target = trajectory_build(
        value=Decimal(100), horizon=2043, baseline=None, baseline_year=None, milestones=[]
    )
    status = target_status(trajectory=only_target, year=2025, observed=91.1, higher_is_better=True)
    assert status is Status.NO_PATH


@pytest.mark.parametrize(
    ("observed", "status"),
    [
        (60.0, Status.ON_TRACK),
        (58.0, Status.ON_TRACK),
        (56.0, Status.BEHIND),
        (75.0, Status.ON_TRACK),
    ],
)
def test_status_against_the_trajectory_with_a_five_percent_margin(
    observed: float, status: Status
) -> None:
    # expected in 2028 is 60; the margin is 5% of (100 - 40) = 3
    assert (
        target_status(trajectory=_w2(), year=2028, observed=observed, higher_is_better=True)
        is status
    )


def test_lower_is_better_flips_the_comparison() -> None:
    trajectory = trajectory_build(
        value=Decimal(0), horizon=2043, baseline=Decimal(20), baseline_year=2023, milestones=[]
    )
    # expected in 2033 is 10; the margin is 1
    assert (
        target_status(trajectory=trajectory, year=2033, observed=10.5, higher_is_better=False)
        is Status.ON_TRACK
    )
    assert (
        target_status(trajectory=trajectory, year=2033, observed=12, higher_is_better=False)
        is Status.BEHIND
    )


def test_no_measurement_yet() -> None:
    assert (
        target_status(trajectory=_w2(), year=2028, observed=None, higher_is_better=True)
        is Status.NO_VALUE
    )
