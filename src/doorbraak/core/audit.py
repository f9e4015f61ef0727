"""Write and verify the audit chain (docs/audit.md, ADR 0013).

Each line carries an HMAC-SHA256, under a key kept outside the database (`core.audit_keys`),
over its fields, its sequence number and the previous line's hash; the lines are numbered
without gaps and the chain's head is anchored outside the database (`core.audit_anchors`).
`audit_verify` so finds an edited, inserted or removed line, lines cut off the end and a chain
recomputed without the key.

Writes are serialised, so two readers never chain onto the same line: on PostgreSQL by a
transaction-scoped advisory lock, on SQLite by the write lock that an IMMEDIATE transaction
takes when it begins (settings: WAL and a busy timeout, so the writer waits, never fails).
Outside a transaction (an API answer, a download, a read: Django's autocommit) a line goes to
the process's group writer (`core.group_commit`, ADR 0047): it chains every line waiting at
that moment, in order, in one transaction under that lock with one commit, and each caller
returns only once its line is committed. Inside a transaction the line is written on the
caller's connection and commits, or rolls back, with it. A line that cannot be written is
logged on `doorbraak.audit` and the read fails with it (every read of a failed group).
"""

import hashlib
import hmac
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.audit_anchors import Anchor, anchor_write, anchors_read
from doorbraak.core.audit_keys import AuditKey, audit_key_by_id, audit_key_current
from doorbraak.core.group_commit import GroupWriter
from doorbraak.core.models import AuditAction, AuditEvent

log = logging.getLogger("doorbraak.audit")

GENESIS = "0" * 64
LOCK_ID = 0x61756469  # "audi": PostgreSQL's advisory lock for the chain's writers
LISTED = 100  # breaks kept in a report; all are counted
LAST_LINE = (  # the chain's last line, read under the lock
    f'SELECT seq, hash, key_id FROM "{AuditEvent._meta.db_table}" ORDER BY seq DESC LIMIT 1'  # noqa: S608 - the model's own table
)


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
    key = audit_key_current()
    event = AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_role=(getattr(actor, "role", "") or "")[:30],
        action=str(action),
        object_type=object_type[:60],
        object_id=str(object_id)[:64],
        result=result[:20],
        origin=origin[:64],
        reason=reason[:200],
        key_id=key.id,
    )
    try:
        if _in_transaction():
            _append([(event, key)])  # commits or rolls back with the caller's transaction
        else:
            _writer.submit((event, key))  # returns once the line is committed
    except DatabaseError:
        log.exception("audit line NOT written: %s", _summary(event))
        raise
    return event


def _in_transaction() -> bool:
    """Whether the caller's connection is inside a transaction (atomic, or autocommit off)."""
    if connection.in_atomic_block:
        return True
    return connection.connection is not None and not connection.get_autocommit()


def _append(lines: Sequence[tuple[AuditEvent, AuditKey]]) -> None:
    """Chain the lines, in order, onto the last one in one transaction (a savepoint inside the
    caller's); their anchors are written after it commits."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
            cursor.execute(LAST_LINE)  # a plain statement: no ORM query to build per group
            rows = cursor.fetchall()
        last = AuditEvent(seq=rows[0][0], hash=rows[0][1], key_id=rows[0][2]) if rows else None
        previous = last
        for event, key in lines:
            event.seq = previous.seq + 1 if previous else 1
            event.previous_hash = previous.hash if previous else GENESIS
            event.at = timezone.now()
            event.hash = _mac(key, event)
            _anchors_plan(event, previous, key)  # on commit: dropped if the insert fails
            previous = event
        AuditEvent.objects.bulk_create([event for event, _key in lines])


# the process's group writer for lines written outside a transaction (ADR 0047)
_writer: GroupWriter[tuple[AuditEvent, AuditKey]] = GroupWriter(_append, name="audit-writer")


def audit_writer_stop() -> None:
    """Commit what waits and close the group writer's connection (tests, shutdown)."""
    _writer.stop()


def _anchors_plan(event: AuditEvent, previous: AuditEvent | None, key: AuditKey) -> None:
    """Anchor the line (every DOORBRAAK_AUDIT_ANCHOR_EVERY lines) once it is committed, and
    the last line from before the key when the keyed chain starts on it."""
    if previous is not None and not previous.key_id:
        _anchor_on_commit(previous, key)
    if event.seq % max(1, int(settings.AUDIT_ANCHOR_EVERY)) == 0:
        _anchor_on_commit(event, key)


