"""The partners' shared key by key id (ADR 0010): `doorbraak pseudonymise` writes the key id
of its key on every row, the programme team records the current one with `doorbraak
partners key`, and the intake refuses a delivery made with any other key, whole, in Dutch,
unless it is an earlier key not yet withdrawn."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.core.pseudonyms import KEY_ID_COLUMN, key_id
from doorbraak.intake.models import ImportBatch, SourceRecord
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.keys import key_ids_accepted, key_register, key_withdraw
from doorbraak.partners.models import KeyGeneration, Partner
from doorbraak.pseudonymise.cli import main as pseudonymise
from tests.conftest import TEST_KEY
from tests.intake.conftest import PARTNER, MakeFile, csv_rows

NEW_KEY = bytes(range(100, 132))


def _keys(*args: str) -> str:
    out = io.StringIO()
    call_command("partners", "key", *args, stdout=out)
    return out.getvalue()


def _pseudonymised(synth_dir: Path, tmp_path: Path, key: bytes) -> Path:
    """One of the demo corporation's raw exports through `doorbraak pseudonymise`."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    key_file = tmp_path / "sleutel.txt"
    key_file.write_text(key.hex() + "\n")
    exports = synth_dir / "exports"
    code = pseudonymise([
        "--mapping", str(exports / "mappings.yaml"), "--partner", PARTNER,
        "--sleutel", str(key_file), "--uit", str(tmp_path / "uit"),
        str(exports / PARTNER / "huurachterstanden-2025.csv"),
    ])  # fmt: skip
    assert code == 0
    return tmp_path / "uit" / "huurachterstanden-2025.csv"


