from pathlib import Path

import pytest

from doorbraak.synth.cli import main


def test_a_small_run_writes_exports_and_truth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--seed", "4", "--out", str(tmp_path), "--scale", "200"]) == 0
    output = capsys.readouterr()
    assert "Klaar" in output.out
    assert "huishoudens" in output.err
    assert (tmp_path / "exports" / "mappings.yaml").is_file()
    assert (tmp_path / "truth" / "summary.json").is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--scale", "veel"], "schaal 'veel' kan niet"),
        (["--as-of", "30-06-2026"], "gebruik JJJJ-MM-DD"),
        (["--as-of", "2022-12-31"], "na 1 januari 2023"),
        (["--seed", "een"], "verwacht een geheel getal"),
        (["--onbekend"], "onbekende argumenten"),
    ],
)
def test_mistakes_get_a_dutch_message_and_no_traceback(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error


def test_an_unwritable_output_folder_is_reported_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    assert main(["--out", str(blocker / "sub"), "--scale", "50", "--quiet"]) == 1
    error = capsys.readouterr().err
    assert "kan niet schrijven" in error
    assert "Traceback" not in error


def test_help_is_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "gebruik:" in capsys.readouterr().out
