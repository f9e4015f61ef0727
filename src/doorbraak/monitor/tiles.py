"""The dashboard's tiles, pure (no Django): a goal's status judged honestly, how it looks, and
its sparkline as SVG geometry drawn on the server (ADR 0032).

A tile's status comes from two things: the trajectory's value for the period (baseline through
milestones to the target, `programme.trajectory`) and the direction of the last change. A value
behind the trajectory is "achter"; one on the trajectory whose last change went away from the
target is "let op", never "op koers"; where the trajectory has no value yet for the period
(the plan sets no baseline: W2's 100 % in 2043), the direction alone speaks: "beweegt van het
doel af" or "goede richting", and without a previous value "nog geen tussendoel". A change
counts when the rounded values a reader sees differ (`core.numbers`), so the status never
contradicts two figures on the screen. A running year is never judged (ADR 0018).

Each status has a tone (a colour of the house style) and a shape, and is always written out:
the colour is never the only sign.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from doorbraak.core.numbers import rounded
from doorbraak.programme.trajectory import Trajectory


class TileStatus(StrEnum):
    ON_TRACK = "op_koers"  # on or ahead of the trajectory, not moving away from the target
    WATCH = "let_op"  # on the trajectory, but the last change went away from the target
    BEHIND = "achter"  # behind the trajectory
    AWAY = "van_doel_af"  # no trajectory value for the period; moving away from the target
    TOWARD = "goede_richting"  # no trajectory value for the period; moving toward the target
    NO_PATH = "geen_tussendoel"  # no trajectory value for the period and no earlier value
    NOT_SET = "geen_streefwaarde"  # the plan has no target (yet)
    NO_TARGET_HERE = "geen_doel_hier"  # a count of one area or group: the target is regional
    NO_VALUE = "geen_waarde"  # nothing measured
    SUPPRESSED = "afgeschermd"  # the gate hid the value: nothing to judge
    RUNNING = "lopend"  # a running year: not judged (ADR 0018)
    WAITING = "wacht"  # the indicator waits for a data source


@dataclass(frozen=True)
class Look:
    tone: str  # good, warn, bad, info, neutral: a colour in monitor.css
    shape: str  # the icon drawn beside the words (templates/monitor/_status_icon.html)


LOOKS: dict[TileStatus, Look] = {
    TileStatus.ON_TRACK: Look("good", "check"),
    TileStatus.WATCH: Look("warn", "alert"),
    TileStatus.BEHIND: Look("bad", "cross"),
    TileStatus.AWAY: Look("warn", "down"),
    TileStatus.TOWARD: Look("info", "up"),
    TileStatus.NO_PATH: Look("neutral", "circle"),
    TileStatus.NOT_SET: Look("neutral", "circle"),
    TileStatus.NO_TARGET_HERE: Look("neutral", "circle"),
    TileStatus.NO_VALUE: Look("neutral", "dash"),
    TileStatus.SUPPRESSED: Look("neutral", "dash"),
    TileStatus.RUNNING: Look("neutral", "clock"),
    TileStatus.WAITING: Look("neutral", "hourglass"),
}


def change_direction(previous: float | None, current: float | None) -> int:
    """+1 when the shown (rounded) value rose, -1 when it fell, 0 when it stayed or is unknown."""
    before, now = rounded(previous), rounded(current)
    if before is None or now is None or before == now:
        return 0
    return 1 if now > before else -1


def tile_status(
    *,
    trajectory: Trajectory | None,
    year: float,
    observed: float | None,
    previous: float | None,
    higher_is_better: bool,
    running: bool = False,
    tolerance: float = 0.05,
) -> TileStatus:
    """The status of a value in `year` (see the module's docstring); `previous` is the value
    of the year before (None when not shown)."""
    if running:
        return TileStatus.RUNNING
    if observed is None:
        return TileStatus.NO_VALUE
    if trajectory is None:
        return TileStatus.NOT_SET
    toward = change_direction(previous, observed) * (1 if higher_is_better else -1)
    expected = trajectory.value_at(year)
    if expected is None:
        return {1: TileStatus.TOWARD, -1: TileStatus.AWAY}.get(toward, TileStatus.NO_PATH)
    span = abs(trajectory.points[-1][1] - trajectory.points[0][1]) or abs(expected) or 1.0
    margin = tolerance * span
    behind = observed < expected - margin if higher_is_better else observed > expected + margin
    if behind:
        return TileStatus.BEHIND
    return TileStatus.WATCH if toward < 0 else TileStatus.ON_TRACK


# --- The sparkline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SparkPoint:
    """One year of a tile's area and group as it may be shown."""

    year: int
    value: float | None  # None when suppressed or not measured
    suppressed: bool = False
    running: bool = False


@dataclass(frozen=True)
class Sparkline:
    """SVG geometry in a `width` x `height` box: measured segments (a line breaks at a year
    that is not shown: a gap, never 0), the trajectory over the same years (dashed), the
    judged point, a running year's open circle, and a tick where a year is suppressed."""

    width: int
    height: int
    segments: tuple[str, ...]  # SVG path data, one per run of consecutive shown years
    dots: tuple[tuple[float, float], ...]  # every shown complete year
    path: str  # the trajectory's SVG path data ('' when there is none over these years)
    judged: tuple[float, float] | None  # the period the tile is about
    running: tuple[float, float] | None
    gaps: tuple[float, ...]  # x of each suppressed year


PAD = 4.0


def sparkline(
    *,
    points: Sequence[SparkPoint],
    trajectory: Trajectory | None,
    judged_year: int | None,
    width: int = 160,
    height: int = 44,
) -> Sparkline | None:
    """None when fewer than two years exist: one point is no trend."""
    years = sorted({point.year for point in points})
    if len(years) < 2:
        return None
    shown = {p.year: rounded_value(p.value) for p in points if p.value is not None}
    expected = _expected(trajectory, years)
    numbers = [*shown.values(), *expected.values()]
    if not numbers:
        return None
    x = _scale(years[0], years[-1], PAD, width - PAD)
    y = _scale(min(numbers), max(numbers), height - PAD, PAD)
    complete = {year: v for year, v in shown.items() if not _is_running(points, year)}
    running = next((p for p in points if p.running and p.year in shown), None)
    judged = (
        (x(judged_year), y(shown[judged_year]))
        if judged_year in shown and judged_year in complete
        else None
    )
    return Sparkline(
        width=width,
        height=height,
        segments=tuple(_path(run, x, y) for run in _runs(complete)),
        dots=tuple((x(year), y(value)) for year, value in sorted(complete.items())),
        path=_path(sorted(expected.items()), x, y) if len(expected) >= 2 else "",
        judged=judged,
        running=(x(running.year), y(shown[running.year])) if running else None,
        gaps=tuple(x(p.year) for p in points if p.suppressed),
    )


def rounded_value(value: float) -> float:
    """Drawn as the table shows it (ADR 0030)."""
    return float(rounded(value) or 0)


def _is_running(points: Sequence[SparkPoint], year: int) -> bool:
    return any(p.running for p in points if p.year == year)


def _expected(trajectory: Trajectory | None, years: list[int]) -> dict[int, float]:
    if trajectory is None:
        return {}
    values = {year: trajectory.value_at(float(year)) for year in years}
    return {year: value for year, value in values.items() if value is not None}


Scale = Callable[[float], float]


def _scale(low: float, high: float, start: float, end: float) -> Scale:
    """A linear map from [low, high] onto [start, end]; a flat range lands in the middle."""
    if high == low:
        return lambda _value: round((start + end) / 2, 1)
    return lambda value: round(start + (value - low) * (end - start) / (high - low), 1)


def _runs(values: dict[int, float]) -> list[list[tuple[int, float]]]:
    """Consecutive years together; a missing year starts a new run."""
    runs: list[list[tuple[int, float]]] = []
    for year, value in sorted(values.items()):
        if runs and runs[-1][-1][0] == year - 1:
            runs[-1].append((year, value))
        else:
            runs.append([(year, value)])
    return runs


def _path(points: Sequence[tuple[int, float]], x: Scale, y: Scale) -> str:
    """SVG path data through the points (a single point: a zero-length line, drawn as a dot)."""
    moves = [f"{x(year)} {y(value)}" for year, value in points]
    if len(moves) == 1:
        return f"M{moves[0]}h0"
    return "M" + " L".join(moves)
