"""The simulation study (pure): many small simulated regions with a known effect, estimated
as the programme would, to check the estimator on truth (issue 18, docs/evaluation.md).

Per region: the estimate and its 95% interval against the true mean effect applied, the naive
comparison, and two placebos that must find nothing: a fake start one year (two half-years)
before the real one on the data before it, and three comparison areas pretending to have
started (three, not one: with one pretend area the permutation test's smallest p-value is
1/(areas+1) and could never reject; with three it is randomisation inference, 99 permutations).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from doorbraak.evaluation.estimators import covers, did_imputation, placebo_area, placebo_start
from doorbraak.synth.evaluation_study import StudyShape, region_draw

PLACEBO_SHIFT = 2
PLACEBO_STARTS = (3, 4, 5)  # three comparison areas pretend to start (staggered)


@dataclass(frozen=True)
class StudyResult:
    regions: int
    coverage: float
    bias: float
    bias_sd: float  # bias in standard deviations of the outcome between persons
    naive_bias: float
    placebo_start_rejection: float
    placebo_area_rejection: float
    true_effect: float

    def lines(self) -> list[str]:
        return [
            f"regio's: {self.regions}",
            f"dekking 95%-interval: {self.coverage:.3f}",
            f"vertekening: {self.bias:+.4f} ({self.bias_sd:+.4f} sd)",
            f"vertekening naïeve vergelijking: {self.naive_bias:+.4f}",
            f"placebo nepstartdatum, verworpen: {self.placebo_start_rejection:.3f}",
            f"placebo onbehandeld gebied, verworpen: {self.placebo_area_rejection:.3f}",
            f"gemiddeld waar effect: {self.true_effect:.4f}",
        ]


OUTCOME_SD = 0.8  # sd of a reading between persons in the simulated regions (level + noise)


def study_run(
    regions: int,
    *,
    first_seed: int = 0,
    shape: StudyShape | None = None,
    area_placebo_regions: int | None = None,
) -> StudyResult:
    """The study over `regions` regions; the placebo with pretend experiment areas (a
    randomisation test, about a second per region) on the first `area_placebo_regions` of them
    (all by default: the benchmark; the slow test takes fewer to stay within CI's time)."""
    covered, bias, naive, truths, fake, area = [], [], [], [], [], []
    area_last = first_seed + (regions if area_placebo_regions is None else area_placebo_regions)
    for seed in range(first_seed, first_seed + regions):
        region = region_draw(seed, shape)
        estimate = did_imputation(region.cells, seed=seed)
        covered.append(covers(estimate, region.truth))
        bias.append(estimate.estimate - region.truth)
        naive.append(estimate.naive - region.truth)
        truths.append(region.truth)
        fake.append(did_imputation(placebo_start(region.cells, PLACEBO_SHIFT)).p_value < 0.05)
        if seed >= area_last:
            continue
        untreated = sorted(region.cells.loc[region.cells["start"].isna(), "area"].unique())
        cells = placebo_area(region.cells, dict(zip(untreated, PLACEBO_STARTS, strict=False)))
        area.append(did_imputation(cells, seed=seed, permutations=99).p_value < 0.05)
    return StudyResult(
        regions=regions,
        coverage=float(np.mean(covered)),
        bias=float(np.mean(bias)),
        bias_sd=float(np.mean(bias)) / OUTCOME_SD,
        naive_bias=float(np.mean(naive)),
        placebo_start_rejection=float(np.mean(fake)),
        placebo_area_rejection=float(np.mean(area)) if area else float("nan"),  # none run
        true_effect=float(np.mean(truths)),
    )
