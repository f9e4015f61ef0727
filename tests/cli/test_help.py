"""Every `doorbraak` command speaks Dutch: `doorbraak --help` lists every command with one Dutch
line, and each command's `--help` (and its subcommands') holds none of argparse's English.
The commands are enumerated from the CLI itself, so a new command is covered by itself."""

import re

import pytest

from doorbraak.cli import (
    EXIT_USER_ERROR,
    STANDALONE,
    STANDALONE_HELP,
    commands,
    django_commands,
    main,
)

# argparse's own texts (headings at a line's start: Django's texts may say "Available options:").
ARGPARSE_ENGLISH = (
    r"usage:",
    r"(?m)^options:",
    r"show this help",
    r"positional arguments",
    r"required",
)
DJANGO_OWN = {name for name, app in django_commands().items() if not app.startswith("doorbraak.")}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _assert_no_argparse_english(text: str, command: str) -> None:
    # Django's own commands keep their own (English) option texts, which may say "required".
    words = ARGPARSE_ENGLISH[:-1] if command in DJANGO_OWN else ARGPARSE_ENGLISH
    for english in words:
        assert not re.search(english, text), (command, english, text)


@pytest.mark.parametrize("argv", [[], ["help"], ["--help"], ["-h"]])
def test_the_listing_names_every_command_in_dutch(capsys, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, out = _run(capsys, *argv)
    assert code == 0
    assert out.startswith("gebruik: doorbraak OPDRACHT")
    listed = dict(re.findall(r"^  (\S+) +(.+)$", out, re.MULTILINE))
    assert set(listed) == set(commands())
    assert set(STANDALONE) == set(STANDALONE_HELP)
    assert {"pseudonymise", "link", "synth", "architecture", "import", "migrate"} <= set(listed)
    assert all(line.strip() for line in listed.values())
    _assert_no_argparse_english(out, "")


def _subcommands(help_text: str) -> list[str]:
    """The subcommands a help text offers (`{check,show,load}`)."""
    found = re.search(r"^\s+\{([\w,-]+)\}", help_text, re.MULTILINE)
    return found[1].split(",") if found else []


@pytest.mark.parametrize("command", sorted(commands()))
def test_every_command_help_is_dutch(capsys, command: str) -> None:  # type: ignore[no-untyped-def]
    code, out = _run(capsys, command, "--help")
    assert code == 0, out
    assert out.startswith(f"gebruik: doorbraak {command}")
    assert "toon deze hulp" in out
    _assert_no_argparse_english(out, command)
    for sub in _subcommands(out):
        code, sub_out = _run(capsys, command, sub, "--help")
        assert code == 0, sub_out
        assert sub_out.startswith(f"gebruik: doorbraak {command}")  # a choice or a subcommand
        _assert_no_argparse_english(sub_out, command)


@pytest.mark.parametrize("command", ["pseudonymise", "link", "import", "plan", "migrate"])
def test_help_command_is_the_command_help(capsys, command: str) -> None:  # type: ignore[no-untyped-def]
    assert _run(capsys, "help", command) == _run(capsys, command, "--help")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["import"], "deze argumenten ontbreken: PARTNER, BESTAND"),
        (["plan", "chek"], "ongeldige keuze 'chek' (kies uit 'check', 'show', 'load')"),
        (["import", "p", "f", "--onzin"], "onbekende argumenten: --onzin"),
        (["monitor", "run", "--periode"], "verwacht een waarde"),
        (["link"], "deze argumenten ontbreken: --left, --right, --out"),
        (["pseudonymise", "--uit"], "verwacht een waarde"),
    ],
)
def test_usage_errors_are_dutch(capsys, argv: list[str], expected: str) -> None:  # type: ignore[no-untyped-def]
    code, out = _run(capsys, *argv)
    assert code == EXIT_USER_ERROR
    assert expected in out
    assert "gebruik: doorbraak" in out
    _assert_no_argparse_english(out, argv[0])


@pytest.mark.parametrize("argv", [["improt", "x"], ["help", "improt"]])
def test_an_unknown_command_is_named_with_a_suggestion(capsys, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, out = _run(capsys, *argv)
    assert code == EXIT_USER_ERROR
    assert "Onbekende opdracht 'improt'. Bedoelt u 'import'?" in out
    assert "Unknown command" not in out
