"""Problems found in a plan file, and the result of reading one.

A problem is something the author of the plan file can fix: it carries the file, the line,
a stable code and a Dutch message saying what is wrong and what to do.
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from gettext import gettext as _

from doorbraak.programme.definition.model import PlanDefinition


@dataclass(frozen=True)
class Problem:
    filename: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}: [{self.code}] {self.message}"


@dataclass(frozen=True)
class ParseResult:
    """The plan, when the file has no problems; otherwise the problems, sorted by line."""

    plan: PlanDefinition | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ProblemLog:
    """Collects the problems of one file; reading goes on after every problem."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._problems: list[Problem] = []

    def add(self, line: int, code: str, message: str) -> None:
        self._problems.append(Problem(self.filename, line, code, message))

    def sorted(self) -> list[Problem]:
        """The problems by line; problems on one line keep the order they were found in."""
        return sorted(self._problems, key=lambda problem: problem.line)

    def __bool__(self) -> bool:
        return bool(self._problems)


def N_(message: str) -> str:  # noqa: N802 - the conventional name for gettext_noop
    """Marks a message for translation where it is defined; `_` translates it where used."""
    return message


def closest(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidate closest to `word`, if one is close enough to be a likely typo."""
    return difflib.get_close_matches(word, list(candidates), n=1)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A Dutch hint (with a leading space) naming the closest candidate, or ''."""
    matches = closest(word, candidates)
    return " " + _("Bedoelt u '{match}'?").format(match=matches[0]) if matches else ""


def quoted_list(values: Iterable[str]) -> str:
    """`a, b, c` as `'a', 'b', 'c'` for a message."""
    return ", ".join(f"'{value}'" for value in values)
