"""Synthetic control for one treated area, with placebo-in-space inference (pure: no Django).

When one wijk has the experiment, randomisation inference over start dates cannot reject
(its smallest p-value is 1/(areas+1)) and cluster-robust errors have one treated cluster. The
synthetic control (Abadie, Diamond and Hainmueller 2010) weighs the comparison areas (donors,
non-negative weights summing to one) so that their half-year means follow the treated area's
before the start, each area taken against its own pre-start mean (the demeaned synthetic
control of Doudchenko and Imbens 2016 and Ferman and Pinto 2021: experiments go to the
neediest areas, whose level is often outside the donors' range, where the plain method cannot
fit); the effect is the treated area's gap to that synthetic area after the start, averaged
over its post-start half-years weighted by readings. The weights come from
`pysyncon.Synth` (the field's Python implementation, MIT) with every pre-start half-year as a
predictor and equal predictor weights (V), so the fit is the pre-period outcome path itself.

Inference is placebo in space (Abadie et al. 2010, 2015): each donor in turn is treated as if
it had started, with the other donors as its donor pool. The treated area's post-start mean gap
(in absolute value) is ranked among the donors' placebo gaps, p = (1 + donors at least as
large) / (donors + 1), and the 95% interval inverts that test: an effect d is kept when, with
d taken off the treated area's post-start gaps, p stays above 0.05 (the donors' gaps do not
depend on d, the treated area being in none of their pools). The classic statistic, the ratio
of post- to pre-start RMSPE, is ranked too and shown beside it; it is not inverted: with a few
pre-start half-years and many donors a synthetic area can follow the pre-start path by chance
almost exactly, a ratio over that near-zero RMSPE says nothing, and its inverted interval was
10 to 20 times the estimate's spread on simulated regions (ADR 0043). Below 19 donors no p can
fall under 0.05, so no interval is given. `se` is the spread of the donors' placebo effects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from doorbraak.evaluation.estimators import Estimate, EstimationError, pre_trend
from doorbraak.evaluation.labels import design_label

MIN_DONORS = 19  # (1 + 0) / (19 + 1) = 0.05: fewer donors can never reject at 5%
GRID = 801
FIT_TOLERANCE = 2.0  # pre-start fit no worse than this many times the donors' median fit


@dataclass(frozen=True)
class Gaps:
    pre: np.ndarray
    post: np.ndarray
    post_weight: np.ndarray

    @property
    def effect(self) -> float:
        return float(np.average(self.post, weights=self.post_weight))

    @property
    def pre_rmspe(self) -> float:
        return float(np.sqrt(np.mean(self.pre**2)))

    def rmspe_ratio(self) -> float:
        return float(np.sqrt(np.mean(self.post**2))) / max(self.pre_rmspe, 1e-12)


def _wide(cells: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Area x period means and reading counts, periods every area has a reading in."""
    means = cells.pivot_table(index="period", columns="area", values="y", aggfunc="first")
    counts = cells.pivot_table(index="period", columns="area", values="n", aggfunc="first")
    complete = means.dropna(axis=0, how="any")
    return complete, counts.loc[complete.index]


def _synthetic_gaps(means: pd.DataFrame, counts: pd.DataFrame, treated: str, start: float) -> Gaps:
    from pysyncon import Synth  # imported here: it loads matplotlib, which nothing else needs

    before = means.index < start
    means = means - means.loc[before].mean()  # each area against its own pre-start mean
    donors = [area for area in means.columns if area != treated]
    z0, z1 = means.loc[before, donors], means.loc[before, treated]
    synth = Synth()
    synth.fit(X0=z0, X1=z1, Z0=z0, Z1=z1, custom_V=np.ones(len(z0)))
    weights = np.asarray(synth.W, dtype=float)
    gap = means[treated].to_numpy() - means[donors].to_numpy() @ weights
    after = ~before
    return Gaps(gap[before], gap[after], counts.loc[after, treated].to_numpy(dtype=float))


