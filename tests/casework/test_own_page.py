"""The household's own page (ADR 0027): the Bakkers see their contact person, their plan with a
status per goal, who does what and everything recorded about them, including the colleague who
opened their case in an emergency; they download the plan as a PDF and all their data as JSON,
and write a comment their regisseur reads. A household login sees only its own household, and
every read is audited."""

import io
import json
import logging
from typing import Any

import pytest
from django.db import connection
from django.urls import URLPattern, reverse
from pypdf import PdfReader

from doorbraak.casework import models as m
from doorbraak.casework import own_services, plans
from doorbraak.casework.own_plan import goal_status, own_goal_status
from doorbraak.casework.own_urls import urlpatterns as own_urlpatterns
from doorbraak.casework.urls import urlpatterns as work_urlpatterns
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditEvent
from doorbraak.partners.models import Role

from .conftest import BSN_CHILD, BSN_MOTHER, CHILD, MOTHER, ProfessionalOf
from .own_world import (
    BAKKER_ACTIONS,
    BAKKER_GOALS,
    BREAK_GLASS_REASON,
    JANSEN,
    JANSEN_BSN,
    JANSEN_GOAL,
    World,
    household_login,
    world_make,
)

OWN_URLS = {
    "page": "get",
    "plan_pdf": "get",
    "export": "get",
    "comment": "post",
    "agree": "post",
}
COMMENT = "Mijn tweede voornaam is Anna, niet Anne."


@pytest.fixture
def world(professional: ProfessionalOf) -> World:
    return world_make(professional)


def _get(client: Any, name: str) -> Any:
    if name == "agree":
        return client.post(reverse("own:agree"), {"version": "1"})
    if OWN_URLS[name] == "post":
        return client.post(reverse(f"own:{name}"), {"kind": "correctie", "text": COMMENT})
    return client.get(reverse(f"own:{name}"))


def _text(response: Any) -> str:
    if response["Content-Type"] == "application/pdf":
        reader = PdfReader(io.BytesIO(response.content))
        return "\n".join(page.extract_text() for page in reader.pages)
    if response.status_code in (301, 302):
        return ""
    return response.content.decode()


def test_every_own_url_is_in_this_test() -> None:
    assert {p.name for p in own_urlpatterns if isinstance(p, URLPattern)} == set(OWN_URLS)


def test_the_bakkers_see_their_contact_person_and_plan(world: World, client: Any) -> None:
    client.force_login(world.bakker_login)
    response = client.get(reverse("own:page"))
    page = response.content.decode()
    assert response.status_code == 200
    for shown in ("Fatima Yilmaz", "0598 123 456", "f.yilmaz@example.org"):
        assert shown in page
    assert world.bakker.roles.get().partner.name in page
    for text in BAKKER_GOALS.values():
        assert text in page
    for _capital, _who, what, _status in BAKKER_ACTIONS:
        assert what in page
    # the money goal has one action done and one busy; Noor's has one still open
    assert "<strong data-goal-status>bezig</strong>" in page
    assert "<strong data-goal-status>nog niet begonnen</strong>" in page
    assert "Geld, werk en wonen" in page  # the capital in plain words, not "economisch"
    assert "U was het eens met dit plan op 20-11-2026" in page


def test_what_is_recorded_is_shown_with_the_emergency_access(world: World, client: Any) -> None:
    client.force_login(world.bakker_login)
    page = client.get(reverse("own:page")).content.decode()
    for shown in (MOTHER, CHILD, BSN_MOTHER, "9641 AB", "samen een plan maken", "huisbezoek"):
        assert shown in page
    assert BREAK_GLASS_REASON in page  # ADR 0024: the household sees who opened it and why
    assert "Sanne" in page
    assert "noodtoegang tot een huishouden" in page  # and it is in "who looked" from the audit
    assert "Hoe u zich voelt, niveau 3 van 5" in page


def test_a_goal_status_follows_its_actions() -> None:
    assert goal_status([]) == "nog geen afspraken"
    assert goal_status(["vervallen"]) == "nog geen afspraken"
    assert goal_status(["gedaan", "vervallen"]) == "gelukt"
    assert goal_status(["gedaan", "open"]) == "bezig"
    assert goal_status(["open", "open"]) == "nog niet begonnen"


