"""The steward's result back, on the command line, on the page and in files.

The result file (download, `import --resultaat`) is the delivered file as it came with, per
row, its number in the partner's own export (`_regel`), `resultaat` in words and `opmerking`
(code, column, Dutch hint), formulas made inert. `import` lists every rejected and warned row.
The partner's own export comes back with the verdicts on its own rows: from `import --export`
beside it, or at the partner from the downloaded result file with `doorbraak terugmelding`,
and both give the same file.
"""

import importlib
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from doorbraak.core.errors import UserError
from doorbraak.intake.models import ImportBatch, RowResult
from doorbraak.intake.results import result_file_write
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner, Role
from doorbraak.pseudonymise.feedback import main as terugmelding
from doorbraak.pseudonymise.files import file_pseudonymise
from doorbraak.sources.mapping import mapping_load
from tests.conftest import TEST_KEY
from tests.intake.conftest import PARTNER, MakeFile, csv_rows

NAME = "huurachterstanden-2025.csv"
rows_listing = importlib.import_module("doorbraak.intake.management.commands.import").rows_listing


def _poison(text: str) -> str:
    lines = text.split("\r\n")
    cells = lines[1].split(";")
    cells[lines[0].split(";").index("Dossiernummer")] = '=HYPERLINK("http://x.invalid","klik")'
    cells[lines[0].split(";").index("Soort")] = "Gas"
    lines[1] = ";".join(cells)
    return "\r\n".join(lines)


def test_file_back_has_result_columns_and_inert_formulas(
    partner: Partner, export_file: MakeFile
) -> None:
    batch = import_batch_run(partner=partner, path=export_file(edit=_poison))
    rows = csv_rows(result_file_write(batch))
    assert rows[0][-3:] == ["_regel", "resultaat", "opmerking"]
    assert len(rows) == batch.read + 1
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["_regel"] == "2"
    assert first["resultaat"] == "afgewezen"
    assert first["opmerking"].startswith("code-onbekend: Kolom 'Soort' (regel 2)")
    assert first["Dossiernummer"].startswith("'=HYPERLINK")
    assert {r[-2] for r in rows[2:]} == {"geaccepteerd"}
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


# --- the whole way: the partner's export, pseudonymised, delivered, and back ----------------


@dataclass
class Chain:
    export: Path  # the partner's own export (Windows-1252, ';')
    delivered: Path  # what `doorbraak pseudonymise` made of it, beside its row map
    original: bytes


def _export_edit(text: str) -> str:
    """Six rows of the synthetic export; a blank line after the second (so every row after it
    is one line further down in the export than in the pseudonymised file); a BSN failing the
    elfproef on line 3 (warned) and an unknown 'Soort' on line 6 (rejected)."""
    lines = text.split("\r\n")[:7]
    header = lines[0].split(";")
    bsn, kind = header.index("BSN"), header.index("Soort")
    row = lines[2].split(";")
    row[bsn] = "123456789"
    lines[2] = ";".join(row)
    row = lines[4].split(";")
    row[kind] = "Gas"
    lines[4] = ";".join(row)
    return "\r\n".join([*lines[:3], "", *lines[3:]]) + "\r\n"


@pytest.fixture
def chain(partner: Partner, synth_dir: Path, tmp_path: Path) -> Chain:
    raw = (synth_dir / "exports" / PARTNER / NAME).read_bytes().decode("cp1252")
    export = tmp_path / "export" / NAME
    export.parent.mkdir()
    export.write_bytes(_export_edit(raw).encode("cp1252"))
    partner_mapping = mapping_load(synth_dir / "exports" / "mappings.yaml").partners[PARTNER]
    out = tmp_path / "uit"
    out.mkdir()
    report = file_pseudonymise(
        export,
        out,
        key=TEST_KEY,
        partner=partner_mapping,
        dataset=partner_mapping.datasets["huurachterstanden"],
    )
    assert report.rows_written == 6
    return Chain(export, out / NAME, export.read_bytes())


def _by_number(rows: list[list[str]]) -> dict[int, dict[str, str]]:
    header = rows[0]
    return {int(r[header.index("_regel")]): dict(zip(header, r, strict=True)) for r in rows[1:]}


def test_the_result_file_names_rows_by_their_number_in_the_partners_export(
    partner: Partner, chain: Chain
) -> None:
    batch = import_batch_run(partner=partner, path=chain.delivered)
    assert (batch.read, batch.accepted, batch.warned, batch.rejected) == (6, 4, 1, 1)
    rows = csv_rows(result_file_write(batch))
    assert rows[0][-2:] == ["resultaat", "opmerking"]
    by_number = _by_number(rows)
    assert sorted(by_number) == [2, 3, 5, 6, 7, 8]  # line 4 of the export was blank
    assert by_number[3]["resultaat"] == "geaccepteerd met waarschuwing"
    assert by_number[3]["opmerking"].startswith("bsn-ongeldig: Regel 3: het BSN in kolom 'BSN'")
    assert by_number[6]["resultaat"] == "afgewezen"
    assert by_number[6]["opmerking"].startswith("code-onbekend: Kolom 'Soort' (regel 6)")
    assert {by_number[n]["resultaat"] for n in (2, 5, 7, 8)} == {"geaccepteerd"}


def _import(*args: str) -> str:
    out = io.StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def _verdict_cells(line: str, width: int) -> list[str]:
    return line.split(";")[width:]


