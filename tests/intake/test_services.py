"""A delivery: counters add up, the same file twice changes nothing, a later export updates by
its keys, a crash leaves no half batch, a dry run writes nothing, raw identifiers are refused."""

from pathlib import Path

import pytest

from doorbraak.core.errors import UserError
from doorbraak.intake import services
from doorbraak.intake.models import ImportBatch, RowResult, SourceRecord
from doorbraak.intake.services import import_batch_run
from doorbraak.register.models import FactBatch
from tests.intake.conftest import MakeFile


def _break_row(text: str, line: int, column: int, value: str) -> str:
    lines = text.split("\r\n")
    cells = lines[line - 1].split(";")
    cells[column] = value
    lines[line - 1] = ";".join(cells)
    return "\r\n".join(lines)


def _header(text: str) -> list[str]:
    return text.split("\r\n", 1)[0].split(";")


def _broken(column: str, value: str, line: int = 3):  # type: ignore[no-untyped-def]
    return lambda text: _break_row(text, line, _header(text).index(column), value)


def test_counters_add_up_and_rows_are_explained(partner, export_file: MakeFile) -> None:
    path = export_file(edit=_broken("Gemeld aan gemeente", "31-06-2025", line=14))
    batch = import_batch_run(partner=partner, path=path)
    assert batch.status == ImportBatch.Status.DONE
    assert batch.read == batch.accepted + batch.rejected
    assert batch.rejected == 1
    row = RowResult.objects.get(batch=batch, result=RowResult.Result.REJECTED)
    assert row.row_number == 14
    assert row.error_code == "datum-ongeldig"
    assert row.column == "Gemeld aan gemeente"
    assert row.message == (
        "Kolom 'Gemeld aan gemeente' (regel 14): '31-06-2025' is geen geldige datum; "
        "gebruik dd-mm-jjjj."
    )
    assert RowResult.objects.filter(batch=batch).count() == batch.read
    assert SourceRecord.objects.filter(batch=batch).count() == batch.accepted
    assert batch.fact_batch.kind == FactBatch.Kind.IMPORT


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("Achterstand", "veel", "bedrag-ongeldig"),
        ("Gemeld aan gemeente", "31-02-2025", "datum-ongeldig"),
        ("Achterstand", "-12,50", "waarde-negatief"),
        ("Gemeld aan gemeente", "01-01-2031", "datum-toekomst"),
        ("Soort", "Gas", "code-onbekend"),
        ("Dossiernummer", "", "waarde-verplicht"),
    ],
)
def test_each_fault_has_a_stable_code(partner, export_file: MakeFile, column, value, code) -> None:
    batch = import_batch_run(partner=partner, path=export_file(edit=_broken(column, value)))
    row = RowResult.objects.get(batch=batch, result=RowResult.Result.REJECTED)
    assert (row.error_code, row.row_number) == (code, 3)
    assert f"Kolom '{column}' (regel 3)" in row.message


def test_the_same_file_twice_changes_nothing(partner, export_file: MakeFile) -> None:
    path = export_file()
    first = import_batch_run(partner=partner, path=path)
    records = list(SourceRecord.objects.values_list("record_key", "digest", "batch_id"))
    again = import_batch_run(partner=partner, path=path)
    assert again.pk == first.pk
    assert (again.read, again.accepted, again.rejected) == (first.read, first.accepted, 0)
    assert list(SourceRecord.objects.values_list("record_key", "digest", "batch_id")) == records
    assert ImportBatch.objects.count() == 1


def test_an_overlapping_export_updates_by_its_keys(partner, export_file: MakeFile) -> None:
    first = import_batch_run(partner=partner, path=export_file())
    changed = export_file(edit=_broken("Achterstand", "9999,99", line=2), name="huur-b.csv")
    text = changed.read_bytes().decode("cp1252")
    key = _header(text).index("Dossiernummer")
    new_line = _break_row(text, 3, key, "HA-NIEUW-1").split("\r\n")[2]
    changed.write_bytes((text.rstrip("\r\n") + "\r\n" + new_line + "\r\n").encode("cp1252"))
    second = import_batch_run(partner=partner, path=changed)
    counts = {r: second.rows.filter(result=r).count() for r in RowResult.Result.values}
    assert counts["bijgewerkt"] == 1
    assert counts["geaccepteerd"] == 1
    assert counts["ongewijzigd"] == first.read - 1
    assert (second.updated, second.duplicates) == (1, first.read - 1)
    assert SourceRecord.objects.count() == first.accepted + 1


def test_a_crash_leaves_no_half_batch_and_a_rerun_completes(
    partner, export_file: MakeFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export_file()
    real = services._Records.flush

    def crash_after_writing(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)  # the chunk's records are written, in the batch's transaction
        raise RuntimeError("kill -9")

    monkeypatch.setattr(services._Records, "flush", crash_after_writing)
    facts_before = FactBatch.objects.count()
    with pytest.raises(RuntimeError):
        import_batch_run(partner=partner, path=path)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.RECEIVED
    assert (batch.read, RowResult.objects.count(), SourceRecord.objects.count()) == (0, 0, 0)
    assert FactBatch.objects.count() == facts_before
    monkeypatch.setattr(services._Records, "flush", real)
    done = import_batch_run(partner=partner, path=path)
    assert done.pk == batch.pk
    assert done.status == ImportBatch.Status.DONE
    assert SourceRecord.objects.count() == done.accepted > 10


def test_a_dry_run_writes_nothing_but_its_report(partner, export_file: MakeFile) -> None:
    path = export_file(edit=_broken("Soort", "Gas"))
    facts_before = FactBatch.objects.count()
    trial = import_batch_run(partner=partner, path=path, dry_run=True)
    assert trial.dry_run
    assert trial.read == trial.accepted + trial.rejected
    assert trial.rejected == 1
    assert SourceRecord.objects.count() == 0
    assert FactBatch.objects.count() == facts_before
    real = import_batch_run(partner=partner, path=path)
    assert real.pk != trial.pk
    assert (real.accepted, real.rejected) == (trial.accepted, trial.rejected)


def test_a_file_with_raw_identifiers_is_refused_whole(partner, synth_dir: Path) -> None:
    raw = synth_dir / "exports" / "woonstichting-veenhorst" / "huurachterstanden-2025.csv"
    with pytest.raises(UserError) as refused:
        import_batch_run(partner=partner, path=raw)
    assert refused.value.code == "niet-gepseudonimiseerd"
    assert "doorbraak pseudonymise" in refused.value.message
    assert "BSN" in refused.value.message
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.content_size == 0
    assert (RowResult.objects.count(), SourceRecord.objects.count()) == (0, 0)


def test_no_identifying_field_is_staged(partner, export_file: MakeFile) -> None:
    import_batch_run(partner=partner, path=export_file())
    for payload in SourceRecord.objects.values_list("payload", flat=True):
        assert not {"bsn", "given_name", "full_surname", "birth_date", "street"} & set(payload)
