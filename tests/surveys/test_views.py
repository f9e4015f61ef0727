"""The questionnaire behind a one-time link: accessible markup, errors linked to their fields,
a submitted answer ends on the thanks page; and the results page for the programme team."""

from django.test import Client

from doorbraak.partners.models import Partner, Role
from doorbraak.surveys.models import Response, SurveyRound
from doorbraak.surveys.services import invitations_create, round_close
from tests.conftest import UserOf
from tests.surveys.conftest import ALL_AGREE, TODAY


def _link(survey_round: SurveyRound, partner: Partner) -> str:
    link, *_others = invitations_create(
        survey_round=survey_round, today=TODAY, partner=partner, letters=10
    )
    return f"/enquete/{link.token}/"


def test_questionnaire_uses_fieldsets_and_labels(
    client: Client, survey_round: SurveyRound, partners: list[Partner]
) -> None:
    page = client.get(_link(survey_round, partners[0]))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<fieldset") == 1 + 6 + 1  # the group, six scales, the obstacles
    assert '<legend class="utrecht-form-fieldset__legend">Duurzame relaties' in html
    assert 'type="radio" name="w1_1" id="v-w1_1-1" value="1"' in html
    assert '<label class="utrecht-form-label" for="v-uren_relaties">' in html
    assert 'aria-describedby="v-uren_relaties-uitleg"' in html
    # the obstacles hang on a low score: the parsed expression for the page's script
    assert 'id="v-belemmeringen" data-relevant="[&quot;or&quot;, [&quot;compare&quot;' in html
    assert 'src="/static/surveys/relevance.js"' in html


def test_errors_are_linked_to_their_fields(
    client: Client, survey_round: SurveyRound, partners: list[Partner]
) -> None:
    url = _link(survey_round, partners[0])
    page = client.post(url, {"w1_1": "4", "uren_relaties": "99"})
    html = page.content.decode()
    assert page.status_code == 400
    assert '<a class="utrecht-link" href="#v-w1_2">' in html
    assert 'id="v-uren_relaties-fout">Vul een aantal uren van 0 tot en met 60 in.' in html
    assert 'aria-describedby="v-uren_relaties-uitleg v-uren_relaties-fout"' in html
    assert 'value="4" checked' in html  # what was given stays
    assert not Response.objects.exists()


def test_submitting_ends_on_thanks_and_the_link_is_spent(
    client: Client, survey_round: SurveyRound, partners: list[Partner]
) -> None:
    url = _link(survey_round, partners[0])
    done = client.post(url, {**ALL_AGREE, "w1_4": "1", "belemmeringen": ["regels", "caseload"]})
    assert done.status_code == 302
    assert done["Location"] == "/enquete/bedankt/"
    assert Response.objects.count() == 1
    again = client.get(url)
    assert again.status_code == 410
    assert "al ingevuld" in again.content.decode()
    assert client.get("/enquete/onzin/").status_code == 410


def test_results_page_hides_counts_while_running(
    client: Client, user_of: UserOf, survey_round: SurveyRound
) -> None:
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    assert survey_round.version.title in client.get("/enquetes/").content.decode()
    running = client.get(f"/enquetes/{survey_round.id}/").content.decode()
    assert "Deze ronde loopt nog" in running
    round_close(survey_round=survey_round)
    closed = client.get(f"/enquetes/{survey_round.id}/?per=sector").content.decode()
    assert "Respons" in closed
    assert "Duurzame relaties" in closed


def test_results_need_the_programme_role(client: Client, survey_round: SurveyRound) -> None:
    assert client.get(f"/enquetes/{survey_round.id}/").status_code in (302, 403)
