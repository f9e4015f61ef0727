"""`doorbraak mappings load` and `doorbraak import`, with counters printed in Dutch."""

import io
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from doorbraak.core.errors import UserError
from doorbraak.intake.models import SourceMapping, SourceRecord
from tests.intake.conftest import PARTNER, MakeFile


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_mappings_load_is_versioned(demo_world: None, synth_dir: Path, tmp_path: Path) -> None:
    path = synth_dir / "exports" / "mappings.yaml"
    assert "ongewijzigd" in _run("mappings", "load", str(path))
    count = SourceMapping.objects.count()
    assert "0 nieuw" in _run("mappings", "load", str(path))
    assert SourceMapping.objects.count() == count
    changed = tmp_path / "mappings.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["partners"][PARTNER]["datasets"]["huurachterstanden"]["codes"]["signal_kind"]["Gas"] = (
        "gas"
    )
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "1 nieuw" in _run("mappings", "load", str(changed))
    versions = SourceMapping.objects.filter(partner__code=PARTNER).values_list("version", flat=True)
    assert sorted(versions) == [1, 2]


def test_import_prints_counters(partner, export_file: MakeFile) -> None:
    path = str(export_file())
    trial = _run("import", PARTNER, path, "--proef")
    assert "proef" in trial
    assert SourceRecord.objects.count() == 0
    output = _run("import", PARTNER, path, "--dataset", "huurachterstanden")
    assert "gelezen" in output
    assert "0 afgewezen" in output


def test_import_of_unknown_partner_is_a_user_error(partner, export_file: MakeFile) -> None:
    with pytest.raises(UserError):
        _run("import", "bestaat-niet", str(export_file()))


def test_mappings_load_checks_kinds_and_dates_against_the_register_schema(
    demo_world: None, synth_dir: Path, tmp_path: Path
) -> None:
    """Nothing is stored when a dataset's kind is not one the register takes, or the column
    with the kind's own date is not mapped; every problem is named, with a hint."""
    data = yaml.safe_load((synth_dir / "exports" / "mappings.yaml").read_text(encoding="utf-8"))
    datasets = data["partners"][PARTNER]["datasets"]
    datasets["huurachterstanden"]["kind"] = "arears"
    second = next(code for code in data["partners"] if code != PARTNER)
    spec = next(iter(data["partners"][second]["datasets"].values()))
    spec["columns"] = {
        h: f for h, f in spec["columns"].items() if not f.endswith(("_date", "_start"))
    }
    broken = tmp_path / "mappings.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = SourceMapping.objects.count()
    with pytest.raises(UserError) as error:
        _run("mappings", "load", str(broken))
    message = error.value.message
    assert "soort 'arears' kent het register niet" in message
    assert "Bedoelt u 'arrears'?" in message
    assert f"Partner '{second}'" in message
    assert "de datum die een record van soort" in message
    assert message.count("- regel ") == 2  # each problem names its line
    assert SourceMapping.objects.count() == before


def test_a_mapping_file_with_a_yaml_fault_names_the_line(demo_world: None, tmp_path: Path) -> None:
    broken = tmp_path / "mappings.yaml"
    broken.write_text("version: 1\npartners:\n  a: [b\n  c: d\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        _run("mappings", "load", str(broken))
    assert error.value.code == "mapping-onleesbaar"
    assert "regel " in error.value.message
    assert "Errno" not in error.value.message
    missing = tmp_path / "bestaat-niet.yaml"
    with pytest.raises(UserError) as gone:
        _run("mappings", "load", str(missing))
    assert "bestaat niet" in gone.value.message
