"""One error hierarchy for the whole project (pure: no Django, so the partner-side tools and
the synthetic generator raise the same errors).

`UserError` is something a person can act on: it carries a stable code and a Dutch message
that says what is wrong and what to do. `ProblemsError` is a `UserError` that also lists every
problem found (a file is read as a whole, not up to its first problem). Everything else is an
internal error: it is logged and the person sees a plain apology, never a traceback.
"""

from collections.abc import Sequence
from typing import Any


class DoorbraakError(Exception):
    """Base of every error raised on purpose by doorbraak."""


class UserError(DoorbraakError):
    """An error the user can act on: a stable `code` plus a Dutch `message`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class ProblemsError(UserError):
    """A user error with every problem found; `problems` are `core.problems.Problem`s or
    Dutch texts, in the order found."""

    def __init__(self, code: str, message: str, problems: Sequence[Any]) -> None:
        super().__init__(code, message)
        self.problems = list(problems)
