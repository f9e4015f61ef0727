"""Small simulated regions for checking effect estimates on truth (the evaluation's hook).

The full synthetic region has known intervention effects and selection into treatment, but one
region takes seconds to minutes to generate, and a coverage study needs hundreds. This module
draws a small region in milliseconds with the same ingredients: the catalogue's true effect of
an intervention on a capital (`interventions.INTERVENTIONS`), the same ramp-up over 180 days,
the same measurement noise (`capitals.NOISE`), persons whose level depends on their area's
need, and **selection into treatment**: needier areas are likelier to become experiment areas,
and within them needier persons likelier to take part. Experiments start at different times
(staggered). Time trends are common to all areas (the parallel-trends assumption a
difference-in-differences rests on; the full synth's need-dependent drift breaks it, see
docs/evaluation.md). Readings are on a continuous scale (not rounded to 1-5), so the true
effect is exactly the mean effect applied.

`region_draw` returns area x half-year cells (area, period, y, n, start) and the truth: the
mean effect applied over the treated cells' readings (as `effects.csv` states it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from doorbraak.synth.capitals import NOISE
from doorbraak.synth.interventions import BY_CODE, RAMP_DAYS

PERIOD_DAYS = 182  # one half-year (a DHIS2 `S` period)


@dataclass(frozen=True)
class StudyShape:
    areas: int = 24
    treated: int = 8
    periods: int = 10
    persons: tuple[int, int] = (15, 40)
    first_start: int = 3
    last_start: int = 6
    intervention: str = "budgetcoaching"
    capital: str = "economisch"
    area_shock: float = 0.08  # sd of an area's shock in one period


@dataclass(frozen=True)
class Region:
    cells: pd.DataFrame
    truth: float
    persons_treated: int
    persons_comparison: int


def region_draw(seed: int, shape: StudyShape | None = None) -> Region:
    shape = shape or StudyShape()
    rng = np.random.default_rng(seed)
    need = rng.uniform(0, 1, shape.areas)
    chosen = rng.choice(shape.areas, shape.treated, replace=False, p=need**2 / (need**2).sum())
    starts = np.full(shape.areas, np.nan)
    starts[chosen] = rng.integers(shape.first_start, shape.last_start + 1, shape.treated)
    effect = BY_CODE[shape.intervention].capital_effects[shape.capital]
    rows: list[tuple[str, int, float, int, float]] = []
    applied: list[float] = []
    counts = [0, 0]
    period_trend = np.cumsum(rng.normal(0.02, 0.05, shape.periods))
    for area in range(shape.areas):
        people = _area_people(rng, shape, need[area])
        counts[int(np.isnan(starts[area]))] += len(people["level"])
        shocks = rng.normal(0, shape.area_shock, shape.periods)
        for period in range(shape.periods):
            y, dose = _readings(rng, people, period, starts[area], period_trend[period], effect)
            if len(y) == 0:
                continue
            y = y + shocks[period]
            rows.append((f"A{area:02d}", period, float(y.mean()), len(y), starts[area]))
            if not np.isnan(starts[area]) and period >= starts[area]:
                applied.extend(dose)
    cells = pd.DataFrame(rows, columns=["area", "period", "y", "n", "start"])
    return Region(cells, float(np.mean(applied)), counts[0], counts[1])


def _area_people(rng: np.random.Generator, shape: StudyShape, need: float) -> dict[str, np.ndarray]:
    size = int(rng.integers(*shape.persons, endpoint=True))
    person_need = np.clip(need + rng.normal(0, 0.15, size), 0, 1)
    level = 3.4 - 1.6 * person_need + rng.normal(0, 0.4, size)
    takes_part = rng.random(size) < np.clip(0.1 + 0.6 * person_need**2, 0, 0.95)
    joined = rng.uniform(0, PERIOD_DAYS, size)  # days after the area's start
    return {"level": level, "takes_part": takes_part, "joined": joined}


def _readings(
    rng: np.random.Generator,
    people: dict[str, np.ndarray],
    period: int,
    start: float,
    trend: float,
    effect: float,
) -> tuple[np.ndarray, np.ndarray]:
    present = rng.random(len(people["level"])) < 0.7
    dose = np.zeros(len(people["level"]))
    if not np.isnan(start) and period >= start:
        day = (period - start) * PERIOD_DAYS + rng.uniform(0, PERIOD_DAYS, len(dose))
        ramp = np.clip((day - people["joined"]) / RAMP_DAYS, 0, 1)
        dose = np.where(people["takes_part"], effect * ramp, 0.0)
    noise = rng.normal(0, NOISE, len(dose))
    y = people["level"] + trend + dose + noise
    return y[present], dose[present]
