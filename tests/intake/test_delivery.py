"""Delivered files through `doorbraak.sources`: every partner dialect reads, broken files are
refused whole with a stable code and a Dutch reason, and the file back keeps the dialect with
formula cells made inert."""

import io
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import KEY_ID_COLUMN
from doorbraak.intake.delivery import delivery_read, result_file_build, source_mapping
from doorbraak.intake.mappings import mapping_latest, mapping_spec
from doorbraak.intake.models import ImportBatch, RowResult, SourceRecord
from doorbraak.intake.results import result_file_write
from doorbraak.intake.services import import_batch_run
from doorbraak.intake.validation import IDENTIFYING, RowChecker
from doorbraak.partners.models import Partner
from doorbraak.sources.readers import read_rows
from doorbraak.sources.writers import rows_write
from tests.intake.conftest import KEY_ID, MakeFile, csv_rows

SPEC = {
    "file": "csv",
    "encoding": "utf-8",
    "delimiter": ";",
    "date_format": "%d-%m-%Y",
    "decimal": ",",
    "keys": ["record_id"],
    "columns": {"Dossier": "record_id", "Bedrag": "amount", "BSN": "bsn"},
    "types": {"amount": "decimal"},
}
XLSX_PARTNER = "wonen-kanaalstreek"


def _specs(synth_dir: Path):  # type: ignore[no-untyped-def]
    data = yaml.safe_load((synth_dir / "exports" / "mappings.yaml").read_text(encoding="utf-8"))
    for code, partner in data["partners"].items():
        for dataset in partner["datasets"].values():
            yield code, dataset["files"][0], mapping_spec(partner, dataset)


def test_every_partner_dialect_reads_with_its_columns(synth_dir: Path) -> None:
    for code, file_name, spec in _specs(synth_dir):
        partner, dataset = source_mapping(spec)
        read = read_rows(synth_dir / "exports" / code / file_name, partner, dataset)
        assert read.usable, (code, file_name)
        assert {h.casefold() for h in read.headers} <= {c.casefold() for c in spec["columns"]}
        assert read.rows, (code, file_name)
        # the identifying columns never reach the checker: the intake refuses them first
        fields = [None if f in IDENTIFYING else f for f in read.fields]
        checker = RowChecker(partner=partner, dataset=dataset, headers=read.headers, fields=fields)
        for number, fields in read.rows:
            parsed = checker.parse(number, fields)
            assert (parsed.data is None) == (parsed.problem is not None)


KEY_CELLS = [
    "", "  ", "M1", " M1 ", "Totaal", " totaal:", "TOTAAL", "Totaalzorg", "Subtotaal",
    "Eindtotaal", "Generaal totaal", "123456782", "1234 AB 5", "01-02-1980", "é", "a\u2028b",
    'a"b', "a\\b", "\t", "x" * 300,
]  # fmt: skip


def test_the_key_cell_made_the_short_way_is_the_cell(synth_dir: Path) -> None:
    """`RowChecker._key_cell` (the single key column, every row) gives what `_cell` gives."""
    shortcut = 0
    for _code, _file_name, spec in _specs(synth_dir):
        partner, dataset = source_mapping(spec)
        fields: list[str | None] = [*dataset.fields]
        checker = RowChecker(partner=partner, dataset=dataset, headers=fields, fields=fields)  # type: ignore[arg-type]
        if checker.key_at is None:
            continue
        shortcut += 1
        column = checker.stored[checker.key_at]
        for raw in KEY_CELLS:
            assert checker._key_cell(column, raw) == checker._cell(column, raw), (spec, raw)
    assert shortcut  # some dataset has a single text key


def _write(tmp_path: Path, content: bytes, name: str = "levering.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "bestand-leeg"),
        (b"  \r\n \r\n", "bestand-leeg"),
        (b"\x00\x01\x02binary", "bestand-onleesbaar"),
        (b"PK\x03\x04broken", "bestand-onleesbaar"),
        (b"Bedrag;Opmerking\r\n12,50;x\r\n", "sleutelkolom-ontbreekt"),
        (b"Dossier;BSN;Bedrag\r\nD1;123456782;12,50\r\n", "niet-gepseudonimiseerd"),
    ],
)
def test_broken_files_are_refused_in_dutch(tmp_path: Path, content: bytes, code: str) -> None:
    with pytest.raises(UserError) as refused:
        delivery_read(path=_write(tmp_path, content), spec=SPEC)
    assert refused.value.code == code
    assert refused.value.message


def test_a_broken_excel_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, b"PK\x03\x04" + b"\x00" * 50, "upload")
    with pytest.raises(UserError) as refused:
        delivery_read(path=path, spec=SPEC | {"file": "xlsx"})
    assert refused.value.code == "excel-beschadigd"


def test_a_wrong_encoding_is_read_with_a_warning(tmp_path: Path) -> None:
    content = "Dossier;Bedrag;pseudoniem\r\nD1;12,50;Caf\u00e9\r\n".encode("cp1252")
    delivery = delivery_read(path=_write(tmp_path, content), spec=SPEC)
    assert delivery.read.rows == [
        (2, {"record_id": "D1", "amount": "12,50", "pseudoniem": "Caf\u00e9"})
    ]
    assert [p.code for p in delivery.warnings] == ["andere-codering"]


