"""`doorbraak terugmelding`: the steward gets his own export back with the platform's verdict per
row. `pseudonymise` keeps a row map beside its output; the platform's result file names rows
by their number in the export (`_regel`); the join lands each verdict on its own row of the
original file, whatever blank lines, title rows or cell types it has. A changed export, a
result file of another export or a missing row map is refused in Dutch."""

import json
from pathlib import Path

import openpyxl
import pytest

from doorbraak.pseudonymise.cli import main as pseudonymise
from doorbraak.pseudonymise.feedback import main as terugmelding
from doorbraak.sources.feedback import file_annotate
from doorbraak.sources.rowmap import Layout, file_sha256

MAPPING = """\
version: 1
partners:
  woonstichting-proef:
    name: Woonstichting Proef
    file: csv
    encoding: cp1252
    delimiter: ';'
    date_format: '%d-%m-%Y'
    decimal: ','
    datasets:
      huurachterstanden:
        kind: arrears
        files: [huur.csv]
        keys: [record_id]
        columns:
          Dossiernummer: record_id
          BSN: bsn
          Achternaam: surname
          Geboortedatum: birth_date
          Achterstand: amount
          Opmerking: note
  energie-proef:
    name: Energie Proef
    file: xlsx
    date_format: '%d-%m-%Y'
    decimal: ','
    title_rows: 1
    datasets:
      betalingsachterstanden:
        kind: arrears
        files: [energie.xlsx]
        keys: [record_id]
        header_row: 2
        sheet: Achterstanden
        columns:
          Klantnummer: record_id
          BSN: bsn
          Geboortedatum: birth_date
          Bedrag: amount
"""
# Windows-1252 with ';': a blank line after row 3, an own 'Opmerking' column, a remark that
# looks like a formula, and no line end after the last row.
EXPORT = (
    "Dossiernummer;BSN;Achternaam;Geboortedatum;Achterstand;Opmerking\r\n"
    "D1;111222333;Bakker;01-02-1980;1.048,53;=1+1\r\n"
    "D2;123456782;Jans\xe9n;31-02-1980;-12,50;\r\n"
    "\r\n"
    "D3;;de Vries;15-06-1975;0;@let op\r\n"
    "D4;987654321;Smit;01-01-1990;10,00;gewoon"
)


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, Path]:
    exports, out, downloads = (tmp_path / n for n in ("exports", "uit", "downloads"))
    for folder in (exports, out, downloads):
        folder.mkdir()
    (tmp_path / "mappings.yaml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "sleutel.hex").write_text("11" * 32 + "\n")
    (exports / "huur.csv").write_bytes(EXPORT.encode("cp1252"))
    return {"root": tmp_path, "exports": exports, "uit": out, "downloads": downloads}


def _pseudonymise(paths: dict[str, Path], partner: str, export: Path) -> Path:
    root = paths["root"]
    argv = ["--mapping", str(root / "mappings.yaml"), "--partner", partner]
    argv += ["--sleutel", str(root / "sleutel.hex"), "--uit", str(paths["uit"]), str(export)]
    assert pseudonymise(argv) == 0
    return paths["uit"] / export.name


def _platform_result(delivered: Path, target: Path, layout: Layout, words: dict[int, str]) -> Path:
    """What the platform hands back: the delivered file with, by its `_regel`, a verdict
    (`intake.delivery.result_file_build` does this with the same join)."""
    cells = {n: (w, f"opmerking bij regel {n}") for n, w in words.items()}
    file_annotate(
        delivered,
        target,
        layout,
        names=("resultaat", "opmerking"),
        cells=cells,
        key_column="_regel",
        neutralise_all=True,
    )
    return target


def test_pseudonymise_keeps_a_row_map_with_the_original_row_numbers(setup) -> None:  # type: ignore[no-untyped-def]
    export = setup["exports"] / "huur.csv"
    _pseudonymise(setup, "woonstichting-proef", export)
    row_map = json.loads((setup["uit"] / "huur.csv.rijen.json").read_text(encoding="utf-8"))
    assert row_map["regels"] == [2, 3, 5, 6]  # the blank line 4 is no row
    assert row_map["export"] == {"pad": str(export.resolve()), "sha256": file_sha256(export)}
    assert row_map["indeling"]["delimiter"] == ";"
    assert row_map["indeling"]["encoding"] == "cp1252"
    text = (setup["uit"] / "huur.csv.rapport.txt").read_text(encoding="utf-8")
    assert "Rijenkaart: huur.csv.rijen.json" in text
    for value in ("111222333", "Bakker", "01-02-1980"):  # nothing identifying in it
        assert value not in json.dumps(row_map)


def test_the_steward_gets_his_own_csv_back_with_the_verdicts(setup, capsys) -> None:  # type: ignore[no-untyped-def]
    export = setup["exports"] / "huur.csv"
    delivered = _pseudonymise(setup, "woonstichting-proef", export)
    words = {2: "geaccepteerd", 3: "afgewezen", 5: "geaccepteerd met waarschuwing", 6: "x"}
    result = _platform_result(
        delivered,
        setup["downloads"] / "huur-resultaat (1).csv",
        Layout("csv", 1, "cp1252", ";"),
        words,
    )
    capsys.readouterr()
    assert terugmelding([str(result), "--rijen", str(setup["uit"])]) == 0
    back = (setup["exports"] / "huur-met-resultaat.csv").read_bytes().decode("cp1252")
    original = EXPORT.split("\r\n")
    assert back.split("\r\n") == [
        original[0] + ";resultaat;opmerking doorbraak",
        original[1] + ";geaccepteerd;opmerking bij regel 2",
        original[2] + ";afgewezen;opmerking bij regel 3",
        "",
        original[4] + ";geaccepteerd met waarschuwing;opmerking bij regel 5",
        original[5] + ";x;opmerking bij regel 6",
    ]
    assert export.read_bytes() == EXPORT.encode("cp1252")  # the export itself is untouched
    out = capsys.readouterr().out
    assert "huur.csv: 4 regels; 1 afgewezen, 1 geaccepteerd" in out
    assert "huur-met-resultaat.csv" in out


def test_the_row_map_is_found_beside_the_result_file_by_name(setup) -> None:  # type: ignore[no-untyped-def]
    export = setup["exports"] / "huur.csv"
    delivered = _pseudonymise(setup, "woonstichting-proef", export)
    result = _platform_result(
        delivered, setup["uit"] / "huur-resultaat.csv", Layout("csv", 1, "cp1252", ";"), {2: "a"}
    )
    target = setup["root"] / "eigen.csv"
    assert terugmelding([str(result), "--uit", str(target)]) == 0
    lines = target.read_bytes().decode("cp1252").split("\r\n")
    assert lines[1].endswith(";a;opmerking bij regel 2")
    assert lines[2].endswith(";;geen resultaat: deze regel staat niet in het resultaatbestand "
                             "van het platform")  # fmt: skip


def test_a_changed_export_is_refused(setup, capsys) -> None:  # type: ignore[no-untyped-def]
    export = setup["exports"] / "huur.csv"
    delivered = _pseudonymise(setup, "woonstichting-proef", export)
    result = _platform_result(
        delivered, setup["uit"] / "huur-resultaat.csv", Layout("csv", 1, "cp1252", ";"), {2: "a"}
    )
    export.write_bytes(EXPORT.replace("\r\n\r\n", "\r\n").encode("cp1252"))  # one line less
    capsys.readouterr()
    assert terugmelding([str(result)]) == 2
    err = capsys.readouterr().err
    assert "is veranderd sinds het gepseudonimiseerd werd" in err
    assert not (setup["exports"] / "huur-met-resultaat.csv").exists()


def test_a_result_file_of_another_export_or_without_row_map_is_refused(setup, capsys) -> None:  # type: ignore[no-untyped-def]
    delivered = _pseudonymise(setup, "woonstichting-proef", setup["exports"] / "huur.csv")
    layout = Layout("csv", 1, "cp1252", ";")
    other = _platform_result(delivered, setup["uit"] / "huur-resultaat.csv", layout, {2: "a"})
    other.write_bytes(other.read_bytes().replace(b";2;", b";99;"))
    capsys.readouterr()
    assert terugmelding([str(other)]) == 2
    assert "hoort niet bij deze export" in capsys.readouterr().err
    lost = _platform_result(delivered, setup["downloads"] / "ander-resultaat.csv", layout, {})
    assert terugmelding([str(lost)]) == 2
    err = capsys.readouterr().err
    assert "Geen rijenkaart gevonden" in err
    assert "--rijen" in err
    assert "Traceback" not in err


def test_the_steward_gets_his_own_workbook_back_with_types_and_title_row(setup) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Achterstanden"
    sheet.append(["Energie Proef - betalingsachterstanden per 1 maart 2025"])
    sheet.append(["Klantnummer", "BSN", "Geboortedatum", "Bedrag", "Opmerking"])
    sheet.append(["K1", "111222333", "01-02-1980", 1048.53, "=1+1"])
    sheet.append([None, None, None, None, None])
    sheet.append(["K2", "123456782", "15-06-1975", 12, None])
    sheet["D3"].number_format = "#,##0.00"
    export = setup["exports"] / "energie.xlsx"
    book.save(export)
    delivered = _pseudonymise(setup, "energie-proef", export)
    layout = Layout("xlsx", 2, sheet="Achterstanden")
    words = {3: "geaccepteerd", 5: "afgewezen"}
    result = _platform_result(delivered, setup["uit"] / "energie-resultaat.xlsx", layout, words)
    assert terugmelding([str(result)]) == 0
    back = openpyxl.load_workbook(setup["exports"] / "energie-met-resultaat.xlsx")
    rows = [[c.value for c in row] for row in back["Achterstanden"].iter_rows()]
    assert rows[0][0] == "Energie Proef - betalingsachterstanden per 1 maart 2025"
    assert rows[1] == [
        "Klantnummer", "BSN", "Geboortedatum", "Bedrag", "Opmerking", "resultaat",
        "opmerking doorbraak",
    ]  # fmt: skip
    assert rows[2] == [
        "K1", "111222333", "01-02-1980", 1048.53, "=1+1", "geaccepteerd",
        "opmerking bij regel 3",
    ]  # fmt: skip
    assert rows[3] == [None] * 7
    assert rows[4][3:] == [12, None, "afgewezen", "opmerking bij regel 5"]
    assert back["Achterstanden"]["D3"].number_format == "#,##0.00"
