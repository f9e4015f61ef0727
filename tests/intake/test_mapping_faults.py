"""Small faults in a mapping file a real partner would hit, each refused or warned with a
stable code, a Dutch message and its line (issue 11: every fault caught)."""

import re
from pathlib import Path

import pytest

from doorbraak.core.definitions.nodes import document
from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.errors import UserError
from doorbraak.intake.mapping_check import mappings_check, mappings_read

# PyYAML's own words for what it found; none of them may reach the user
ENGLISH = re.compile(r"\b(expected|found|while|scanning|parsing|mapping|block|end|start)\b")


def _laughs(levels: int = 9) -> str:
    """The "billion laughs": nine nested references give 9**9 values from a few hundred bytes."""
    lines = ["version: 1", "lol: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"lol{level}: &a{level} [{refs}]")
    lines += ["partners:", "  p:", f"    name: *a{levels - 1}"]
    return "\n".join(lines) + "\n"


def test_nested_references_are_refused_on_the_line_of_the_first() -> None:
    log = ProblemLog("mappings.yaml")
    assert document(_laughs(), log) is None
    [problem] = log.sorted()
    assert (problem.code, problem.line) == ("yaml-verwijzing", 3)
    assert "voluit" in problem.message


def test_mappings_check_refuses_a_billion_laughs_at_once(tmp_path: Path) -> None:
    path = tmp_path / "mappings.yaml"
    path.write_text(_laughs(), encoding="utf-8")
    with pytest.raises(UserError) as refused:
        mappings_read(path=path)
    assert "regel 3" in refused.value.message
    assert "niet toegestaan" in refused.value.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("version: 1\npartners:\n  p:\n    name: 'open\n", 5, 1),  # quote never closed
        ("version: 1\npartners:\n  p: [a, b\n", 4, 1),  # list never closed
        ("version: 1\npartners:\n  p:\n     name: x\n    file: y\n", 5, 5),  # indentation
    ],
)
def test_a_yaml_syntax_error_is_told_in_dutch_with_line_and_column(
    text: str, line: int, column: int
) -> None:
    log = ProblemLog("mappings.yaml")
    assert document(text, log) is None
    [problem] = log.sorted()
    assert (problem.code, problem.line) == ("yaml-syntax", line)
    assert f"regel {line}, kolom {column}" in problem.message
    assert not ENGLISH.search(problem.message), problem.message


MAPPING = """version: 1
partners:
  p:
    datasets:
      d:
        kind: arrears
        columns:
          Dossiernummer: case_ref
          {header}: signal_date
"""


@pytest.mark.parametrize(
    "header", ['"Melding\\0datum"', '"Melding\\tdatum"', '"Meldingdatum\\uFFFD"']
)
def test_a_column_name_with_an_invisible_character_is_refused_on_its_line(
    tmp_path: Path, header: str
) -> None:
    path = tmp_path / "mappings.yaml"
    path.write_text(MAPPING.format(header=header), encoding="utf-8")
    data, root = mappings_read(path=path)
    log = ProblemLog(path.name)
    mappings_check(data, root, log)
    found = [p for p in log.sorted() if p.code == "kolom-onzichtbaar-teken"]
    assert [p.line for p in found] == [9], log.sorted()
    assert "U+" in found[0].message
    assert "onzichtbaar" in found[0].message
