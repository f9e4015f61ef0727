"""`import` streams: rows go from the reader to the database a chunk at a time, so memory
stays flat however long the file is (the figures at 1,000,000 rows are in docs/benchmarks.md)."""

import tracemalloc
from pathlib import Path

import pytest

from doorbraak.intake.models import ImportBatch, RowResult, SourceRecord
from doorbraak.intake.row_checks import CHUNK
from doorbraak.intake.services import import_batch_run
from tests.intake.conftest import PARTNER, pseudonymised

pytestmark = pytest.mark.slow
ROWS = 8 * CHUNK


def _long_file(synth_dir: Path, path: Path, rows: int) -> None:
    """The partner's pseudonymised arrears export, its rows repeated under new keys."""
    raw = (synth_dir / "exports" / PARTNER / "huurachterstanden-2025.csv").read_bytes()
    header, *lines = [line for line in pseudonymised(raw).decode("cp1252").split("\r\n") if line]
    key_at = header.split(";").index("Dossiernummer")
    out = [header]
    while len(out) <= rows:
        for line in lines[: rows + 1 - len(out)]:
            cells = line.split(";")
            cells[key_at] = f"{cells[key_at]}-{len(out)}"
            out.append(";".join(cells))
    path.write_bytes("\r\n".join(out).encode("cp1252"))


def _peak(partner, path: Path) -> tuple[ImportBatch, int]:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        batch = import_batch_run(partner=partner, path=path)
        return batch, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_file(partner, synth_dir: Path, tmp_path: Path) -> None:
    short, long = tmp_path / "huurachterstanden-2025.csv", tmp_path / "huur-lang.csv"
    _long_file(synth_dir, short, ROWS // 4)
    _long_file(synth_dir, long, ROWS)
    first, peak_short = _peak(partner, short)
    batch, peak_long = _peak(partner, long)
    assert batch.read == ROWS == batch.accepted + batch.rejected
    assert RowResult.objects.filter(batch=batch).count() == ROWS
    assert SourceRecord.objects.filter(batch=batch).count() == batch.accepted - batch.duplicates
    # four times the rows, not four times the memory: what grows is only the set of keys seen
    # and the packed file
    assert peak_long < 2 * peak_short, (peak_short, peak_long)
    assert first.read == ROWS // 4
