"""From readings to the panels the estimators take (pure: no Django).

A source (a synthetic region's clean facts, or a research extract) gives three tables:
`readings` (person, area = wijk code, date, target, value), `experiments` (code, area, start,
cocktail) and `enrolments` (person, intervention, start). Targets are named as the synthetic
truth names them: `capital:economisch`, `outcome:passend_werk`.

`facts_load` reads a synthetic region's `truth/facts/`: a reading's wijk is its household's
residence on the reading's date. `extract_load` reads an extract written by `extracts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from doorbraak.evaluation.estimators import EstimationError

PROGRAMME_START_YEAR = 2023
FOLLOW_UP_DAYS = 180  # a later reading counts when it is at least this long after the start


@dataclass(frozen=True)
class Source:
    readings: pd.DataFrame
    experiments: pd.DataFrame
    enrolments: pd.DataFrame

    def targets(self) -> set[str]:
        return set(self.readings["target"].unique())


def half_year(dates: pd.Series) -> pd.Series:
    """Half-years since the programme start: 2023S1 = 0, 2023S2 = 1, ..."""
    return (dates.dt.year - PROGRAMME_START_YEAR) * 2 + (dates.dt.month > 6).astype(int)


def facts_load(folder: Path) -> Source:
    facts = folder / "truth" / "facts" if (folder / "truth" / "facts").is_dir() else folder
    needed = ("assessments", "outcomes", "residences", "experiments", "enrolments")
    missing = [name for name in needed if not (facts / f"{name}.csv").is_file()]
    if missing:
        raise EstimationError(
            "gegevens-niet-gevonden",
            f"In {folder} staan niet de schone feiten van een synthetische regio of een "
            f"onderzoeksextract (ontbreekt: {', '.join(m + '.csv' for m in missing)}).",
        )
    read = _reader(facts)
    readings = _facts_readings(read)
    experiments = read("experiments").rename(
        columns={"experiment_code": "code", "area_code": "area"}
    )
    enrolments = read("enrolments").rename(columns={"person_id": "person"})
    return Source(
        readings,
        experiments[["code", "area", "start", "cocktail"]].assign(start=lambda f: _dates(f.start)),
        enrolments[["person", "intervention_code", "experiment_code", "start"]].assign(
            start=lambda f: _dates(f.start)
        ),
    )


def _reader(facts: Path):  # type: ignore[no-untyped-def]
    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(facts / f"{name}.csv", dtype=str, keep_default_na=False)

    return read


def _dates(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    return pd.to_datetime(values.replace("", None), format="%Y-%m-%d")


def _facts_readings(read) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    assessments = read("assessments")
    capital = pd.DataFrame(
        {
            "person": assessments["person_id"],
            "household": assessments["household_id"],
            "date": _dates(assessments["date"]),
            "target": "capital:" + assessments["capital"],
            "value": assessments["level"].astype(float),
        }
    )
    outcomes = read("outcomes")
    outcome = pd.DataFrame(
        {
            "person": outcomes["person_id"],
            "household": outcomes["household_id"],
            "date": _dates(outcomes["date"]),
            "target": "outcome:" + outcomes["outcome"],
            "value": outcomes["value"].astype(float),
        }
    )
    readings = pd.concat([capital, outcome], ignore_index=True)
    return readings_with_wijk(readings, read("residences"))


def readings_with_wijk(readings: pd.DataFrame, residences: pd.DataFrame) -> pd.DataFrame:
    homes = residences.assign(
        valid_from=_dates(residences["valid_from"]), valid_to=_dates(residences["valid_to"])
    )
    joined = readings.merge(
        homes[["household_id", "buurt_code", "valid_from", "valid_to"]],
        left_on="household",
        right_on="household_id",
    )
    current = (joined["valid_from"] <= joined["date"]) & (
        joined["valid_to"].isna() | (joined["date"] < joined["valid_to"])
    )
    found = joined[current].drop_duplicates(subset=["person", "date", "target"])
    return found.assign(area="WK" + found["buurt_code"].str[2:8])[
        ["person", "area", "date", "target", "value"]
    ].reset_index(drop=True)


def extract_load(folder: Path) -> Source:
    """A research extract (`extracts.extract_write`): the same three tables, pseudonymised."""
    read = _reader(folder)
    readings = read("metingen").rename(columns={"pseudoniem": "person", "wijk": "area"})
    readings = readings.assign(
        date=_dates(readings["datum"]), value=readings["waarde"].astype(float)
    )
    experiments = read("experimenten").rename(columns={"gebied": "area"})
    enrolments = (
        read("deelnames").rename(columns={"pseudoniem": "person"})
        if (folder / "deelnames.csv").is_file()
        else pd.DataFrame(columns=["person", "intervention_code", "experiment_code", "start"])
    )
    return Source(
        readings[["person", "area", "date", "target", "value"]],
        experiments.assign(start=_dates(experiments["start"])),
        enrolments.assign(start=_dates(enrolments["start"].astype(str))),
    )


def source_load(folder: Path) -> Source:
    if (folder / "metingen.csv").is_file():
        return extract_load(folder)
    return facts_load(folder)


def experiment_starts(source: Source, codes: list[str]) -> dict[str, pd.Timestamp]:
    """The experiment areas (wijken) and their start, for the asked experiments."""
    chosen = source.experiments[source.experiments["code"].isin(codes)]
    unknown = sorted(set(codes) - set(chosen["code"]))
    if unknown:
        known = ", ".join(sorted(source.experiments["code"]))
        raise EstimationError(
            "experiment-onbekend",
            f"Experiment {', '.join(unknown)} staat niet in de gegevens. Bekend: {known}.",
        )
    return {str(row.area): row.start for row in chosen.itertuples()}


def intervention_experiments(source: Source, intervention: str) -> list[str]:
    cocktails = source.experiments["cocktail"].str.split()
    return list(source.experiments.loc[cocktails.apply(lambda c: intervention in c), "code"])


def area_cells(source: Source, target: str, starts: dict[str, pd.Timestamp]) -> pd.DataFrame:
    """Area x half-year cells of `target`: the experiment areas with their start period, and
    the comparison areas (wijken without any experiment) with none."""
    readings = _target_readings(source, target)
    others = set(source.experiments["area"]) - set(starts)
    readings = readings[~readings["area"].isin(others)].assign(period=half_year(readings["date"]))
    if target.startswith("outcome:"):
        cells = _outcome_cells(source, readings, target)
    else:
        cells = readings.groupby(["area", "period"], as_index=False).agg(
            y=("value", "mean"), n=("value", "size"), persons=("person", "nunique")
        )
    start_period = {
        area: float(half_year(pd.Series([day])).iloc[0]) for area, day in starts.items()
    }
    return cells.assign(start=cells["area"].map(start_period).astype(float))


def _outcome_cells(source: Source, readings: pd.DataFrame, target: str) -> pd.DataFrame:
    """An outcome's share: its positive records over the persons read in the area-period."""
    base = source.readings[source.readings["target"].str.startswith("capital:")]
    base = base.assign(period=half_year(base["date"]))
    people = base.groupby(["area", "period"], as_index=False).agg(n=("person", "nunique"))
    hits = readings[readings["value"] > 0].groupby(["area", "period"]).size().rename("hits")
    cells = people.merge(hits, on=["area", "period"], how="left").fillna({"hits": 0})
    return cells.assign(y=cells["hits"] / cells["n"], persons=cells["n"])[
        ["area", "period", "y", "n", "persons"]
    ]


