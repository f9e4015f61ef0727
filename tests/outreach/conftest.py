"""Outreach fixtures: the work zone's keys in the test's own settings, outreach workers of two
gemeenten, and signals as a gemeente's vroegsignalering system has them (test BSNs, made-up
names: never real people)."""

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any

import pytest

from doorbraak.outreach import services
from doorbraak.partners.models import Partner, Role, User

BSN_A = "111222333"  # pass the elfproef; test numbers, no one's
BSN_B = "123456782"
NAME_A = "Sanne de Vries-Koster"
TODAY = dt.date(2026, 12, 6)


@pytest.fixture(autouse=True)
def work_zone_keys(settings: Any) -> None:
    settings.WORK_ZONE_KEY = secrets.token_bytes(32).hex()
    settings.WORK_ZONE_OLD_KEYS = ""
    settings.WORK_ZONE_PARTNER_KEY = secrets.token_bytes(32).hex()
    settings.OUTREACH_FIRST_ATTEMPT_DAYS = 14


WorkerOf = Callable[..., User]


@pytest.fixture
def worker_of(demo_world: None) -> WorkerOf:
    def make(username: str, *, gemeente: str = "GM0047") -> User:
        return User.objects.create_user(
            username=username,
            first_name=username.capitalize(),
            role=Role.OUTREACH,
            partner=Partner.objects.get(sector="gemeente", gemeente_code=gemeente),
        )

    return make


@pytest.fixture
def worker(worker_of: WorkerOf) -> User:
    return worker_of("ilse")


def signal(key: str, **changes: Any) -> services.SignalInput:
    values: dict[str, Any] = {
        "gemeente_code": "GM0047",
        "record_key": key,
        "partner_type": "Huur",
        "signal_date": TODAY - dt.timedelta(days=3),
        "amount": 850,
        "bsn": BSN_A,
        "name": NAME_A,
        "postcode": "9641 AB",
        "house_number": "12",
    }
    values.update(changes)
    return services.SignalInput(**values)
