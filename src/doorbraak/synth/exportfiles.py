"""Export files on disk: CSV in a partner's dialect, or XLSX with title rows and parts.

A file counts its data rows (title and header rows excluded), so the truth can point at
"row 17 of huurachterstanden-2024.csv". Rows arrive already rendered, a chunk at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from doorbraak.synth.xlsx import MAX_ROWS, Cell, XlsxStream

Position = tuple[str, int]  # file name, data row number


class CsvSink:
    def __init__(self, path: Path, header: list[str], fmt: dict[str, Any]) -> None:
        import csv

        encoding = str(fmt.get("encoding", "utf-8"))
        newline = "\r\n" if encoding == "cp1252" else "\n"
        self._handle: IO[str] = path.open("w", encoding=encoding, errors="replace", newline="")
        csv.writer(
            self._handle, delimiter=str(fmt.get("delimiter", ",")), lineterminator=newline
        ).writerow(header)
        self.name = path.name
        self.parts = [path.name]
        self.rows = 0

    def append(self, text: str, count: int) -> list[Position]:
        self._handle.write(text)
        base, self.rows = self.rows, self.rows + count
        return [(self.name, base + i) for i in range(1, count + 1)]

    def close(self) -> None:
        self._handle.close()


class XlsxSink:
    """An XLSX export that starts a new part file before one would pass the row limit."""

    def __init__(
        self,
        folder: Path,
        stem: str,
        header: list[str],
        titles: list[str],
        sheet: str,
        notes: list[list[Cell]],
        stamp: tuple[int, ...],
    ) -> None:
        self._folder, self._stem, self._header = folder, stem, header
        self._titles, self._sheet, self._notes, self._stamp = titles, sheet, notes, stamp
        self.parts: list[str] = []
        self._stream: XlsxStream | None = None
        self.name = ""
        self.rows = 0
        self._open_part()

    def _open_part(self) -> None:
        self._close_part()
        suffix = "" if not self.parts else f"-deel{len(self.parts) + 1}"
        self.name = f"{self._stem}{suffix}.xlsx"
        self.parts.append(self.name)
        self._stream = XlsxStream(
            self._folder / self.name, (self._sheet, "Toelichting"), self._stamp
        )
        for title in self._titles:
            self._stream.append([title])
        self._stream.append(self._header)
        self.rows = 0

    def _close_part(self) -> None:
        if self._stream is not None:
            self._stream.close([*self._notes, ["Aantal regels", self.rows]])
            self._stream = None

    def append(self, rows: list[str]) -> list[Position]:
        positions = []
        for row in rows:
            if self.rows >= MAX_ROWS - len(self._titles) - 1:
                self._open_part()
            if self._stream is None:
                raise RuntimeError("XLSX export already closed")
            self._stream.append_xml(row)
            self.rows += 1
            positions.append((self.name, self.rows))
        return positions

    def close(self) -> None:
        self._close_part()
