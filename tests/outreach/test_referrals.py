"""A reached household led on to follow-up help, only with its consent; the receiving
professional (or, with no one named, her organisation's professionals) sees it on her start
page, audited, and takes it on: the household is registered in casework from the signals, on
the referral's consent, with her as its regisseur; no one else can."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.casework import services as casework_services
from doorbraak.casework.models import CaseHousehold
from doorbraak.casework.selectors import household_find_by_bsn, regisseur_role
from doorbraak.casework.services import AddressInput, MemberInput
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditEvent
from doorbraak.outreach import selectors, services
from doorbraak.outreach.models import Toeleiding, Vroegsignaalzaak
from doorbraak.outreach.templatetags.outreach import outreach_referrals_for
from doorbraak.partners.models import Partner, Role, User

from .conftest import BSN_A, BSN_B, NAME_A, TODAY, signal


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def team(demo_world: None) -> Partner:
    return Partner.objects.get(code="gemeente-veendam")


def _professional(name: str, partner: Partner) -> User:
    return User.objects.create_user(username=name, role=Role.PROFESSIONAL, partner=partner)


@pytest.fixture
def reached(worker: User) -> Vroegsignaalzaak:
    case = services.signal_receive(actor=worker, signal=signal("huur-1")).zaak
    services.case_take_up(actor=worker, case=case, on=TODAY - dt.timedelta(days=2))
    return case


def test_no_referral_without_contact_consent_or_the_right_partner(
    worker: User, reached: Vroegsignaalzaak, team: Partner
) -> None:
    elsewhere = _professional("jan", Partner.objects.get(code="woonstichting-veenhorst"))
    with pytest.raises(ProblemsError) as error:
        services.referral_make(
            actor=worker, case=reached, partner=team, professional=elsewhere,
            consent_on=TODAY + dt.timedelta(days=1), consent_scope="",
        )  # fmt: skip
    assert len(error.value.problems) == 4


def test_the_professional_sees_it_on_her_start_page_and_takes_it_on(
    worker: User, reached: Vroegsignaalzaak, team: Partner, client: Client
) -> None:
    services.attempt_record(actor=worker, case=reached, kind="Huisbezoek", on=TODAY, reached=True)
    fatima, colleague = _professional("fatima", team), _professional("kees", team)
    referral = services.referral_make(
        actor=worker, case=reached, partner=team, professional=fatima,
        consent_on=TODAY, consent_scope="een plan maken met het wijkteam",
    )  # fmt: skip
    assert list(selectors.referrals_for(fatima)) == [referral]
    assert list(selectors.referrals_for(colleague)) == []
    assert list(selectors.referrals_for(worker)) == []
    panel = outreach_referrals_for({"csrf_token": "x"}, fatima)
    assert panel["referrals"] == [referral]
    assert AuditEvent.objects.filter(action="outreach.referral.read", object_id=str(fatima.pk))
    url = reverse("outreach_feedback:referral_take_on", kwargs={"pk": referral.pk})
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    client.force_login(fatima)
    page = client.get(url).content.decode()
    for known in (NAME_A, BSN_A, "9641AB"):  # what the signals knew, not typed again
        assert known in page
    assert AuditEvent.objects.filter(action="outreach.referral.read", object_id=str(referral.pk))
    response = client.post(url, _registration(birth="1990-04-01"))
    assert response.status_code == 302
    household = CaseHousehold.objects.get()
    assert response["Location"] == reverse("casework:plan", kwargs={"pk": household.pk})
    assert list(selectors.referrals_for(fatima)) == []


def _registration(*, birth: str, bsn: str = BSN_A, name: str = NAME_A) -> dict[str, str]:
    return {
        "lid-TOTAL_FORMS": "2", "lid-INITIAL_FORMS": "1",
        "lid-MIN_NUM_FORMS": "1", "lid-MAX_NUM_FORMS": "12",
        "lid-0-name": name, "lid-0-birth_date": birth, "lid-0-bsn": bsn,
        "lid-1-name": "", "lid-1-birth_date": "", "lid-1-bsn": "",
        "postcode": "9641AB", "house_number": "12", "street": "Dorpsstraat", "city": "Veendam",
    }  # fmt: skip


def _referred(worker: User, case: Vroegsignaalzaak, team: Partner, to: User) -> Toeleiding:
    services.attempt_record(actor=worker, case=case, kind="Huisbezoek", on=TODAY, reached=True)
    return services.referral_make(
        actor=worker, case=case, partner=team, professional=to,
        consent_on=TODAY - dt.timedelta(days=1), consent_scope="een plan maken met het wijkteam",
    )  # fmt: skip


def test_the_household_opens_in_casework_from_the_signals_on_its_consent(
    worker: User, reached: Vroegsignaalzaak, team: Partner
) -> None:
    services.signal_receive(
        actor=worker,
        signal=signal(
            "energie-1",
            bsn=BSN_B,
            name="Joost Koster",
            birth_date=dt.date(1988, 2, 3),
            partner_type="Energie",
        ),
    )  # fmt: skip  (a second person at the same address: bundled into the same case)
    fatima = _professional("fatima", team)
    referral = _referred(worker, reached, team, fatima)
    people = selectors.referral_people(referral)
    assert [(p.name, p.bsn, p.birth_date) for p in people] == [
        (NAME_A, BSN_A, None),
        ("Joost Koster", BSN_B, dt.date(1988, 2, 3)),
    ]
    household = services.referral_register(
        actor=fatima,
        referral=referral,
        members=[
            MemberInput(name=p.name, bsn=p.bsn, birth_date=p.birth_date or dt.date(1990, 4, 1))
            for p in people
        ],
        address=AddressInput(**selectors.referral_address(referral)),
    )
    assert household_find_by_bsn(BSN_B) == household == household_find_by_bsn(BSN_A)
    assert sorted(member.name for member in household.members.all()) == ["Joost Koster", NAME_A]
    assert household.postcode == "9641AB"
    ground = household.grounds.get()
    assert (ground.kind, ground.given_on, ground.scope) == (
        "toestemming", referral.consent_on, referral.consent_scope,
    )  # fmt: skip
    assert regisseur_role(household).professional == fatima
    referral.refresh_from_db()
    assert referral.household == household
    assert referral.taken_on_at is not None
    assert AuditEvent.objects.filter(
        action="outreach.referral.take_on", object_id=str(reached.pk)
    ).exists()
    assert AuditEvent.objects.filter(
        action="casework.household.register", object_id=str(household.pk)
    ).exists()
    with pytest.raises(UserError) as error:
        services.referral_register(
            actor=fatima, referral=referral, members=[], address=AddressInput()
        )
    assert error.value.code == "toeleiding-al-opgepakt"


def test_a_registration_that_fails_says_why_and_leaves_the_referral_open(
    worker: User, reached: Vroegsignaalzaak, team: Partner, client: Client
) -> None:
    fatima = _professional("fatima", team)
    referral = _referred(worker, reached, team, fatima)
    client.force_login(fatima)
    url = reverse("outreach_feedback:referral_take_on", kwargs={"pk": referral.pk})
    response = client.post(url, _registration(birth="2090-01-01"))
    assert response.status_code == 400
    assert "de geboortedatum ligt in de toekomst" in response.content.decode()
    assert not CaseHousehold.objects.exists()
    assert list(selectors.referrals_for(fatima)) == [referral]


def test_no_one_named_goes_to_the_partner_s_professionals(
    worker: User, reached: Vroegsignaalzaak, team: Partner
) -> None:
    services.attempt_record(actor=worker, case=reached, kind="Telefoon", on=TODAY, reached=True)
    referral = services.referral_make(
        actor=worker, case=reached, partner=team, consent_on=TODAY, consent_scope="schuldhulp"
    )
    assert list(selectors.referrals_for(_professional("kees", team))) == [referral]
    other = _professional("jan", Partner.objects.get(code="woonstichting-veenhorst"))
    assert list(selectors.referrals_for(other)) == []


def test_a_household_already_in_casework_is_refused_with_casework_s_reason(
    worker: User, reached: Vroegsignaalzaak, team: Partner
) -> None:
    fatima = _professional("fatima", team)
    referral = _referred(worker, reached, team, fatima)
    member = MemberInput(name=NAME_A, bsn=BSN_A, birth_date=dt.date(1990, 4, 1))
    casework_services.household_register(
        actor=_professional("kees", team),
        members=[member],
        address=AddressInput(),
        ground=casework_services.GroundInput(kind="toestemming", given_on=TODAY, scope="hulp"),
    )
    with pytest.raises(ProblemsError) as error:
        services.referral_register(
            actor=fatima, referral=referral, members=[member], address=AddressInput()
        )
    assert "al geregistreerd" in str(error.value.problems[0])
    referral.refresh_from_db()
    assert referral.taken_on_at is None
    assert referral.household is None
