"""Interpretations and decisions: partners write, the programme team chooses and decides;
every write is audited; chosen interpretations and decisions reach the report, and target and
goal decisions become the next plan version, which the next frozen year is measured against."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditEvent
from doorbraak.learning import models as lm
from doorbraak.learning.services import experiment_record
from doorbraak.partners.models import Role
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import plan_version_current
from doorbraak.reports.document import report_build
from doorbraak.reports.models import Decision, Interpretation, ReflectionSnapshot
from doorbraak.reports.render import report_html
from doorbraak.reports.services import (
    decision_record,
    decisions_apply,
    interpretation_add,
    interpretation_decide,
)
from tests.conftest import UserOf
from tests.reports.conftest import YEAR

pytestmark = pytest.mark.django_db


def _experiment(code: str) -> lm.Experiment:
    experiment = lm.Experiment(
        code=code, name="Samen sterk", started_on=dt.date(YEAR, 1, 1),
        status=lm.ExperimentStatus.RUNNING,
    )  # fmt: skip
    return experiment_record(actor=None, experiment=experiment, interventions=[])


def _unset_target(snapshot: ReflectionSnapshot) -> str:
    """An indicator of the plan whose target is still 'xx'."""
    return next(
        i["code"]
        for i in snapshot.sections["figures"]["indicators"]
        if i["target"] is not None and i["target"]["value"] is None
    )


def test_chosen_interpretations_reach_the_report_and_others_do_not(
    frozen: ReflectionSnapshot, user_of: UserOf
) -> None:
    steward, team = user_of(Role.DATA_STEWARD), user_of(Role.PROGRAMME_TEAM)
    goal = frozen.sections["plan"]["lines"][0]["strategic_goals"][0]["operational_goals"][0]
    chosen = interpretation_add(
        snapshot=frozen, user=steward, kind="partner", subject=goal["code"],
        text="Meer huishoudens bereikt door de wijkteams.", organisation="Woonstichting",
    )  # fmt: skip
    left_out = interpretation_add(
        snapshot=frozen, user=steward, kind="partner", subject="", text="Niet voor het rapport."
    )
    residents = interpretation_add(
        snapshot=frozen,
        user=team,
        kind="bewoners",
        subject="",
        text="Bewoners: de buurt merkt het.",
    )
    for item, include in ((chosen, True), (left_out, False), (residents, True)):
        interpretation_decide(interpretation=item, include=include, user=team)
    html = report_html(report_build(frozen))
    assert "Meer huishoudens bereikt door de wijkteams." in html
    assert "Bewoners: de buurt merkt het." in html
    assert "Niet voor het rapport." not in html
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"reports.interpretation.add", "reports.interpretation.decide"} <= actions


def test_an_interpretation_about_an_unknown_code_is_refused(
    frozen: ReflectionSnapshot, user_of: UserOf
) -> None:
    with pytest.raises(UserError) as refused:
        interpretation_add(
            snapshot=frozen, user=user_of(Role.DATA_STEWARD), kind="partner",
            subject="BESTAAT-NIET", text="x",
        )  # fmt: skip
    assert refused.value.code == "onderwerp-onbekend"


def test_decisions_make_the_next_plan_version_and_the_next_year_is_measured_against_it(
    frozen: ReflectionSnapshot, user_of: UserOf
) -> None:
    team = user_of(Role.PROGRAMME_TEAM)
    code = _unset_target(frozen)
    before = plan_version_current()
    assert before is not None
    decision_record(
        snapshot=frozen, user=team, kind=Decision.Kind.TARGET, subject=code,
        value=Decimal("420"), reason="Vastgesteld op het eiland van reflectie.",
    )  # fmt: skip
    _experiment("EXP-1")
    decision_record(
        snapshot=frozen, user=team, kind=Decision.Kind.EXPERIMENT, subject="EXP-1",
        reason="Gestopt: te weinig deelnemers.",
    )  # fmt: skip
    version = decisions_apply(year=YEAR, user=team)
    assert version is not None
    assert version.number == before.number + 1
    target = pm.Target.objects.get(
        indicator__plan_version=version, indicator__code=code, area_code=""
    )
    assert target.value == Decimal("420")
    assert plan_version_current() == version
    assert Decision.objects.get(subject=code).plan_version == version
    assert decisions_apply(year=YEAR, user=team) is None  # nothing left to apply
    html = report_html(report_build(frozen))
    assert "Gestopt: te weinig deelnemers." in html
    assert "nog niet verwerkt" in html
    # a correction of the year is measured against the new version, and says so per figure
    from doorbraak.reports.services import snapshot_freeze

    corrected = snapshot_freeze(year=YEAR, correction=True).snapshot
    assert corrected.plan_version == version
    assert f"gemeten tegen planversie {version.number}" in report_html(report_build(corrected))


def test_a_target_decision_needs_a_plan_indicator_and_a_value(
    frozen: ReflectionSnapshot, user_of: UserOf
) -> None:
    with pytest.raises(UserError) as refused:
        decision_record(
            snapshot=frozen, user=user_of(Role.PROGRAMME_TEAM), kind=Decision.Kind.TARGET,
            subject="BESTAAT-NIET", value=Decimal(1), reason="x",
        )  # fmt: skip
    assert refused.value.code == "besluit-streefwaarde"


def test_the_pages(frozen: ReflectionSnapshot, user_of: UserOf) -> None:
    team, steward = Client(), Client()
    team.force_login(user_of(Role.PROGRAMME_TEAM))
    steward.force_login(user_of(Role.DATA_STEWARD))
    year = reverse("reports:year", args=[YEAR])
    assert "Reflectie 2025" in team.get(year).content.decode()
    assert "Bevroren jaren" in team.get(reverse("reports:index")).content.decode()
    response = steward.post(
        reverse("reports:interpretation_add", args=[YEAR]),
        {"kind": "bewoners", "subject": "", "text": "Via de pagina."},
    )
    assert response.status_code == 302
    item = Interpretation.objects.get(text="Via de pagina.")
    assert item.kind == "partner"  # a partner cannot write in the residents' name
    decide = reverse("reports:interpretation_decide", args=[YEAR, item.pk])
    assert steward.post(decide, {"include": "1"}).status_code == 403
    assert team.post(decide, {"include": "1"}).status_code == 302
    assert steward.post(reverse("reports:freeze"), {"year": YEAR}).status_code == 403
    report = team.get(reverse("reports:report", args=[YEAR]))
    assert "Via de pagina." in report.content.decode()
    pdf = team.get(reverse("reports:report_pdf", args=[YEAR]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    annex = team.get(reverse("reports:report_csv", args=[YEAR]) + "?openbaar=1")
    assert annex.content.decode("utf-8").startswith("\ufeffindicator;")
    assert Client().get(year).status_code == 302  # anonymous: to the login page


def test_an_experiment_decision_stops_the_experiment_through_learning(
    frozen: ReflectionSnapshot, user_of: UserOf
) -> None:
    team = user_of(Role.PROGRAMME_TEAM)
    _experiment("EXP-STOP")
    decision_record(
        snapshot=frozen, user=team, kind=Decision.Kind.EXPERIMENT, subject="EXP-STOP",
        reason="Gestopt: de hulp bereikte de gezinnen niet.",
    )  # fmt: skip
    stopped = lm.Experiment.objects.get(code="EXP-STOP")
    assert stopped.status == lm.ExperimentStatus.STOPPED
    audited = AuditEvent.objects.filter(
        action="learning.experiment.save", object_id=str(stopped.pk), actor=team
    )
    assert audited.exists()


def test_an_experiment_decision_needs_a_known_experiment(
    frozen: ReflectionSnapshot, user_of: UserOf
) -> None:
    with pytest.raises(UserError) as refused:
        decision_record(
            snapshot=frozen, user=user_of(Role.PROGRAMME_TEAM), kind=Decision.Kind.EXPERIMENT,
            subject="BESTAAT-NIET", reason="x",
        )  # fmt: skip
    assert refused.value.code == "besluit-experiment"
    assert not Decision.objects.filter(subject="BESTAAT-NIET").exists()
