"""`doorbraak casework`: the list of households at risk and deactivation, from the command line,
with a Dutch refusal and no resident's name in the output."""

from typing import Any

import pytest

from doorbraak.casework import services
from doorbraak.casework.models import CaseHousehold
from doorbraak.cli import EXIT_USER_ERROR, main

from .conftest import MOTHER, ProfessionalOf


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["casework", *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_deactivation_is_refused_then_done_after_the_handover(
    household: CaseHousehold, professional: ProfessionalOf, capsys: Any
) -> None:
    code, out = _run(capsys, "zonder-regisseur", "--professional", "fatima")
    assert code == 0
    assert f"huishouden {str(household.pk)[:8]}" in out
    assert MOTHER not in out
    code, out = _run(capsys, "deactiveren", "fatima")
    assert code == EXIT_USER_ERROR
    assert "Draag die eerst over" in out
    services.handover(actor=household.registered_by, household=household, to=professional("sanne"))
    assert _run(capsys, "deactiveren", "fatima")[0] == 0
    household.registered_by.refresh_from_db()
    assert not household.registered_by.is_active


def test_households_without_a_regisseur_are_listed(household: CaseHousehold, capsys: Any) -> None:
    assert _run(capsys, "zonder-regisseur")[1].startswith("0 huishouden(s)")
    household.registered_by.is_active = False
    household.registered_by.save()
    code, out = _run(capsys, "zonder-regisseur")
    assert code == 0
    assert out.startswith("1 huishouden(s)")
    assert str(household.pk)[:8] in out


def test_an_unknown_professional_is_named(demo_world: None, capsys: Any) -> None:
    code, out = _run(capsys, "deactiveren", "niemand")
    assert code == EXIT_USER_ERROR
    assert "geen professional met de gebruikersnaam niemand" in out
