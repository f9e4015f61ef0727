"""The audit chain: keyed, numbered and anchored, so every way of tampering with it is found.

Each attack is done as an attacker with write access to the database but without the audit
key would do it: editing a line, deleting a line in the middle, deleting the last lines, and
recomputing every hash (plainly, or with a key of their own). Anchors are written after a
commit, so these tests run the commit callbacks that the test transaction would skip.
"""

import hashlib
import hmac
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from doorbraak.core.audit import GENESIS, audit_record, audit_verify
from doorbraak.core.audit_anchors import anchors_read
from doorbraak.core.models import AuditAction, AuditEvent
from doorbraak.partners.models import Role
from tests.conftest import UserOf

Write = Callable[[int], list[AuditEvent]]


@pytest.fixture
def write(user_of: UserOf, anchors: Path, django_capture_on_commit_callbacks: Any) -> Write:
    actor = user_of(Role.PROFESSIONAL)

    def lines(count: int) -> list[AuditEvent]:
        with django_capture_on_commit_callbacks(execute=True):
            return [
                audit_record(
                    actor=actor,
                    action=AuditAction.REGISTER_HOUSEHOLD_TIMELINE_READ,
                    object_type="huishouden",
                    object_id=str(n),
                    result="getoond",
                )
                for n in range(count)
            ]

    return lines


def _codes() -> list[tuple[int, str]]:
    return [(found.seq, found.code) for found in audit_verify()]


def test_an_untouched_chain_verifies(write: Write, anchors: Path) -> None:
    events = write(5)
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + 5))
    assert [a.seq for a in anchors_read(anchors).anchors] == [e.seq for e in events]
    assert audit_verify() == []


def test_an_edited_line_is_found(write: Write) -> None:
    events = write(3)
    AuditEvent.objects.filter(pk=events[1].pk).update(result="geweigerd")
    assert _codes() == [(events[1].seq, "regel-gewijzigd")]


def test_a_deleted_middle_line_is_found(write: Write) -> None:
    events = write(3)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert _codes() == [
        (events[1].seq, "anker-zonder-regel"),
        (events[2].seq, "regels-ontbreken"),
    ]


def test_deleted_last_lines_are_found_by_the_anchors(write: Write) -> None:
    events = write(4)
    AuditEvent.objects.filter(pk__in=[e.pk for e in events[2:]]).delete()
    assert _codes() == [(events[2].seq, "afgekapt")]


def test_deleted_last_lines_and_anchor_file_are_found(write: Write, anchors: Path) -> None:
    events = write(2)
    AuditEvent.objects.filter(pk=events[-1].pk).delete()
    anchors.unlink()
    assert _codes() == [(0, "geen-ankers")]


def _rechain(mac: Callable[[AuditEvent], str], key_id: str) -> None:
    """What an attacker without the key can do: recompute every line's hash in order."""
    previous = GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        event.previous_hash, event.key_id = previous, key_id
        event.hash = mac(event)
        event.save(update_fields=["previous_hash", "key_id", "hash"])
        previous = event.hash


def _fields(event: AuditEvent) -> str:
    return json.dumps(
        {
            "at": event.at.isoformat(),
            "actor": event.actor_id,
            "actor_role": event.actor_role,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "result": event.result,
            "origin": event.origin,
            "reason": event.reason,
        },
        sort_keys=True,
    )


def test_an_edit_with_every_hash_recomputed_plainly_is_found(write: Write) -> None:
    """The old chain's weakness: an edit followed by recomputed SHA-256 hashes went unseen."""
    events = write(3)
    AuditEvent.objects.filter(pk=events[1].pk).update(result="geweigerd")
    _rechain(lambda e: hashlib.sha256(f"{e.previous_hash}|{_fields(e)}".encode()).hexdigest(), "")
    found = _codes()
    assert found[0] == (1, "zonder-sleutel")  # from the very first line on
    assert (events[1].seq, "anker-wijkt-af") in found


def test_an_edit_with_every_hash_recomputed_under_another_key_is_found(write: Write) -> None:
    events = write(3)
    AuditEvent.objects.filter(pk=events[1].pk).update(result="geweigerd")
    guessed = b"\x01" * 32

    def mac(e: AuditEvent) -> str:
        message = f"{e.previous_hash}|{e.seq}|{e.key_id}|{_fields(e)}"
        return hmac.new(guessed, message.encode(), hashlib.sha256).hexdigest()

    _rechain(mac, events[0].key_id)  # even under the real key's id
    found = _codes()
    assert found[0] == (1, "regel-gewijzigd")
    assert len(found) >= AuditEvent.objects.count()


def test_a_forged_anchor_is_found(write: Write, anchors: Path) -> None:
    events = write(2)
    AuditEvent.objects.filter(pk=events[-1].pk).delete()
    last = json.loads(anchors.read_text().splitlines()[-1])
    # the attacker moves the last anchor down to the new end, but cannot sign it
    forged = last | {"seq": events[0].seq, "hash": events[0].hash}
    anchors.write_text(json.dumps(forged) + "\n")
    assert _codes() == [(0, "geen-ankers"), (events[0].seq, "anker-ongeldig")]


def test_lines_from_before_the_key_count_up_to_their_anchor(
    write: Write, django_capture_on_commit_callbacks: Any
) -> None:
    """Migration 0005's case: old unkeyed lines, anchored; the keyed chain goes on from them."""
    AuditEvent.objects.all().delete()
    previous = GENESIS
    for seq in (1, 2):
        old = AuditEvent(seq=seq, action="lezen", object_type="x", object_id=str(seq))
        old.result, old.previous_hash = "getoond", previous
        old.hash = hashlib.sha256(f"{previous}|{_fields(old)}".encode()).hexdigest()
        old.save()
        previous = old.hash
    write(2)  # the first keyed line anchors the last unkeyed one
    assert audit_verify() == []
    unkeyed = AuditEvent.objects.get(seq=2)
    unkeyed.result = "geweigerd"
    unkeyed.hash = hashlib.sha256(f"{unkeyed.previous_hash}|{_fields(unkeyed)}".encode())
    unkeyed.hash = unkeyed.hash.hexdigest()
    unkeyed.save()
    assert (2, "anker-wijkt-af") in _codes()


def test_an_unkeyed_line_after_the_key_is_found(write: Write) -> None:
    events = write(2)
    AuditEvent.objects.filter(pk=events[-1].pk).update(key_id="")
    assert (events[-1].seq, "zonder-sleutel") in _codes()


def test_an_anonymous_actor_is_recorded_without_a_user(write: Write) -> None:
    event = audit_record(
        actor=AnonymousUser(),
        action=AuditAction.OPENDATA_CSV_DOWNLOAD,
        object_type="open-data",
        object_id="indicatoren.csv",
        result="getoond",
    )
    assert (event.actor_id, event.actor_role) == (None, "")
