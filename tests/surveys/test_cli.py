"""`doorbraak surveys check`: every problem with sheet and row, a non-zero exit; the shipped
surveys pass."""

import subprocess
import sys
from pathlib import Path

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
