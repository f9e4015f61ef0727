"""Where in the file each part of a plan (and each of its fields) was written.

The rules run on the built plan but must name lines. A field is located only when it was
read without a problem, so a rule that finds no line for a field skips it: the reader has
already reported what is wrong there.
"""

from typing import Any

from doorbraak.core.definitions.nodes import Read


class SourceMap:
    def __init__(self) -> None:
        self._lines: dict[tuple[int, str], int] = {}
        self._keep_alive: list[object] = []

    def record(self, part: object, line: int, **fields: Read[Any] | None) -> None:
        """Remember the line of `part` and of each of its fields that was read."""
        self._keep_alive.append(part)  # ids stay unique while the map lives
        self._lines[(id(part), "")] = line
        for name, read in fields.items():
            if read is not None:
                self._lines[(id(part), name)] = read.line

    def line(self, part: object, field: str = "") -> int | None:
        """The line of `part` (or of one of its fields); None when it was not read."""
        return self._lines.get((id(part), field))

    def line_or_part(self, part: object, field: str) -> int:
        """The line of the field if located, else of the part, else 1."""
        return self.line(part, field) or self.line(part) or 1
