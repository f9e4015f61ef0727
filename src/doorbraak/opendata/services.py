"""Writes for open data: publishing and withdrawing indicators, every change audited."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction
from doorbraak.opendata.models import PublishedIndicator
from doorbraak.opendata.selectors import computed_codes

# What the demo publishes: effect and process indicators that mean something to the public
# and are mostly shown per gemeente (few cells hidden): counts, shares and a median.
DEFAULT_CODES = ("A1", "A2", "A3", "A4", "D1", "D2", "D8", "W2", "P1", "P2", "P2-TIJDIG", "P3")
NOTE_LENGTH = 1000


@dataclass(frozen=True)
class PublicationChanges:
    published: list[str]
    withdrawn: list[str]
    noted: list[str]  # only the note changed

    @property
    def any(self) -> bool:
        return bool(self.published or self.withdrawn or self.noted)


def _audit(actor: Any, action: AuditAction, code: str, origin: str, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="indicator",
        object_id=code,
        result="ok",
        origin=origin,
        reason=reason[:200],
    )


@transaction.atomic
def publication_set(
    *,
    codes: Iterable[str],
    notes: Mapping[str, str] | None = None,
    actor: Any,
    origin: str = "",
) -> PublicationChanges:
    """Publish exactly `codes` (of the computed indicators and those published already;
    others are ignored) with their notes; withdraw the rest. Each publication, withdrawal and
    changed note is audited."""
    notes = notes or {}
    current = {p.indicator_code: p for p in PublishedIndicator.objects.select_for_update()}
    choosable = computed_codes() + sorted(set(current) - set(computed_codes()))
    wanted = [code for code in choosable if code in set(codes)]
    published: list[str] = []
    withdrawn: list[str] = []
    noted: list[str] = []
    for code, publication in current.items():
        if code not in wanted:
            publication.delete()
            _audit(actor, AuditAction.OPENDATA_INDICATOR_WITHDRAW, code, origin)
            withdrawn.append(code)
    for code in wanted:
        note = notes.get(code, "").strip()[:NOTE_LENGTH]
        existing = current.get(code)
        if existing is None:
            PublishedIndicator.objects.create(
                indicator_code=code,
                published_since=timezone.now(),
                published_by=actor if getattr(actor, "pk", None) else None,
                note=note,
            )
            _audit(actor, AuditAction.OPENDATA_INDICATOR_PUBLISH, code, origin)
            published.append(code)
        elif existing.note != note:
            existing.note = note
            existing.save(update_fields=["note"])
            _audit(actor, AuditAction.OPENDATA_INDICATOR_NOTE, code, origin)
            noted.append(code)
    return PublicationChanges(published, withdrawn, noted)


def publish_defaults(*, actor: Any = None) -> list[str]:
    """Publish the demo's default indicators, once: only while nothing is published yet, so a
    later choice of the programme team (a withdrawal too) survives the next demo start; the
    codes published now."""
    already = set(PublishedIndicator.objects.values_list("indicator_code", flat=True))
    if already:
        return []
    computed = set(computed_codes())
    added = [code for code in DEFAULT_CODES if code in computed]
    if not added:
        return []
    notes = dict(PublishedIndicator.objects.values_list("indicator_code", "note"))
    publication_set(codes=[*already, *added], notes=notes, actor=actor, origin="demo")
    return added
