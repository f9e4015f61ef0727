"""Migration 0003 moves a delivered file kept in the batch row into `BatchFilePart`s, and back:
the file back still comes out whole after it."""

import gzip
import random

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from doorbraak.intake.models import ImportBatch
from doorbraak.intake.services import content_unpack

BEFORE, AFTER = [("intake", "0002_row_warning")], [("intake", "0003_file_parts")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_kept_file_moves_into_parts_and_back() -> None:
    delivered = random.Random(3).randbytes(5 << 19)  # 2.5 MiB that gzip cannot shrink
    content = gzip.compress(delivered, mtime=0)
    apps = _migrate(BEFORE).loader.project_state(BEFORE).apps
    partner = apps.get_model("partners", "Partner").objects.create(
        code="migratie-test", name="Migratietest", sector="gemeente"
    )  # its own partner: a transactional test starts from an empty database
    old = apps.get_model("intake", "ImportBatch").objects.create(
        partner_id=partner.pk, file_name="oud.csv", file_sha256="0" * 64, content=content
    )
    apps = _migrate(AFTER).loader.project_state(AFTER).apps
    parts = apps.get_model("intake", "BatchFilePart").objects.filter(batch_id=old.pk)
    assert parts.count() == 3  # pieces of a MiB
    batch = ImportBatch.objects.get(pk=old.pk)
    assert batch.content_size == len(content)
    assert content_unpack(batch) == delivered
    apps = _migrate(BEFORE).loader.project_state(BEFORE).apps
    back = apps.get_model("intake", "ImportBatch").objects.get(pk=old.pk)
    assert bytes(back.content) == content
    _migrate(AFTER)
