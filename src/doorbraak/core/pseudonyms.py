"""Keyed pseudonyms (pure: no Django).

A pseudonym is HMAC-SHA256 over a domain label and a normalised value with a secret key that
stays with the partners (DESIGN.md §6). Without the key a pseudonym cannot be reversed or
recomputed from a guessed value; with the same key every partner derives the same pseudonym.
"""

import hashlib
import hmac
import secrets
from pathlib import Path

KEY_BYTES = 32
# The column `doorbraak pseudonymise` writes on every row: the key id of the key it used, so
# the intake can refuse a delivery made with a key the programme does not accept (ADR 0010).
KEY_ID_COLUMN = "_sleutel_id"


def key_id(key: bytes) -> str:
    """The key's public name: the first 16 hex digits of its SHA-256 (ADR 0010). It tells
    keys apart and cannot be turned back into the key."""
    return hashlib.sha256(key).hexdigest()[:16]


def keyed_pseudonym(key: bytes, domain: str, value: str) -> str:
    message = f"{domain}\x1f{value.strip()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def key_file_read_or_create(path: Path) -> bytes:
    """Read a key file, or create one with a fresh random key (readable by the owner only)."""
    if path.exists():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    path.write_text(key.hex() + "\n", encoding="ascii")
    path.chmod(0o600)
    return key
