"""Anchors: the audit chain's head, written outside the database as it grows.

An anchor is one JSON line appended to `DOORBRAAK_AUDIT_ANCHOR_FILE` and logged on the
`doorbraak.audit` logger: the sequence number and hash of a line, and an HMAC over both under
the audit key. The chain alone cannot show that its last lines were removed (what is left is a
sound chain); an anchor past the chain's end can. Anchors prove the most when they also leave
the machine (the log shipped to a central log server, the file on append-only storage).
"""

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from doorbraak.core.audit_keys import AuditKey

log = logging.getLogger("doorbraak.audit")


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    keyed: bool  # False: the anchored line dates from before the key (a plain SHA-256)
    at: str
    key_id: str  # the key that signed this anchor
    mac: str

    def valid(self, key: AuditKey) -> bool:
        return hmac.compare_digest(self.mac, _mac(key, self.seq, self.hash, self.keyed, self.at))


@dataclass(frozen=True)
class AnchorFile:
    anchors: list[Anchor]
    unreadable: list[int]  # line numbers in the file that are not an anchor


def _mac(key: AuditKey, seq: int, hash_: str, keyed: bool, at: str) -> str:
    message = f"anker|{seq}|{hash_}|{int(keyed)}|{at}".encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def anchor_write(*, seq: int, hash_: str, keyed: bool, key: AuditKey) -> Anchor:
    """Append an anchor for the line `seq` (one write of one line: appends do not interleave)."""
    at = timezone.now().isoformat()
    anchor = Anchor(seq, hash_, keyed, at, key.id, _mac(key, seq, hash_, keyed, at))
    path = Path(settings.AUDIT_ANCHOR_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="ascii") as handle:
        handle.write(json.dumps(anchor.__dict__, separators=(",", ":")) + "\n")
    log.info("audit anchor seq=%s hash=%s", seq, hash_)
    return anchor


def anchors_read(path: Path) -> AnchorFile:
    """Every anchor in the file, by sequence number; a missing file has none."""
    if not path.exists():
        return AnchorFile([], [])
    anchors, unreadable = [], []
    with path.open(encoding="ascii", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                anchors.append(_parse(json.loads(line)))
            except (ValueError, TypeError, KeyError):
                unreadable.append(number)
    return AnchorFile(sorted(anchors, key=lambda a: a.seq), unreadable)


def _parse(found: dict[str, object]) -> Anchor:
    seq = found["seq"]
    if not isinstance(seq, int) or not isinstance(found["keyed"], bool):
        raise TypeError(found)
    text = [str(found[name]) for name in ("hash", "at", "key_id", "mac")]
    return Anchor(seq, text[0], found["keyed"], text[1], text[2], text[3])
