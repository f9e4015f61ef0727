"""Fixtures of the API tests: a monitor run on the session's synthetic region, clients per role."""

from collections.abc import Callable

import pytest
from django.test import Client

from doorbraak.api.cache import documents
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role

API = "/api/v1"
ClientOf = Callable[[Role | None], Client]


@pytest.fixture(autouse=True)
def _fresh_export_cache() -> None:
    """Each test's runs are rolled back; a cached document must not outlive them."""
    documents.clear()


@pytest.fixture
def computed(demo_world: None) -> None:
    """One finished run: 2025 at region, gemeente and wijk level, with every breakdown."""
    monitor_run(periods=["2025"], levels=("region", "gemeente", "wijk"))


@pytest.fixture
def client_of(user_of) -> ClientOf:  # type: ignore[no-untyped-def]
    """A client logged in with the demo user of a role (None: anonymous)."""

    def make(role: Role | None) -> Client:
        client = Client()
        if role is not None:
            client.force_login(user_of(role))
        return client

    return make
