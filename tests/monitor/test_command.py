"""`doorbraak indicators check|explain` as a user runs them: exit codes, Dutch output, SQL."""

from pathlib import Path

import pytest

from doorbraak.cli import EXIT_USER_ERROR, main
from doorbraak.monitor.definitions import parse_definitions_file

FIXTURES = Path(__file__).parent / "fixtures"


def test_check_accepts_the_shipped_definitions(capsys: pytest.CaptureFixture[str]) -> None:
    definitions = parse_definitions_file().definitions
    assert definitions is not None
    computed, waiting = len(definitions.indicators), len(definitions.waiting)
    assert computed >= 22  # P1-AANDEEL (CBS) joined the 21 of issue 5
    assert main(["indicators", "check"]) == 0
    assert (
        f"is in orde: {computed} indicatoren met een rekenregel, {waiting} wachten op gegevens"
        in capsys.readouterr().out
    )


def test_check_reports_every_problem_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "indicators-several-mistakes.yaml"
    assert main(["indicators", "check", str(path)]) == EXIT_USER_ERROR
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert len(lines) >= 10
    assert all(line.startswith(f"{path}:") for line in lines)
    assert (
        "[onbekende-feitentabel] Onbekende feitentabel 'signalen'. Bedoelt u 'signals'?" in out.out
    )
    assert "fout(en) gevonden" in out.err


def test_explain_prints_the_sql_for_a_dialect_and_period(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["indicators", "explain", "D1", "--dialect", "postgresql", "--period", "2025Q3"]
    assert main([*args, "--level", "gemeente"]) == 0
    sql = capsys.readouterr().out
    assert sql.startswith("-- D1: count_distinct")
    assert "DATE '2025-10-01'" in sql
    assert "'gemeente' AS area_level" in sql
    assert "gemeente_code AS area_code" in sql
    assert "'region' AS area_level" not in sql


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["D6"], "wacht op gegevens: De geaggregeerde rapportages"),
        (["X9"], "heeft geen rekenregel"),
        (["D1", "--breakdown", "capital"], "kan niet worden uitgesplitst naar 'capital'"),
        (["D1", "--period", "2025Q5"], "bestaat niet"),
    ],
)
def test_explain_says_in_dutch_what_is_wrong(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["indicators", "explain", *args]) == EXIT_USER_ERROR
    assert message in capsys.readouterr().err
