"""`doorbraak mappings check FILE`: the mapping is a contract, checked with line numbers and
did-you-mean, every problem at once; `mappings load` runs the same check first."""

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.errors import UserError
from doorbraak.intake.mappings import mappings_check, mappings_read
from doorbraak.intake.models import SourceMapping

CORPORATION = "wonen-kanaalstreek"
ENERGY = "noorderlicht-energie"


def _synthetic(synth_dir: Path) -> dict[str, Any]:
    return yaml.safe_load((synth_dir / "exports" / "mappings.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict[str, Any], name: str = "mappings.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _check(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("mappings", "check", str(path), stdout=out, stderr=err)
    except SystemExit as done:
        return int(done.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _problems(path: Path, partners: set[str] | None = None) -> list[tuple[int, str, str]]:
    data, root = mappings_read(path=path)
    log, warnings = ProblemLog(path.name), ProblemLog(path.name)
    mappings_check(data, root, log, partners=partners, warnings=warnings)
    return [(p.line or 0, p.code, p.message) for p in log.sorted() + warnings.sorted()]


def _broken(synth_dir: Path) -> dict[str, Any]:
    """The synthetic mappings with one of each fault the check must name."""
    data = _synthetic(synth_dir)
    corporation = data["partners"][CORPORATION]
    arrears = corporation["datasets"]["huurachterstanden"]
    arrears["types"]["signal_date"] = "datum"  # unknown type, Dutch word
    arrears["types"]["amount"] = "integer"  # contradicts the schema
    arrears["keys"] = ["dossiernummer"]  # not a column
    arrears["columns"]["Huurstand"] = "huurstand"  # not a field of the kind
    arrears["fixed"] = {"signal_kind": "huur"}  # not supported
    corporation["delimeter"] = ";"  # typo of a setting
    energy = data["partners"][ENERGY]["datasets"]["betalingsachterstanden"]
    energy["kind"] = "arears"  # unknown kind
    data["partners"]["woonstichting-nieuw"] = data["partners"].pop("woongroep-hunzedal")
    return data


def test_the_synthetic_mappings_pass_without_a_word(demo_world: None, synth_dir: Path) -> None:
    code, out, err = _check(synth_dir / "exports" / "mappings.yaml")
    assert (code, err) == (0, "")
    assert "in orde" in out
    assert "Waarschuwing" not in out


def test_every_fault_is_named_with_its_line_and_a_hint(
    demo_world: None, synth_dir: Path, tmp_path: Path
) -> None:
    code, _out, err = _check(_write(tmp_path, _broken(synth_dir)))
    assert code == 1
    expected = [
        "type 'datum' van 'signal_date' bestaat niet",
        "Bedoelt u 'date'?",
        "'amount' is volgens het register 'decimal', niet 'integer'",
        "sleutel 'dossiernummer' is geen kolom",
        "zet 'keys: [record_id]'",
        "veld 'huurstand' hoort niet bij soort 'arrears'",
        "Vaste waarden: niet ondersteund (issue 11)",
        "Partner 'wonen-kanaalstreek': onbekende instelling 'delimeter'. Bedoelt u 'delimiter'?",
        "soort 'arears' kent het register niet",
        "Bedoelt u 'arrears'?",
        "Partner 'woonstichting-nieuw' bestaat nog niet",
        "doorbraak partners add woonstichting-nieuw --naam NAAM --sector SECTOR",
    ]
    for text in expected:
        assert text in err, text
    assert err.count("- regel ") == 9
    assert "Traceback" not in err


def test_lines_point_at_the_fault(synth_dir: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, _broken(synth_dir))
    lines = path.read_text(encoding="utf-8").splitlines()
    for line, code, _message in _problems(path, partners=None):
        text = lines[line - 1]
        if code == "mapping-type-onbekend":
            assert text.strip() == "signal_date: datum"
        if code == "mapping-type-tegenstrijdig":
            assert text.strip() == "amount: integer"
        if code == "mapping-soort-onbekend":
            assert text.strip() == "kind: arears"
        if code == "mapping-instelling-onbekend":
            assert text.strip().startswith(("delimeter:", "fixed:"))


def test_without_partners_the_pure_check_needs_no_database(synth_dir: Path, tmp_path: Path) -> None:
    codes = {code for _line, code, _m in _problems(_write(tmp_path, _broken(synth_dir)))}
    assert "partner-onbekend" not in codes
    assert {"mapping-type-onbekend", "mapping-soort-onbekend"} <= codes


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda p, d: p.update({"file": "xls"}), "mapping-instelling-ongeldig"),
        (lambda p, d: p.update({"encoding": "latin-42"}), "mapping-instelling-ongeldig"),
        (lambda p, d: p.update({"decimal": ";"}), "mapping-instelling-ongeldig"),
        (lambda p, d: p.update({"date_format": "dd-mm-jjjj"}), "mapping-instelling-ongeldig"),
        (lambda p, d: p.update({"title_rows": -1}), "mapping-instelling-ongeldig"),
        (lambda p, d: d.update({"header_row": 0}), "mapping-instelling-ongeldig"),
        (lambda p, d: d.update({"sheet": "Blad1"}), "mapping-instelling-ongeldig"),
        (lambda p, d: d["codes"]["signal_kind"].update({"X": "gas"}), "mapping-code-onbekend"),
        (lambda p, d: d["types"].pop("amount"), "mapping-type-ontbreekt"),
        (lambda p, d: d["columns"].update({"Nog een dossier": "record_id"}), "mapping-veld-dubbel"),
        (
            lambda p, d: d.update(columns={h: f for h, f in d["columns"].items() if f != "amount"}),
            "mapping-veld-verplicht",
        ),
        (lambda p, d: d["codes"].update({"amount": {"x": 1}}), "mapping-codes-bij-geen-code"),
        (lambda p, d: d.update(initials="Voorletters"), "mapping-instelling-onbekend"),
    ],
)
def test_each_rule(synth_dir: Path, tmp_path: Path, edit: Any, code: str) -> None:
    data = _synthetic(synth_dir)
    partner = data["partners"]["woonstichting-veenhorst"]
    edit(partner, partner["datasets"]["huurachterstanden"])
    found = _problems(_write(tmp_path, data))
    assert [c for _line, c, _m in found] == [code], found


def test_a_boolean_code_must_become_true_or_false(synth_dir: Path, tmp_path: Path) -> None:
    data = _synthetic(synth_dir)
    data["partners"][ENERGY]["datasets"]["betalingsachterstanden"]["codes"]["crisis"]["1"] = "ja"
    found = _problems(_write(tmp_path, data))
    assert [c for _l, c, _m in found] == ["mapping-code-geen-ja-nee"]


def test_load_runs_the_same_check_first_and_stores_nothing(
    demo_world: None, synth_dir: Path, tmp_path: Path
) -> None:
    before = SourceMapping.objects.count()
    with pytest.raises(UserError) as error:
        call_command("mappings", "load", str(_write(tmp_path, _broken(synth_dir))))
    assert error.value.message.count("- regel ") == 9
    assert "woonstichting-nieuw" in error.value.message
    assert SourceMapping.objects.count() == before


def test_load_refuses_an_unknown_partner_instead_of_skipping_it(
    demo_world: None, synth_dir: Path, tmp_path: Path
) -> None:
    data = _synthetic(synth_dir)
    data["partners"] = {"onbekend-bedrijf": data["partners"][CORPORATION]}
    with pytest.raises(UserError) as error:
        call_command("mappings", "load", str(_write(tmp_path, data)))
    assert "Partner 'onbekend-bedrijf' bestaat nog niet" in error.value.message
    assert "doorbraak partners add onbekend-bedrijf" in error.value.message
    assert not SourceMapping.objects.filter(partner__code="onbekend-bedrijf").exists()
