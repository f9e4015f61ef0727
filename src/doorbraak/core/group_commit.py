"""Group commit: one writer thread per process commits, in one transaction, every item waiting
at that moment; each caller returns only after its item is committed (ADR 0047).

Used by the audit chain (`core.audit`): the lines of all requests that wait for the chain's
lock share one transaction and one disk sync instead of taking turns, each answer still sent
only after its own line is on disk. The writer thread starts on first use in each process (so
also in each of gunicorn's forked workers), uses its own database connection (Django's
connections are per thread), closes it when idle for `IDLE_SECONDS`, when it is too old
(`CONN_MAX_AGE`) or unusable, after a failed group, and when the writer stops (`stop`, also
at interpreter exit). A group that fails raises `GroupCommitError` in every caller of that
group; nothing of it is committed.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db import DatabaseError, close_old_connections, connection

log = logging.getLogger("doorbraak.audit")

T = TypeVar("T")
IDLE_SECONDS = 5.0  # the writer's connection is closed after this long without an item
ALIVE_CHECK_SECONDS = 1.0  # how often a waiting caller checks that the writer still runs


class GroupCommitError(DatabaseError):
    """The group this caller's item was in was not committed (the cause is chained)."""


@dataclass
class _Ticket(Generic[T]):
    item: T
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class GroupWriter(Generic[T]):
    """`submit(item)` blocks until `commit` has committed a group holding `item`.

    `commit(items)` runs in the writer thread, gets every item waiting when the previous group
    ended, in the order they were submitted, and must write them in one transaction (it raises
    when nothing was committed)."""

    def __init__(self, commit: Callable[[Sequence[T]], None], *, name: str) -> None:
        self._commit = commit
        self._name = name
        self.groups = 0  # groups committed by this process (for benchmarks and tests)
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # a forked child has no writer thread
        atexit.register(self.stop)

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._waiting: list[_Ticket[T]] = []
        self._thread: threading.Thread | None = None
        self._stopping = False

    def submit(self, item: T) -> None:
        if threading.current_thread() is self._thread:  # from inside a group: never wait on it
            self._commit([item])
            return
        ticket = _Ticket(item)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._start()
            self._waiting.append(ticket)
            self._changed.notify()
            thread = self._thread
        while not ticket.done.wait(ALIVE_CHECK_SECONDS):
            if thread is None or not thread.is_alive():  # never wait for a writer that is gone
                with self._lock:
                    if ticket in self._waiting:
                        self._waiting.remove(ticket)
                        raise GroupCommitError(f"{self._name}: the writer stopped")
        if ticket.error is not None:
            raise GroupCommitError(f"{self._name}: group not committed") from ticket.error

    def stop(self, timeout: float = 30.0) -> None:
        """Commit what waits, close the writer's connection and end its thread."""
        with self._lock:
            thread = self._thread
            if thread is None:
                return
            self._stopping = True
            self._changed.notify()
        thread.join(timeout)

    def _start(self) -> None:  # with the lock held
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                with self._lock:
                    if not self._waiting and not self._stopping:
                        self._changed.wait(IDLE_SECONDS)
                    group, self._waiting = self._waiting, []
                    if not group and self._stopping:  # the next submit starts a new writer
                        self._thread, self._stopping = None, False
                        return
                if group:
                    self._write(group)
                else:  # idle: give the connection back (PostgreSQL counts it)
                    self._close()
        finally:
            self._close()

    def _close(self) -> None:
        try:
            connection.close()
        except DatabaseError:  # a broken connection: the next group opens a new one
            log.exception("%s: closing its connection failed", self._name)

    def _write(self, group: list[_Ticket[T]]) -> None:
        try:
            close_old_connections()  # as Django does between requests: too old or unusable
            self._commit([ticket.item for ticket in group])
            self.groups += 1
        except BaseException as error:  # every caller of the group fails with it
            for ticket in group:
                ticket.error = error
            self._close()  # the next group starts on a fresh connection
        finally:
            for ticket in group:
                ticket.done.set()
