"""Reads for the evaluation pages: estimates from the register, requests, decisions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from doorbraak.evaluation.estimators import Estimate, EstimationError
from doorbraak.evaluation.models import EvaluationDecision, ExtractRequest
from doorbraak.evaluation.run import Question, evaluate_source
from doorbraak.evaluation.sources import experiments_list, register_source
from doorbraak.monitor.kept_pages import PUBLIC, kept

TARGETS = (
    "capital:economisch",
    "capital:sociaal",
    "capital:cultureel",
    "capital:pedagogisch",
    "capital:mentaal",
    "outcome:passend_werk",
    "outcome:startkwalificatie",
)


def experiment_choices() -> list[tuple[str, str]]:
    frame = experiments_list().drop_duplicates("code")
    return [(row.code, f"{row.code}: {row.name}") for row in frame.itertuples()]


def estimate_for(*, experiment: str, target: str, method: str = "") -> Estimate:
    """The estimate from the register's facts, kept in this process until the monitor's inputs
    change (`monitor.kept_pages.kept`: a new run, plan or rules): reading the register and
    fitting takes seconds to a minute at region scale; the same for every role that may see it."""
    return kept(
        "evaluation-estimate",
        f"{experiment}\n{target}\n{method}",
        lambda: evaluate_source(
            register_source(),
            Question(outcome=target, experiments=[experiment], method=method or None),
        ),
        viewer=PUBLIC,
    )


def extract_requests_for(user: Any, *, everyone: bool) -> QuerySet[ExtractRequest]:
    requests = ExtractRequest.objects.all()
    return requests if everyone else requests.filter(researcher=user)


def decisions_count() -> int:
    """E5's number: evaluations the programme decided on."""
    return EvaluationDecision.objects.count()


def decisions_list() -> QuerySet[EvaluationDecision]:
    return EvaluationDecision.objects.all()[:50]


def decision_basis(*, experiment: str, target: str) -> dict[str, Any]:
    """The estimate a decision rests on, as plain data for its record (the kept estimate the
    page showed; the pre-trend series left out); {} when the facts allow no estimate."""
    try:
        found = estimate_for(experiment=experiment, target=target)
    except EstimationError:
        return {}
    basis = found.as_dict()
    basis.pop("pre_trend", None)
    return basis
