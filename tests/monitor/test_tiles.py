"""The dashboard tile's status and sparkline (pure, ADR 0032): the status follows the
trajectory's value for the year and the direction of the last change, so W2 (target 100 % in
2043, no baseline) falling from 93,1 to 91,1 never reads "op koers"; a suppressed year is a
gap in the sparkline, never 0."""

from decimal import Decimal

import pytest

from doorbraak.monitor.tiles import (
    SparkPoint,
    TileStatus,
    change_direction,
    sparkline,
    tile_status,
)
from doorbraak.programme.trajectory import trajectory_build

W2 = trajectory_build(
    value=Decimal(100), horizon=2043, baseline=None, baseline_year=None, milestones=[]
)
PATH = trajectory_build(  # 80 in 2023 to 100 in 2043: one point a year
    value=Decimal(100), horizon=2043, baseline=Decimal(80), baseline_year=2023, milestones=[]
)


def _status(trajectory, observed, previous, *, higher=True, running=False):  # type: ignore[no-untyped-def]
    return tile_status(
        trajectory=trajectory,
        year=2025.0,
        observed=observed,
        previous=previous,
        higher_is_better=higher,
        running=running,
    )


def test_w2_falling_from_93_1_to_91_1_is_not_on_track() -> None:
    status = _status(W2, 91.1, 93.1)
    assert status is TileStatus.AWAY
    assert status is not TileStatus.ON_TRACK


@pytest.mark.parametrize(
    ("trajectory", "observed", "previous", "higher", "expected"),
    [
        (W2, 93.1, 91.1, True, TileStatus.TOWARD),  # no path value yet, rising
        (W2, 91.1, None, True, TileStatus.NO_PATH),  # no path value yet, no earlier year
        (W2, 91.1, 91.14, True, TileStatus.NO_PATH),  # both read 91,1: no change shown
        (PATH, 83.0, 82.0, True, TileStatus.ON_TRACK),  # expected 82 in 2025
        (PATH, 83.0, 84.0, True, TileStatus.WATCH),  # on the path, but falling
        (PATH, 82.0, 82.0, True, TileStatus.ON_TRACK),  # on the path, unchanged
        (PATH, 75.0, 70.0, True, TileStatus.BEHIND),  # rising, yet behind the path
        (PATH, 81.5, 80.0, True, TileStatus.ON_TRACK),  # within the 5 % tolerance (1 point)
        (PATH, 80.5, 80.0, True, TileStatus.BEHIND),  # just outside it
        (PATH, 84.0, 85.0, False, TileStatus.BEHIND),  # lower is better: above the path
        (PATH, 81.0, 80.0, False, TileStatus.WATCH),  # lower is better: below, but rising
        (None, 50.0, 40.0, True, TileStatus.NOT_SET),
        (PATH, None, 80.0, True, TileStatus.NO_VALUE),
    ],
)
def test_status_from_the_trajectory_and_the_last_change(  # type: ignore[no-untyped-def]
    trajectory, observed, previous, higher, expected
) -> None:
    assert _status(trajectory, observed, previous, higher=higher) is expected


def test_a_running_year_is_never_judged() -> None:
    assert _status(PATH, 10.0, 90.0, running=True) is TileStatus.RUNNING


def test_a_change_is_what_the_rounded_figures_show() -> None:
    assert change_direction(93.1, 91.1) == -1
    assert change_direction(91.1, 93.1) == 1
    assert change_direction(91.14, 91.11) == 0
    assert change_direction(None, 91.1) == 0


def test_a_suppressed_year_is_a_gap_in_the_sparkline_not_zero() -> None:
    points = [
        SparkPoint(2022, 40.0),
        SparkPoint(2023, None, suppressed=True),
        SparkPoint(2024, 50.0),
        SparkPoint(2025, 60.0),
    ]
    spark = sparkline(points=points, trajectory=None, judged_year=2025)
    assert spark is not None
    assert len(spark.segments) == 2  # the line breaks at 2023
    assert len(spark.dots) == 3
    assert len(spark.gaps) == 1
    bottom = spark.height - 4.0  # the lowest value drawn (40) sits at the bottom padding
    assert max(y for _x, y in spark.dots) == bottom
    assert spark.gaps[0] not in {x for x, _y in spark.dots}
    assert spark.judged == spark.dots[-1]
    assert spark.path == ""


def test_the_sparkline_draws_the_trajectory_over_the_same_years() -> None:
    points = [SparkPoint(2023, 80.0), SparkPoint(2024, 79.0), SparkPoint(2025, 70.0, running=True)]
    spark = sparkline(points=points, trajectory=PATH, judged_year=2024)
    assert spark is not None
    assert spark.path.startswith("M")
    assert spark.path.count("L") == 2
    assert spark.running is not None
    assert len(spark.dots) == 2  # the running year is an open circle, not on the line
    assert sparkline(points=points[:1], trajectory=PATH, judged_year=2023) is None
