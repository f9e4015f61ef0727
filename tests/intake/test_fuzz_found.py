"""What the fuzz test (`test_fuzz.py`) found crashing, kept as small cases: each input is now
refused with a stable code and a Dutch message (on the right line), never a traceback."""

from pathlib import Path

import pytest

from doorbraak.core.definitions.nodes import document
from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.errors import UserError
from doorbraak.intake.mapping_check import mappings_read
from doorbraak.pseudonymise.cli import _mappings_read as pseudonymise_mappings_read
from doorbraak.sources.mapping import MappingError, mapping_load
from tests.sources.broken import TECHNICAL

# YAML that PyYAML composes but cannot make values of (yaml.safe_load raised ConstructorError,
# ValueError or RecursionError past every handler): (text, code, line)
UNMAKEABLE = {
    "te-diep-genest": ("version: 1\npartners: " + "[" * 5_000 + "]" * 5_000, "yaml-te-diep", 1),
    "onbekend-label": ("version: 1\npartners: !!python/name:os.system\n", "yaml-syntax", 2),
    "int-label-voor-woord": ("version: 1\npartners:\n  p: !!int HUISWERK\n", "yaml-waarde", 3),
    "datum-bestaat-niet": ("version: 1\npartners:\n  p:\n    name: 2024-02-30\n", "yaml-waarde", 4),
    "sleutel-is-een-lijst": ("version: 1\npartners:\n  ? [a]\n  : 1\n", "yaml-syntax", 3),
}


@pytest.mark.parametrize(("text", "code", "line"), UNMAKEABLE.values(), ids=UNMAKEABLE)
def test_yaml_whose_values_cannot_be_made_is_a_problem_on_its_line(
    text: str, code: str, line: int
) -> None:
    log = ProblemLog("mappings.yaml")
    assert document(text, log) is None
    [problem] = log.sorted()
    assert (problem.code, problem.line) == (code, line)
    assert not TECHNICAL.search(problem.message), problem.message


@pytest.mark.parametrize("text", [t for t, _c, _l in UNMAKEABLE.values()], ids=UNMAKEABLE)
def test_every_reader_of_a_mapping_file_refuses_it_in_dutch(tmp_path: Path, text: str) -> None:
    path = tmp_path / "mappings.yaml"
    path.write_text(text, encoding="utf-8")
    readers = (
        lambda: mappings_read(path=path),  # doorbraak mappings check / load
        lambda: pseudonymise_mappings_read(path),  # doorbraak pseudonymise
        lambda: mapping_load(path),  # the synthetic region's pipeline
    )
    for read in readers:
        with pytest.raises(UserError) as refused:
            read()
        assert "regel" in refused.value.message
        assert not TECHNICAL.search(refused.value.message), refused.value.message


def test_a_mapping_that_is_no_utf8_names_no_errno(tmp_path: Path) -> None:
    path = tmp_path / "mappings.yaml"
    path.write_bytes("version: 1\npartners: {partnër: {}}\n".encode("cp1252"))
    with pytest.raises(MappingError) as refused:
        mapping_load(path)
    assert "UTF-8" in refused.value.message
    assert not TECHNICAL.search(refused.value.message)
