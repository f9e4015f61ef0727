"""A reached household led on to follow-up help, only with its consent; the receiving
professional (or, with no one named, her organisation's professionals) sees it on her start
page, audited, and takes it on; no one else can."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.core.errors import ProblemsError
from doorbraak.core.models import AuditEvent
from doorbraak.outreach import selectors, services
from doorbraak.outreach.models import Vroegsignaalzaak
from doorbraak.outreach.templatetags.outreach import outreach_referrals_for
from doorbraak.partners.models import Partner, Role, User

from .conftest import TODAY, signal


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
    assert client.post(url).status_code == 403
    client.force_login(fatima)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:register")
    assert list(selectors.referrals_for(fatima)) == []


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
