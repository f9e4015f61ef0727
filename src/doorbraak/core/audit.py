"""Write and verify the hash-chained audit log."""

import hashlib
import json
from typing import Any

from django.db import transaction

from doorbraak.core.models import AuditAction, AuditEvent

GENESIS = "0" * 64


def _digest(previous: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, default=str)
    return hashlib.sha256(f"{previous}|{payload}".encode()).hexdigest()


def _fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_role": event.actor_role,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "result": event.result,
        "origin": event.origin,
        "reason": event.reason,
    }


@transaction.atomic
def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    object_type: str,
    object_id: str,
    result: str,
    origin: str = "",
    reason: str = "",
) -> AuditEvent:
    last = AuditEvent.objects.select_for_update().order_by("-id").first()
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_role=getattr(actor, "role", "") or "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        result=result,
        origin=origin,
        reason=reason,
        previous_hash=last.hash if last else GENESIS,
    )
    event.hash = "pending"
    event.save()  # sets `at`, which the hash covers
    event.hash = _digest(event.previous_hash, _fields(event))
    event.save(update_fields=["hash"])
    return event


def audit_verify() -> list[int]:
    """Ids of the lines where the chain breaks (edited, inserted or removed lines)."""
    broken, previous = [], GENESIS
    for event in AuditEvent.objects.order_by("id").iterator():
        if event.previous_hash != previous or event.hash != _digest(previous, _fields(event)):
            broken.append(event.id)
        previous = event.hash
    return broken
