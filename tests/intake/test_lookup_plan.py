"""The intake's lookup of stored records probes the unique index a key at a time, whatever
PostgreSQL's statistics say. Right after a large delivery the records table has none (until
autovacuum analyses it), and a plain join of the chunk's keys to the table was then planned as
a hash join that read every record of the partner's dataset for each chunk of 5,000 keys: the
second import of a million rows spent most of its time there (docs/benchmarks.md)."""

import pytest
from django.db import connection

from doorbraak.intake.models import SourceRecord
from doorbraak.intake.row_checks import CHUNK
from doorbraak.intake.services import _lookup_sql, _Records, import_batch_run
from tests.intake.conftest import MakeFile


def test_a_chunk_of_keys_probes_the_index_on_a_table_without_statistics(
    partner, export_file: MakeFile
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    # The table as a delivery finds it when autovacuum has not been at it yet. Earlier tests'
    # rolled-back imports leave dead rows, and once autovacuum has vacuumed them away the
    # planner knows the table to be nearly empty and rightly scans its one page: whether that
    # happened depended on timing (slower runs, several test processes at once). TRUNCATE (in
    # this test's transaction, rolled back with it) makes the size unknown again, as after
    # a first large delivery.
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {SourceRecord._meta.db_table} CASCADE")
    batch = import_batch_run(partner=partner, path=export_file())
    stored = list(SourceRecord.objects.filter(batch=batch).values_list("record_key", flat=True))
    keys = stored + [f"onbekend-{i}" for i in range(CHUNK - len(stored))]  # a whole chunk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename = %s", [SourceRecord._meta.db_table]
        )
        assert cursor.fetchone()[0] == 0  # what the planner sees right after a delivery
        cursor.execute(f"EXPLAIN {_lookup_sql()}", [keys, partner.pk, batch.dataset])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan" in plan, plan
    assert "Hash" not in plan, plan
    assert "Seq Scan" not in plan, plan
    records = _Records(batch)
    records.lookup(keys)
    assert sorted(records.existing) == sorted(stored)
    assert {pk for pk, _digest in records.existing.values()} == set(
        SourceRecord.objects.filter(batch=batch).values_list("pk", flat=True)
    )
