"""400, never 500, for what a visitor can type: every URL pattern's query parameters and path
arguments fuzzed with the values an attacker tries first (issue 12: `page=²` and
`period=0000` gave 500), as every role and anonymously."""

import json

import pytest
from django.test import Client

from doorbraak.api.cache import documents
from doorbraak.monitor.services import monitor_run
from doorbraak.partners.models import Role
from tests.conftest import UserOf
from tests.web.urlwalk import Pattern, patterns, real_values

HUGE = "9" * 5000  # past Python's 4,300 digits for int(): ValueError, not a number
VALUES = [
    "²", "0000", "-1", "0", "1.5", "1e309", "NaN", HUGE, str(2**63), "١٢", "１２", "𝟘",
    "2024Q9", "2024S3", "202413", "9999", "é", "日本", "a" * 5000, "'\"<>", "%00", "\t", "",
]  # fmt: skip
PATH_VALUES = ["0", "99999999999999999999", str(2**63), "²", "١", "0000", "é%C3", "a" * 300]
PARAMETERS = [
    "page", "page-size", "period", "area", "area-level", "breakdown", "indicator", "next",
    "jaar", "periode", "o", "p", "q",
]  # fmt: skip


@pytest.fixture
def computed(demo_world: None) -> None:
    documents.clear()
    monitor_run(periods=["2025"], levels=("region", "gemeente", "wijk"))


def test_every_pattern_is_walked(demo_world: None) -> None:
    walked = patterns()
    assert len(walked) > 40
    for pattern in walked:
        assert pattern.url(real_values(pattern)).startswith("/")  # every argument filled


@pytest.mark.parametrize(
    "query",
    ["page=²", "page=0000", f"page={HUGE}", "page-size=-1", "period=0000", "period=٢٠٢٤",
     "period=2024Q9", "area-level=²"],
)  # fmt: skip
def test_api_refuses_bad_parameters_with_400(client: Client, user_of: UserOf, query: str) -> None:
    """Read before any run is looked up: no monitor run is needed to show it."""
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    response = client.get(f"/api/v1/indicators/D1/values?{query}")
    assert response.status_code == 400, response.content[:300]
    problem = json.loads(response.content)
    assert problem["status"] == 400
    assert problem["code"]


@pytest.mark.slow
@pytest.mark.once
def test_no_query_parameter_gives_500(user_of: UserOf, computed: None) -> None:
    """Each parameter alone on the API (an unknown one is refused before the rest is read);
    all of them at once on the pages. As the first role that may see the page."""
    failures = []
    for pattern in patterns():
        url = pattern.url(real_values(pattern))
        client = _client_for(url, user_of)
        for value in VALUES:
            if pattern.name.startswith("api:"):
                queries = [{name: value} for name in PARAMETERS]
            else:
                queries = [dict.fromkeys(PARAMETERS, value)]
            failures += [
                f"{url}?{_short(q)}" for q in queries if client.get(url, q).status_code >= 500
            ]
    assert not failures, failures[:20]


@pytest.mark.slow
@pytest.mark.once
def test_no_path_argument_gives_500(user_of: UserOf, computed: None) -> None:
    failures = []
    clients = [Client(raise_request_exception=False)]
    for role in Role:
        clients.append(Client(raise_request_exception=False))
        clients[-1].force_login(user_of(role))
    for pattern in patterns():
        for url in _fuzzed_paths(pattern):
            failures += [f"{url} ({_who(c)})" for c in clients if c.get(url).status_code >= 500]
    assert not failures, failures[:20]


def _fuzzed_paths(pattern: Pattern) -> list[str]:
    real = real_values(pattern)
    urls = []
    for name, _kind in pattern.arguments:
        for value in PATH_VALUES:
            urls.append(pattern.url({**real, name: value}))
    return urls


def _client_for(url: str, user_of: UserOf) -> Client:
    for role in Role:
        client = Client(raise_request_exception=False)
        client.force_login(user_of(role))
        if client.get(url).status_code == 200:
            return client
    return Client(raise_request_exception=False)


def _who(client: Client) -> str:
    user_id = client.session.get("_auth_user_id")
    return f"gebruiker {user_id}" if user_id else "anoniem"


def _short(query: dict[str, str]) -> str:
    return "&".join(f"{k}={v[:12]}" for k, v in query.items())
