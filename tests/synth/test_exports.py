"""The partners' exports: each in its own format, with the faults real exports have."""

import zipfile
from pathlib import Path

import openpyxl
import pytest

from doorbraak.synth.bsn import is_valid
from doorbraak.synth.faults import FAULT_KINDS

from .conftest import mappings, read_export, table


def _cp1252_files(run: Path) -> list[tuple[str, Path]]:
    found = []
    for partner, spec in mappings(run)["partners"].items():
        if spec.get("encoding") == "cp1252":
            found += [(partner, path) for path in (run / "exports" / partner).glob("*.csv")]
    return found


def test_a_windows_1252_export_holds_a_bsn_that_fails_the_elfproef(small_run: Path) -> None:
    files = _cp1252_files(small_run)
    assert files
    raw = (small_run / "exports" / "buurtwerk-oostermoer" / "metingen-2024.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # 'Cliëntnummer' in Windows-1252 is no UTF-8
    assert "cliëntnummer" in raw.decode("cp1252").lower()
    failing = [
        row["bsn"]
        for partner, path in files
        for row in read_export(small_run, partner, path.name)
        if len(row.get("bsn", "")) == 9 and not is_valid(row["bsn"])
    ]
    assert failing


def test_some_bsns_are_missing_or_lost_their_leading_zero(small_run: Path) -> None:
    rows = [row for row in read_export(small_run, "gemeente-veendam", "signalen-2024.xlsx")]
    bsns = [str(row["bsn"]) for row in rows]
    assert "" in bsns
    eight = [bsn for bsn in bsns if len(bsn) == 8]
    assert eight
    assert all(is_valid("0" + bsn) for bsn in eight)


def test_every_fault_kind_is_in_the_exports_where_the_truth_says(small_run: Path) -> None:
    faults = table(small_run, "truth/faults.csv")
    assert {row["kind"] for row in faults} == set(FAULT_KINDS)
    checked = set()
    for fault in faults:
        if fault["kind"] in checked:
            continue
        partner, name = fault["file"].split("/")
        rows = read_export(small_run, partner, name)
        row = rows[int(fault["row"]) - 1]
        text = [str(value) for value in row.values()]
        kind = fault["kind"]
        if kind in ("bsn_missing",):
            assert row["bsn"] == ""
        elif kind == "empty_required":
            assert row[fault["field"]] == ""
        elif kind == "duplicate_row":
            assert row == rows[int(fault["related_row"]) - 1]
        elif kind == "late_correction":
            later_partner, later_name = fault["related_file"].split("/")
            fixed = read_export(small_run, later_partner, later_name)[int(fault["related_row"]) - 1]
            assert fixed["record_id"] == row["record_id"]
            assert fixed != row
        elif kind == "address_variant":
            street = fault["written_value"].rsplit(" ", 1)[0]
            assert any(street in value for value in text)
        else:
            assert any(fault["written_value"] in value for value in text), (kind, row)
        checked.add(kind)
    assert checked == set(FAULT_KINDS)


def test_names_and_addresses_vary_like_real_registrations(small_run: Path) -> None:
    faults = table(small_run, "truth/faults.csv")
    variants = {
        (f["true_value"], f["written_value"]) for f in faults if f["kind"] == "surname_variant"
    }
    assert (
        ("Jansen", "Janssen") in variants or ("Janssen", "Jansen") in variants or len(variants) > 20
    )
    streets = [f["written_value"] for f in faults if f["kind"] == "address_variant"]
    assert any("str." in street for street in streets)


def test_an_xlsx_export_has_a_title_row_and_a_second_sheet(small_run: Path) -> None:
    path = small_run / "exports" / "gemeente-midden-groningen" / "signalen-2024.xlsx"
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["Signalen", "Toelichting"]
    rows = list(workbook["Signalen"].iter_rows(max_row=3, values_only=True))
    assert rows[0][0].startswith("Signalen Gemeente Midden-Groningen - periode 01-01-2024")
    assert rows[1][0].startswith("Vertrouwelijk")  # this partner has two title rows
    assert "Signaalnummer" in rows[2]
    workbook.close()
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 6, 30, 0, 0, 0)}