def test_pseudonymise_shows_and_writes_the_key_id(
    synth_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = tmp_path / "nieuw.txt"
    assert pseudonymise(["--sleutel", str(key_file), "--maak-sleutel"]) == 0
    made = bytes.fromhex(key_file.read_text())
    assert f"(sleutel-id {key_id(made)})" in capsys.readouterr().out
    out = _pseudonymised(synth_dir, tmp_path, TEST_KEY)
    rows = csv_rows(out.read_bytes())
    column = rows[0].index(KEY_ID_COLUMN)
    assert {row[column] for row in rows[1:]} == {key_id(TEST_KEY)}
    assert len(rows) > 10
    report = (out.parent / f"{out.name}.rapport.txt").read_text()
    assert f"Sleutel-id: {key_id(TEST_KEY)}" in report
    assert TEST_KEY.hex() not in out.read_text(encoding="cp1252") + report


def test_the_key_alone_needs_no_mapping_but_files_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pseudonymise(["--sleutel", str(tmp_path / "ontbreekt.txt")]) == 2
    assert "--maak-sleutel" in capsys.readouterr().err
    code = pseudonymise(["--sleutel", str(tmp_path / "k.txt"), str(tmp_path / "a.csv")])
    assert code == 2
    assert "deze argumenten ontbreken: --mapping, --partner, --uit" in capsys.readouterr().err


def test_a_delivery_with_the_current_key_is_taken(
    mappings: Path, synth_dir: Path, tmp_path: Path
) -> None:
    batch = import_batch_run(
        partner=Partner.objects.get(code=PARTNER),
        path=_pseudonymised(synth_dir, tmp_path, TEST_KEY),
    )
    assert batch.status == ImportBatch.Status.DONE
    assert batch.accepted > 0
    stored = SourceRecord.objects.filter(batch=batch).first()
    assert stored is not None
    assert KEY_ID_COLUMN not in stored.payload  # the key id is not kept with the records


def test_a_delivery_with_another_key_is_refused_whole(
    mappings: Path, synth_dir: Path, tmp_path: Path
) -> None:
    partner = Partner.objects.get(code=PARTNER)
    path = _pseudonymised(synth_dir, tmp_path, NEW_KEY)
    with pytest.raises(UserError) as error:
        import_batch_run(partner=partner, path=path)
    assert error.value.code == "sleutel-id-onbekend"
    assert f"sleutel-id: {key_id(NEW_KEY)}" in error.value.message
    assert f"(sleutel-id {key_id(TEST_KEY)})" in error.value.message  # the one to use
    assert "Er is niets opgeslagen" in error.value.message
    batch = ImportBatch.objects.get(partner=partner, file_name=path.name)
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.message.startswith("[sleutel-id-onbekend]")
    assert not SourceRecord.objects.filter(batch=batch).exists()


def test_after_a_rotation_the_old_key_is_taken_until_it_is_withdrawn(
    mappings: Path, synth_dir: Path, tmp_path: Path
) -> None:
    partner = Partner.objects.get(code=PARTNER)
    old = _pseudonymised(synth_dir, tmp_path / "oud", TEST_KEY)
    new = _pseudonymised(synth_dir, tmp_path / "nieuw", NEW_KEY)
    printed = _keys(key_id(NEW_KEY))
    assert f"Sleutel-id {key_id(NEW_KEY)} is de huidige sleutel" in printed
    assert import_batch_run(partner=partner, path=new, dry_run=True).accepted > 0
    assert import_batch_run(partner=partner, path=old, dry_run=True).accepted > 0
    assert "ingetrokken" in _keys("--intrekken", key_id(TEST_KEY))
    with pytest.raises(UserError) as error:
        import_batch_run(partner=partner, path=old, dry_run=True)
    assert error.value.code == "sleutel-id-ingetrokken"
    assert f"huidige sleutel (sleutel-id {key_id(NEW_KEY)})" in error.value.message
    listing = _keys()
    assert f"{key_id(NEW_KEY)}  huidige" in listing
    assert f"{key_id(TEST_KEY)}  ingetrokken" in listing
    actions = list(AuditEvent.objects.values_list("action", "object_id"))
    assert (AuditAction.PARTNER_KEY_REGISTER.value, key_id(NEW_KEY)) in actions
    assert (AuditAction.PARTNER_KEY_WITHDRAW.value, key_id(TEST_KEY)) in actions


def test_a_file_with_pseudonyms_but_no_key_id_is_refused(
    mappings: Path, export_file: MakeFile
) -> None:
    def drop_key_id(text: str) -> str:
        return "\r\n".join(line.rsplit(";", 1)[0] for line in text.split("\r\n"))

    with pytest.raises(UserError) as error:
        import_batch_run(
            partner=Partner.objects.get(code=PARTNER), path=export_file(edit=drop_key_id)
        )
    assert error.value.code == "sleutel-id-ontbreekt"
    assert KEY_ID_COLUMN in error.value.message


def test_a_stray_value_in_the_key_id_column_is_not_repeated(
    mappings: Path, export_file: MakeFile
) -> None:
    """The message is stored with the batch: it repeats a key id, never other cell text."""
    path = export_file(edit=lambda text: text.replace(key_id(TEST_KEY), "123456782", 1))
    with pytest.raises(UserError) as error:
        import_batch_run(partner=Partner.objects.get(code=PARTNER), path=path)
    assert error.value.code == "sleutel-id-onbekend"
    assert "123456782" not in error.value.message
    assert "geen sleutel-id" in error.value.message


def test_without_a_recorded_key_nothing_keyed_is_taken(
    mappings: Path, export_file: MakeFile
) -> None:
    KeyGeneration.objects.all().delete()
    with pytest.raises(UserError) as error:
        import_batch_run(partner=Partner.objects.get(code=PARTNER), path=export_file())
    assert error.value.code == "sleutel-id-niet-vastgelegd"
    assert "doorbraak partners key SLEUTEL-ID" in error.value.message
    assert "nog geen sleutel-id vastgelegd" in _keys()


def test_recording_keys_is_checked(demo_world: None) -> None:
    current = key_id(TEST_KEY)
    assert key_register(key_id=current.upper()).key_id == current  # again: nothing changes
    assert KeyGeneration.objects.count() == 1
    with pytest.raises(UserError) as key_itself:
        key_register(key_id=NEW_KEY.hex())
    assert key_itself.value.code == "sleutel-id-ongeldig"
    assert "de sleutel zelf" in key_itself.value.message
    assert NEW_KEY.hex() not in key_itself.value.message
    with pytest.raises(UserError) as current_one:
        key_withdraw(key_id=current)
    assert current_one.value.code == "sleutel-id-huidig"
    key_register(key_id=key_id(NEW_KEY))
    with pytest.raises(UserError) as back:
        key_register(key_id=current)
    assert back.value.code == "sleutel-id-eerder-gebruikt"
    with pytest.raises(UserError):
        key_withdraw(key_id="0" * 16)
    ids = key_ids_accepted()
    assert (ids.current, ids.accepted) == (key_id(NEW_KEY), {current, key_id(NEW_KEY)})
