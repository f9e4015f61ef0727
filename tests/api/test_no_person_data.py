"""No person or household data through the API, for any role that may use it.

Walks every URL pattern of the api app as a data steward and as a professional (the roles
that see persons elsewhere: their own partner's deliveries, their own caseload), and asserts
that no pseudonym, user reference or person field appears anywhere, and that register-like
paths do not exist. A new endpoint that reads the register fails here.
"""

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver

from doorbraak.api import urls as api_urls
from doorbraak.partners.models import Role, User
from doorbraak.register.models import Household, Person
from tests.api.conftest import API

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

REGISTER_LIKE = [
    "persons", "persons/1", "households", "households/1", "personen", "huishoudens",
    "huishoudens/1", "register", "register/households", "facts", "signals", "memberships",
    "residences", "pseudonyms", "users", "partners", "partners/1/deliveries", "caseload",
    "timeline", "indicators/P1/persons", "indicators/P1/households", "dhis2/persons.json",
]  # fmt: skip
PERSON_KEYS = {
    "pseudonym", "pseudoniem", "bsn", "person", "persons", "household", "households",
    "birthYear", "birth_year", "birthMonth", "sex", "address", "postcode", "householdRef",
    "workerRef", "household_ref", "worker_ref", "members",
}  # fmt: skip
QUERIES = [{}, {"period": "2025", "area-level": "wijk"}, {"breakdown": "total"}]


def _paths(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    """Every concrete path of the api app: parameters filled in, the catch-all expanded."""
    found: list[str] = []
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _paths(pattern.url_patterns, prefix + route)
        elif route == "^.*$":
            found += [prefix + path for path in REGISTER_LIKE]
        else:
            found.append(prefix + re.sub(r"<(?:\w+:)?code>", "P1", route))
    return found


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


@pytest.mark.parametrize("role", [Role.DATA_STEWARD, Role.PROFESSIONAL])
def test_no_person_or_household_data_through_any_api_path(computed, client_of, role) -> None:
    pseudonyms = set(Person.objects.values_list("pseudonym", flat=True)) | set(
        Household.objects.values_list("pseudonym", flat=True)
    )
    references = {
        ref
        for pair in User.objects.values_list("household_ref", "worker_ref")
        for ref in pair
        if ref
    }
    assert len(pseudonyms) > 1000
    assert references
    client: Client = client_of(role)
    paths = _paths(api_urls.urlpatterns)
    assert len(paths) >= len(REGISTER_LIKE) + 8
    answered = 0
    for path in paths:
        for query in QUERIES:
            response = client.get(f"{API}/{path}", query)
            text = response.content.decode()
            tokens = set(re.findall(r"[0-9A-Za-z_-]{8,}", text))
            assert not tokens & pseudonyms, path
            assert not tokens & references, path
            assert not any(ref in text for ref in references), path
            if path in REGISTER_LIKE:
                assert response.status_code == 404, path
                assert response["Content-Type"] == "application/problem+json"
                continue
            if response.status_code == 200:
                answered += 1
            if response["Content-Type"].endswith("json"):
                leaked = _keys(json.loads(text)) & PERSON_KEYS
                assert not leaked, (path, leaked)
    assert answered >= 8  # the walk did read the real endpoints
