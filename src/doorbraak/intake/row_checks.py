"""Every row of a delivery read and checked, a chunk at a time: the half of an import that needs
no database (read, check, the payload's JSON text and its digest). What needs the stored
records (duplicates within the file, unchanged or updated records, told apart by that digest)
is `intake.services`'s.

A chunk comes back as one entry per row, in file order: a `ResultRow` for a row that is
rejected whatever is stored (unreadable, refused by the checks, a key too long), a `Checked`
row for one to be stored. A value or key id that refuses the whole file raises `UserError`.

A large file is checked in a worker process forked beside the import (`chunks_checked`), so
that reading and checking the next chunk overlaps writing this one; the worker hands each
chunk over through a pipe and touches no database. A small file is checked in this process.
"""

import contextlib
import itertools
import multiprocessing
import os
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.core.problems import Problem
from doorbraak.intake.delivery import Delivery
from doorbraak.intake.key_check import KeyIdCheck
from doorbraak.intake.models import RowResult
from doorbraak.intake.validation import (
    MAX_ROW_NUMBER,
    ROW_COLUMN,
    ParsedRow,
    RowChecker,
    payload_digest,
)

CHUNK = 5_000
# a file at least this large is checked in a worker process (below it, forking costs more
# than it saves); None: never (tests set 0 to check every file in one)
WORKER_FROM: int | None = 8 << 20
KEY_LENGTH = 200  # `SourceRecord.record_key`
REJECTED = RowResult.Result.REJECTED


class ResultRow(NamedTuple):
    """One row's result, in the column order of `RowResult` (without id and batch)."""

    row_number: int
    record_key: str
    result: str
    error_code: str = ""
    column: str = ""
    message: str = ""


class Checked(NamedTuple):
    """A chunk of checked rows, by column (lists pickle fast, for the worker's pipe): per row
    its number, key, the payload as JSON and that text's digest (taken here, in the worker,
    not in the importing process, which has more to do per row); by position, the rows
    rejected whatever is stored (their JSON and digest empty) and the warnings stored rows
    carry."""

    numbers: list[int]
    keys: list[str]
    texts: list[str]
    digests: list[str]
    rejected: dict[int, ResultRow]
    warnings: dict[int, Problem]

    def stored_keys(self) -> list[str]:
        """The keys of the rows to be stored."""
        rejected = self.rejected
        return [k for i, k in enumerate(self.keys) if i not in rejected]


class RowChecks:
    """The checks of one delivery: its rows (`RowChecker`) and its key ids (`KeyIdCheck`).
    Made before the first row is read: a file refused by its header raises here."""

    def __init__(self, delivery: Delivery) -> None:
        read = delivery.read
        self.checker = RowChecker(
            partner=delivery.partner,
            dataset=delivery.dataset,
            headers=read.headers,
            fields=read.fields,
        )
        self.key_ids = KeyIdCheck(read.fields)  # refuses a delivery made with another key
        self.last_number = 0

    def chunks(self, delivery: Delivery) -> Iterator[Checked]:
        """The delivery's rows, checked a chunk at a time."""
        items = delivery.items()
        while chunk := list(itertools.islice(items, CHUNK)):
            yield self.check(chunk)

    def check(self, chunk: list[tuple[int, dict[str, str]] | Problem]) -> Checked:
        self.key_ids.rows(chunk)
        parse = self.checker.parse
        checked = Checked([], [], [], [], {}, {})
        for item in chunk:
            _add(checked, _unreadable(item) if isinstance(item, Problem) else parse(*item))
        self._numbers_check(checked.numbers)
        return checked

    def _numbers_check(self, numbers: list[int]) -> None:
        """Row numbers rise through the file. A `_regel` column (the row's number in the
        partner's own export) that repeats or goes back means the file was changed after
        `doorbraak pseudonymise` (rows sorted or copied): refused whole."""
        for number in numbers:
            if not self.last_number < number <= MAX_ROW_NUMBER:
                raise _numbers_refuse(number, self.last_number)
            self.last_number = number


