"""Only outreach workers reach /werk/signalen/, and only their own gemeente's cases; a case for
a household with a regisseur goes to her, not to the team; every identified read is audited."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from doorbraak.casework import services as casework
from doorbraak.casework.models import LegalGround
from doorbraak.core.models import AuditEvent
from doorbraak.outreach import selectors, services
from doorbraak.outreach.models import Vroegsignaalzaak
from doorbraak.outreach.templatetags.outreach import outreach_signals_for_regisseur
from doorbraak.outreach.urls import urlpatterns
from doorbraak.partners.models import Partner, Role, User
from tests.conftest import UserOf

from .conftest import BSN_A, WorkerOf, signal

CASE_URLS = {
    "case": "get",
    "take_up": "post",
    "attempt": "post",
    "close": "post",
    "referral": "post",
}
LISTS = {"worklist": "get", "signal_new": "get"}


def test_every_url_is_in_this_test() -> None:
    names = {p.name for p in urlpatterns if isinstance(p, URLPattern)}
    assert names == set(CASE_URLS) | set(LISTS)


@pytest.fixture
def case(worker: User) -> Vroegsignaalzaak:
    return services.signal_receive(actor=worker, signal=signal("huur-1")).zaak


def _urls(case: Vroegsignaalzaak) -> list[tuple[str, str]]:
    return [(m, reverse(f"outreach:{n}", kwargs={"pk": case.pk})) for n, m in CASE_URLS.items()] + [
        (m, reverse(f"outreach:{n}")) for n, m in LISTS.items()
    ]


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OUTREACH])
def test_a_role_without_outreach_gets_nothing(
    role: Role, case: Vroegsignaalzaak, user_of: UserOf, client: Client
) -> None:
    client.force_login(user_of(role))
    for method, url in _urls(case):
        response = getattr(client, method)(url)
        assert response.status_code == 403, (role, url)
        assert "Sanne" not in response.content.decode()
    case.refresh_from_db()
    assert case.taken_up_on is None
    assert case.closed_on is None


def test_anonymous_goes_to_login(case: Vroegsignaalzaak, client: Client) -> None:
    for method, url in _urls(case):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/inloggen")


def test_a_worker_of_another_gemeente_is_refused_and_audited(
    case: Vroegsignaalzaak, worker_of: WorkerOf, client: Client
) -> None:
    client.force_login(worker_of("piet", gemeente="GM0765"))
    for method, url in _urls(case)[: len(CASE_URLS)]:
        assert getattr(client, method)(url).status_code == 403
    assert "Sanne" not in client.get(reverse("outreach:worklist")).content.decode()
    refused = AuditEvent.objects.filter(action="outreach.case.read", result="geweigerd")
    assert refused.filter(object_id=str(case.pk)).count() == len(CASE_URLS)


def test_every_read_of_a_case_and_the_worklist_is_audited(
    case: Vroegsignaalzaak, worker: User, client: Client
) -> None:
    client.force_login(worker)
    before = AuditEvent.objects.count()
    page = client.get(reverse("outreach:case", kwargs={"pk": case.pk})).content.decode()
    listing = client.get(reverse("outreach:worklist")).content.decode()
    assert "Sanne de Vries-Koster" in page
    assert "Sanne de Vries-Koster" in listing
    new = AuditEvent.objects.order_by("pk")[before:]
    assert [(e.action, e.result) for e in new] == [
        ("outreach.case.read", "ok"),
        ("outreach.worklist.read", "1"),
    ]
    assert all("Sanne" not in f"{e.object_id}{e.reason}" for e in new)


@pytest.fixture
def regisseur(demo_world: None, settings: Any) -> User:
    """A professional who is regisseur of the household of the person signalled."""
    professional = User.objects.create_user(
        username="fatima",
        role=Role.PROFESSIONAL,
        partner=Partner.objects.get(code="gemeente-veendam"),
    )
    casework.household_register(
        actor=professional,
        members=[casework.MemberInput(name="Sanne", birth_date=dt.date(1990, 1, 1), bsn=BSN_A)],
        address=casework.AddressInput(postcode="9641 AB", house_number="12"),
        ground=casework.GroundInput(
            kind=LegalGround.Kind.CONSENT, given_on=dt.date(2026, 11, 1), scope="plan"
        ),
    )
    return professional


def test_a_signal_for_a_household_with_a_regisseur_goes_to_her(
    regisseur: User, worker: User, client: Client
) -> None:
    routed = services.signal_receive(actor=worker, signal=signal("huur-1")).zaak
    team = services.signal_receive(
        actor=worker, signal=signal("huur-2", bsn="123456782", house_number="14")
    ).zaak
    assert list(selectors.cases_for(worker)) == [team]
    assert list(selectors.cases_for_regisseur(regisseur)) == [routed]
    client.force_login(worker)
    assert client.get(reverse("outreach:case", kwargs={"pk": routed.pk})).status_code == 403
    panel = outreach_signals_for_regisseur(regisseur)
    assert [row.case for row in panel["rows"]] == [routed]
    assert panel["rows"][0].household_id is not None
    assert AuditEvent.objects.filter(action="outreach.case.read", object_type="outreach.regisseur")
    assert list(selectors.cases_for_regisseur(worker)) == []