def _check(cells: pd.DataFrame) -> tuple[str, float]:
    treated = cells.loc[cells["start"].notna(), "area"].unique()
    if len(treated) != 1:
        raise EstimationError(
            "synthetische-controle-een-gebied",
            f"Synthetische controle is voor één experimentgebied; hier zijn het er {len(treated)}: "
            "kies --method did.",
        )
    donors = cells.loc[cells["start"].isna(), "area"].nunique()
    if donors < MIN_DONORS:
        raise EstimationError(
            "te-weinig-donorgebieden",
            f"Synthetische controle vraagt minstens {MIN_DONORS} vergelijkingsgebieden voor een "
            f"95%-interval (de placebotoets kan anders nooit verwerpen); er zijn er {donors}.",
        )
    return str(treated[0]), float(cells.loc[cells["area"] == treated[0], "start"].iloc[0])


def _rank_p(statistic: float, placebos: np.ndarray) -> float:
    return float((1 + (placebos >= statistic - 1e-12).sum()) / (len(placebos) + 1))


def _interval(treated: Gaps, placebo_gaps: np.ndarray) -> tuple[float, float]:
    def p_at(shift: float) -> float:
        return _rank_p(abs(treated.effect - shift), placebo_gaps)

    half = 2 * float(placebo_gaps.max()) + 1e-6
    grid = np.linspace(treated.effect - half, treated.effect + half, GRID)
    kept = [float(d) for d in grid if p_at(float(d)) > 0.05]
    if not kept:
        raise EstimationError(
            "synthetische-controle-past-niet",
            "Na de start wisselt het experimentgebied meer dan elk donorgebied in de "
            "placebotoets; geen effect past bij de gegevens: kies --method did.",
        )
    return min(kept), max(kept)


def synthetic_control(cells: pd.DataFrame, *, units: tuple[int, int] | None = None) -> Estimate:
    """The effect on the one treated area; `cells`: area, period, y, n, start (as `did`)."""
    area, start = _check(cells)
    means, counts = _wide(cells)
    if (means.index < start).sum() < 2 or (means.index >= start).sum() < 1:
        raise EstimationError(
            "geen-voormeting",
            "Synthetische controle vraagt metingen in minstens twee halfjaren voor de start en "
            "één erna, in elk gebied.",
        )
    treated = _synthetic_gaps(means, counts, area, start)
    pool = means.drop(columns=area)
    placebos = [_synthetic_gaps(pool, counts, donor, start) for donor in pool.columns]
    effects = np.array([g.effect for g in placebos])
    p = _rank_p(abs(treated.effect), np.abs(effects))
    low, high = _interval(treated, np.abs(effects))
    ratio_p = _rank_p(treated.rmspe_ratio(), np.array([g.rmspe_ratio() for g in placebos]))
    fit_ok = treated.pre_rmspe <= FIT_TOLERANCE * float(np.median([g.pre_rmspe for g in placebos]))
    level, label = design_label("synth", significant=p <= 0.05, pre_trend_ok=fit_ok)
    inside = cells["area"] == area
    n_treated, n_comparison = units or (
        int(cells.loc[inside, "n"].sum()),
        int(cells.loc[~inside, "n"].sum()),
    )
    return Estimate(
        estimate=treated.effect,
        ci_low=low,
        ci_high=high,
        se=float(np.std(effects, ddof=1)),
        p_value=p,
        method="synthetische-controle",
        inference=f"placebo in de ruimte ({len(effects)} donorgebieden; rang van het gemiddelde "
        f"verschil na de start, interval door toetsinversie; rang van de verhouding RMSPE "
        f"na/voor de start: p = {ratio_p:.2f})",
        design_level=level,
        label=label,
        n_treated=n_treated,
        n_comparison=n_comparison,
        areas_treated=1,
        areas_comparison=len(effects),
        naive=_naive(cells, area, start),
        pre_trend=pre_trend(cells),
        pre_trend_p=None,
    )


def _naive(cells: pd.DataFrame, area: str, start: float) -> float:
    after = cells[cells["period"] >= start]
    mine = after[after["area"] == area]
    others = after[after["area"] != area]
    return float(
        np.average(mine["y"], weights=mine["n"]) - np.average(others["y"], weights=others["n"])
    )
