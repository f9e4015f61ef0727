"""One error hierarchy for the whole project.

`UserError` is something a person can act on: it carries a stable code and a Dutch message
that says what is wrong and what to do. Everything else is an internal error: it is logged
and the person sees a plain apology, never a traceback.
"""


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
