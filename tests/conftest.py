"""Shared fixtures: the demo world (region, plan, partners, one user per role).

The world is loaded once per test session, right after the test database is migrated; each
test runs inside a transaction that is rolled back. Browser tests use a live server with a
transactional database (flushed after each test), so they load the world themselves.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpRequest
from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorbraak.areas.services import region_load
from doorbraak.core.pseudonyms import key_id
from doorbraak.monitor.definitions.model import IndicatorDefinitions
from doorbraak.monitor.definitions.parser import parse_definitions_file
from doorbraak.partners.keys import key_register
from doorbraak.partners.mfa import second_step_required
from doorbraak.partners.models import Role, User
from doorbraak.partners.services import partner_load, role_groups_sync
from doorbraak.programme.services import plan_load_file
from doorbraak.register.synthetic import synthetic_facts_load
from doorbraak.synth.generator import generate
from doorbraak.web.demo import DEMO_PARTNERS, DEMO_USERS, demo_users_create


@pytest.fixture(scope="session", autouse=True)
def _quick_argon2() -> None:
    """Argon2 stays the hasher; only its cost drops for the test run."""
    settings.PASSWORD_HASHERS = ["tests.hashers.QuickArgon2PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _test_client_logins_pass_the_second_step() -> Iterator[None]:
    """`client.force_login()` and `client.login()` skip the login page, so they also do its
    second step: the user gets a confirmed authenticator app and the session is verified with
    it, as django-otp's `login` does. The step itself is tested through the pages
    (tests/partners/test_login_mfa.py); nothing is switched off. `client.login()` hands
    django-axes a request, as the login page does."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ClientMixin, "_login", _login_with_second_step)
        patch.setattr(ClientMixin, "login", _login_with_request)
        yield


_client_login = ClientMixin._login
_client_password_login = ClientMixin.login


def _login_with_second_step(client: Any, user: Any, backend: str | None = None) -> None:
    _client_login(client, user, backend)
    if second_step_required(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def _login_with_request(client: Any, **credentials: Any) -> bool:
    credentials.setdefault("request", HttpRequest())
    return bool(_client_password_login(client, **credentials))


@pytest.fixture(scope="session", autouse=True)
def _audit_key_of_the_test_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The audit chain's key and anchors in the test run's own folder, never the demo's. Tests
    run in transactions that are rolled back, so no anchor is written (anchors follow a commit):
    other tests' `audit_verify()` must not ask for one; tests/core/test_audit.py sets its own."""
    folder = tmp_path_factory.mktemp("audit")
    settings.AUDIT_KEY = ""
    settings.AUDIT_KEY_FILE = folder / "auditsleutel.txt"
    settings.AUDIT_ANCHOR_FILE = folder / "auditankers.jsonl"
    settings.AUDIT_ANCHOR_EVERY = 10**9


@pytest.fixture(autouse=True)
def _audit_writer_stopped() -> Iterator[None]:
    """A test that wrote audit lines outside a transaction (transactional tests, live servers)
    leaves no group writer holding a connection: the test database is flushed and dropped."""
    yield
    from doorbraak.core.audit import audit_writer_stop

    audit_writer_stop()


@pytest.fixture(autouse=True)
def _forget_kept_pages() -> None:
    """Pages are kept per process by what they depend on; rolled-back tests reuse ids."""
    from doorbraak.monitor.kept_pages import pages_forget

    pages_forget()


SYNTH_SEED = 7
SYNTH_HOUSEHOLDS = 1500
TEST_KEY = bytes(range(32))


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic region, generated once per test session."""
    out = tmp_path_factory.mktemp("synth")
    generate(seed=SYNTH_SEED, out_dir=out, scale=SYNTH_HOUSEHOLDS)
    return out


def world_setup(synth: Path | None = None) -> None:
    """What `doorbraak demo` sets up (with a small synthetic region when `synth` is given),
    minus migrations and the web server."""
    role_groups_sync()
    region_load(name=settings.REGION)
    plan_load_file(path=settings.PLAN_FILE)
    partner_load(path=DEMO_PARTNERS)
    key_register(key_id=key_id(TEST_KEY))  # the partners' key the tests pseudonymise with
    if synth is not None:
        synthetic_facts_load(
            facts_dir=synth / "truth" / "facts", key=TEST_KEY, as_of=dt.date(2026, 6, 30)
        )
    demo_users_create()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any, synth_dir: Path) -> None:
    with django_db_blocker.unblock():
        world_setup(synth_dir)


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


def catalogue_part(*codes: str) -> IndicatorDefinitions:
    """The shipped computation rules with only these indicators (each must be there): a monitor
    run of a few indicators in a test."""
    full = parse_definitions_file().definitions
    assert full is not None
    chosen = tuple(i for i in full.indicators if i.code in codes)
    assert {i.code for i in chosen} == set(codes)
    return IndicatorDefinitions(full.populations, chosen, full.waiting)
