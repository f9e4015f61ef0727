"""One evaluation question answered from a source folder (pure: no Django).

The command line and the researcher's pages both call `evaluate`, so they show the same
numbers. An experiment (or several: staggered starts) is compared with the wijken that have
no experiment (difference in differences); an intervention's enrolments with persons who did
not take part (regression adjustment, or propensity-score matching: `matching`, which also
takes an experiment's participants), or, with `did`, the areas of every experiment whose
cocktail holds it. One experiment area against the
comparison areas: synthetic control (`synth`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from doorbraak.evaluation.estimators import Estimate, EstimationError, ancova, did_imputation
from doorbraak.evaluation.matching import matching_att
from doorbraak.evaluation.panels import (
    Source,
    area_cells,
    enrolment_people,
    experiment_starts,
    intervention_experiments,
    source_load,
)
from doorbraak.evaluation.synthetic_control import synthetic_control

METHODS = ("did", "regressie", "matching", "synth")


@dataclass(frozen=True)
class Question:
    outcome: str
    intervention: str | None = None
    experiments: list[str] = field(default_factory=list)
    method: str | None = None


def evaluate(folder: Path, question: Question) -> Estimate:
    return evaluate_source(source_load(folder), question)


def evaluate_source(source: Source, question: Question) -> Estimate:
    method = question.method or ("regressie" if question.intervention else "did")
    if method == "matching":
        return matching_att(
            enrolment_people(
                source, question.outcome, question.intervention or "", question.experiments
            )
        )
    if method == "regressie":
        if not question.intervention:
            raise EstimationError(
                "methode-past-niet",
                "Regressie-aanpassing is voor een interventie, niet een experiment.",
            )
        return ancova(enrolment_people(source, question.outcome, question.intervention))
    codes = question.experiments or intervention_experiments(source, question.intervention or "")
    if not codes:
        raise EstimationError(
            "geen-experiment", "Geen experiment met deze interventie: kies --method regressie."
        )
    starts = experiment_starts(source, codes)
    cells = _with_before(area_cells(source, question.outcome, starts))
    treated = int(cells.loc[cells["start"].notna(), "persons"].sum())
    comparison = int(cells.loc[cells["start"].isna(), "persons"].sum())
    if method == "synth":
        return synthetic_control(cells, units=(treated, comparison))
    return did_imputation(cells, units=(treated, comparison))


def _with_before(cells: pd.DataFrame) -> pd.DataFrame:
    """Drop experiment areas with no reading before their start (nothing to compare with)."""
    before = cells[cells["start"].notna() & (cells["period"] < cells["start"])]["area"]
    return cells[cells["start"].isna() | cells["area"].isin(set(before))].reset_index(drop=True)
