"""A large file's rows are checked in a worker process beside the import: the verdicts, the
stored records and a refusal are the same as when this process checks them, and a worker that
dies leaves no half batch. (`WORKER_FROM = 0` sends every file to the worker.)"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from doorbraak.core.errors import UserError
from doorbraak.intake import row_checks
from doorbraak.intake.models import BatchFilePart, ImportBatch, RowResult, SourceRecord
from doorbraak.intake.services import content_unpack, import_batch_run
from tests.intake.conftest import MakeFile


def _cell(line: int, column: str, value: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        lines = text.split("\r\n")
        at = lines[0].split(";").index(column)
        cells = lines[line - 1].split(";")
        cells[at] = value
        lines[line - 1] = ";".join(cells)
        return "\r\n".join(lines)

    return edit


def _faulty(text: str) -> str:
    """A date that does not exist, a code in capitals, an amount in words, a row repeated."""
    for edit in (
        _cell(4, "Gemeld aan gemeente", "31-06-2025"),
        _cell(6, "Soort", "HUUR"),
        _cell(13, "Achterstand", "veel"),
    ):
        text = edit(text)
    lines = text.split("\r\n")
    lines[9] = lines[2]  # the key of line 3 again on line 10
    return "\r\n".join(lines)


def _outcome(batch: ImportBatch) -> dict[str, Any]:
    rows = RowResult.objects.filter(batch=batch).order_by("row_number")
    records = SourceRecord.objects.filter(batch=batch).order_by("record_key")
    columns = ("row_number", "record_key", "result", "error_code", "column", "message")
    return {
        "counts": [getattr(batch, n) for n in ("read", "accepted", "warned", "rejected")],
        "rows": list(rows.values_list(*columns)),
        "records": list(records.values_list("record_key", "row_number", "payload", "digest")),
        "file": content_unpack(batch),
    }


def _forget(batch: ImportBatch) -> None:
    SourceRecord.objects.filter(batch=batch).delete()
    batch.delete()


@pytest.mark.parametrize("worker_first", [True, False])
def test_the_worker_and_this_process_give_the_same_verdicts(
    partner, export_file: MakeFile, monkeypatch: pytest.MonkeyPatch, worker_first: bool
) -> None:
    path = export_file(edit=_faulty)
    outcomes = []
    for worker in (worker_first, not worker_first):
        monkeypatch.setattr(row_checks, "WORKER_FROM", 0 if worker else None)
        batch = import_batch_run(partner=partner, path=path)
        outcomes.append(_outcome(batch))
        _forget(batch)
    assert outcomes[0] == outcomes[1]
    counts = outcomes[0]["counts"]
    assert counts[0] == counts[1] + counts[2] + counts[3]
    assert counts[2] >= 1  # warned
    assert counts[3] >= 3  # rejected
    assert outcomes[0]["file"] == path.read_bytes()


def test_a_value_found_in_the_worker_refuses_the_file_whole(
    partner, export_file: MakeFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_checks, "WORKER_FROM", 0)
    monkeypatch.setattr(row_checks, "CHUNK", 7)  # the refusal comes chunks into the file
    path = export_file(edit=_cell(40, "_sleutel_id", "ffffffffffffffff"))
    with pytest.raises(UserError) as refused:
        import_batch_run(partner=partner, path=path)
    assert refused.value.code == "sleutel-id-onbekend"
    assert "Regel 40" in refused.value.message
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert not RowResult.objects.exists()
    assert not SourceRecord.objects.exists()
    assert not BatchFilePart.objects.exists()


def _dies(*args: Any, **kwargs: Any) -> None:
    raise MemoryError("the worker is gone")


def test_a_worker_that_fails_leaves_no_half_batch(
    partner, export_file: MakeFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_checks, "WORKER_FROM", 0)
    monkeypatch.setattr(row_checks, "CHUNK", 7)
    real = row_checks.RowChecks.check
    calls = {"n": 0}

    def check_then_fail(self: row_checks.RowChecks, chunk: list[Any]) -> row_checks.Checked:
        calls["n"] += 1  # counted in the worker, which is forked after this was set
        if calls["n"] > 3:
            _dies()
        return real(self, chunk)

    monkeypatch.setattr(row_checks.RowChecks, "check", check_then_fail)
    path: Path = export_file()
    with pytest.raises(MemoryError):
        import_batch_run(partner=partner, path=path)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.RECEIVED  # a rerun completes it
    assert not RowResult.objects.exists()
    assert not SourceRecord.objects.exists()
    monkeypatch.setattr(row_checks.RowChecks, "check", real)
    done = import_batch_run(partner=partner, path=path)
    assert (done.pk, done.status) == (batch.pk, ImportBatch.Status.DONE)
    assert RowResult.objects.filter(batch=done).count() == done.read
