"""`doorbraak pseudonymise` speaks Dutch on the command line too: usage errors exit with code 2
and a Dutch message, never argparse's English and never a traceback."""

import pytest

from doorbraak.core.cli_args import DutchArgumentParser, message_dutch
from doorbraak.pseudonymise.cli import main

ENGLISH = ("usage:", "error:", "required", "unrecognized", "arguments are", "Traceback")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _assert_dutch(text: str) -> None:
    for english in ENGLISH:
        assert english not in text, text


def test_a_missing_argument_is_reported_in_dutch(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, "--partner", "woonstichting-veenhorst", str(tmp_path / "a.csv"))
    assert code == 2
    assert out == ""
    assert "gebruik: doorbraak pseudonymise" in err
    missing = "deze argumenten ontbreken: --mapping, --sleutel, --uit"
    assert f"doorbraak pseudonymise: fout: {missing}" in err
    _assert_dutch(err)


def test_an_unknown_argument_is_reported_in_dutch(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    argv = ["--mapping", "m.yaml", "--partner", "p", "--sleutel", "k.hex", "--uit", str(tmp_path)]
    code, _out, err = _run(capsys, *argv, "--sleutle", "x")
    assert code == 2
    assert "fout: onbekende argumenten: --sleutle" in err
    _assert_dutch(err)


def test_an_option_without_its_value_is_reported_in_dutch(capsys) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = _run(capsys, "--mapping")
    assert code == 2
    assert "argument --mapping: verwacht een waarde" in err
    _assert_dutch(err)


def test_help_is_dutch(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(capsys, "--help")
    assert code == 0
    assert out.startswith("gebruik: doorbraak pseudonymise")
    assert "opties:" in out
    assert "argumenten:" in out
    assert "toon deze hulp" in out
    for english in ("options:", "positional arguments", "show this help"):
        assert english not in out
    assert err == ""


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("argument --n: invalid int value: 'x'", "argument --n: 'x' is geen geheel getal"),
        (
            "argument --k: invalid choice: 'c' (choose from 'a', 'b')",
            "argument --k: ongeldige keuze 'c' (kies uit 'a', 'b')",
        ),
        ("one of the arguments --a --b is required", "een van deze argumenten is verplicht"),
        ("ambiguous option: --ma could match --mapping, --maak", "optie --ma is niet eenduidig"),
        ("something argparse says one day", "de opdracht is niet geldig"),
    ],
)
def test_argparse_messages_in_dutch(english: str, dutch: str) -> None:
    assert message_dutch(english).startswith(dutch)


def test_a_typed_argument_error_exits_with_2(capsys) -> None:  # type: ignore[no-untyped-def]
    parser = DutchArgumentParser(prog="proef")
    parser.add_argument("--aantal", type=int)
    with pytest.raises(SystemExit) as done:
        parser.parse_args(["--aantal", "veel"])
    assert done.value.code == 2
    assert "proef: fout: argument --aantal: 'veel' is geen geheel getal" in capsys.readouterr().err
