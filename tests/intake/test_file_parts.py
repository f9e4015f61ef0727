"""The delivered file is kept in pieces (`BatchFilePart`) and read back byte for byte; on
PostgreSQL the pieces go in by binary COPY (no hex text on either side)."""

import gzip
import io
from typing import Any

import pytest
from django.db import connection

from doorbraak.core import bulk
from doorbraak.intake import services
from doorbraak.intake.models import BatchFilePart, ImportBatch
from doorbraak.intake.services import content_store, content_unpack
from tests.intake.conftest import MakeFile


def test_every_byte_comes_back_from_its_pieces(
    partner, export_file: MakeFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = services.import_batch_run(partner=partner, path=export_file(), dry_run=True)
    BatchFilePart.objects.filter(batch=batch).delete()
    content = gzip.compress(bytes(range(256)) * 300 + b"\\x00\\\\N\t\n\r")  # COPY's specials
    monkeypatch.setattr(services, "PART_SIZE", 1000)  # many pieces
    copies: list[str] = []
    statement = bulk.copy_statement

    def recorded(*args: Any, **kwargs: Any) -> str:
        copies.append(statement(*args, **kwargs))
        return copies[-1]

    monkeypatch.setattr(bulk, "copy_statement", recorded)
    content_store(batch, io.BytesIO(content))
    assert content_unpack(batch) == gzip.decompress(content)
    assert BatchFilePart.objects.filter(batch=batch).count() == -(-len(content) // 1000)
    assert ImportBatch.objects.get(pk=batch.pk).content_size == len(content)
    if connection.vendor == "postgresql":
        assert copies, "no COPY"
        assert all(sql.endswith("(FORMAT BINARY)") for sql in copies), copies
