"""What the fuzz test (`test_fuzz.py`) found crashing, kept as small cases: each input is now
refused with a stable code and a Dutch message (on the right line), never a traceback."""

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml
from django.db import transaction

from doorbraak.core.definitions.nodes import document
from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.errors import UserError
from doorbraak.intake.mapping_check import mappings_read
from doorbraak.intake.mappings import mappings_load
from doorbraak.intake.models import RowResult
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.pseudonymise.cli import _mappings_read as pseudonymise_mappings_read
from doorbraak.pseudonymise.files import file_pseudonymise
from doorbraak.sources.mapping import MappingError, mapping_load
from tests.conftest import TEST_KEY
from tests.intake.conftest import PARTNER, MakeFile, csv_rows
from tests.sources.broken import TECHNICAL

FIXTURES = Path(__file__).parents[1] / "sources" / "fixtures"

# YAML that PyYAML composes but cannot make values of (yaml.safe_load raised ConstructorError,
# ValueError or RecursionError past every handler): (text, code, line)
UNMAKEABLE = {
    "te-diep-genest": ("version: 1\npartners: " + "[" * 5_000 + "]" * 5_000, "yaml-te-diep", 1),
    "onbekend-label": ("version: 1\npartners: !!python/name:os.system\n", "yaml-syntax", 2),
    "int-label-voor-woord": ("version: 1\npartners:\n  p: !!int HUISWERK\n", "yaml-waarde", 3),
    "datum-bestaat-niet": ("version: 1\npartners:\n  p:\n    name: 2024-02-30\n", "yaml-waarde", 4),
    "timestamp-label-voor-woord": ("version: 1\npartners: !!timestamp abc\n", "yaml-waarde", 2),
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


def _header_renamed(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        header, rest = text.split("\r\n", 1)
        return header.replace(old, new, 1) + "\r\n" + rest

    return edit


def test_the_same_column_twice_is_refused_whole(
    partner: Partner, export_file: MakeFile, tmp_path: Path
) -> None:
    """Found as: a pseudonymised export whose 'Soort' header was renamed 'Achterstand' (the
    intake's payload builder raised ValueError); pseudonymise took the last of the two."""
    path = export_file(edit=_header_renamed("Soort;", "Achterstand;"))
    with pytest.raises(UserError) as refused:
        import_batch_run(partner=partner, path=path, dry_run=True)
    assert refused.value.code == "kolom-dubbel"
    assert "'Achterstand' staat twee keer" in refused.value.message
    mapping = mapping_load(FIXTURES / "mappings.yaml").partners["proef-csv"]
    raw = tmp_path / "signalen-2024.csv"
    raw.write_text("signaal_id;bedrag;bedrag\nS1;12,50;13,50\n", encoding="utf-8")
    out = tmp_path / "uit"
    out.mkdir()
    report = file_pseudonymise(
        raw, out, key=TEST_KEY, partner=mapping, dataset=mapping.datasets["signalen"]
    )
    assert report.refused is not None
    assert report.refused.code == "kolom-dubbel"


def _pseudonymised_rows(synth_dir: Path, tmp_path: Path) -> list[list[str]]:
    """The first five rows of a corporation's export, as `doorbraak pseudonymise` writes them
    (with `_regel`, `_probleem` and `_sleutel_id`)."""
    mapping = mapping_load(synth_dir / "exports" / "mappings.yaml").partners[PARTNER]
    raw = synth_dir / "exports" / PARTNER / "huurachterstanden-2025.csv"
    small = tmp_path / "export" / raw.name
    small.parent.mkdir()
    small.write_bytes(b"".join(raw.read_bytes().splitlines(keepends=True)[:6]))
    out = tmp_path / "uit"
    out.mkdir()
    dataset = mapping.datasets["huurachterstanden"]
    file_pseudonymise(small, out, key=TEST_KEY, partner=mapping, dataset=dataset)
    return csv_rows((out / raw.name).read_bytes())


def _delivered(rows: list[list[str]], tmp_path: Path) -> Path:
    path = tmp_path / "huurachterstanden-2025.csv"
    lines = [";".join(row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def test_a_row_copied_after_pseudonymise_refuses_the_file(
    partner: Partner, synth_dir: Path, tmp_path: Path
) -> None:
    """Found as: a pseudonymised export with one row twice (its `_regel` too): the intake
    wrote two results for one row number (IntegrityError)."""
    rows = _pseudonymised_rows(synth_dir, tmp_path)
    with pytest.raises(UserError) as refused:
        import_batch_run(partner=partner, path=_delivered([*rows, rows[2]], tmp_path))
    assert refused.value.code == "regelnummers-gewijzigd"
    assert "regel 3 na regel 6" in refused.value.message


def test_a_row_number_no_database_holds_is_no_crash(
    partner: Partner, synth_dir: Path, tmp_path: Path
) -> None:
    """A `_regel` of 5,000 digits raised ValueError (int() of too many digits): the row keeps
    its line in the file. One of 10 digits does not fit `RowResult.row_number` on PostgreSQL:
    the file is refused."""
    rows = _pseudonymised_rows(synth_dir, tmp_path)
    rows[-1][rows[0].index("_regel")] = "9" * 5_000
    batch = import_batch_run(partner=partner, path=_delivered(rows, tmp_path), dry_run=True)
    assert RowResult.objects.filter(batch=batch, row_number=6).exists()
    rows[-1][rows[0].index("_regel")] = "9" * 10
    with pytest.raises(UserError) as refused:
        import_batch_run(partner=partner, path=_delivered(rows, tmp_path), dry_run=True)
    assert refused.value.code == "regelnummers-gewijzigd"


def test_a_problem_column_pseudonymise_did_not_write_rejects_the_row(
    partner: Partner, synth_dir: Path, tmp_path: Path
) -> None:
    """Found as: a row whose `_probleem` cell held a date; the intake took the date as the
    row's error code."""
    rows = _pseudonymised_rows(synth_dir, tmp_path)
    rows[2][rows[0].index("_probleem")] = "2026-03-06"
    batch = import_batch_run(partner=partner, path=_delivered(rows, tmp_path), dry_run=True)
    result = RowResult.objects.get(batch=batch, row_number=3)
    assert (result.result, result.error_code) == (RowResult.Result.REJECTED, "probleem-onbekend")
    assert "'_probleem'" in result.message
    assert batch.read == batch.accepted + batch.warned + batch.rejected == 5


def test_a_nul_character_past_the_first_bytes_rejects_its_row(
    partner: Partner, synth_dir: Path, tmp_path: Path
) -> None:
    """Found on PostgreSQL as: a NUL character in a cell past the first 4 KB (which the
    binary check reads): PostgreSQL refused the row's result (DataError)."""
    rows = _pseudonymised_rows(synth_dir, tmp_path)
    rows[1][rows[0].index("Soort")] = "x" * 5_000  # past the first 4 KB
    rows[-1][rows[0].index("Dossiernummer")] += "\x00"
    batch = import_batch_run(partner=partner, path=_delivered(rows, tmp_path), dry_run=True)
    result = RowResult.objects.get(batch=batch, row_number=6)
    assert (result.result, result.error_code) == (RowResult.Result.REJECTED, "regel-onleesbaar")
    assert "NUL" in result.message
    assert batch.read == batch.accepted + batch.warned + batch.rejected == 5
    assert batch.rejected == 2  # and the row of 5,000 x's


def test_a_mapping_with_values_json_has_no_form_for_is_stored(
    demo_world: None, synth_dir: Path, tmp_path: Path
) -> None:
    """Found as: `mappings load` of a mapping the check passed raised ValueError (a YAML
    alias that holds itself, now refused as every alias is), or a database error (NaN, a NUL
    character in a header, now refused as kolom-onzichtbaar-teken)."""
    data = yaml.safe_load((synth_dir / "exports" / "mappings.yaml").read_text(encoding="utf-8"))
    one = {"version": 1, "partners": {PARTNER: data["partners"][PARTNER]}}
    text = yaml.safe_dump(one, allow_unicode=True, sort_keys=False)
    path = tmp_path / "mappings.yaml"
    path.write_text(text.replace("dialect: ", "dialect: &d [*d] #", 1), encoding="utf-8")
    with pytest.raises(UserError, match="anker"):  # an alias that holds itself
        mappings_load(path=path)
    path.write_text(text.replace("Dossiernummer:", '"Dossier\\0nummer":', 1), encoding="utf-8")
    with pytest.raises(UserError, match="onzichtbaar"):
        mappings_load(path=path)
    variants = {
        "nan": text.replace("dialect: ", "dialect: .nan #", 1),
    }
    path = tmp_path / "mappings.yaml"
    for name, variant in variants.items():
        path.write_text(variant, encoding="utf-8")
        assert variant != text, name
        with transaction.atomic():
            assert mappings_load(path=path).created == 1, name
            transaction.set_rollback(True)


def test_a_workbook_whose_packed_data_is_damaged_is_refused_as_damaged(tmp_path: Path) -> None:
    """Found as: a workbook whose sheet's deflate data was damaged inside a sound zip: the
    check of what a workbook may ask of the reader raised zlib.error."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Signalen"
    for row in (["titel"], ["sub"], ["signaal_id", "bedrag"]):
        sheet.append(row)
    for i in range(200):
        sheet.append([f"S{i}", f"{i},50 " * 20])
    packed = io.BytesIO()
    book.save(packed)
    content = bytearray(packed.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(content))).getinfo("xl/worksheets/sheet1.xml")
    data = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = data + info.compress_size // 2
    content[middle : middle + 8] = random.Random(0).randbytes(8)  # zlib: 'invalid distance'
    path = tmp_path / "signalen-2024.xlsx"
    path.write_bytes(bytes(content))
    mapping = mapping_load(FIXTURES / "mappings.yaml").partners["proef-xlsx"]
    out = tmp_path / "uit"
    out.mkdir()
    report = file_pseudonymise(
        path, out, key=TEST_KEY, partner=mapping, dataset=mapping.datasets["signalen"]
    )
    assert report.refused is not None
    assert report.refused.code == "excel-beschadigd"