def test_import_lists_every_rejected_and_warned_row(partner: Partner, chain: Chain) -> None:
    output = _import(PARTNER, str(chain.delivered))
    assert "6 gelezen, 4 geaccepteerd" in output
    assert "1 met waarschuwing, 1 afgewezen" in output
    lines = output.splitlines()
    rejected = lines.index("Afgewezen regels (1):")
    assert lines[rejected + 1].startswith("  regel 6, kolom 'Soort': 'Gas' is geen bekende code")
    assert lines[rejected + 1].endswith("[code-onbekend]")
    warned = lines.index("Geaccepteerd met waarschuwing (1):")
    assert lines[warned + 1].startswith("  regel 3, kolom 'BSN': het BSN in kolom 'BSN'")
    assert lines[warned + 1].endswith("[bsn-ongeldig]")


def test_a_long_listing_is_cut_and_says_how_many_more(partner, export_file: MakeFile) -> None:  # type: ignore[no-untyped-def]
    def gas(text: str) -> str:
        return text.replace(";Huur;", ";Gas;")

    batch = import_batch_run(partner=partner, path=export_file(edit=gas))
    assert batch.rejected > 3
    lines = rows_listing(batch, limit=3)
    assert lines[0] == f"Afgewezen regels ({batch.rejected}):"
    assert len(lines) == 5
    assert lines[-1].startswith(f"  ... en nog {batch.rejected - 3} regels;")


def test_import_writes_the_result_file_or_the_partners_own_export(
    partner: Partner, chain: Chain, tmp_path: Path
) -> None:
    out = tmp_path / "resultaat.csv"
    output = _import(PARTNER, str(chain.delivered), "--proef", "--resultaat", str(out))
    assert f"Resultaatbestand geschreven: {out}" in output
    assert _by_number(csv_rows(out.read_bytes()))[6]["resultaat"] == "afgewezen"
    output = _import(PARTNER, str(chain.delivered), "--export", str(chain.export))
    own = chain.export.with_name("huurachterstanden-2025-met-resultaat.csv")
    assert f"geschreven: {own}" in output
    back = own.read_bytes().decode("cp1252").split("\r\n")
    original = chain.original.decode("cp1252").split("\r\n")
    width = len(original[0].split(";"))
    assert [line.split(";")[:width] if line else "" for line in back] == [
        line.split(";") if line else "" for line in original
    ]  # the export's own cells and its blank line, as they were
    assert _verdict_cells(back[0], width) == ["resultaat", "opmerking"]
    assert _verdict_cells(back[2], width)[0] == "geaccepteerd met waarschuwing"
    assert back[3] == ""
    assert _verdict_cells(back[5], width)[0] == "afgewezen"
    assert [_verdict_cells(back[n], width)[0] for n in (1, 4, 6, 7)] == ["geaccepteerd"] * 4
    assert chain.export.read_bytes() == chain.original


def test_a_changed_export_or_an_output_over_an_input_is_refused(
    partner: Partner, chain: Chain
) -> None:
    with pytest.raises(UserError, match="invoerbestanden"):
        _import(PARTNER, str(chain.delivered), "--resultaat", str(chain.delivered))
    assert not ImportBatch.objects.exists()  # refused before anything was stored
    chain.export.write_bytes(chain.original.replace(b"\r\n\r\n", b"\r\n"))
    with pytest.raises(UserError) as refused:
        _import(PARTNER, str(chain.delivered), "--export", str(chain.export))
    assert refused.value.code == "export-gewijzigd"


def test_the_web_download_and_terugmelding_give_what_import_export_gives(  # type: ignore[no-untyped-def]
    partner: Partner, chain: Chain, user_of, capsys
) -> None:
    client = Client()
    client.force_login(user_of(Role.DATA_STEWARD))
    upload = SimpleUploadedFile(NAME, chain.delivered.read_bytes())
    page = client.post(reverse("intake:list"), {"file": upload}, follow=True).content.decode()
    assert 'data-counter="warned">1<' in page
    assert 'data-counter="rejected">1<' in page
    assert "Geaccepteerd met waarschuwing: 1 regel" in page
    assert "bsn-ongeldig" in page
    assert "doorbraak terugmelding huurachterstanden-2025-resultaat.csv" in page
    batch = ImportBatch.objects.get()
    download = client.get(reverse("intake:result_file", args=[batch.pk]))
    assert download.status_code == 200
    assert "huurachterstanden-2025-resultaat.csv" in download["Content-Disposition"]
    saved = chain.delivered.with_name("huurachterstanden-2025-resultaat.csv")
    saved.write_bytes(download.content)
    assert terugmelding([str(saved)]) == 0
    own = chain.export.with_name("huurachterstanden-2025-met-resultaat.csv")
    by_terugmelding = own.read_bytes()
    own.unlink()
    _import(PARTNER, str(chain.delivered), "--export", str(chain.export))
    assert own.read_bytes() == by_terugmelding
    assert "Traceback" not in capsys.readouterr().err


def test_accepted_rows_say_whether_they_were_new_updated_or_unchanged(
    partner: Partner, export_file: MakeFile
) -> None:
    import_batch_run(partner=partner, path=export_file())
    again = import_batch_run(partner=partner, path=export_file(edit=lambda t: t + "\r\n"))
    results = set(RowResult.objects.filter(batch=again).values_list("result", flat=True))
    assert results == {RowResult.Result.UNCHANGED}
    rows = csv_rows(result_file_write(again))
    assert {(r[-2], r[-1]) for r in rows[1:] if r} == {
        ("geaccepteerd", "ongewijzigd: dit record was al eerder zo aangeleverd")
    }
