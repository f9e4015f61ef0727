"""One prepared INSERT for many rows: quoted names, a chunk at a time, fields by name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doorbraak.core.bulk import bulk_insert, insert_statement
from doorbraak.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _rows(count: int) -> list[tuple[object, ...]]:
    now = timezone.now()
    # every field but the primary key, in declaration order (no `fields` given)
    # the last two: seq (clear of the session's own lines) and an empty key_id
    return [
        (now, None, "", "lezen", "huishouden", str(n), "getoond", "", "", "", f"{n:064}",
         10**12 + n, "")
        for n in range(count)
    ]  # fmt: skip


def test_table_and_columns_are_quoted() -> None:
    sql = insert_statement(AuditEvent, ["actor_id", "action"])
    quote = connection.ops.quote_name
    assert sql.startswith(f"INSERT INTO {quote(AuditEvent._meta.db_table)} (")
    assert f"{quote('actor_id')}, {quote('action')}" in sql


def test_fields_by_name_or_attname_give_the_same_statement() -> None:
    assert insert_statement(AuditEvent, ["actor"]) == insert_statement(AuditEvent, ["actor_id"])


def test_rows_are_inserted_a_chunk_at_a_time() -> None:
    with CaptureQueriesContext(connection) as queries:
        count = bulk_insert(AuditEvent, iter(_rows(5)), chunk=2)
    assert count == 5
    assert AuditEvent.objects.filter(action="lezen").count() == 5
    assert len(queries) == 3


def test_no_rows_is_no_statement() -> None:
    with CaptureQueriesContext(connection) as queries:
        assert bulk_insert(AuditEvent, []) == 0
    assert len(queries) == 0
