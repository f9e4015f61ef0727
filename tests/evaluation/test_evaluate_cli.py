"""`doorbraak evaluate` on a tiny region with a known effect; Dutch errors, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from doorbraak.cli import main
from tests.evaluation.facts_builder import facts_write

ALL = "EXP-T0,EXP-T1,EXP-T2,EXP-T3"


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return facts_write(tmp_path_factory.mktemp("region"), effect=0.6)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["evaluate", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_staggered_experiments_recover_the_known_effect(region, capsys) -> None:
    code, out, _ = _run(
        capsys,
        "--data",
        str(region),
        "--experiment",
        ALL,
        "--outcome",
        "capital:economisch",
        "--json",
    )
    result = json.loads(out)
    assert code == 0
    assert list(result)[:7] == [
        "estimate",
        "ci_low",
        "ci_high",
        "method",
        "design_level",
        "n_treated",
        "n_comparison",
    ]
    assert result["ci_low"] <= 0.6 <= result["ci_high"]
    assert abs(result["estimate"] - 0.6) < 0.15
    assert result["design_level"] == 3
    assert result["naive"] < result["estimate"] - 0.3  # the needier experiment wijken
    assert result["areas_treated"] == 4
    assert result["areas_comparison"] == 10


def test_no_effect_gives_an_interval_around_zero(tmp_path, capsys) -> None:
    folder = facts_write(tmp_path, effect=0.0, seed=3)
    _, out, _ = _run(
        capsys,
        "--data",
        str(folder),
        "--experiment",
        ALL,
        "--outcome",
        "capital:economisch",
        "--json",
    )
    result = json.loads(out)
    assert result["ci_low"] <= 0.0 <= result["ci_high"]
    assert result["label"].startswith("Geen aanwijzing")


def test_intervention_regression_adjustment_and_text_output(region, capsys) -> None:
    code, out, _ = _run(
        capsys,
        "--data",
        str(region),
        "--intervention",
        "budgetcoaching",
        "--outcome",
        "capital:economisch",
    )
    assert code == 0
    assert "95%-interval" in out
    assert "Maryland 2" in out


def test_matching_recovers_the_effect_and_shows_the_balance(region, capsys) -> None:
    code, out, _ = _run(
        capsys,
        "--data",
        str(region),
        "--intervention",
        "budgetcoaching",
        "--outcome",
        "capital:economisch",
        "--method",
        "matching",
        "--json",
    )
    result = json.loads(out)
    assert code == 0
    assert result["method"] == "matching"
    assert result["ci_low"] <= 0.6 <= result["ci_high"]
    assert result["design_level"] == 2
    assert next(row["covariate"] for row in result["balance"]) == "meting vooraf"
    code, out, _ = _run(
        capsys,
        "--data",
        str(region),
        "--intervention",
        "budgetcoaching",
        "--outcome",
        "capital:economisch",
        "--method",
        "matching",
    )
    assert "Balans (gestandaardiseerd verschil, voor -> na matching)" in out


def test_outcome_share_runs(region, capsys) -> None:
    code, out, _ = _run(
        capsys,
        "--data",
        str(region),
        "--experiment",
        ALL,
        "--outcome",
        "outcome:passend_werk",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["method"] == "did-imputatie"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--experiment", "NOPE", "--outcome", "capital:economisch"], "experiment-onbekend"),
        (["--experiment", ALL, "--outcome", "capital:xyz"], "uitkomst-onbekend"),
        (["--intervention", "niets", "--outcome", "capital:economisch"], "interventie-onbekend"),
        (
            ["--intervention", "budgetcoaching", "--outcome", "outcome:passend_werk"],
            "methode-past-niet",
        ),
        (
            ["--experiment", "EXP-T0", "--outcome", "capital:economisch", "--method", "synth"],
            "te-weinig-donorgebieden",  # 10 comparison wijken: placebo p never below 1/11
        ),
        (
            ["--experiment", ALL, "--outcome", "capital:economisch", "--method", "synth"],
            "synthetische-controle-een-gebied",
        ),
    ],
)
def test_bad_arguments_get_a_dutch_reason(region, capsys, args, code) -> None:
    status, _, err = _run(capsys, "--data", str(region), *args)
    assert status == 2
    assert f"[{code}]" in err
    assert "Traceback" not in err


def test_missing_folder_and_missing_choice(tmp_path, capsys) -> None:
    status, _, err = _run(
        capsys,
        "--data",
        str(tmp_path / "nee"),
        "--experiment",
        "X",
        "--outcome",
        "capital:economisch",
    )
    assert status == 2
    assert "bestaat niet" in err
    status, _, err = _run(
        capsys, "--data", str(tmp_path), "--experiment", "X", "--outcome", "capital:economisch"
    )
    assert status == 2
    assert "gegevens-niet-gevonden" in err
    status, _, err = _run(capsys, "--data", str(tmp_path), "--outcome", "capital:economisch")
    assert status == 2
    assert "Traceback" not in err