@pytest.mark.parametrize("name", sorted(OWN_URLS))
def test_a_login_sees_only_its_own_household(world: World, client: Any, name: str) -> None:
    """Each URL as the Jansens, also with the Bakkers' id tried in the query: never a Bakker."""
    client.force_login(world.jansen_login)
    response = client.get(
        reverse(f"own:{name}"), {"pk": str(world.bakker.pk), "huishouden": str(world.bakker.pk)}
    )
    if OWN_URLS[name] == "post":
        assert response.status_code == 405
        response = _get(client, name)
    text = _text(response)
    for bakker in (MOTHER, CHILD, BSN_MOTHER, BSN_CHILD, *BAKKER_GOALS.values(), "Yilmaz"):
        assert bakker not in text, (name, bakker)
    if OWN_URLS[name] == "get":
        assert JANSEN in text or JANSEN_GOAL in text, name


@pytest.mark.parametrize(
    "pattern", [p for p in work_urlpatterns if "<uuid:pk>" in str(p.pattern)], ids=str
)
def test_a_household_login_cannot_open_any_work_zone_url(
    world: World, client: Any, pattern: URLPattern
) -> None:
    """Every household URL of the work zone, with its own household's id and another's."""
    client.force_login(world.bakker_login)
    extra = {k: 1 for k in pattern.pattern.converters if k != "pk"}  # type: ignore[attr-defined]
    for household in (world.bakker, world.jansen):
        url = reverse(f"casework:{pattern.name}", kwargs={"pk": household.pk, **extra})
        assert client.get(url).status_code in (403, 405)
        assert client.post(url).status_code == 403


@pytest.mark.parametrize("name", sorted(OWN_URLS))
@pytest.mark.parametrize("role", [r for r in Role if r != Role.HOUSEHOLD])
def test_no_other_role_opens_the_households_pages(
    world: World, client: Any, user_of: Any, name: str, role: Role
) -> None:
    client.force_login(user_of(role))
    assert _get(client, name).status_code == 403


@pytest.mark.parametrize("name", sorted(OWN_URLS))
def test_a_login_without_a_link_sees_nothing_and_is_audited(
    world: World, client: Any, name: str
) -> None:
    client.force_login(household_login("los"))
    response = _get(client, name)
    assert response.status_code == (200 if name == "page" else 404)
    assert "hoort nog niet bij uw huishouden" in response.content.decode()
    line = AuditEvent.objects.order_by("-seq").first()
    assert line is not None
    assert (line.result, line.object_id) == ("geen-koppeling", "")


def test_an_ended_link_ends_the_access(world: World, client: Any) -> None:
    link = world.bakker.logins.get()
    own_services.household_login_end(actor=world.fatima, link=link)
    client.force_login(world.bakker_login)
    page = client.get(reverse("own:page")).content.decode()
    assert "hoort nog niet bij uw huishouden" in page
    assert MOTHER not in page


def test_every_read_is_audited_with_its_household(world: World, client: Any) -> None:
    client.force_login(world.bakker_login)
    before = AuditEvent.objects.count()
    for name in ("page", "plan_pdf", "export"):
        client.get(reverse(f"own:{name}"))
    lines = list(AuditEvent.objects.order_by("seq")[before:])
    assert [(x.action, x.object_id, x.result) for x in lines] == [
        ("casework.own.read", str(world.bakker.pk), "ok"),
        ("casework.own.plan_pdf", str(world.bakker.pk), "ok"),
        ("casework.own.export", str(world.bakker.pk), "ok"),
    ]