def _add(checked: Checked, row: ParsedRow | ResultRow) -> None:
    """One row into the chunk: rejected, or with its JSON text to be stored."""
    at = len(checked.numbers)
    if isinstance(row, ResultRow):
        number, key, text = row.row_number, row.record_key, ""
        checked.rejected[at] = row
    else:
        number, key, problem = row.number, row.key, row.problem
        text = ""
        if problem is not None:
            checked.rejected[at] = ResultRow(
                number, key[:200], REJECTED, problem.code, problem.column, problem.message
            )
        elif len(key) > KEY_LENGTH:
            checked.rejected[at] = _key_too_long(number, key)
        else:
            text = row.text
            if row.warning is not None:
                checked.warnings[at] = row.warning
    checked.numbers.append(number)
    checked.keys.append(key)
    checked.texts.append(text)
    checked.digests.append(payload_digest(text) if text else "")


def _key_too_long(number: int, key: str) -> ResultRow:
    message = _("Regel %(number)d: de sleutel is langer dan %(length)d tekens.") % {
        "number": number,
        "length": KEY_LENGTH,
    }
    return ResultRow(number, key[:200], REJECTED, "sleutel-te-lang", "", message)


def _numbers_refuse(number: int, last: int) -> UserError:
    return UserError(
        "regelnummers-gewijzigd",
        _(
            "Het bestand is na 'doorbraak pseudonymise' gewijzigd: in kolom '%(column)s' komt "
            "regel %(number)d na regel %(last)d. Er is niets opgeslagen. Lever het bestand aan "
            "zoals pseudonymise het schreef (niet sorteren, geen regels kopiëren)."
        )
        % {"column": ROW_COLUMN, "number": number, "last": last},
    )


def _unreadable(problem: Problem) -> ResultRow:
    """A row that could not be read as a row."""
    return ResultRow(problem.line or 0, "", REJECTED, problem.code, "", problem.message[:500])


@contextlib.contextmanager
def chunks_checked(
    checks: RowChecks, delivery: Delivery, *, size: int
) -> Iterator[Iterator[Checked]]:
    """The delivery's rows checked a chunk at a time (`RowChecks.chunks`): in a worker process
    when the file is `size` bytes and at least `WORKER_FROM`, else in this process."""
    if WORKER_FROM is None or size < WORKER_FROM or not _can_fork():
        yield checks.chunks(delivery)
        return
    worker = _Worker(checks, delivery)
    try:
        yield worker.chunks()
    finally:
        worker.stop()


def _can_fork() -> bool:
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class _Worker:
    """A forked process that checks the delivery's rows and sends them back a chunk at a time;
    it is at most a chunk ahead (the pipe holds little), so memory stays flat."""

    def __init__(self, checks: RowChecks, delivery: Delivery) -> None:
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.delivery = delivery
        self.process = context.Process(
            target=_work,
            args=(checks, delivery, send, self.receive),
            name="doorbraak-intake-checks",
            daemon=True,
        )
        self.process.start()
        send.close()

    def chunks(self) -> Iterator[Checked]:
        while True:
            try:
                kind, content = self.receive.recv()
            except EOFError:
                raise RuntimeError("the intake's check process stopped") from None
            if kind == "rows":
                yield content
            elif kind == "done":  # what the reader found wrong with the file as a whole
                self.delivery.read.file_problems[:] = content
                return
            elif kind == "refused":
                raise UserError(*content)
            else:
                raise content

    def stop(self) -> None:
        self.receive.close()  # a worker still sending gets a broken pipe and ends
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _work(checks: RowChecks, delivery: Delivery, send: Connection, receive: Connection) -> None:
    """In the worker: check every row, send each chunk; then the file's problems, or what
    refused the file. Its copy of the database connection is never used."""
    receive.close()
    message: tuple[str, Any]
    try:
        for chunk in checks.chunks(delivery):
            send.send(("rows", chunk))
        message = ("done", delivery.read.file_problems)
    except UserError as error:
        message = ("refused", (error.code, error.message))
    except BrokenPipeError:
        return  # the import stopped listening
    except Exception as error:  # handed to the import, which raises it as its own
        message = ("error", error)
    with contextlib.suppress(BrokenPipeError):
        send.send(message)
