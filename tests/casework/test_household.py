"""The household as a case: registered encrypted, found by BSN or name and birth date, with
the partners' own pseudonyms, and never a name or BSN in a log or the database's plain text."""

import datetime as dt
import logging
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorbraak.casework import selectors, services
from doorbraak.casework.models import CaseHousehold, CaseMember, LegalGround
from doorbraak.core.errors import ProblemsError
from doorbraak.core.models import AuditEvent
from doorbraak.pseudonymise.records import record_pseudonymise

from .conftest import (
    ADDRESS,
    BSN_CHILD,
    BSN_MOTHER,
    CHILD,
    CONSENT,
    MOTHER,
    ProfessionalOf,
    members,
)

IDENTIFYING = [
    MOTHER,
    "Öztürk",
    CHILD,
    BSN_MOTHER,
    BSN_CHILD,
    "12345678",
    "fatima@example.org",
    "Hoofdstraat",
    "9641 AB",
    "9641AB",
]


def _raw_rows() -> str:
    with connection.cursor() as cursor:
        text = ""
        for table in (CaseHousehold._meta.db_table, CaseMember._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
            text += repr(cursor.fetchall())
    return text


def test_identified_fields_are_stored_encrypted(household: CaseHousehold) -> None:
    raw = _raw_rows()
    assert "v1." in raw  # the ciphertexts are there
    assert [word for word in IDENTIFYING if word in raw] == []
    mother = next(m for m in household.members.all() if m.bsn == BSN_MOTHER)
    assert mother.bsn_index
    assert mother.name_birth_index
    assert mother.person_pseudonym
    assert (mother.name, mother.bsn, mother.born) == (MOTHER, BSN_MOTHER, dt.date(1984, 3, 9))


def test_found_by_bsn_in_any_notation_and_by_name_and_birth_date(household: CaseHousehold) -> None:
    assert selectors.household_find_by_bsn("1112.22.333") == household
    assert selectors.household_find_by_bsn("123456782") == household
    assert selectors.household_find_by_bsn("999999990") is None
    assert selectors.household_find_by_name("fatima ozturk bakker", dt.date(1984, 3, 9)) == [
        household
    ]
    assert selectors.household_find_by_name("Fatima Bakker", dt.date(1984, 3, 9)) == []
    assert selectors.household_find_by_name(MOTHER, dt.date(1984, 3, 10)) == []


def test_the_pseudonyms_are_the_ones_the_partners_make(
    household: CaseHousehold, work_zone_keys: dict[str, bytes]
) -> None:
    """The partners' own tool, on the same person and address with the partners' key."""
    partner_made = record_pseudonymise(
        work_zone_keys["partner"],
        {"bsn": BSN_MOTHER, "postcode": "9641AB", "house_number": "12", "house_number_suffix": "A"},
        partner="wijkteam",
        date_format="%Y-%m-%d",
    ).values
    mother = next(m for m in household.members.all() if m.bsn == BSN_MOTHER)
    assert mother.person_pseudonym == partner_made["bsn_pseudonym"] != ""
    assert household.address_pseudonym == partner_made["address_pseudonym"] != ""


def test_every_problem_is_reported_at_once(professional: ProfessionalOf) -> None:
    bad = [
        services.MemberInput(name=" ", birth_date=dt.date(1990, 1, 1), bsn="123456789"),
        services.MemberInput(name="Jan", birth_date=dt.date(2999, 1, 1)),
    ]
    ground = services.GroundInput(kind=LegalGround.Kind.CONSENT, given_on=dt.date(2026, 1, 1))
    with pytest.raises(ProblemsError) as caught:
        services.household_register(
            actor=professional("fatima"), members=bad, address=ADDRESS, ground=ground
        )
    assert caught.value.code == "huishouden-onvolledig"
    assert len(caught.value.problems) == 4  # no name, invalid BSN, birth in the future, no scope
    assert CaseHousehold.objects.count() == 0


def test_a_bsn_already_registered_is_refused(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    with pytest.raises(ProblemsError) as caught:
        services.household_register(
            actor=professional("sanne"), members=members()[:1], address=ADDRESS, ground=CONSENT
        )
    assert "al geregistreerd" in caught.value.problems[0]


def test_no_name_or_bsn_reaches_a_log_or_the_audit_chain(
    professional: ProfessionalOf, client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Everything logged at any level (the database's query log included) while a household is
    registered, opened and listed; and every audit line written."""
    fatima = professional("fatima")
    client.force_login(fatima)
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        household = services.household_register(
            actor=fatima, members=members(), address=ADDRESS, ground=CONSENT
        )
        page = client.get(reverse("casework:household", args=[household.pk]))
        client.get(reverse("casework:caseload"))
    assert MOTHER in page.content.decode()  # the page does show her name ...
    logged = caplog.text + "".join(q["sql"] for q in queries.captured_queries)
    assert "casework_casemember" in logged  # ... and the query log did capture the writes
    assert [word for word in IDENTIFYING if word in logged] == []
    audit = repr(list(AuditEvent.objects.values()))
    assert "casework.household.read" in audit
    assert [word for word in IDENTIFYING if word in audit] == []
