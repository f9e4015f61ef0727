"""Plain CSV tables for the truth and the clean facts: UTF-8, comma, ISO dates, header row.

A chunk fills `ChunkTable`s in memory (in any process); a `FileTable` appends them to disk.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO


class ChunkTable:
    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")
        self.rows = 0

    def add(self, row: Sequence[object]) -> None:
        self._writer.writerow(row)
        self.rows += 1

    def take(self) -> str:
        """The rows so far as CSV text; the table starts empty again."""
        text = self._buffer.getvalue()
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")
        return text


class FileTable:
    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._handle: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._handle, lineterminator="\n")
        self._writer.writerow(columns)

    def add(self, row: Sequence[object]) -> None:
        self._writer.writerow(row)

    def add_many(self, rows: Iterable[Sequence[object]]) -> None:
        self._writer.writerows(rows)

    def append_text(self, text: str) -> None:
        self._handle.write(text)

    def close(self) -> Path:
        self._handle.close()
        return self.path


def ident(prefix: str, number: int | None) -> str:
    """A pseudonymous id such as P000000042; empty for None."""
    return "" if number is None else f"{prefix}{number:09d}"
