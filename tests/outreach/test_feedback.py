"""A signalling partner sees, for its own signals only, the counts per GGM status and gemeente,
gated (small counts hidden); never a person, never why a signal was not taken up."""

import pytest
from django.test import Client
from django.urls import reverse

from doorbraak.outreach import services
from doorbraak.outreach.feedback import ALL, partner_feedback
from doorbraak.outreach.models import Vroegsignaalzaak
from doorbraak.partners.models import Partner, Role, User

from .conftest import TODAY, signal

REASON = "zit in detentie tot maart"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def landlord(demo_world: None) -> Partner:
    return Partner.objects.get(code="woonstichting-veenhorst")


def _signals(worker: User, partner: Partner, n: int, *, first: int = 0) -> list[int]:
    ids = []
    for i in range(first, first + n):
        received = services.signal_receive(
            actor=worker,
            signal=signal(f"h-{i}", partner=partner, bsn="", house_number=str(100 + i)),
        )
        ids.append(received.zaak_id)
    return ids


def _cell(table: object, status: str, gemeente: str) -> int | None:
    rows = dict(table.rows)  # type: ignore[attr-defined]
    return rows[status][table.gemeenten.index(gemeente)]  # type: ignore[attr-defined]


def test_counts_are_gated_and_only_the_partner_s_own(
    worker: User, landlord: Partner, settings: object
) -> None:
    settings.DISCLOSURE_THRESHOLD = 10  # type: ignore[attr-defined]
    other = Partner.objects.get(code="noorderlicht-energie")
    _signals(worker, landlord, 12)
    _signals(worker, other, 3, first=50)
    taken = _signals(worker, landlord, 3, first=20)
    for case in Vroegsignaalzaak.objects.filter(pk__in=taken):
        services.case_close(
            actor=worker, case=case, result="Niet opgepakt: andere reden", reason=REASON
        )
    table = partner_feedback(landlord)
    assert table.gemeenten == ["GM0047", ALL]
    assert _cell(table, ALL, ALL) == 15  # the energy company's 3 are not the landlord's
    assert _cell(table, "Niet opgepakt: andere reden", "GM0047") is None  # 3: hidden
    assert _cell(table, "Nog niet opgepakt", "GM0047") is None  # 15 - 12 would give it away
    assert _cell(table, "Opgepakt", "GM0047") == 0
    settings.DISCLOSURE_THRESHOLD = 3  # type: ignore[attr-defined]
    lower = partner_feedback(landlord)
    assert _cell(lower, "Niet opgepakt: andere reden", "GM0047") == 3
    assert _cell(lower, "Nog niet opgepakt", "GM0047") == 12


def test_the_page_shows_the_steward_counts_and_no_reason(
    worker: User, landlord: Partner, client: Client
) -> None:
    for case_id in _signals(worker, landlord, 12):
        case = Vroegsignaalzaak.objects.get(pk=case_id)
        services.case_close(
            actor=worker, case=case, result="Niet opgepakt: andere reden", reason=REASON
        )
    steward = User.objects.create_user(username="steward", role=Role.DATA_STEWARD, partner=landlord)
    client.force_login(steward)
    page = client.get(reverse("outreach_feedback:partner")).content.decode()
    assert "Niet opgepakt: andere reden" in page
    assert ">12<" in page
    assert "detentie" not in page
    assert "9641" not in page  # no address, no person
    client.force_login(worker)
    assert client.get(reverse("outreach_feedback:partner")).status_code == 403


def test_no_signals_no_table(landlord: Partner, client: Client) -> None:
    steward = User.objects.create_user(username="s2", role=Role.DATA_STEWARD, partner=landlord)
    client.force_login(steward)
    page = client.get(reverse("outreach_feedback:partner")).content.decode()
    assert "nog geen signalen" in page
