"""`doorbraak plan check|show` as a user runs them: exit codes, every problem, no traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from doorbraak.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SEED_GOALS = [f"D{n}" for n in range(1, 10)] + ["W1", "W2", "W3"] + [f"E{n}" for n in range(1, 10)]


def test_check_accepts_the_shipped_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "check", str(settings.PLAN_FILE)]) == 0
    assert "is in orde: 3 programmalijnen, 21 operationele doelen" in capsys.readouterr().out


def test_check_reports_every_mistake_with_its_line_in_one_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FIXTURES / "plan-several-mistakes.yaml"
    assert main(["plan", "check", str(path)]) == 1
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert len(lines) >= 5
    for expected in (
        ":16: [ongeldige-datum]",
        ":27: [onbekende-kapitaalvorm]",
        ":28: [onbekend-veld]",
        ":33: [ongeldige-waarde]",
        ":40: [dubbele-code]",
    ):
        assert any(expected in line for line in lines), (expected, lines)
    assert "Bedoelt u 'statement'?" in out.out
    assert "fout(en) gevonden" in out.err


def test_show_json_carries_the_whole_plan(
    demo_world: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "show", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    lines = plan["programme_lines"]
    assert [line["name"] for line in lines] == [
        "De Doelgroep",
        "Het Werkveld",
        "Effectiviteit en Leren",
    ]
    goals = [
        og for line in lines for sg in line["strategic_goals"] for og in sg["operational_goals"]
    ]
    assert [og["code"] for og in goals] == SEED_GOALS
    assert all(og["indicators"] for og in goals)
    assert len(plan["capitals"]) == 5
    assert len(plan["preconditions"]) == 6


def test_show_prints_a_tree(demo_world: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "show"]) == 0
    out = capsys.readouterr().out
    assert "Programmalijn Het Werkveld" in out
    assert "W2 Ondersteunde huishoudens met één plan en één vaste contactpersoon" in out


def _run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DOORBRAAK_DATA_DIR": str(data_dir)}
    env.pop("DOORBRAAK_DATABASE_URL", None)
    command = [sys.executable, "-m", "doorbraak.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=60)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "show"], "De database is nog niet ingericht"),
        (["plan", "check", "/bestaat/niet.yaml"], "bestaat niet"),
        (["plan", "check", str(FIXTURES / "plan-yaml-syntax-error.yaml")], "[yaml-syntax]"),
        (["areas", "load", "atlantis"], "Regioconfiguratie 'atlantis' bestaat niet"),
    ],
)
def test_mistakes_get_a_dutch_message_and_never_a_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    if args[0] == "areas":
        assert _run(["migrate", "-v", "0"], tmp_path).returncode == 0
    result = _run(args, tmp_path)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
