"""`doorbraak mappings check FILE`: the mapping is a contract, checked with line numbers and
did-you-mean, every problem at once; `mappings load` runs the same check first."""

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command

from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.errors import UserError
from doorbraak.intake.contract_doc import FEATURE_EXAMPLES
from doorbraak.intake.mapping_check import mappings_check, mappings_read
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
    arrears["vast"] = {"crisis": "nee"}  # Dutch for `fixed`
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
        "onbekende instelling 'vast'. Bedoelt u 'fixed'?",
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
            assert text.strip().startswith(("delimeter:", "vast:"))


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


# --- fixed values, "Achternaam, Voornaam" in one column, initials ---------------------------


def _feature(index: int, edit: Any) -> dict[str, Any]:
    """The docs' example `index` (fixed value, name in one column, initials) with `edit`
    applied to its only dataset."""
    data: dict[str, Any] = yaml.safe_load(FEATURE_EXAMPLES[index][1])
    partner = next(iter(data["partners"].values()))
    edit(next(iter(partner["datasets"].values())))
    return data


def _rename(table: dict[str, Any], old: str, new: str) -> None:
    table[new] = table.pop(old)


@pytest.mark.parametrize(
    ("index", "edit", "code", "hint", "line"),
    [
        (0, lambda d: d["fixed"].update(signal_kind="hur"), "mapping-vast-ongeldig",
         "staat niet in de codelijst soort signaal", "signal_kind: hur"),
        (0, lambda d: d["fixed"].update(signal_kind="hur"), "mapping-vast-ongeldig",
         "Bedoelt u 'huur'?", "signal_kind: hur"),
        (0, lambda d: _rename(d["fixed"], "signal_kind", "signal_knd"), "mapping-veld-onbekend",
         "Bedoelt u 'signal_kind'?", "signal_knd: huur"),
        (0, lambda d: d["fixed"].update(amount=12.5), "mapping-vast-ook-kolom",
         "staat al onder 'columns' (kolom 'Achterstand')", "amount: 12.5"),
        (0, lambda d: d["fixed"].update(record_id="D-1"), "mapping-vast-sleutel",
         "'record_id' is een sleutel", "record_id: D-1"),
        (0, lambda d: d["fixed"].update(city="Veendam"), "mapping-vast-identiteit",
         "'city' is een identiteitsveld", "city: Veendam"),
        (0, lambda d: d["fixed"].update(crisis=[True]), "mapping-vast-ongeldig",
         "moet één waarde zijn", "crisis:"),
        (0, lambda d: (d["fixed"].update(arrears_since="gisteren"),
                       d["types"].update(arrears_since="date")),
         "mapping-vast-ongeldig", "'gisteren' van 'arrears_since' is geen datum",
         "arrears_since: gisteren"),
        (0, lambda d: _rename(d, "fixed", "vast"), "mapping-instelling-onbekend",
         "onbekende instelling 'vast'. Bedoelt u 'fixed'?", "vast:"),
        (1, lambda d: d["columns"].update(Voornaam="given_name"), "mapping-naam-dubbel",
         "kolom 'Klantnaam' (name_line) bevat al achternaam en voornaam; laat 'Voornaam' weg",
         "Klantnaam: name_line"),
        (1, lambda d: d["columns"].update(Klantnaam="name_lijn"), "mapping-veld-onbekend",
         "Bedoelt u 'name_line'?", "Klantnaam: name_lijn"),
        (2, lambda d: d["columns"].update(Voorletters="initals"), "mapping-veld-onbekend",
         "Bedoelt u 'initials'?", "Voorletters: initals"),
        (2, lambda d: d.update(voorletters="Voorletters"), "mapping-instelling-onbekend",
         "zet de kolom onder 'columns' ('Voorletters: initials')", "voorletters: Voorletters"),
    ],
)  # fmt: skip
def test_each_fault_of_the_new_features(
    tmp_path: Path, index: int, edit: Any, code: str, hint: str, line: str
) -> None:
    path = _write(tmp_path, _feature(index, edit))
    found = _problems(path)
    assert [c for _line, c, _m in found] == [code], found
    number, _code, message = found[0]
    assert hint in message
    assert path.read_text(encoding="utf-8").splitlines()[number - 1].strip().startswith(line)


def _partner_code(dataset: dict[str, Any]) -> None:
    """A partner's own code, through `codes`, as a cell would be."""
    dataset["fixed"]["signal_kind"] = "Huur"
    dataset["codes"] = {"signal_kind": {"Huur": "huur"}}


def _yes_no(dataset: dict[str, Any]) -> None:
    dataset["fixed"]["crisis"] = "ja"
    dataset["codes"] = {"crisis": {"ja": True, "nee": False}}


def _required_date(dataset: dict[str, Any]) -> None:
    """The kind's date by a fixed value (a YAML date) instead of a column."""
    dataset["columns"].pop("Gemeld aan gemeente")
    dataset["fixed"]["signal_date"] = dt.date(2025, 1, 31)


@pytest.mark.parametrize("edit", [_partner_code, _yes_no, _required_date])
def test_a_fixed_value_the_field_can_hold_passes(tmp_path: Path, edit: Any) -> None:
    assert _problems(_write(tmp_path, _feature(0, edit))) == []


def test_mappings_check_names_the_line_of_a_bad_fixed_value(
    demo_world: None, tmp_path: Path
) -> None:
    good = _write(tmp_path, _feature(0, lambda d: None), "goed.yaml")
    assert _check(good)[:2] == (0, "goed.yaml: in orde (1 partner, 1 gegevensset).\n")
    bad = _write(tmp_path, _feature(0, lambda d: d["fixed"].update(signal_kind="hur")))
    code, _out, err = _check(bad)
    number = next(
        n
        for n, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), start=1)
        if text.strip() == "signal_kind: hur"
    )
    assert code == 1
    assert f"- regel {number}: Partner 'woonstichting-veenhorst', gegevensset" in err
    assert "vaste waarde 'hur' van 'signal_kind' staat niet in de codelijst" in err


@pytest.mark.parametrize(
    ("text", "said"),
    [("a: &x [1]\nb: *x\n", "Verwijzingen naar een anker"), ("a: [1\n", "geen geldige YAML")],
)
@pytest.mark.django_db
def test_a_file_that_cannot_be_read_exits_1_too(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "mappings.yaml"
    path.write_text(text, encoding="utf-8")
    code, _out, err = _check(path)
    assert code == 1
    assert said in err
