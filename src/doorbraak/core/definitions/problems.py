"""The problems of one definition file, collected while reading goes on, and the helpers for
their Dutch messages (did-you-mean, quoted lists)."""

import difflib
from collections.abc import Iterable
from gettext import gettext as _

from doorbraak.core.problems import Problem


class ProblemLog:
    """Collects the problems of one file; reading goes on after every problem."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self._problems: list[Problem] = []

    def add(self, line: int, code: str, message: str) -> None:
        self._problems.append(Problem(code, message, line=line, filename=self.filename))

    def sorted(self) -> list[Problem]:
        """The problems by line; problems on one line keep the order they were found in."""
        return sorted(self._problems, key=lambda problem: problem.line or 0)

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
