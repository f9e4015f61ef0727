"""docs/intake.md is the mapping contract, generated from the register's schema: it is the
generator's output, documents every setting the check accepts and every field and code of
every dataset kind, and each of its worked examples passes `mappings check`."""

from pathlib import Path

import pytest
import yaml

from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.intake import mapping_check as m
from doorbraak.intake.contract_doc import (
    DATASET_SETTINGS,
    EXAMPLES,
    FEATURE_EXAMPLES,
    FILE_SETTINGS,
    contract_markdown,
)
from doorbraak.register import schema as s
from doorbraak.sources.mapping import DATASET_KEYS, PARTNER_KEYS, mapping_parse

DOC = Path(__file__).resolve().parents[2] / "docs" / "intake.md"


def test_docs_intake_md_is_the_generators() -> None:
    regenerate = "regenerate: doorbraak mappings contract --uit docs/intake.md"
    assert DOC.read_text(encoding="utf-8") == contract_markdown(), regenerate


def test_every_setting_the_check_accepts_is_documented() -> None:
    assert {key for key, *_ in FILE_SETTINGS} == set(PARTNER_KEYS) - {"datasets"}
    assert {key for key, *_ in DATASET_SETTINGS} == set(DATASET_KEYS)


def test_every_kind_field_and_code_is_documented() -> None:
    doc = contract_markdown()
    for kind in s.dataset_kinds().values():
        assert f"### `{kind.name}`: {kind.label}" in doc
        for one in kind.fields:
            assert f"| `{one.name}` | {one.label} |" in doc
            for value, label in one.codes.codes if one.codes else ():
                assert f"- `{value}`: {label}" in doc
    for one in s.IDENTITY_FIELDS:
        assert f"| `{one.name}` | {one.label} |" in doc


def test_fixed_values_names_in_one_column_and_initials_are_documented_with_an_example() -> None:
    doc = contract_markdown()
    assert "niet ondersteund" not in doc
    for setting, example in (
        ("### Vaste waarden (`fixed`)", "        fixed:\n          signal_kind: huur"),
        ('### "Achternaam, Voornaam" in één kolom (`name_line`)', "Klantnaam: name_line"),
        ("### Voorletters (`initials`)", "Voorletters: initials"),
    ):
        assert setting in doc, setting
        assert example in doc, example
    start = doc.index("### Voorletters")
    assert "hooguit de eerste letter" in doc[start : start + 1200]  # what linkage can use


def test_there_is_an_example_for_every_kind_of_partner() -> None:
    titles = " ".join(title for title, _text in EXAMPLES).lower()
    for kind in ("gemeente", "woningcorporatie", "energie", "drinkwater", "zorgverzekeraar",
                 "leerplicht", "wijkteam"):  # fmt: skip
        assert kind in titles, kind


@pytest.mark.parametrize(("title", "text"), EXAMPLES + FEATURE_EXAMPLES)
def test_each_example_passes_the_check(title: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / "mappings.yaml"
    path.write_text(text, encoding="utf-8")
    data, root = m.mappings_read(path=path)
    log, warnings = ProblemLog(path.name), ProblemLog(path.name)
    m.mappings_check(data, root, log, warnings=warnings)
    assert not log.sorted(), [str(p) for p in log.sorted()]
    assert not warnings.sorted(), [str(p) for p in warnings.sorted()]
    assert mapping_parse(yaml.safe_load(text)).partners  # pseudonymise reads it too
    assert f"```yaml\n{text}```" in contract_markdown()