def test_a_csv_uses_semicolons_and_decimal_commas(small_run: Path) -> None:
    path = small_run / "exports" / "woonstichting-veenhorst" / "huurachterstanden-2024.csv"
    lines = path.read_bytes().decode("cp1252").splitlines()
    assert lines[0].startswith("Dossiernummer;Huurdernummer;BSN;")
    amounts = [
        row["amount"] for row in read_export(path.parents[2], "woonstichting-veenhorst", path.name)
    ]
    assert sum("," in amount and "." not in amount for amount in amounts) > 0.9 * len(amounts)


def test_a_bom_export_starts_with_the_bom_and_a_tab_export_uses_tabs(small_run: Path) -> None:
    bom = small_run / "exports" / "welzijn-veenkracht" / "metingen-2024.csv"
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    tabbed = small_run / "exports" / "zorgverzekeraar-noordkroon" / "premieachterstanden-2024.csv"
    assert tabbed.read_text(encoding="utf-8").splitlines()[0].count("\t") > 10


def test_partners_on_one_system_name_their_columns_differently(small_run: Path) -> None:
    partners = mappings(small_run)["partners"]
    veendam = set(partners["gemeente-veendam"]["datasets"]["signalen"]["columns"])
    emmen = set(partners["gemeente-emmen"]["datasets"]["signalen"]["columns"])
    assert veendam != emmen
    assert partners["gemeente-pekela"]["datasets"]["vroegsignalering"]["codes"]["end_result"]
    assert (
        "bsn"
        not in partners["noorderlicht-energie"]["datasets"]["betalingsachterstanden"][
            "columns"
        ].values()
    )


def test_the_mappings_declare_every_export_file_and_its_columns(small_run: Path) -> None:
    declared = mappings(small_run)["partners"]
    on_disk = {p.name for p in (small_run / "exports").iterdir() if p.is_dir()}
    assert set(declared) == on_disk
    for partner, spec in declared.items():
        listed = {name for dataset in spec["datasets"].values() for name in dataset["files"]}
        assert listed == {p.name for p in (small_run / "exports" / partner).iterdir()}
        for name in sorted(listed)[:2]:
            rows = read_export(small_run, partner, name)
            assert rows
            assert "record_id" in rows[0]


def test_each_export_row_points_at_a_true_person(small_run: Path) -> None:
    records = table(small_run, "truth/records.csv")
    persons = {row["person_id"]: row for row in table(small_run, "truth/persons.csv")}
    sample = [
        r for r in records if r["file"] == "zorgverzekeraar-noordkroon/premieachterstanden-2024.csv"
    ]
    rows = read_export(small_run, "zorgverzekeraar-noordkroon", "premieachterstanden-2024.csv")
    assert len(sample) == len(rows)
    matches = sum(rows[int(r["row"]) - 1]["bsn"] == persons[r["person_id"]]["bsn"] for r in sample)
    assert matches > 0.95 * len(sample)


def test_a_file_lists_each_record_once(small_run: Path) -> None:
    """A partner's export holds a record once, in its newest state: a late correction of last
    year's row that falls in the year the record changes again is carried by that newer row
    (the intake refuses a second row with the same key in one file, so an end went missing
    and W2 drifted low). Injected duplicates and extra invalid rows are the exception; plan
    goals share their plan's id (the goal number is part of their key)."""
    extra = {"duplicate_row", "invalid_date", "empty_required", "invalid_amount"}
    faulty = {
        (f["file"], f["row"]) for f in table(small_run, "truth/faults.csv") if f["kind"] in extra
    }
    seen: dict[tuple[str, str], int] = {}
    for row in table(small_run, "truth/records.csv"):
        if row["dataset"] == "plan_goal" or (row["file"], row["row"]) in faulty:
            continue
        key = (row["file"], row["record_key"])
        seen[key] = seen.get(key, 0) + 1
    assert seen
    assert [key for key, count in seen.items() if count > 1] == []
    corrections = [
        f for f in table(small_run, "truth/faults.csv") if f["kind"] == "late_correction"
    ]
    assert corrections  # still injected, each pointing at its right row
    assert all(f["related_file"] and f["related_row"] for f in corrections)
