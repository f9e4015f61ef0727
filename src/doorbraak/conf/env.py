"""Environment-driven settings that document themselves.

Every value an operator may set is declared once with `setting()`; `docs/configuration.md`
lists them all, and a test fails when one is missing there.
"""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvSetting:
    name: str
    default: str
    help: str


REGISTRY: dict[str, EnvSetting] = {}


def setting(name: str, default: str, help: str) -> str:
    """Declare a `DOORBRAAK_*` environment setting and return its current value."""
    REGISTRY[name] = EnvSetting(name=name, default=default, help=help)
    return os.environ.get(name, default)


def flag(name: str, default: bool, help: str) -> bool:
    value = setting(name, "true" if default else "false", help)
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}
