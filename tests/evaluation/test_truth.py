"""Regression adjustment and matching of an intervention's participants, on the synthetic
region's truth (`truth/effects.csv`: the mean effect the generator applied to each
intervention's participants), and the synthetic control on small simulated regions with one
experiment area, whose true effect is known."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from doorbraak.evaluation.estimators import EstimationError
from doorbraak.evaluation.run import Question, evaluate
from doorbraak.evaluation.synthetic_control import synthetic_control
from doorbraak.synth.evaluation_study import StudyShape, region_draw


def _capital_truth(synth_dir: Path) -> pd.DataFrame:
    effects = pd.read_csv(synth_dir / "truth" / "effects.csv")
    return effects[effects["kind"] == "capital_points"]


def test_regression_adjustment_recovers_every_intervention_effect(synth_dir: Path) -> None:
    truth = _capital_truth(synth_dir)
    assert len(truth) >= 8
    covered, errors = [], []
    for row in truth.itertuples():
        question = Question(outcome=row.target, intervention=row.intervention, method="regressie")
        found = evaluate(synth_dir, question)
        covered.append(found.ci_low <= row.mean_applied_effect <= found.ci_high)
        errors.append(found.estimate - row.mean_applied_effect)
    assert np.mean(covered) >= 0.8, list(zip(truth["intervention"], covered, strict=True))
    assert abs(np.mean(errors)) < 0.1  # no systematic bias over the interventions
    # the estimates follow the truth: larger true effects, larger estimates
    assert (
        np.corrcoef(truth["mean_applied_effect"], np.array(errors) + truth["mean_applied_effect"])[
            0, 1
        ]
        > 0.5
    )


def test_matching_recovers_budgetcoaching_with_balance(synth_dir: Path) -> None:
    truth = _capital_truth(synth_dir).set_index(["intervention", "target"])
    expected = float(truth.loc[("budgetcoaching", "capital:economisch"), "mean_applied_effect"])
    question = Question(
        outcome="capital:economisch", intervention="budgetcoaching", method="matching"
    )
    found = evaluate(synth_dir, question)
    assert found.method == "matching"
    assert found.ci_low <= expected <= found.ci_high
    assert found.ci_low > 0  # the effect is there
    assert found.design_level == 2
    before = {row["covariate"]: abs(row["smd_before"]) for row in found.balance}
    after = {row["covariate"]: abs(row["smd_after"]) for row in found.balance}
    assert set(before) == set(after)
    assert len(before) == 3
    assert sum(after.values()) < sum(before.values())  # matching improved the balance


ONE_AREA = StudyShape(areas=24, treated=1)


def test_synthetic_control_finds_an_effect_added_after_the_start() -> None:
    cells = region_draw(2, ONE_AREA).cells
    plain = synthetic_control(cells)
    assert plain.ci_low <= plain.estimate <= plain.ci_high
    assert plain.ci_high - plain.ci_low < 1.2  # bounded: the donors' largest placebo gap
    assert plain.areas_treated == 1
    assert plain.areas_comparison == 23
    after = cells["start"].notna() & (cells["period"] >= cells["start"])
    shifted = synthetic_control(cells.assign(y=cells["y"] + np.where(after, 1.0, 0.0)))
    # the weights rest on the pre-start path only: the added point comes through whole
    assert shifted.estimate == pytest.approx(plain.estimate + 1.0)
    assert shifted.p_value == pytest.approx(1 / 24)  # larger than every donor's placebo gap
    assert shifted.ci_low > 0.5


@pytest.mark.slow
def test_synthetic_control_on_truth_over_forty_regions() -> None:
    """About 2 s per region. Coverage 93% over the first 60 regions (ADR 0043)."""
    covered, errors = [], []
    for seed in range(40):
        region = region_draw(seed, ONE_AREA)
        found = synthetic_control(region.cells)
        covered.append(found.ci_low <= region.truth <= found.ci_high)
        errors.append(found.estimate - region.truth)
    assert np.mean(covered) >= 0.85
    assert abs(np.mean(errors)) < 0.05


def test_synthetic_control_refuses_what_it_cannot_do() -> None:
    several = region_draw(0).cells  # eight experiment areas
    with pytest.raises(EstimationError) as refused:
        synthetic_control(several)
    assert refused.value.code == "synthetische-controle-een-gebied"
    few = region_draw(0, StudyShape(areas=12, treated=1)).cells  # 11 donors: p >= 1/12
    with pytest.raises(EstimationError) as refused:
        synthetic_control(few)
    assert refused.value.code == "te-weinig-donorgebieden"
