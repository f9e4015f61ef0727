"""The programme team records the learning network on its own pages (not the admin), each
write audited; other roles may not; the public experiment pages need no login and show what
the team wrote for residents, never a person."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from doorbraak.areas.models import Area, AreaGroup, AreaGroupKind, AreaLevel
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.learning import models as m
from doorbraak.learning import services
from doorbraak.partners.models import Partner, Role
from doorbraak.register import models as r

pytestmark = pytest.mark.django_db


def _client(user_of, role: Role) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user_of(role))
    return client


def test_the_programme_team_records_a_session_with_who_took_part(user_of) -> None:  # type: ignore[no-untyped-def]
    partners = list(Partner.objects.order_by("code")[:3])
    client = _client(user_of, Role.PROGRAMME_TEAM)
    assert client.get(reverse("learning:session_new")).status_code == 200
    response = client.post(
        reverse("learning:session_new"),
        {
            "title": "Wat werkt bij schulden",
            "held_on": "2025-03-04",
            "professionals": "12",
            "residents": "3",
            "partners": [p.pk for p in partners],
            "experts": "ED-01, ed-02 ED-01",
            "knowledge_forms": ["onderzoek", "ervaring"],
        },
    )
    assert response.status_code == 302
    session = m.Session.objects.get(title="Wat werkt bij schulden")
    assert {p.partner_id for p in session.partners.all()} == {p.pk for p in partners}
    assert sorted(e.expert.code for e in session.experts.all()) == ["ed-01", "ed-02"]
    assert {k.form for k in session.knowledge.all()} == {"onderzoek", "ervaring"}
    assert all(row.held_on == dt.date(2025, 3, 4) for row in session.partners.all())
    event = AuditEvent.objects.filter(action=AuditAction.LEARNING_RECORD_SAVE).last()
    assert event is not None
    assert event.object_id == str(session.pk)


def test_a_bad_session_gets_dutch_reasons_and_records_nothing(user_of) -> None:  # type: ignore[no-untyped-def]
    client = _client(user_of, Role.PROGRAMME_TEAM)
    response = client.post(reverse("learning:session_new"), {"title": "", "held_on": "gisteren"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit veld is vereist." in page
    assert "Voer een geldige datum in." in page
    assert not m.Session.objects.exists()


@pytest.mark.parametrize("kind", ["leeragenda", "aanbesteding", "publicatie", "conferentie"])
def test_each_activity_has_its_form(user_of, kind: str) -> None:  # type: ignore[no-untyped-def]
    client = _client(user_of, Role.PROGRAMME_TEAM)
    assert client.get(reverse("learning:activity_new", args=[kind])).status_code == 200


def test_a_training_records_one_row_per_professional(user_of) -> None:  # type: ignore[no-untyped-def]
    partner = Partner.objects.order_by("code").first()
    assert partner is not None
    client = _client(user_of, Role.PROGRAMME_TEAM)
    response = client.post(
        reverse("learning:training_new"),
        {
            "title": "Bejegening",
            "completed_on": "2025-05-01",
            "bejegening": "on",
            "geschoold-TOTAL_FORMS": "3",
            "geschoold-INITIAL_FORMS": "0",
            "geschoold-0-partner": partner.pk,
            "geschoold-0-number": "7",
        },
    )
    assert response.status_code == 302
    assert m.TrainingCompletion.objects.filter(partner=partner, bejegening=True).count() == 7


@pytest.mark.parametrize("role", [Role.BOARD, Role.PROFESSIONAL, Role.DATA_STEWARD])
def test_other_roles_may_not_record(user_of, role: Role) -> None:  # type: ignore[no-untyped-def]
    client = _client(user_of, role)
    assert client.get(reverse("learning:overview")).status_code == 403
    assert client.post(reverse("learning:session_new"), {}).status_code == 403


def _experiment(**fields: object) -> m.Experiment:
    cocktail = [m.Intervention.objects.create(code="budgetcoach", name="Budgetcoach")]
    experiment = m.Experiment(
        code="EXP-T1",
        name="Samen sterk in het dorp",
        started_on=dt.date(2024, 1, 1),
        status=m.ExperimentStatus.RUNNING,
        summary="Gezinnen krijgen hulp die past.",
        **fields,
    )
    return services.experiment_record(actor=None, experiment=experiment, interventions=cocktail)


def test_an_experiment_in_a_dorp_reaches_the_register_and_its_area(demo_world: None) -> None:
    dorp = AreaGroup.objects.filter(kind=AreaGroupKind.DORP).first()
    assert dorp is not None
    experiment = _experiment(dorp=dorp, knowledge="Onderzoek van de hogeschool.")
    assert experiment.builds_on_knowledge
    copy = r.Experiment.objects.get(code="EXP-T1")
    assert [i.code for i in copy.interventions.all()] == ["budgetcoach"]
    area = AreaGroup.objects.get(code="experiment-exp-t1", kind=AreaGroupKind.EXPERIMENT)
    assert set(area.members.all()) == set(dorp.members.all())


def test_an_experiment_in_a_wijk_covers_its_buurten(demo_world: None) -> None:
    wijk = Area.objects.filter(level=AreaLevel.WIJK).first()
    assert wijk is not None
    experiment = _experiment(area=wijk)
    assert not experiment.builds_on_knowledge
    assert set(services.experiment_buurten(experiment)) == set(wijk.children.all())


def test_the_public_page_needs_no_login_and_tells_residents_what_happens(
    demo_world: None,
) -> None:
    dorp = AreaGroup.objects.filter(kind=AreaGroupKind.DORP).first()
    assert dorp is not None
    _experiment(dorp=dorp, designed_with="Bewoners van het dorp")
    client = Client()
    listing = client.get(reverse("learning:public_list")).content.decode()
    assert reverse("learning:public_experiment", args=["EXP-T1"]) in listing
    page = client.get(reverse("learning:public_experiment", args=["EXP-T1"])).content.decode()
    for text in ("Samen sterk in het dorp", dorp.name, "Budgetcoach", "Bewoners van het dorp",
                 "Gezinnen krijgen hulp die past."):  # fmt: skip
        assert escape(text) in page
    assert client.get(reverse("learning:public_experiment", args=["NIET"])).status_code == 404
    home = client.get(reverse("web:public")).content.decode()
    assert reverse("learning:public_list") in home


def test_the_team_records_an_experiment_on_its_page(user_of) -> None:  # type: ignore[no-untyped-def]
    wijk = Area.objects.filter(level=AreaLevel.WIJK).order_by("code").first()
    other = Area.objects.filter(level=AreaLevel.WIJK).order_by("code").last()
    assert wijk is not None
    assert other is not None
    coach = m.Intervention.objects.create(code="budgetcoach", name="Budgetcoach")
    client = _client(user_of, Role.PROGRAMME_TEAM)
    form = {
        "code": "EXP-PAGINA",
        "name": "Samen rond komen",
        "area": wijk.pk,
        "started_on": "2025-02-01",
        "ended_on": "2026-02-01",
        "status": "lopend",
        "interventions": [coach.pk],
        "comparison_areas": [other.pk],
        "knowledge": "Evaluatie van budgetcoaching elders.",
        "designed_with": "Bewoners van de wijk",
    }
    both = client.post(reverse("learning:experiment_new"), {**form, "dorp": _a_dorp().pk})
    assert "Kies een gebied of een dorp" in both.content.decode()
    assert client.post(reverse("learning:experiment_new"), form).status_code == 302
    experiment = m.Experiment.objects.get(code="EXP-PAGINA")
    assert experiment.builds_on_knowledge
    assert list(experiment.comparison_areas.all()) == [other]
    assert r.Experiment.objects.get(code="EXP-PAGINA").started_on == dt.date(2025, 2, 1)
    edit = reverse("learning:experiment_edit", args=["EXP-PAGINA"])
    assert client.post(edit, {**form, "status": "afgerond"}).status_code == 302
    experiment.refresh_from_db()
    assert experiment.status == "afgerond"
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.LEARNING_EXPERIMENT_SAVE, object_id=str(experiment.pk)
        ).count()
        == 2
    )


def _a_dorp() -> AreaGroup:
    dorp = AreaGroup.objects.filter(kind=AreaGroupKind.DORP).first()
    assert dorp is not None
    return dorp
