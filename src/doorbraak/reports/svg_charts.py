"""Static SVG charts for the report (pure: no Django): the measured values of an indicator
against its target trajectory, drawn on the server so the PDF holds no script.

A suppressed year has no point (a gap in the line, and a mark on the axis); a running year is
drawn hollow. The chart carries its own title and description for screen readers. Its labels
are rounded and written by `core.numbers.nl`, as the report's tables are (ADR 0030), so a value
reads the same in the table and in the chart.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from doorbraak.core.numbers import nl

WIDTH, HEIGHT = 520, 200
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 14, 30
Scale = Callable[[float], float]
MEASURED = "#01689b"  # Rijkshuisstijl hemelblauw, as on the monitor pages
TRAJECTORY = "#8a4f00"


@dataclass(frozen=True)
class Point:
    year: int
    value: float | None  # None: suppressed or not measured
    running: bool = False
    suppressed: bool = False  # None because the gate hid it (else: no data, "–")


def _ticks(high: float) -> list[float]:
    if high <= 0:
        return [0.0]
    step = 10 ** max(len(str(int(high))) - 1, 0) if high >= 1 else 0.1
    while high / step > 5:
        step *= 2
    return [i * step for i in range(int(high / step) + 1)]


def trend_svg(
    *, title: str, measured: Sequence[Point], expected: Sequence[tuple[int, float]]
) -> str:
    """The chart as an SVG element; '' when there is nothing to draw."""
    years = sorted({p.year for p in measured} | {y for y, _ in expected})
    values = [p.value for p in measured if p.value is not None] + [v for _, v in expected]
    if not years or not values:
        return ""
    top = max(max(values), 0.0) * 1.1 or 1.0
    low_year, high_year = years[0], max(years[-1], years[0] + 1)

    def x(year: float) -> float:
        return LEFT + (year - low_year) / (high_year - low_year) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return TOP + (1 - value / top) * (HEIGHT - TOP - BOTTOM)

    parts = [_axes(years, x, y, top)]
    if expected:
        path = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in expected)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{TRAJECTORY}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
        )
    parts += _measured(measured, x, y)
    description = _description(measured, expected)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        f"{''.join(parts)}</svg>"
    )


def _axes(years: list[int], fx: Scale, fy: Scale, top: float) -> str:
    lines = [
        f'<line x1="{LEFT}" y1="{fy(0):.1f}" x2="{WIDTH - RIGHT}" y2="{fy(0):.1f}" '
        'stroke="#555" stroke-width="1"/>'
    ]
    for tick in _ticks(top):
        lines.append(
            f'<line x1="{LEFT}" y1="{fy(tick):.1f}" x2="{WIDTH - RIGHT}" y2="{fy(tick):.1f}" '
            'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{fy(tick) + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#333">{nl(tick)}</text>'
        )
    for year in years:
        lines.append(
            f'<text x="{fx(year):.1f}" y="{HEIGHT - 10}" font-size="11" text-anchor="middle" '
            f'fill="#333">{year}</text>'
        )
    return "".join(lines)


def _measured(measured: Sequence[Point], fx: Scale, fy: Scale) -> list[str]:
    parts: list[str] = []
    run: list[Point] = []
    for point in [*measured, Point(0, None)]:
        if point.value is not None:
            run.append(point)
            continue
        if len(run) > 1:
            path = " ".join(f"{fx(p.year):.1f},{fy(p.value or 0):.1f}" for p in run)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{MEASURED}" stroke-width="2.5"/>'
            )
        run = []
        if point.year:  # a suppressed or unmeasured year: a mark on the axis, no value
            parts.append(
                f'<text x="{fx(point.year):.1f}" y="{fy(0) - 4:.1f}" font-size="12" '
                f'text-anchor="middle" fill="#555">×</text>'
            )
    for point in measured:
        if point.value is not None:
            fill = "#fff" if point.running else MEASURED
            parts.append(
                f'<circle cx="{fx(point.year):.1f}" cy="{fy(point.value):.1f}" r="4" '
                f'fill="{fill}" stroke="{MEASURED}" stroke-width="2"/>'
            )
    return parts


def _shown(point: Point) -> str:
    if point.value is not None:
        return nl(point.value)
    return "afgeschermd" if point.suppressed else "–"


def _description(measured: Sequence[Point], expected: Sequence[tuple[int, float]]) -> str:
    shown = "; ".join(
        f"{p.year}: {_shown(p)}" + (" (lopend)" if p.running else "") for p in measured
    )
    path = "; ".join(f"{year}: {nl(value)}" for year, value in expected)
    text = f"Gemeten waarden: {shown or 'geen'}."
    return f"{text} Verwacht volgens het streefpad: {path}." if path else text