def _target_readings(source: Source, target: str) -> pd.DataFrame:
    if target not in source.targets():
        known = ", ".join(sorted(source.targets()))
        raise EstimationError(
            "uitkomst-onbekend",
            f"Uitkomst {target} komt niet voor in de gegevens. Bekend: {known}.",
        )
    return source.readings[source.readings["target"] == target]


def enrolment_people(
    source: Source, target: str, intervention: str, experiments: list[str] | None = None
) -> pd.DataFrame:
    """Per person: a baseline reading and a reading at least FOLLOW_UP_DAYS later; the enrolled
    (in the intervention, or with `experiments` in any of their interventions) read before
    their start and after, the comparison persons (never enrolled) any pair."""
    if not target.startswith("capital:"):
        raise EstimationError(
            "methode-past-niet",
            "Regressie-aanpassing en matching kunnen alleen op een kapitaalmeting "
            "(capital:...); kies voor een uitkomst --method did.",
        )
    readings = _target_readings(source, target).sort_values(["person", "date"])
    enrolments = source.enrolments
    enrolled = (
        enrolments[enrolments["experiment_code"].isin(experiments)]
        if experiments
        else enrolments[enrolments["intervention_code"] == intervention]
    )
    if enrolled.empty:
        which = ", ".join(experiments) if experiments else f"interventie {intervention}"
        raise EstimationError(
            "interventie-onbekend", f"Niemand nam deel aan {which} in deze gegevens."
        )
    first = enrolled.groupby("person")["start"].min()
    treated = _pairs(readings[readings["person"].isin(first.index)], first)
    all_enrolled = set(source.enrolments["person"])
    untreated = _pairs(readings[~readings["person"].isin(all_enrolled)], None)
    return pd.concat([treated.assign(treated=1), untreated.assign(treated=0)], ignore_index=True)


def _pairs(readings: pd.DataFrame, starts: pd.Series | None) -> pd.DataFrame:
    grouped = readings.groupby("person")
    first_day = grouped["date"].transform("min")
    anchor = readings["person"].map(starts) if starts is not None else first_day
    before = (
        readings[readings["date"] <= anchor]
        if starts is not None
        else readings[readings["date"] == first_day]
    )
    base = before.groupby("person").last()
    later = readings[readings["date"] >= anchor + pd.Timedelta(days=FOLLOW_UP_DAYS)]
    post = later.groupby("person").first()
    both = base.add_suffix("_base").join(post.add_suffix("_post"), how="inner")
    gap = (both["date_post"] - both["date_base"]).dt.days
    return pd.DataFrame(
        {
            "area": both["area_base"].to_numpy(),
            "baseline": both["value_base"].to_numpy(),
            "y": both["value_post"].to_numpy(),
            "gap_days": np.asarray(gap, dtype=float),
        }
    )
