"""Shared fixtures: the demo world (region, plan, partners, one user per role).

The world is loaded once per test session, right after the test database is migrated; each
test runs inside a transaction that is rolled back. Browser tests use a live server with a
transactional database (flushed after each test), so they load the world themselves.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings

from doorbraak.areas.services import region_load
from doorbraak.partners.models import Role, User
from doorbraak.partners.services import partner_load, role_groups_sync
from doorbraak.programme.services import plan_load_file
from doorbraak.web.demo import DEMO_PARTNERS, DEMO_USERS, demo_users_create


@pytest.fixture(scope="session", autouse=True)
def _quick_argon2() -> None:
    """Argon2 stays the hasher; only its cost drops for the test run."""
    settings.PASSWORD_HASHERS = ["tests.hashers.QuickArgon2PasswordHasher"]


def world_setup() -> None:
    """What `doorbraak demo` sets up, minus migrations and the web server."""
    role_groups_sync()
    region_load(name=settings.REGION)
    plan_load_file(path=settings.PLAN_FILE)
    partner_load(path=DEMO_PARTNERS)
    demo_users_create()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        world_setup()


@pytest.fixture
def demo_world(db: None) -> None:
    """The session's demo world, inside this test's transaction."""


UserOf = Callable[[Role], User]


@pytest.fixture
def user_of(demo_world: None) -> UserOf:
    def get(role: Role) -> User:
        username = next(name for name, (r, _) in DEMO_USERS.items() if r == role)
        return User.objects.get(username=username)

    return get
