"""Work-zone fixtures: the zone's keys in the test's own settings, professionals of two
partners, and a registered household (synthetic names, never real people)."""

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

import pytest

from doorbraak.casework import services
from doorbraak.casework.models import CaseHousehold, LegalGround
from doorbraak.partners.models import Partner, Role, User

# BSNs that pass the elfproef; test numbers, no one's.
BSN_MOTHER = "111222333"
BSN_CHILD = "123456782"
MOTHER = "Fatima Öztürk-Bakker"
CHILD = "Noor Bakker"


@pytest.fixture(autouse=True)
def work_zone_keys(settings: Any) -> dict[str, bytes]:
    keys = {"field": secrets.token_bytes(32), "partner": secrets.token_bytes(32)}
    settings.WORK_ZONE_KEY = keys["field"].hex()
    settings.WORK_ZONE_OLD_KEYS = ""
    settings.WORK_ZONE_PARTNER_KEY = keys["partner"].hex()
    return keys


ProfessionalOf = Callable[..., User]


@pytest.fixture
def professional(demo_world: None) -> ProfessionalOf:
    def make(username: str, *, partner: Partner | None = None) -> User:
        return User.objects.create_user(
            username=username,
            first_name=username.capitalize(),
            role=Role.PROFESSIONAL,
            partner=partner or Partner.objects.order_by("pk").first(),
        )

    return make


def members() -> list[services.MemberInput]:
    return [
        services.MemberInput(
            name=MOTHER,
            birth_date=dt.date(1984, 3, 9),
            bsn=BSN_MOTHER,
            phone="06-12345678",
            email="fatima@example.org",
        ),
        services.MemberInput(name=CHILD, birth_date=dt.date(2014, 7, 1), bsn=BSN_CHILD),
    ]


ADDRESS = services.AddressInput(
    street="Hoofdstraat", house_number="12 a", postcode="9641 AB", city="Veendam"
)
CONSENT = services.GroundInput(
    kind=LegalGround.Kind.CONSENT, given_on=dt.date(2026, 11, 2), scope="samen een plan maken"
)


@pytest.fixture
def household(professional: ProfessionalOf) -> CaseHousehold:
    return services.household_register(
        actor=professional("fatima"), members=members(), address=ADDRESS, ground=CONSENT
    )
