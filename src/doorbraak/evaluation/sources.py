"""The one adapter from the monitor zone to the evaluation's panels (`panels.Source`).

Experiments and interventions are read here only, from the register's reference records
(`register.Experiment`); when the `learning` app owns them, this function is the one to switch.
Reads current facts only (not superseded) and never an identity: persons by pseudonym.
"""

from __future__ import annotations

import pandas as pd

from doorbraak.evaluation.panels import Source, readings_with_wijk
from doorbraak.register.models import CapitalAssessment, Enrolment, Experiment, Outcome, Residence


def experiments_list() -> pd.DataFrame:
    rows = []
    for experiment in Experiment.objects.prefetch_related("areas", "interventions").order_by(
        "code"
    ):
        cocktail = " ".join(sorted(i.code for i in experiment.interventions.all()))
        for area in experiment.areas.all():
            rows.append(
                {
                    "code": experiment.code,
                    "name": experiment.name,
                    "area": area.code,
                    "start": pd.Timestamp(experiment.started_on),
                    "cocktail": cocktail,
                }
            )
    return pd.DataFrame(rows, columns=["code", "name", "area", "start", "cocktail"])


def register_source() -> Source:
    capital = pd.DataFrame(
        CapitalAssessment.objects.filter(superseded_at=None).values_list(
            "person__pseudonym", "household_id", "assessed_on", "capital", "level"
        ),
        columns=["person", "household", "date", "capital", "value"],
    )
    capital = capital.assign(target="capital:" + capital["capital"]).drop(columns="capital")
    outcome = pd.DataFrame(
        Outcome.objects.filter(superseded_at=None).values_list(
            "person__pseudonym", "household_id", "observed_on", "kind", "value"
        ),
        columns=["person", "household", "date", "kind", "value"],
    )
    outcome = outcome.assign(target="outcome:" + outcome["kind"]).drop(columns="kind")
    readings = pd.concat([capital, outcome], ignore_index=True)
    readings = readings.assign(
        date=pd.to_datetime(readings["date"]), value=readings["value"].astype(float)
    )
    return Source(readings_with_wijk(readings, _residences()), experiments_list(), _enrolments())


def _residences() -> pd.DataFrame:
    frame = pd.DataFrame(
        Residence.objects.filter(superseded_at=None).values_list(
            "household_id", "buurt__code", "valid_from", "valid_to"
        ),
        columns=["household_id", "buurt_code", "valid_from", "valid_to"],
    )
    return frame.assign(
        valid_from=pd.to_datetime(frame["valid_from"]), valid_to=pd.to_datetime(frame["valid_to"])
    )


def _enrolments() -> pd.DataFrame:
    frame = pd.DataFrame(
        Enrolment.objects.filter(superseded_at=None).values_list(
            "person__pseudonym", "intervention__code", "experiment__code", "started_on"
        ),
        columns=["person", "intervention_code", "experiment_code", "start"],
    )
    return frame.assign(start=pd.to_datetime(frame["start"]))


def experiment_partners(code: str) -> list[int]:
    """The partners running the experiment's interventions: those that delivered its current
    enrolments (E5 counts them once a decision is taken on its evaluation)."""
    found = (
        Enrolment.objects.filter(superseded_at=None, experiment__code=code)
        .exclude(source_partner=None)
        .values_list("source_partner_id", flat=True)
        .distinct()
    )
    return sorted(int(pk) for pk in found)
