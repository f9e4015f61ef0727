"""Small faults in a mapping file a real partner would hit, each refused or warned with a
stable code, a Dutch message and its line (issue 11: every fault caught)."""

from pathlib import Path

import pytest

from doorbraak.core.definitions.nodes import document
from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.errors import UserError
from doorbraak.intake.mapping_check import mappings_read


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

