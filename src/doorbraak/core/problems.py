"""One problem record for everything a person can fix in what they handed in (pure).

A problem carries a stable `code`, a Dutch `message` saying what is wrong and what to do, and
where it is when that is known: the file, the line (or row) and the column. Plan and indicator
files, partner mappings, partner exports and their values all report problems of this type,
every problem at once rather than the first.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    line: int | None = None  # line of a text file, row of a spreadsheet (1-based)
    column: str = ""  # the column's header, when the problem is in one column
    filename: str = ""

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.filename, self.line) if part not in ("", None))
        return (
            f"{where}: [{self.code}] {self.message}" if where else f"[{self.code}] {self.message}"
        )