def test_the_pdf_holds_the_plan(world: World, client: Any) -> None:
    client.force_login(world.bakker_login)
    response = client.get(reverse("own:plan_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert MOTHER not in response["Content-Disposition"]
    text = " ".join(_text(response).split())
    for goal in BAKKER_GOALS.values():
        assert goal in text
    for needed in ("Ons plan", "Fatima Yilmaz", "0598 123 456", "Wie doet wat", "Öztürk"):
        assert needed in text


def test_the_pdf_fetches_nothing(world: World, client: Any, tmp_path: Any) -> None:
    """A goal naming a file or an address is text, never fetched into the PDF."""
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-123")
    goal = world.bakker.plans.get().goals.first()
    assert goal is not None
    goal.text = f'<img src="file://{secret}"><link rel="stylesheet" href="file://{secret}">'
    goal.save()
    client.force_login(world.bakker_login)
    text = _text(client.get(reverse("own:plan_pdf")))
    assert "GEHEIM-123" not in text
    assert "geheim.txt" in text  # escaped: shown as the text it is


def _values(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set().union(*(_values(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(_values(v) for v in data)) if data else set()
    return {str(data)}


def test_the_data_download_is_all_theirs_and_only_theirs(world: World, client: Any) -> None:
    client.force_login(world.bakker_login)
    client.post(reverse("own:comment"), {"kind": "correctie", "text": COMMENT})
    response = client.get(reverse("own:export"))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    members = {(x.name, x.birth_date, x.bsn) for x in world.bakker.members.all()}
    assert {(x["naam"], x["geboortedatum"], x["bsn"]) for x in data["leden"]} == members
    assert data["huishouden"]["kenmerk"] == str(world.bakker.pk)
    assert [g["doel"] for g in data["plan"]["doelen"]] == list(BAKKER_GOALS.values())
    assert data["contactpersoon"]["naam"] == "Fatima Yilmaz"
    assert data["noodtoegang"][0]["reden"] == BREAK_GLASS_REASON
    assert data["reacties"][0]["tekst"] == COMMENT
    assert data["contactmomenten"][0]["soort"] == "huisbezoek"
    assert data["kapitaalmetingen"] == [
        {
            "lid": MOTHER,
            "kapitaal": "Hoe u zich voelt",
            "datum": "2026-11-20",
            "niveau": 3,
            "instrument": "zelfredzaamheidsmatrix 2017",
        }
    ]
    assert data["grondslagen"][0]["reikwijdte"] == "samen een plan maken"
    values = _values(data)
    jansen = m.CaseHousehold.objects.get(pk=world.jansen.pk)
    for other in (JANSEN, JANSEN_BSN, JANSEN_GOAL, str(jansen.pk), jansen.city):
        assert other not in values, other
    assert not [v for v in values if v.startswith("v1.")]  # nothing left encrypted


def test_a_comment_is_kept_encrypted_audited_and_read_by_the_regisseur(
    world: World, client: Any
) -> None:
    client.force_login(world.bakker_login)
    response = client.post(reverse("own:comment"), {"kind": "correctie", "text": COMMENT})
    assert response.status_code == 302
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {m.HouseholdComment._meta.db_table}")  # noqa: S608 - our table
        (raw,) = cursor.fetchone()
    assert raw.startswith("v1.")
    assert "Anna" not in raw
    line = AuditEvent.objects.get(action="casework.own.comment")
    assert (line.actor, line.object_id, line.reason) == (
        world.bakker_login,
        str(world.bakker.pk),
        "",
    )
    assert "Anna" not in str(line.__dict__)
    client.force_login(world.fatima)
    page = client.get(reverse("casework:household", args=[world.bakker.pk])).content.decode()
    assert COMMENT in page
    assert "verzoek om iets te verbeteren" in page.lower()


def test_an_empty_comment_gets_a_dutch_reason(world: World, client: Any) -> None:
    client.force_login(world.bakker_login)
    response = client.post(reverse("own:comment"), {"kind": "opmerking", "text": "  "})
    assert response.status_code == 400
    assert "Schrijf eerst wat u wilt zeggen." in response.content.decode()
    assert not m.HouseholdComment.objects.exists()


def test_no_name_or_bsn_in_any_log_line(
    world: World, client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Every own URL, with the database's query log on: no name, BSN or comment in a line."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    ours = logging.getLogger("doorbraak")  # does not propagate to the root: listen to it too
    ours.addHandler(caplog.handler)
    connection.force_debug_cursor = True
    try:
        client.force_login(world.bakker_login)
        for name in sorted(OWN_URLS):
            _get(client, name)
        client.force_login(world.fatima)
        client.get(reverse("casework:household", args=[world.bakker.pk]))
    finally:
        connection.force_debug_cursor = False
        ours.removeHandler(caplog.handler)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "SELECT" in logged  # the query log was on
    for secret in (MOTHER, CHILD, "Bakker", BSN_MOTHER, BSN_CHILD, "Anna", *BAKKER_GOALS.values()):
        assert secret not in logged, secret
    audit = " ".join(str(line.__dict__) for line in AuditEvent.objects.all())
    for secret in (MOTHER, BSN_MOTHER, BREAK_GLASS_REASON, "Anna"):
        assert secret not in audit


def test_the_regisseur_links_a_login_and_only_a_household_login(
    world: World, client: Any, user_of: Any
) -> None:
    client.force_login(world.fatima)
    url = reverse("casework:login_link", args=[world.bakker.pk])
    refused = {}
    for name in (user_of(Role.RESEARCHER).username, "jansen", "bestaat-niet"):
        page = client.post(url, {"username": name}, follow=True)
        refused[name] = [str(message) for message in page.context["messages"]]
    # a staff login, a login of another household and an unknown name get the same answer:
    # the form tells a professional nothing about who has a login or who is a client elsewhere
    assert len({tuple(answer) for answer in refused.values()}) == 1
    assert "kan niet aan dit huishouden worden gekoppeld" in refused["jansen"][0]
    assert client.post(url, {"username": "nieuw"}, follow=True).status_code == 200
    household_login("tweede")
    client.post(url, {"username": "tweede"})
    assert world.bakker.logins.filter(user__username="tweede", ended_on=None).exists()
    assert AuditEvent.objects.filter(action="casework.login.link").count() == 3


def test_a_login_is_linked_to_one_household_at_most(world: World) -> None:
    with pytest.raises(UserError) as refused:
        own_services.household_login_link(
            actor=world.fatima, household=world.jansen, user=world.bakker_login
        )
    assert refused.value.code == "inlog-niet-koppelbaar"


def test_the_work_phone_is_checked(world: World, client: Any) -> None:
    client.force_login(world.sanne)
    response = client.post(reverse("casework:work_phone"), {"phone": "bel me maar"})
    assert "Vul een telefoonnummer in" in response.content.decode()
    client.post(reverse("casework:work_phone"), {"phone": "050 765 4321"})
    assert m.WorkPhone.objects.get(professional=world.sanne).phone == "050 765 4321"


def test_the_household_agrees_to_the_version_it_read(world: World, client: Any) -> None:
    client.force_login(world.jansen_login)
    assert "Ik ben het eens met dit plan" in client.get(reverse("own:page")).content.decode()
    client.post(reverse("own:agree"), {"version": "1"})
    agreement = m.PlanAgreement.objects.get(plan__household=world.jansen)
    assert (agreement.how, agreement.recorded_by) == ("eigen-pagina", world.jansen_login)
    assert AuditEvent.objects.filter(
        action="casework.plan.agree", object_id=str(world.jansen.pk), actor=world.jansen_login
    ).exists()
    page = client.get(reverse("own:page")).content.decode()
    assert "U was het eens met dit plan op" in page
    assert "Ik ben het eens met dit plan" not in page
    m.HouseholdPlan.objects.create(household=world.jansen, version=2, made_by=world.sanne)
    stale = client.post(reverse("own:agree"), {"version": "1"}, follow=True).content.decode()
    assert "Uw plan is net veranderd" in stale
    assert not m.PlanAgreement.objects.filter(plan__version=2).exists()


def test_the_own_page_agrees_through_the_one_plan_agree(
    world: World, client: Any, monkeypatch: Any
) -> None:
    """The household's agreement is made by `plans.plan_agree`, as the professional's is, not by
    a copy of it (ADR 0027)."""
    calls: list[tuple[int, str]] = []
    real = plans.plan_agree

    def spy(**kwargs: Any) -> m.PlanAgreement:
        calls.append((kwargs["plan"].version, kwargs["how"]))
        return real(**kwargs)

    monkeypatch.setattr(plans, "plan_agree", spy)
    client.force_login(world.jansen_login)
    client.post(reverse("own:agree"), {"version": "1"})
    assert calls == [(1, "eigen-pagina")]
    assert m.PlanAgreement.objects.filter(plan__household=world.jansen).count() == 1


def test_the_goal_status_the_plan_gives_is_on_the_own_page(world: World, client: Any) -> None:
    """A goal the plan marks reached reads "gelukt", a stopped one "gestopt", whatever its
    actions; an ongoing goal whose actions are all done is still "bezig"."""
    plan = world.bakker.plans.get()
    goals = list(plan.goals.all())
    m.PlanGoal.objects.filter(pk=goals[0].pk).update(status="behaald")
    m.PlanGoal.objects.filter(pk=goals[1].pk).update(status="gestopt")
    client.force_login(world.bakker_login)
    page = client.get(reverse("own:page")).content.decode()
    assert "<strong data-goal-status>gelukt</strong>" in page
    assert "<strong data-goal-status>gestopt</strong>" in page
    m.PlanGoal.objects.filter(pk=goals[0].pk).update(status="lopend")
    goal = m.PlanGoal.objects.get(pk=goals[0].pk)
    assert own_goal_status(goal, ["gedaan", "vervallen"]) == "bezig"
