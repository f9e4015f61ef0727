"""The evaluation pages: a request, the team's approval (audited), an estimate, a download
(logged), a decision; researchers never see a register pseudonym."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.core.models import AuditEvent
from doorbraak.evaluation import selectors
from doorbraak.evaluation.estimators import Estimate
from doorbraak.evaluation.models import EvaluationDecision, ExtractDownload, ExtractRequest
from doorbraak.evaluation.selectors import experiment_choices
from doorbraak.partners.models import Role
from doorbraak.register.models import Person

pytestmark = pytest.mark.django_db


def _client(user_of, role: Role) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(role))
    return client


def test_the_journey_request_approve_estimate_download(user_of) -> None:  # type: ignore[no-untyped-def]
    researcher, team = _client(user_of, Role.RESEARCHER), _client(user_of, Role.PROGRAMME_TEAM)
    experiment = experiment_choices()[0][0]
    response = researcher.post(
        reverse("evaluation:request_new"),
        {
            "question": "Werkt budgetcoaching?",
            "experiment": experiment,
            "target": ["capital:economisch"],
            "period_start": "2023-01-01",
            "period_end": "2026-06-30",
        },
    )
    assert response.status_code == 302
    request = ExtractRequest.objects.get()
    assert researcher.get(reverse("evaluation:download", args=[request.pk])).status_code == 302
    assert not ExtractDownload.objects.exists()  # not approved yet: nothing leaves
    team.post(reverse("evaluation:request_decide", args=[request.pk]), {"besluit": "goedkeuren"})
    request.refresh_from_db()
    assert request.status == "goedgekeurd"
    assert request.expires_on is not None
    assert AuditEvent.objects.filter(action="evaluation.extract.decide").exists()
    download = researcher.get(reverse("evaluation:download", args=[request.pk]))
    body = download.content.decode("utf-8-sig")
    assert download.status_code == 200
    assert body.startswith("pseudoniem;wijk")
    released = {line.split(";")[0] for line in body.splitlines()[1:]}
    assert released
    assert not released & set(Person.objects.values_list("pseudonym", flat=True))
    assert ExtractDownload.objects.count() == 1
    assert AuditEvent.objects.filter(action="evaluation.extract.download").exists()
    page = researcher.get(
        reverse("evaluation:index"), {"experiment": experiment, "target": "capital:economisch"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "95%-interval" in text
    assert "Maryland" in text or 'role="alert"' in text


SHOWN = Estimate(
    estimate=0.31,
    ci_low=0.12,
    ci_high=0.5,
    se=0.09,
    p_value=0.002,
    method="did",
    inference="cluster",
    design_level=3,
    label="eerste aanwijzingen",
    n_treated=412,
    n_comparison=1890,
    areas_treated=3,
    areas_comparison=11,
    naive=-0.22,
    pre_trend=[{"period": 1, "gap": 0.01}],
)


def test_decisions_are_the_teams_and_counted(user_of, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the estimate the page showed (this small world allows none: the facts are too few)
    monkeypatch.setattr(selectors, "estimate_for", lambda **_: SHOWN)
    team = _client(user_of, Role.PROGRAMME_TEAM)
    experiment = experiment_choices()[0][0]
    team.post(
        reverse("evaluation:decision"),
        {
            "experiment": experiment,
            "target": "capital:economisch",
            "decision": "opschalen",
            "note": "",
        },
    )
    decided = EvaluationDecision.objects.get()
    assert decided.decision == "opschalen"
    # the decision keeps the estimate it rested on, as the page showed it (or {} if none)
    assert decided.basis == {k: v for k, v in SHOWN.as_dict().items() if k != "pre_trend"}
    researcher = _client(user_of, Role.RESEARCHER)
    assert researcher.post(reverse("evaluation:decision"), {}).status_code == 403
    assert _client(user_of, Role.HOUSEHOLD).get(reverse("evaluation:index")).status_code == 403


def test_the_page_shows_a_matching_estimate_with_its_balance(user_of) -> None:  # type: ignore[no-untyped-def]
    researcher = _client(user_of, Role.RESEARCHER)
    shown = 0
    for experiment, _ in experiment_choices():
        page = researcher.get(
            reverse("evaluation:index"),
            {"experiment": experiment, "target": "capital:economisch", "method": "matching"},
        )
        assert page.status_code == 200
        text = page.content.decode()
        if 'id="balans"' in text:
            assert "matching" in text
            assert "Maryland 2" in text
            assert "95%-interval" in text
            assert "Voor matching" in text
            assert "Na matching" in text
            shown += 1
        else:
            assert 'role="alert"' in text  # a Dutch reason, never a traceback
    assert shown >= 1


def test_the_page_gives_synthetic_control_or_its_reason(user_of) -> None:  # type: ignore[no-untyped-def]
    researcher = _client(user_of, Role.RESEARCHER)
    experiment = experiment_choices()[0][0]
    page = researcher.get(
        reverse("evaluation:index"),
        {"experiment": experiment, "target": "capital:economisch", "method": "synth"},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "synthetische-controle" in text or 'role="alert"' in text
