"""ADR 0015: the intake's bulk tables refer to their batch and partner without a database
constraint (a check per written row at COMMIT cost PostgreSQL about 13 µs a row of a new
delivery); Django's on_delete still guards them, and only the intake writes them."""

import pytest
from django.db import connection
from django.db.models import ProtectedError

from doorbraak.intake.models import BatchFilePart, ImportBatch, RowResult, SourceRecord
from doorbraak.intake.services import import_batch_run
from tests.intake.conftest import MakeFile

BULK = {
    RowResult: ["batch_id"],
    BatchFilePart: ["batch_id"],
    SourceRecord: ["batch_id", "partner_id"],
}


def test_the_bulk_tables_have_no_foreign_key_constraint(db: None) -> None:
    with connection.cursor() as cursor:
        for model, columns in BULK.items():
            found = connection.introspection.get_constraints(cursor, model._meta.db_table)
            checked = [c for info in found.values() if info["foreign_key"] for c in info["columns"]]
            assert not set(columns) & set(checked), (model.__name__, checked)


def test_django_still_guards_the_references(partner, export_file: MakeFile) -> None:
    batch = import_batch_run(partner=partner, path=export_file())
    assert SourceRecord.objects.filter(batch=batch).exists()
    with pytest.raises(ProtectedError):
        batch.delete()  # its records refer to it
    with pytest.raises(ProtectedError):
        partner.delete()
    dry = import_batch_run(partner=partner, path=export_file(year=2024), dry_run=True)
    assert RowResult.objects.filter(batch=dry).exists()
    assert BatchFilePart.objects.filter(batch=dry).exists()
    ImportBatch.objects.filter(pk=dry.pk).delete()  # a dry run's report goes with its batch
    assert not RowResult.objects.filter(batch_id=dry.pk).exists()
    assert not BatchFilePart.objects.filter(batch_id=dry.pk).exists()
