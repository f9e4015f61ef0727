"""`doorbraak pseudonymise` and `doorbraak import` refuse a file that is no export at all
(missing, empty, binary, UTF-16, a damaged workbook, only a header or title rows): exit code
not 0 and one Dutch message naming the fault, never a traceback, errno or class name. Both
commands run in-process, as a user runs them (`doorbraak.cli.main`)."""

from pathlib import Path

import pytest
from django.db import connections

from doorbraak.cli import main
from doorbraak.core.errors import UserError
from tests.intake.conftest import PARTNER, MakeFile
from tests.sources.broken import CSV_CASES, XLSX_CASES, Broken, assert_plain_dutch, broken_write

SOURCES = Path(__file__).parent.parent / "sources" / "fixtures"
XLSX_PARTNER = "wonen-kanaalstreek"
CASES = [pytest.param(case, id=f"{case.name}{case.suffix}") for case in CSV_CASES + XLSX_CASES]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _pseudonymise(tmp_path: Path, mapping: Path, partner: str, *files: Path) -> list[str]:
    key = tmp_path / "sleutel.hex"
    out = tmp_path / "uit"
    base = ["pseudonymise", "--mapping", str(mapping), "--partner", partner]
    return [*base, "--sleutel", str(key), "--maak-sleutel", "--uit", str(out), *map(str, files)]


@pytest.mark.parametrize("case", CASES)
def test_pseudonymise_refuses_a_broken_file(capsys, tmp_path: Path, case: Broken) -> None:  # type: ignore[no-untyped-def]
    partner, good, header_row = ("proef-csv", tmp_path / "goed.csv", 1)
    good.write_text("signaal_id;bsn;voornaam\nS1;123456782;Jan\n", encoding="utf-8")
    if case.suffix == ".xlsx":
        partner, good, header_row = ("proef-xlsx", SOURCES / "title-rows.xlsx", 3)
    path = broken_write(case, good, header_row, tmp_path, "signalen")
    argv = _pseudonymise(tmp_path, SOURCES / "mappings.yaml", partner, path)
    code, out = _run(capsys, *argv, "--dataset", "signalen")
    assert code != 0
    assert path.name in out
    assert_plain_dutch(out, case.words)
    assert "rijen gelezen" not in out


@pytest.fixture(scope="session")
def xlsx_export(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pseudonymised Excel delivery (title row, header on row 2), made by the real tool."""
    folder = tmp_path_factory.mktemp("xlsx")
    raw = synth_dir / "exports" / XLSX_PARTNER / "huurachterstanden-2025.xlsx"
    argv = _pseudonymise(folder, synth_dir / "exports" / "mappings.yaml", XLSX_PARTNER, raw)
    assert main(argv) == 0
    return folder / "uit" / raw.name


@pytest.fixture
def open_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """`main` closes every database connection when a command ends; the test's transaction
    must stay open."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.usefixtures("partner", "open_connections")
def test_import_refuses_a_broken_file(  # type: ignore[no-untyped-def]
    capsys, tmp_path: Path, export_file: MakeFile, xlsx_export: Path, case: Broken
) -> None:
    partner, good, header_row = (PARTNER, export_file(), 1)
    if case.suffix == ".xlsx":
        partner, good, header_row = (XLSX_PARTNER, xlsx_export, 2)
    path = broken_write(case, good, header_row, tmp_path, "huurachterstanden")
    capsys.readouterr()  # not what making the good export printed
    code, out = _run(capsys, "import", partner, str(path), "--dataset", "huurachterstanden")
    assert code != 0
    assert out.startswith("Fout: ")
    assert_plain_dutch(out, case.words)


@pytest.mark.usefixtures("partner")
def test_import_of_a_broken_file_raises_the_readers_code(tmp_path: Path) -> None:
    from django.core.management import call_command

    path = tmp_path / "huurachterstanden-leeg.csv"
    path.write_bytes(b"")
    with pytest.raises(UserError) as refused:
        call_command("import", PARTNER, str(path), "--dataset", "huurachterstanden")
    assert refused.value.code == "bestand-leeg"


@pytest.mark.usefixtures("open_connections")
def test_a_broken_stored_mapping_names_the_real_partner_and_dataset(  # type: ignore[no-untyped-def]
    capsys, partner, export_file: MakeFile
) -> None:
    from doorbraak.intake.models import SourceMapping

    mapping = SourceMapping.objects.filter(partner=partner, dataset="huurachterstanden").first()
    assert mapping is not None
    mapping.spec = mapping.spec | {"keys": ["bestaat_niet"]}
    mapping.save()
    path = export_file()
    code, out = _run(capsys, "import", PARTNER, str(path), "--dataset", "huurachterstanden")
    assert code != 0
    assert f"Partner '{PARTNER}', gegevensset 'huurachterstanden'" in out
    assert "'partner'" not in out
    assert "'gegevens'" not in out
