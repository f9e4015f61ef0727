"""Propensity-score matching for an intervention's enrolments (pure: no Django).

Each person with a baseline and a later reading: the enrolled against persons never enrolled.
The propensity to take part is a statsmodels Logit on the baseline reading, the days between
the readings and the area's mean baseline (how needy the area is). Every participant is matched
to the nearest comparison person on the logit of that score (one neighbour, with replacement,
scipy's cKDTree: scikit-learn is not a dependency and one nearest neighbour on one number does
not call for it), within a caliper of 0.2 standard deviations of the logit (Austin 2011);
participants without a neighbour that close are left out and counted. The effect on the
treated is the mean difference in the change between the readings (later minus baseline) of
participant and match. Its 95% interval is a cluster bootstrap over areas (areas drawn with
replacement, the score and the matching redone each time: percentile interval); Abadie and
Imbens' matching variance is not in statsmodels. The balance table (standardised mean
differences before and after matching) goes with the estimate.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.spatial import cKDTree
from statsmodels.tools.sm_exceptions import ConvergenceWarning

from doorbraak.evaluation.estimators import Estimate, EstimationError
from doorbraak.evaluation.labels import design_label

CALIPER = 0.2  # in standard deviations of the logit of the propensity score (Austin 2011)
BOOTSTRAP = 199
COVARIATES = {
    "baseline": "meting vooraf",
    "gap_days": "dagen tussen metingen",
    "area_level": "gemiddelde meting vooraf in het gebied",
}


@dataclass(frozen=True)
class Matched:
    effect: float
    treated: np.ndarray  # row positions of the matched participants
    controls: np.ndarray  # their matches (positions, repeated where reused)
    dropped: int  # participants without a match inside the caliper


def _with_covariates(people: pd.DataFrame) -> pd.DataFrame:
    area_level = people.groupby("area")["baseline"].transform("mean")
    return people.assign(area_level=area_level, change=people["y"] - people["baseline"])


def _logit_score(frame: pd.DataFrame) -> np.ndarray:
    x = sm.add_constant(frame[list(COVARIATES)].astype(float), has_constant="add")
    with warnings.catch_warnings():
        # a bootstrap draw may nearly separate participants and others; its score still orders
        # them, which is all the matching uses
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)  # log(0) on a separated draw
        model = sm.Logit(frame["treated"].astype(float), x).fit(disp=0, maxiter=200)
    return np.asarray(x.to_numpy() @ model.params.to_numpy())  # the linear predictor


def match(frame: pd.DataFrame) -> Matched:
    """One nearest neighbour with replacement on the score's logit, within the caliper."""
    score = _logit_score(frame)
    treated = np.flatnonzero(frame["treated"].to_numpy() == 1)
    pool = np.flatnonzero(frame["treated"].to_numpy() == 0)
    distance, nearest = cKDTree(score[pool, None]).query(score[treated, None], k=1)
    inside = distance <= CALIPER * float(np.std(score))
    if not inside.any():
        raise EstimationError(
            "geen-vergelijkbare-personen",
            "Geen deelnemer heeft een vergelijkingspersoon met een vergelijkbare kans op "
            "deelname; matching kan hier geen effect schatten.",
        )
    kept, controls = treated[inside], pool[nearest[inside]]
    change = frame["change"].to_numpy(dtype=float)
    effect = float(np.mean(change[kept] - change[controls]))
    return Matched(effect, kept, controls, int((~inside).sum()))


def balance_table(frame: pd.DataFrame, matched: Matched) -> list[dict[str, Any]]:
    """Standardised mean differences (pooled sd before matching) before and after."""
    treated = frame[frame["treated"] == 1]
    pool = frame[frame["treated"] == 0]
    rows = []
    for column, label in COVARIATES.items():
        sd = float(np.sqrt((treated[column].var() + pool[column].var()) / 2)) or 1.0
        values = frame[column].to_numpy(dtype=float)
        after = values[matched.treated].mean() - values[matched.controls].mean()
        rows.append(
            {
                "covariate": label,
                "smd_before": round(float(treated[column].mean() - pool[column].mean()) / sd, 3),
                "smd_after": round(float(after) / sd, 3),
            }
        )
    return rows


def _bootstrap(people: pd.DataFrame, seed: int, draws: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    areas = people["area"].unique()
    by_area = {area: group for area, group in people.groupby("area")}
    effects = []
    for _ in range(draws):
        chosen = rng.choice(areas, len(areas), replace=True)
        sample = pd.concat([by_area[a] for a in chosen], ignore_index=True)
        if sample["treated"].nunique() < 2:
            continue
        try:
            effects.append(match(_with_covariates(sample)).effect)
        except (EstimationError, np.linalg.LinAlgError, ValueError):
            continue  # a draw without overlap or with a perfect separation: no estimate
    return np.array(effects)


def matching_att(people: pd.DataFrame, *, seed: int = 0, draws: int = BOOTSTRAP) -> Estimate:
    """The effect on the participants; `people`: area, treated (0/1), baseline, y, gap_days."""
    if people["treated"].sum() < 2 or (people["treated"] == 0).sum() < 2:
        raise EstimationError(
            "te-weinig-gegevens",
            "Te weinig deelnemers of vergelijkingspersonen met een voor- en nameting.",
        )
    if people["area"].nunique() < 3:
        raise EstimationError(
            "te-weinig-gebieden", "Matching met een interval vraagt personen uit minstens 3 wijken."
        )
    frame = _with_covariates(people.reset_index(drop=True))
    try:
        matched = match(frame)
    except (np.linalg.LinAlgError, ValueError) as problem:
        raise EstimationError(
            "kans-niet-te-schatten",
            "De kans op deelname is niet te schatten (de kenmerken scheiden deelnemers en "
            "anderen volledig).",
        ) from problem
    effects = _bootstrap(people, seed, draws)
    low, high = np.percentile(effects, [2.5, 97.5]) if len(effects) >= 20 else (np.nan,) * 2
    if np.isnan(low):
        raise EstimationError(
            "bootstrap-mislukt", "Te weinig bootstraptrekkingen gaven een schatting."
        )
    p = float(min(1.0, 2 * min((effects <= 0).mean(), (effects >= 0).mean())))
    level, label = design_label("matching", significant=not low <= 0 <= high, pre_trend_ok=True)
    matched_controls = len(set(matched.controls.tolist()))
    return Estimate(
        estimate=matched.effect,
        ci_low=float(low),
        ci_high=float(high),
        se=float(np.std(effects, ddof=1)),
        p_value=p,
        method="matching",
        inference=f"bootstrap over wijken ({len(effects)} trekkingen, percentielinterval); "
        f"{matched.dropped} deelnemers zonder vergelijkbare persoon weggelaten",
        design_level=level,
        label=label,
        n_treated=len(matched.treated),
        n_comparison=matched_controls,
        areas_treated=int(frame.iloc[matched.treated]["area"].nunique()),
        areas_comparison=int(frame.iloc[matched.controls]["area"].nunique()),
        naive=float(
            frame.loc[frame["treated"] == 1, "y"].mean()
            - frame.loc[frame["treated"] == 0, "y"].mean()
        ),
        balance=balance_table(frame, matched),
    )