def _anchor_on_commit(event: AuditEvent, key: AuditKey) -> None:
    write = partial(_anchor_write, event.seq, event.hash, bool(event.key_id), key)
    transaction.on_commit(write)


def _anchor_write(seq: int, hash_: str, keyed: bool, key: AuditKey) -> None:
    try:
        anchor_write(seq=seq, hash_=hash_, keyed=keyed, key=key)
    except OSError:  # the line is in the database; the missing anchor is in the log
        log.exception("audit anchor NOT written for seq=%s hash=%s", seq, hash_)


def audit_anchor_head() -> Anchor | None:
    """Anchor the chain's last line now (`doorbraak audit anchor`, e.g. daily from cron)."""
    last = AuditEvent.objects.order_by("-seq").first()
    if last is None:
        return None
    key = audit_key_current()
    return anchor_write(seq=last.seq, hash_=last.hash, keyed=bool(last.key_id), key=key)


def _summary(event: AuditEvent) -> str:
    return (
        f"action={event.action} object={event.object_type}:{event.object_id} "
        f"result={event.result} actor={event.actor_id} origin={event.origin}"
    )


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


def _mac(key: AuditKey, event: AuditEvent) -> str:
    payload = json.dumps(_fields(event), sort_keys=True, default=str)
    message = f"{event.previous_hash}|{event.seq}|{event.key_id}|{payload}"
    return hmac.new(key.secret, message.encode(), hashlib.sha256).hexdigest()


def _digest_unkeyed(event: AuditEvent) -> str:
    """The hash of a line from before the key (no key, no sequence number)."""
    payload = json.dumps(_fields(event), sort_keys=True, default=str)
    return hashlib.sha256(f"{event.previous_hash}|{payload}".encode()).hexdigest()


