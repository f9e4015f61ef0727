"""The generations of the partners' shared key, by key id (ADR 0010): the programme team
records the current one (`doorbraak partners key KEY-ID`), a rotation supersedes it, and a
withdrawn one is refused. The intake asks `key_ids_accepted` which deliveries it may take.

The key itself never reaches the platform: only its key id, the first 16 hex digits of its
SHA-256 (`core.pseudonyms.key_id`), which `doorbraak pseudonymise` prints and writes on
every row it delivers.
"""

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from doorbraak.core.audit import audit_record
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.models import KeyGeneration

KEY_ID_PATTERN = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True)
class KeyIds:
    """What the intake needs to judge a delivery's key id."""

    current: str  # '' when the programme has recorded none yet
    accepted: frozenset[str]  # the current one and superseded ones not withdrawn
    withdrawn: frozenset[str]


def key_ids_accepted() -> KeyIds:
    generations = list(KeyGeneration.objects.all())
    current = next((g.key_id for g in generations if _is_current(g)), "")
    accepted = frozenset(g.key_id for g in generations if g.withdrawn_at is None)
    withdrawn = frozenset(g.key_id for g in generations if g.withdrawn_at is not None)
    return KeyIds(current, accepted, withdrawn)


def key_generation_list() -> list[KeyGeneration]:
    return list(KeyGeneration.objects.all())


@transaction.atomic
def key_register(*, key_id: str, actor: Any = None, origin: str = "") -> KeyGeneration:
    """Record `key_id` as the current generation; the one before stays accepted until it is
    withdrawn. Recording the current one again changes nothing."""
    key_id = _key_id_valid(key_id)
    found = KeyGeneration.objects.select_for_update().filter(key_id=key_id).first()
    if found is not None:
        if _is_current(found):
            return found
        raise UserError(
            "sleutel-id-eerder-gebruikt",
            f"Sleutel-id {key_id} is een eerdere sleutel ({found.state}); een eerdere sleutel "
            "wordt niet opnieuw de huidige. Laat de sleutelbeheerder een nieuwe sleutel maken.",
        )
    now = timezone.now()
    KeyGeneration.objects.filter(superseded_at__isnull=True).update(superseded_at=now)
    generation = KeyGeneration.objects.create(key_id=key_id)
    audit_record(
        actor=actor,
        action=AuditAction.PARTNER_KEY_REGISTER,
        object_type="sleutel",
        object_id=key_id,
        result="huidige",
        origin=origin,
    )
    return generation


@transaction.atomic
def key_withdraw(*, key_id: str, actor: Any = None, origin: str = "") -> KeyGeneration:
    """Refuse deliveries made with an earlier key from now on (after the switch date, or at
    once when it may have leaked)."""
    key_id = _key_id_valid(key_id)
    found = KeyGeneration.objects.select_for_update().filter(key_id=key_id).first()
    if found is None:
        raise UserError(
            "sleutel-id-onbekend",
            f"Sleutel-id {key_id} is niet vastgelegd; er is niets ingetrokken.",
        )
    if _is_current(found):
        raise UserError(
            "sleutel-id-huidig",
            f"Sleutel-id {key_id} is de huidige sleutel. Leg eerst de nieuwe sleutel vast "
            "('doorbraak partners key NIEUW-SLEUTEL-ID') en trek dan deze in.",
        )
    if found.withdrawn_at is None:
        found.withdrawn_at = timezone.now()
        found.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor,
            action=AuditAction.PARTNER_KEY_WITHDRAW,
            object_type="sleutel",
            object_id=key_id,
            result="ingetrokken",
            origin=origin,
        )
    return found


def _is_current(generation: KeyGeneration) -> bool:
    return generation.superseded_at is None and generation.withdrawn_at is None


def _key_id_valid(key_id: str) -> str:
    """The key id in lower case; what is not one is never repeated (it may be the key)."""
    cleaned = key_id.strip().lower()
    if KEY_ID_PATTERN.fullmatch(cleaned):
        return cleaned
    if re.fullmatch(r"[0-9a-f]{64}", cleaned):
        message = (
            "Dit is de sleutel zelf, niet het sleutel-id; er is niets opgeslagen. De sleutel "
            "hoort niet op het platform: vraag de sleutelbeheerder om een nieuwe sleutel."
        )
    else:
        message = (
            "Dat is geen sleutel-id: een sleutel-id is 16 tekens 0-9 en a-f, zoals "
            "'doorbraak pseudonymise --sleutel SLEUTELBESTAND' het toont."
        )
    raise UserError("sleutel-id-ongeldig", message)
