"""`doorbraak surveys check`: every problem with sheet and row, a non-zero exit; the shipped
surveys pass."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from doorbraak.core.errors import UserError
from doorbraak.partners.models import Partner
from doorbraak.surveys.models import Invitation
from tests.surveys.test_xlsform import broken_form


def _surveys(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "doorbraak.cli", "surveys", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_reports_every_problem_and_fails(tmp_path: Path) -> None:
    done = _surveys("check", str(broken_form(tmp_path / "kapot.xlsx")))
    assert done.returncode != 0
    lines = [line for line in done.stdout.splitlines() if line.startswith("kapot.xlsx: ")]
    assert len(lines) == 11
    assert (
        "kapot.xlsx: blad 'survey', rij 2: het vraagtype 'geopoint' wordt niet ondersteund"
        in done.stdout
    )
    assert "blad 'choices', rij 6: de keuze 'ja' staat twee keer in de lijst 'jn'" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_shipped_surveys_pass() -> None:
    done = _surveys("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "professionals.xlsx is in orde" in done.stdout
    assert "residents.xlsx is in orde" in done.stdout


@pytest.mark.django_db
def test_a_round_from_the_command_line(demo_world: None, tmp_path: Path) -> None:
    partner = Partner.objects.filter(sector="welzijn").order_by("code")[0].code
    survey = "professionals_randvoorwaarden"

    def run(*argv: str) -> str:  # in process: `main` would close the test's connection
        out = io.StringIO()
        call_command("surveys", *argv, stdout=out)
        return out.getvalue()

    assert "gepubliceerd (vast)" in run("publiceer")
    assert "Ronde 2026 loopt" in run("ronde", survey, "2026")
    addresses = tmp_path / "adressen.txt"
    addresses.write_text("".join(f"{n}@example.org\n" for n in "abcdefghij"), encoding="utf-8")
    assert "10 e-mails verstuurd" in run(
        "uitnodigen", survey, "2026", "--partner", partner, "--adressen", str(addresses)
    )
    assert "a@example.org" not in str(list(Invitation.objects.values()))
    export = tmp_path / "lime.csv"
    rows = ["id;submitdate;" + ";".join(f"w1_{n}" for n in range(1, 7))]
    rows += [f"{i};2026-01-02 10:00;" + ";".join(["4"] * 6) for i in range(12)]
    export.write_text("\n".join(rows), encoding="utf-8")
    assert "12 rijen geaccepteerd, 0 afgewezen" in run(
        "importeer", survey, "2026", str(export), "--partner", partner
    )
    assert "geen aantallen" in run("resultaten", survey, "2026")
    run("ronde", survey, "2026", "--sluit")
    shown = run("resultaten", survey, "2026", "--per", "partner")
    assert "Alle groepen: 12 antwoorden, 100% eens" in shown
    with pytest.raises(UserError) as closed:
        run("importeer", survey, "2026", str(export))
    assert "gesloten" in closed.value.message