# --- Verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """Where the chain breaks: the line's sequence number (0: the anchor file itself), a
    stable code and a Dutch message."""

    seq: int
    code: str
    message: str


@dataclass
class AuditReport:
    lines: int = 0
    unkeyed: int = 0  # lines from before the key
    last_seq: int = 0
    anchors: int = 0
    broken: int = 0  # every break counted; `breaks` lists the first LISTED
    breaks: list[Break] = field(default_factory=list)

    def add(self, found: Break) -> None:
        self.broken += 1
        if len(self.breaks) < LISTED:
            self.breaks.append(found)

    @property
    def first(self) -> Break | None:
        return min(self.breaks, key=lambda b: b.seq) if self.breaks else None


def audit_verify(*, anchor_file: Path | None = None) -> list[Break]:
    """The breaks in the chain, first first; [] when it is sound."""
    return sorted(audit_verify_report(anchor_file=anchor_file).breaks, key=lambda b: b.seq)


def audit_verify_report(*, anchor_file: Path | None = None) -> AuditReport:
    path = Path(anchor_file or settings.AUDIT_ANCHOR_FILE)
    keys = audit_key_by_id()
    found = anchors_read(path)
    report = AuditReport(anchors=len(found.anchors))
    for number in found.unreadable:
        report.add(
            Break(0, "anker-onleesbaar", _("Regel %d van het ankerbestand is geen anker.") % number)
        )
    anchors = _anchors_valid(found.anchors, keys, report)
    walk = _Walk(report, keys, anchors)
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        walk.line(event)
    walk.end()
    if report.lines >= max(1, int(settings.AUDIT_ANCHOR_EVERY)) and not anchors:
        message = _(
            "Er staan geen geldige ankers in %(path)s: of de laatste regels zijn verwijderd, "
            "is zo niet na te gaan. Schrijf een anker met 'doorbraak audit anchor'."
        )
        report.add(Break(0, "geen-ankers", message % {"path": path}))
    return report


def _anchors_valid(
    anchors: list[Anchor], keys: dict[str, AuditKey], report: AuditReport
) -> list[Anchor]:
    valid = []
    for anchor in anchors:
        key = keys.get(anchor.key_id)
        if key is not None and anchor.valid(key):
            valid.append(anchor)
            continue
        message = _(
            "Het anker voor regel %(seq)d (%(at)s) is niet met een ingestelde sleutel "
            "ondertekend: het is vervalst of beschadigd."
        )
        report.add(
            Break(anchor.seq, "anker-ongeldig", message % {"seq": anchor.seq, "at": anchor.at})
        )
    return valid


class _Walk:
    """One pass over the lines in order: sequence, link, hash and anchors per line."""

    def __init__(self, report: AuditReport, keys: dict[str, AuditKey], anchors: list[Anchor]):
        self.report, self.keys = report, keys
        self.anchors = anchors
        self.next_anchor = 0
        # lines without a key are accepted only up to the anchored end of the unkeyed lines
        self.unkeyed_until = max((a.seq for a in anchors if not a.keyed), default=0)
        self.previous, self.expected = GENESIS, 1

    def line(self, event: AuditEvent) -> None:
        self.report.lines += 1
        self.report.unkeyed += not event.key_id
        self._sequence_and_link(event)
        self._hash(event)
        self._anchors_up_to(event)
        self.previous, self.expected = event.hash, event.seq + 1
        self.report.last_seq = event.seq

    def _sequence_and_link(self, event: AuditEvent) -> None:
        if event.seq != self.expected:
            message = _(
                "Vóór regel %(seq)d ontbreken de regels %(first)d tot en met %(last)d: "
                "ze zijn verwijderd."
            )
            values = {"seq": event.seq, "first": self.expected, "last": event.seq - 1}
            self.report.add(Break(event.seq, "regels-ontbreken", message % values))
        elif event.previous_hash != self.previous:
            message = _(
                "Regel %(seq)d verwijst niet naar de regel ervoor: er is een regel "
                "vervangen, ingevoegd of herberekend."
            )
            self.report.add(Break(event.seq, "schakel-verbroken", message % {"seq": event.seq}))

    def _hash(self, event: AuditEvent) -> None:
        seq = event.seq
        if not event.key_id:
            if seq > self.unkeyed_until:
                message = _(
                    "Regel %(seq)d heeft geen sleutel, maar ligt na het anker van de "
                    "regels van vóór de sleutel: de keten is zonder sleutel herberekend."
                )
                self.report.add(Break(seq, "zonder-sleutel", message % {"seq": seq}))
            elif event.hash != _digest_unkeyed(event):
                self._changed(seq)
            return
        key = self.keys.get(event.key_id)
        if key is None:
            message = _("Regel %(seq)d is ondertekend met sleutel %(key)s, die niet is ingesteld.")
            self.report.add(
                Break(seq, "sleutel-onbekend", message % {"seq": seq, "key": event.key_id})
            )
        elif not hmac.compare_digest(event.hash, _mac(key, event)):
            self._changed(seq)

    def _changed(self, seq: int) -> None:
        message = _(
            "Regel %(seq)d is na het schrijven gewijzigd: de controlecode (HMAC) klopt niet."
        )
        self.report.add(Break(seq, "regel-gewijzigd", message % {"seq": seq}))

    def _anchors_up_to(self, event: AuditEvent) -> None:
        while self.next_anchor < len(self.anchors):
            anchor = self.anchors[self.next_anchor]
            if anchor.seq > event.seq:
                return
            self.next_anchor += 1
            if anchor.seq < event.seq:
                message = _("Het anker van %(at)s noemt regel %(seq)d, die ontbreekt.")
                self.report.add(Break(anchor.seq, "anker-zonder-regel", message % _values(anchor)))
            elif anchor.hash != event.hash or anchor.keyed != bool(event.key_id):
                message = _(
                    "Regel %(seq)d verschilt van zijn anker van %(at)s: de regel of de "
                    "keten ervoor is later herschreven."
                )
                self.report.add(Break(anchor.seq, "anker-wijkt-af", message % _values(anchor)))

    def end(self) -> None:
        beyond = self.anchors[self.next_anchor :]
        if beyond:
            message = _(
                "Het anker van %(at)s noemt regel %(seq)d, maar de keten eindigt bij regel "
                "%(last)d: de laatste regels zijn verwijderd."
            )
            values = _values(beyond[-1]) | {"last": self.report.last_seq}
            self.report.add(Break(self.report.last_seq + 1, "afgekapt", message % values))


def _values(anchor: Anchor) -> dict[str, object]:
    return {"seq": anchor.seq, "at": anchor.at}
