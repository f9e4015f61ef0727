"""The audit chain written in groups (ADR 0047): outside a transaction every line waiting at the
moment goes into one transaction with one commit, gapless and chained as before; each caller
returns only after its own line is committed; a failed group fails every caller in it; inside
a transaction the line commits (or rolls back) with the caller's.

The writer is held at its first group until the other callers are waiting, so the test knows
which lines were waiting together; commits are counted on the database connection itself, so
the tests fail if the lines are written one transaction each.
"""

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, OperationalError, connections, transaction

from doorbraak.core import audit
from doorbraak.core.audit import audit_record, audit_verify
from doorbraak.core.audit_anchors import anchors_read
from doorbraak.core.group_commit import GroupCommitError
from doorbraak.core.models import AuditAction, AuditEvent

CALLERS = 24


class Held:
    """Holds the writer's first group until `release()`; records every group's size and the
    commits made on the writer's connection."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sizes: list[int] = []
        self.commits = 0
        self.first = threading.Event()
        self.released = threading.Event()
        self.fail = False
        original: Callable[[Sequence[Any]], None] = audit._writer._commit
        commit = type(connections["default"]).commit

        def counted(wrapper: Any) -> None:
            if threading.current_thread().name == "audit-writer":
                self.commits += 1
            commit(wrapper)

        def held(lines: Sequence[Any]) -> None:
            self.sizes.append(len(lines))
            if len(self.sizes) == 1:
                self.first.set()
                assert self.released.wait(30)
            if self.fail:
                raise OperationalError("disk I/O error")
            original(lines)

        monkeypatch.setattr(type(connections["default"]), "commit", counted)
        monkeypatch.setattr(audit._writer, "_commit", held)

    def release_when_waiting(self, count: int) -> None:
        assert self.first.wait(30)
        deadline = time.monotonic() + 30
        while len(audit._writer._waiting) < count:
            assert time.monotonic() < deadline, "the callers never reached the writer"
            time.sleep(0.01)
        self.released.set()


def _line(number: int) -> AuditEvent:
    return audit_record(
        actor=None,
        action=AuditAction.API_READ,
        object_type="api",
        object_id=f"groep:{number}",
        result="getoond",
    )


def _many(held: Held, callers: int) -> list[AuditEvent | BaseException]:
    """`callers` threads write a line each; the first is held until all others wait."""

    def one(number: int) -> AuditEvent | BaseException:
        try:
            return _line(number)
        except DatabaseError as error:
            return error

    with ThreadPoolExecutor(max_workers=callers) as pool:
        first = pool.submit(one, 0)
        assert held.first.wait(30)
        rest = [pool.submit(one, n) for n in range(1, callers)]
        held.release_when_waiting(callers - 1)
        return [first.result(), *(future.result() for future in rest)]


@pytest.mark.django_db(transaction=True)
def test_lines_waiting_together_are_one_transaction_gapless_and_verified(
    monkeypatch: pytest.MonkeyPatch, anchors: Path
) -> None:
    held = Held(monkeypatch)
    events = _many(held, CALLERS)

    assert held.sizes == [1, CALLERS - 1]  # everything that waited went in one group
    assert held.commits == 2  # one commit per group, not one per line
    assert all(isinstance(event, AuditEvent) for event in events)
    seqs = sorted(event.seq for event in events)  # type: ignore[union-attr]
    assert seqs == list(range(seqs[0], seqs[0] + CALLERS))
    stored = dict(AuditEvent.objects.values_list("pk", "seq"))
    for event in events:  # each caller's event is its own line, with the seq it was given
        assert stored[event.pk] == event.seq  # type: ignore[union-attr]
        line = AuditEvent.objects.get(pk=event.pk)  # type: ignore[union-attr]
        assert line.object_id == event.object_id  # type: ignore[union-attr]
    assert [a.seq for a in anchors_read(anchors).anchors] == seqs  # anchored after the commit
    assert audit_verify() == []


@pytest.mark.django_db(transaction=True)
def test_a_caller_returns_only_after_its_line_is_committed(
    monkeypatch: pytest.MonkeyPatch, anchors: Path
) -> None:
    """Each caller, on return, finds its line among those whose group's transaction has
    ended (the writer's commit returned). Checked on the writer's side, not by reading back:
    the test suite's in-memory SQLite shares one cache between connections, where a reader
    of the table would make the writer's next group fail ("table is locked"), which a WAL
    database file never does."""
    committed: set[int] = set()
    original = audit._writer._commit

    def recorded(lines: Sequence[Any]) -> None:
        original(lines)  # returns once the transaction has committed
        committed.update(id(event) for event, _key in lines)

    monkeypatch.setattr(audit._writer, "_commit", recorded)
    seen: list[bool] = []

    def one(number: int) -> None:
        event = _line(number)
        seen.append(id(event) in committed and event.pk is not None)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(one, range(40)))
    assert seen == [True] * 40
    assert AuditEvent.objects.filter(object_id__startswith="groep:").count() == 40
    assert audit_verify() == []


@pytest.mark.django_db(transaction=True)
def test_a_failed_group_fails_every_caller_in_it_and_logs_no_more_than_the_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, anchors: Path
) -> None:
    before = AuditEvent.objects.count()
    held = Held(monkeypatch)
    held.fail = True
    with caplog.at_level(logging.ERROR, logger="doorbraak.audit"):
        results = _many(held, 6)

    assert held.sizes == [1, 5]
    assert all(isinstance(result, GroupCommitError) for result in results)
    assert AuditEvent.objects.count() == before  # nothing of a failed group is committed
    failed = [r for r in caplog.records if r.getMessage().startswith("audit line NOT written")]
    assert len(failed) == 6
    assert all("object=api:groep:" in r.getMessage() for r in failed)

    held.fail = False  # the writer goes on after a failed group, the chain without a gap
    events = [_line(n) for n in range(3)]
    assert [e.seq for e in events] == [events[0].seq, events[0].seq + 1, events[0].seq + 2]
    assert audit_verify() == []


@pytest.mark.django_db(transaction=True)
def test_a_real_database_failure_fails_the_group(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a stand-in exception: the INSERT itself fails in the database (a duplicate hash,
    which the unique constraint refuses), and the caller gets the error."""
    existing = _line(0)
    monkeypatch.setattr(audit, "_mac", lambda key, event: existing.hash)
    with pytest.raises(GroupCommitError) as raised:
        _line(1)
    assert isinstance(raised.value.__cause__, DatabaseError)
    assert AuditEvent.objects.filter(object_id="groep:1").count() == 0


@pytest.mark.django_db
def test_inside_a_transaction_the_line_is_written_on_the_callers_connection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(item: Any) -> None:
        raise AssertionError("a line inside a transaction went to the group writer")

    monkeypatch.setattr(audit._writer, "submit", refuse)
    with transaction.atomic():
        event = _line(1)
        assert AuditEvent.objects.filter(pk=event.pk).exists()  # seen inside, not committed
        transaction.set_rollback(True)
    assert not AuditEvent.objects.filter(pk=event.pk).exists()  # rolled back with it


@pytest.mark.django_db(transaction=True)
def test_the_writer_stops_with_its_connection_and_starts_again() -> None:
    _line(0)
    writer = audit._writer._thread
    assert writer is not None
    assert writer.is_alive()
    audit.audit_writer_stop()
    assert not writer.is_alive()
    _line(1)  # a new writer on first use
    assert audit._writer._thread is not None
    assert audit._writer._thread is not writer
    assert AuditEvent.objects.filter(object_id__startswith="groep:").count() == 2
