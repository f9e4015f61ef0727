"""Publishing, rounds, invitations, reminders and submitting: the write path of a survey."""

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail

from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.partners.models import Partner
from doorbraak.surveys.models import Answer, Invitation, Response, SurveyRound, SurveyVersion
from doorbraak.surveys.services import (
    invitation_mail,
    invitations_create,
    reminders_due,
    reminders_send,
    response_submit,
    survey_publish,
)
from tests.surveys.conftest import ALL_AGREE, TODAY
from tests.surveys.forms import good_form
from tests.surveys.test_xlsform import broken_form


def test_publishing_freezes_the_version(demo_world: None, tmp_path: Path) -> None:
    path = good_form(tmp_path / "proef.xlsx")
    version = survey_publish(path=path, audience="professionals", today=TODAY)
    assert survey_publish(path=path, audience="professionals", today=TODAY) == version
    assert list(version.questions.values_list("name", flat=True))[:3] == ["g", "werkt", "uren"]
    changed = good_form(tmp_path / "proef-gewijzigd.xlsx")  # same version, other bytes
    changed.write_bytes(changed.read_bytes() + b"\0")
    with pytest.raises(UserError) as refused:
        survey_publish(path=changed, audience="professionals", today=TODAY)
    assert refused.value.code == "versie_bevroren"
    newer = survey_publish(
        path=good_form(tmp_path / "v2.xlsx", "2"), audience="professionals", today=TODAY
    )
    assert SurveyVersion.objects.filter(survey=version.survey).count() == 2
    assert newer.version == "2"


def test_a_broken_form_is_not_published(demo_world: None, tmp_path: Path) -> None:
    with pytest.raises(ProblemsError) as refused:
        survey_publish(
            path=broken_form(tmp_path / "kapot.xlsx"), audience="professionals", today=TODAY
        )
    assert len(refused.value.problems) == 11
    assert not SurveyVersion.objects.exists()


def test_invitation_to_submitted_answer(survey_round: SurveyRound, partners: list[Partner]) -> None:
    partner = partners[0]
    links = invitations_create(
        survey_round=survey_round,
        today=TODAY,
        partner=partner,
        addresses=["a@example.org"],
        letters=9,  # a group has at least the threshold's number of invitations
    )
    invitation_mail(link=links[0], title="Proef", base_url="https://doorbraak.test")
    assert links[0].token in mail.outbox[0].body
    invitation = Invitation.objects.exclude(recipient_key="").get()
    assert links[0].token not in (invitation.token_sha256, invitation.recipient_key)
    assert "a@example.org" not in str(list(Invitation.objects.values()))
    checked = response_submit(
        token=links[0].token, raw={**ALL_AGREE, "w1_4": "2", "belemmeringen": ["regels"]}
    )
    assert checked.ok, checked.errors
    invitation.refresh_from_db()
    assert invitation.completed
    response = Response.objects.get()
    assert (response.partner, response.sector) == (partner, partner.sector)
    answers = dict(Answer.objects.values_list("question", "value"))
    assert answers == {**ALL_AGREE, "w1_4": "2", "belemmeringen": "regels"}
    with pytest.raises(UserError) as again:
        response_submit(token=links[0].token, raw=ALL_AGREE)
    assert again.value.code == "link_gebruikt"


def test_answers_are_checked_and_hidden_answers_dropped(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    link, *_others = invitations_create(
        survey_round=survey_round, today=TODAY, partner=partners[0], letters=10
    )
    checked = response_submit(token=link.token, raw={"w1_1": "4", "uren_relaties": "70"})
    assert set(checked.errors) == {"w1_2", "w1_3", "w1_4", "w1_5", "w1_6", "uren_relaties"}
    assert checked.errors["uren_relaties"] == "Vul een aantal uren van 0 tot en met 60 in."
    assert not Response.objects.exists()
    # w1_4 = 5: the follow-up about obstacles is not relevant, so its answer is not stored
    checked = response_submit(
        token=link.token, raw={**ALL_AGREE, "w1_4": "5", "belemmeringen": ["regels"]}
    )
    assert checked.ok
    assert not Answer.objects.filter(question="belemmeringen").exists()


def test_reminders_renew_the_link_of_who_did_not_answer(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    links = invitations_create(
        survey_round=survey_round,
        today=TODAY,
        partner=partners[0],
        addresses=[f"{name}@example.org" for name in "abcdefghij"],
    )
    response_submit(token=links[0].token, raw=ALL_AGREE)
    assert reminders_due(survey_round=survey_round, today=TODAY + dt.timedelta(days=6)) == []
    later = TODAY + dt.timedelta(days=7)
    assert len(reminders_due(survey_round=survey_round, today=later)) == 9
    [reminder] = reminders_send(
        survey_round=survey_round, today=later, addresses=["a@example.org", "b@example.org"]
    )
    assert reminder.address == "b@example.org"
    with pytest.raises(UserError):
        response_submit(token=links[1].token, raw=ALL_AGREE)  # the old link stopped working
    assert response_submit(token=reminder.token, raw=ALL_AGREE).ok
    due = reminders_due(survey_round=survey_round, today=later + dt.timedelta(days=30))
    assert len(due) == 8  # c to j, whose addresses were not given: b answered


def test_a_closed_round_takes_no_answers(
    survey_round: SurveyRound, partners: list[Partner]
) -> None:
    from doorbraak.surveys.services import round_close

    link, *_others = invitations_create(
        survey_round=survey_round, today=TODAY, partner=partners[0], letters=10
    )
    round_close(survey_round=survey_round)
    with pytest.raises(UserError) as closed:
        response_submit(token=link.token, raw=ALL_AGREE)
    assert closed.value.code == "enquete_gesloten"
