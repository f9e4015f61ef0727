"""The sections of a frozen year, each supplied by a provider (ADR 0038).

A provider is a plain function `(context) -> dict` that returns its frozen section as
JSON-able data: numbers that already passed the disclosure gate, texts, codes; never a
reference to a row that may change. The registry below lists them in report order; the apps
of the year's evaluations, survey rounds and learning activities add theirs here (one line
each). A section another app supplies is shown by the report's generic renderer when it has
the shape `{"title": str, "blocks": [{"kind": "paragraph", "text": str} |
{"kind": "table", "caption": str, "columns": [str], "rows": [[str | number | None]]}]}`.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from doorbraak.monitor.models import MonitorRun
from doorbraak.programme.models import PlanVersion

Section = dict[str, Any]


@dataclass(frozen=True)
class SectionContext:
    """What a provider freezes from: the year, the monitor run and the plan version in force."""

    year: int
    run: MonitorRun | None
    plan_version: PlanVersion


@dataclass(frozen=True)
class SectionProvider:
    key: str  # the section's key in the snapshot ("figures", "evaluations", ...)
    title: str  # Dutch, for the "changed since" list and the generic renderer
    freeze: Callable[[SectionContext], Section]


_REGISTRY: list[SectionProvider] = []


def section_register(provider: SectionProvider) -> None:
    """Add a provider after the built-in ones (its key replaces one with the same key)."""
    _builtin_register()
    _REGISTRY[:] = [p for p in _REGISTRY if p.key != provider.key]
    _REGISTRY.append(provider)


def section_providers() -> list[SectionProvider]:
    _builtin_register()
    return list(_REGISTRY)


def _builtin_register() -> None:
    """The built-in providers first, once."""
    if _REGISTRY:
        return
    # imported here: the providers read the other apps, which are not loaded at import time
    from doorbraak.reports import providers

    _REGISTRY.extend(providers.BUILTIN)


def canonical(data: Any) -> str:
    """One text per value: sorted keys, no spaces; what the hashes are taken over."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_of(data: Any) -> str:
    return hashlib.sha256(canonical(data).encode()).hexdigest()