def test_undeclared_columns_are_kept_under_their_header(tmp_path: Path) -> None:
    content = b"pseudoniem;Dossier;Bedrag;enc_given_name\r\np1;D1;12,50;AAE=\r\n"
    delivery = delivery_read(path=_write(tmp_path, content), spec=SPEC)
    assert delivery.read.fields == ["pseudoniem", "record_id", "amount", "enc_given_name"]
    assert {p.code for p in delivery.read.file_problems} == {"kolom-ontbreekt"}  # BSN, dropped
    assert delivery.warnings == []


def test_csv_file_back_keeps_negative_amounts_and_neutralises_formulas(tmp_path: Path) -> None:
    content = b"Dossier;Bedrag;Opmerking\r\nD1;-12,50;@SUM(A1)\r\n"
    back = result_file_build(content=content, spec=SPEC, verdicts={2: ("afgewezen", "-reden")})
    assert back.decode().splitlines() == [  # the file's own 'Opmerking' is left alone
        "Dossier;Bedrag;Opmerking;_regel;resultaat;opmerking doorbraak",
        "D1;-12,50;'@SUM(A1);2;afgewezen;'-reden",
    ]


def test_xlsx_file_back_keeps_title_rows_and_neutralises_formulas(tmp_path: Path) -> None:
    spec = SPEC | {"file": "xlsx", "header_row": 2, "title_rows": 1, "sheet": "Gegevens"}
    partner, dataset = source_mapping(spec)
    source = tmp_path / "levering.xlsx"
    rows_write(
        source,
        partner,
        ["Dossier", "Bedrag", "Opmerking"],
        [["D1", "12,50", "x"], ["D2", "-3", "=1+1"]],
        title_rows=["Export huurachterstanden"],
        sheet=dataset.sheet,
    )
    content = result_file_build(
        content=source.read_bytes(),
        spec=spec,
        verdicts={3: ("geaccepteerd", ""), 4: ("afgewezen", "=reden")},
    )
    sheet = load_workbook(io.BytesIO(content))["Gegevens"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows == [
        ["Export huurachterstanden", None, None, None, None, None],
        ["Dossier", "Bedrag", "Opmerking", "_regel", "resultaat", "opmerking doorbraak"],
        ["D1", "12,50", "x", 3, "geaccepteerd", None],
        ["D2", "-3", "'=1+1", 4, "afgewezen", "'=reden"],
    ]
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def _xlsx_export(path: Path, partner: Partner, rows: list[list[str]]) -> Path:
    mapping = mapping_latest(partner=partner, dataset="huurachterstanden")
    assert mapping is not None
    sources_partner, dataset = source_mapping(mapping.spec)
    headers = ["bsn_pseudonym", "DOSSIERNUMMER", "SOORT", "ACHTERSTAND", "GEMELD AAN GEMEENTE"]
    keyed = [[*row, KEY_ID] for row in rows]  # made with the test world's key (ADR 0010)
    rows_write(
        path, sources_partner, [*headers, KEY_ID_COLUMN], keyed, title_rows=["Export"],
        sheet=dataset.sheet,
    )  # fmt: skip
    return path


def test_an_excel_delivery_without_extension_imports_and_comes_back(
    mappings: Path, tmp_path: Path
) -> None:
    partner = Partner.objects.get(code=XLSX_PARTNER)
    path = _xlsx_export(
        tmp_path / "upload",
        partner,
        [
            ["p1", "HA1", "Huur", "12,50", "01-02-2025"],
            ["p2", "HA2", "Gas", "3,-", "01-02-2025"],
            ["p3", "HA3", "Huur", "450,-", "2025-02-01"],
        ],
    )
    batch = import_batch_run(partner=partner, path=path, file_name="huurachterstanden.xlsx")
    assert (batch.read, batch.accepted, batch.rejected) == (3, 2, 1)
    assert SourceRecord.objects.get(record_key="HA3").payload["amount"] == "450"
    sheet = load_workbook(io.BytesIO(result_file_write(batch))).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Export"
    assert rows[1][-2:] == ["resultaat", "opmerking"]
    assert [r[-2] for r in rows[2:]] == ["geaccepteerd", "afgewezen", "geaccepteerd"]


def _append(text: str, *lines: str) -> str:
    return text.rstrip("\r\n") + "\r\n" + "\r\n".join(lines) + "\r\n"


def test_shifted_and_broken_rows_are_rejected_and_come_back(
    partner: Partner, export_file: MakeFile
) -> None:
    def edit(text: str) -> str:
        width = len(text.split("\r\n", 1)[0].split(";"))
        shifted = ";".join(["p", "HA-SCHUIF", "Huur"] + ["x"] * width)
        return _append(text, shifted, 'p;"HA-OPEN;Huur')

    batch = import_batch_run(partner=partner, path=export_file(edit=edit))
    assert batch.read == batch.accepted + batch.rejected
    codes = set(
        RowResult.objects.filter(batch=batch, result="afgewezen").values_list(
            "error_code", flat=True
        )
    )
    assert codes == {"regel-te-veel-velden", "regel-afgebroken"}
    rows = csv_rows(result_file_write(batch))
    assert len(rows) == batch.read + 1
    assert rows[-1][-2] == "afgewezen"
    assert "afgebroken" in rows[-1][-1]


def test_the_stored_file_is_compressed_and_comes_back_whole(
    partner: Partner, export_file: MakeFile
) -> None:
    path = export_file()
    batch = import_batch_run(partner=partner, path=path)
    stored = ImportBatch.objects.get(pk=batch.pk)
    assert 0 < stored.content_size < path.stat().st_size
    back = csv_rows(result_file_write(stored))
    original = csv_rows(path.read_bytes())
    assert [row[:-3] for row in back] == original  # + _regel, resultaat, opmerking
