"""`doorbraak casework rekey` finishes a rotation of the field key (ADR 0024, 0028): after it
every stored value names the current key, finding by BSN and by name works again, the old key
can go, and a second run changes nothing."""

import datetime as dt
import io
import secrets
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from doorbraak.casework import services
from doorbraak.casework.crypto import VERSION
from doorbraak.casework.keys import field_keys
from doorbraak.casework.models import CaseHousehold, CaseMember, Handover
from doorbraak.casework.rekey import encrypted_models
from doorbraak.casework.selectors import household_find_by_bsn, household_find_by_name
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditEvent

from .conftest import BSN_CHILD, BSN_MOTHER, MOTHER, ProfessionalOf


def _rekey(*argv: str) -> str:
    out = io.StringIO()
    call_command("casework", "rekey", *argv, stdout=out)
    return out.getvalue()


def _stored() -> dict[str, list[str]]:
    """Every non-empty encrypted value as the database holds it, per table and column."""
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for model, names in encrypted_models():
            for name in names:
                column = model._meta.get_field(name).column
                cursor.execute(f'SELECT "{column}" FROM "{model._meta.db_table}"')  # noqa: S608
                found[f"{model._meta.label_lower}.{name}"] = sorted(
                    value for (value,) in cursor.fetchall() if value
                )
    return found


def _key_ids(stored: dict[str, list[str]]) -> set[str]:
    return {value.split(".")[1] for values in stored.values() for value in values}


@pytest.fixture
def rotated(household: CaseHousehold, professional: ProfessionalOf, settings: Any) -> str:
    """The household, a handover with a note and a break-the-glass reason, all under the old
    key; then a new current key with the old one only readable. Returns the old key's id."""
    services.handover(
        actor=household.registered_by,
        household=household,
        to=professional("sanne"),
        note="Mevrouw belt liever na drieën",
    )
    services.break_glass_open(
        actor=professional("invaller"), household=household, reason="waarneming tijdens ziekte"
    )
    old = field_keys().current_id
    settings.WORK_ZONE_OLD_KEYS = settings.WORK_ZONE_KEY
    settings.WORK_ZONE_KEY = secrets.token_bytes(32).hex()
    return old


def test_rekey_puts_every_value_under_the_current_key(
    rotated: str, household: CaseHousehold, settings: Any
) -> None:
    before = _stored()
    assert _key_ids(before) == {rotated}
    assert household_find_by_bsn(BSN_MOTHER) is None  # the index is still under the old key

    out = _rekey("--per", "1")  # one row per transaction: the batches are walked through
    assert "casework.casemember: 2 rijen gelezen, 2 bijgewerkt" in out
    assert "zoeksleutels van 2 leden opnieuw berekend" in out
    assert "casework.handover: 1 rijen gelezen, 1 bijgewerkt, 1 waarden" in out
    assert "Klaar" in out
    after = _stored()
    current = field_keys().current_id
    assert _key_ids(after) == {current} != {rotated}
    assert all(v.startswith(f"{VERSION}.{current}.") for vs in after.values() for v in vs)
    assert {k: len(v) for k, v in after.items()} == {k: len(v) for k, v in before.items()}

    settings.WORK_ZONE_OLD_KEYS = ""  # the old key is gone: everything still opens
    assert household_find_by_bsn(BSN_MOTHER) == household
    assert household_find_by_bsn(BSN_CHILD) == household
    assert household_find_by_name(MOTHER, dt.date(1984, 3, 9)) == [household]
    names = {m.name for m in CaseMember.objects.filter(household=household)}
    assert MOTHER in names
    assert Handover.objects.get().note == "Mevrouw belt liever na drieën"
    run = AuditEvent.objects.get(action="casework.rekey")
    changed = sum(int(line.split(", ")[1].split()[0]) for line in out.splitlines()[:-1])
    assert (run.object_id, run.result) == (current, f"{changed} rijen") != (current, "0 rijen")


def test_a_second_run_changes_nothing(rotated: str) -> None:
    _rekey()
    first = _stored()
    out = _rekey()
    assert "casework.casemember: 2 rijen gelezen, 0 bijgewerkt, 0 waarden" in out
    assert "zoeksleutels van 0 leden" in out
    assert _stored() == first  # not even a fresh nonce: untouched rows are not written


def test_rows_already_under_the_current_key_are_left_alone(household: CaseHousehold) -> None:
    before = _stored()
    out = _rekey()
    assert "0 bijgewerkt" in out
    assert _stored() == before


def test_a_batch_size_below_one_is_refused_in_dutch(demo_world: None) -> None:
    with pytest.raises(UserError) as caught:
        _rekey("--per", "0")
    assert caught.value.code == "rekey-per"
