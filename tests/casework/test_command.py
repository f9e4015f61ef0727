"""`doorbraak casework`: the list of households at risk and deactivation, from the command line,
with a Dutch refusal and no resident's name in the output. (Called through `call_command`: the
CLI's own `main` closes the database connection the test's transaction runs on, on
PostgreSQL; how `main` turns a `UserError` into exit code 2 is tested in tests/cli.)"""

import io

import pytest
from django.core.management import call_command

from doorbraak.casework import services
from doorbraak.casework.models import CaseHousehold
from doorbraak.core.errors import UserError

from .conftest import MOTHER, ProfessionalOf


def _run(*argv: str) -> str:
    out = io.StringIO()
    call_command("casework", *argv, stdout=out)
    return out.getvalue()


def test_deactivation_is_refused_then_done_after_the_handover(
    household: CaseHousehold, professional: ProfessionalOf
) -> None:
    out = _run("zonder-regisseur", "--professional", "fatima")
    assert f"huishouden {str(household.pk)[:8]}" in out
    assert MOTHER not in out
    with pytest.raises(UserError) as caught:
        _run("deactiveren", "fatima")
    assert "Draag die eerst over" in caught.value.message
    services.handover(actor=household.registered_by, household=household, to=professional("sanne"))
    assert "staat uit" in _run("deactiveren", "fatima")
    household.registered_by.refresh_from_db()
    assert not household.registered_by.is_active


def test_households_without_a_regisseur_are_listed(household: CaseHousehold) -> None:
    assert _run("zonder-regisseur").startswith("0 huishouden(s)")
    household.registered_by.is_active = False
    household.registered_by.save()
    out = _run("zonder-regisseur")
    assert out.startswith("1 huishouden(s)")
    assert str(household.pk)[:8] in out


def test_an_unknown_professional_is_named(demo_world: None) -> None:
    with pytest.raises(UserError) as caught:
        _run("deactiveren", "niemand")
    assert "geen professional met de gebruikersnaam niemand" in caught.value.message
