"""Headers that keep pages out of caches and scripts out of pages (issue 12, item 6):
`Cache-Control: no-store` on every answer to a logged-in user, found by walking every URL
pattern as every role, and a strict Content-Security-Policy on every page."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from doorbraak.api.tokens import token_issue
from doorbraak.casework.models import CaseHousehold
from doorbraak.casework.services import AddressInput, GroundInput, MemberInput, household_register
from doorbraak.intake.models import ImportBatch
from doorbraak.partners.models import Role
from tests.conftest import UserOf
from tests.intake.conftest import MakeFile, export_file, mappings, partner  # noqa: F401
from tests.web.urlwalk import patterns, real_values

# Pages with person-level or identified data, and the role that sees each: every one must be
# among the pages walked with a 200 below, so the walk cannot pass by missing them.
IDENTIFIED = {
    "web:caseload": Role.PROFESSIONAL,
    "casework:caseload": Role.PROFESSIONAL,
    "casework:household": Role.PROFESSIONAL,
    "casework:plan": Role.PROFESSIONAL,
    "register:household": Role.PROFESSIONAL,
    "evaluation:index": Role.RESEARCHER,  # /onderzoek redirects here (ADR 0037)
    "partners:own": Role.DATA_STEWARD,
    "intake:list": Role.DATA_STEWARD,
    "intake:detail": Role.DATA_STEWARD,
    "intake:result_file": Role.DATA_STEWARD,
    "linkage:report": Role.PROGRAMME_TEAM,
    "linkage:review": Role.PROGRAMME_TEAM,
    "pipeline:jobs": Role.PROGRAMME_TEAM,
}


@pytest.fixture
def delivered(user_of: UserOf, partner: object, export_file: MakeFile) -> ImportBatch:  # noqa: F811
    """One delivery of the demo steward's partner (its mapping loaded), uploaded through the
    page."""
    client = Client()
    client.force_login(user_of(Role.DATA_STEWARD))
    path = export_file()
    client.post(reverse("intake:list"), {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    return ImportBatch.objects.get()


@pytest.fixture
def case(user_of: UserOf, settings: Any) -> CaseHousehold:
    """A household as a case in the work zone, with the demo professional as its regisseur."""
    settings.WORK_ZONE_KEY = "11" * 32
    settings.WORK_ZONE_PARTNER_KEY = "22" * 32
    return household_register(
        actor=user_of(Role.PROFESSIONAL),
        members=[MemberInput(name="Test Persoon", birth_date=dt.date(1990, 1, 1))],
        address=AddressInput(),
        ground=GroundInput(kind="toestemming", given_on=dt.date(2026, 1, 1), scope="plan"),
    )


def _household_of_caseload(user_of: UserOf) -> str:
    from doorbraak.register.selectors import caseload

    return str(caseload(user_of(Role.PROFESSIONAL)).values_list("pk", flat=True)[0])


def test_every_answer_to_a_logged_in_user_is_no_store(
    user_of: UserOf, delivered: ImportBatch, case: CaseHousehold
) -> None:
    shown: set[tuple[str, Role]] = set()
    missing = []
    for role in Role:
        client = Client(raise_request_exception=False)
        client.force_login(user_of(role))
        for pattern in patterns():
            values = real_values(pattern)
            if pattern.name == "register:household":
                values["pk"] = _household_of_caseload(user_of)
            response = client.get(pattern.url(values))
            if response.status_code == 200:
                shown.add((pattern.name, role))
            if "no-store" not in response.get("Cache-Control", ""):
                missing.append(f"{pattern.url(values)} als {role}: {response.status_code}")
    assert not missing, missing
    assert set(IDENTIFIED.items()) <= shown, set(IDENTIFIED.items()) - shown


def test_the_households_own_page_is_no_store(user_of: UserOf) -> None:
    """`/mijn-huishouden` sends the household to its own page in the register."""
    client = Client()
    client.force_login(user_of(Role.HOUSEHOLD))
    response = client.get(reverse("web:household"), follow=True)
    assert response.redirect_chain[-1][0].startswith("/huishoudens/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_api_token_answer_is_no_store(user_of: UserOf) -> None:
    issued = token_issue(user=user_of(Role.PROGRAMME_TEAM))
    response = Client().get("/api/v1/indicators", HTTP_AUTHORIZATION=f"Token {issued.key}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_public_pages_are_not_forced_out_of_caches(client: Client, demo_world: None) -> None:
    """The rule follows who asks: the same public page is no-store only for a logged-in user."""
    assert "no-store" not in client.get("/open-data").get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/", "/inloggen", "/open-data", "/toegankelijkheid"])
def test_pages_carry_a_strict_content_security_policy(
    client: Client, demo_world: None, url: str
) -> None:
    policy = client.get(url)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_logged_in_pages_carry_the_policy_too(client: Client, user_of: UserOf) -> None:
    client.force_login(user_of(Role.PROGRAMME_TEAM))
    response = client.get("/monitor/D1")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_vega_interpreter_copy_matches_the_installed_package() -> None:
    """The charts' CSP-safe interpreter is a copy made from node_modules (tests/web/
    vega_vendor.py): after an npm upgrade this fails until the copy is made again."""
    from tests.web.vega_vendor import COPY, SOURCE, browser_copy

    assert COPY.read_text(encoding="utf-8") == browser_copy(SOURCE.read_text(encoding="utf-8"))
