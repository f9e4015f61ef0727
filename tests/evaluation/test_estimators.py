"""The imputation estimator on hand-made panels, the labels, and the study on truth (slow)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from doorbraak.evaluation.estimators import EstimationError, did_imputation, imputation_fit
from doorbraak.evaluation.labels import FIRST_SIGNS, NO_EFFECT, design_label
from doorbraak.evaluation.study import study_run


def _panel(effect: float, *, growing: bool = False) -> pd.DataFrame:
    """12 areas x 6 periods, area and period effects, three cohorts; no noise."""
    rows = []
    starts = {0: 2.0, 1: 2.0, 2: 3.0, 3: 4.0}
    for area in range(12):
        start = starts.get(area, np.nan)
        for period in range(6):
            since = period - start if not np.isnan(start) and period >= start else -1
            dose = effect * (1 + since if growing else 1) if since >= 0 else 0.0
            rows.append((f"A{area}", period, 1.0 + 0.3 * area + 0.1 * period**2 + dose, 10, start))
    return pd.DataFrame(rows, columns=["area", "period", "y", "n", "start"])


def test_imputation_is_exact_on_a_noiseless_staggered_panel() -> None:
    assert imputation_fit(_panel(0.5)).estimate == pytest.approx(0.5)


def test_growing_effects_are_averaged_over_the_treated_cells() -> None:
    cells = _panel(0.2, growing=True)
    treated = cells[(cells["start"].notna()) & (cells["period"] >= cells["start"])]
    truth = float((0.2 * (1 + treated["period"] - treated["start"])).mean())
    assert imputation_fit(cells).estimate == pytest.approx(truth)


def test_a_panel_without_comparison_areas_is_refused() -> None:
    cells = _panel(0.5)
    cells = cells[cells["start"].notna()]
    with pytest.raises(EstimationError) as refused:
        did_imputation(cells)
    assert refused.value.code == "geen-vergelijkingsgebied"


def test_few_areas_switch_to_randomisation_inference() -> None:
    rng = np.random.default_rng(1)
    cells = _panel(0.5)
    cells = cells[cells["area"].isin([f"A{i}" for i in range(8)])].copy()
    cells["y"] += rng.normal(0, 0.05, len(cells))
    result = did_imputation(cells)
    assert result.inference.startswith("randomisatie")
    assert result.ci_low < 0.5 < result.ci_high


def test_labels_never_go_past_first_signs() -> None:
    assert design_label("did", significant=True, pre_trend_ok=True) == (3, FIRST_SIGNS)
    assert design_label("did", significant=True, pre_trend_ok=False)[0] == 2
    assert design_label("regressie", significant=False, pre_trend_ok=True) == (2, NO_EFFECT)


@pytest.mark.slow
def test_the_simulation_study_holds_on_truth() -> None:
    """Issue 18: >= 200 small regions, coverage 93-97%, bias < 0.05 sd, naive biased, placebos
    find nothing (rejection near the nominal 5%). 400 regions: at 200 the Monte Carlo error of
    a coverage is 1.5 points, as wide as half the band, and the first 300 land at 97.0%, on
    the bound (94.9% over 2,000; docs/benchmarks.md). The placebo with pretend experiment
    areas is a randomisation test of about a second per region: here on the first 60 regions
    (the benchmark benchmarks/evaluation_simulation.py runs it on every region)."""
    result = study_run(400, area_placebo_regions=60)
    assert 0.93 <= result.coverage <= 0.97, result.lines()  # 96.3% on these 400
    assert abs(result.bias_sd) < 0.05
    assert result.naive_bias < -0.2
    assert result.placebo_start_rejection <= 0.10
    assert result.placebo_area_rejection <= 0.10
