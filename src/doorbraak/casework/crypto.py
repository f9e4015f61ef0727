"""Field-level encryption and blind indexes for identified data (ADR 0024).

A value is stored as `v1.<key id>.<base64url(nonce ‖ AES-256-GCM ciphertext)>`; the column's
own name is the associated data, so a value copied into another column does not decrypt. The
key id says which key to decrypt with, so a rotation can read old values while writing new ones.
A search index is an HMAC-SHA256 of a normalised value under a key derived from the current
field key: equal values find each other, and the index says nothing without the key.
"""

import base64
import hashlib
import hmac
import os
import re
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from doorbraak.casework.keys import field_keys

VERSION = "v1"
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value that no known key opens: an internal error, never shown as is."""


def encrypt(value: str, *, context: str) -> str:
    keys = field_keys()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(keys.current).encrypt(nonce, value.encode(), context.encode())
    token = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return f"{VERSION}.{keys.current_id}.{token}"


def decrypt(stored: str, *, context: str) -> str:
    version, _, rest = stored.partition(".")
    key_name, _, token = rest.partition(".")
    key = field_keys().by_id.get(key_name)
    if version != VERSION or key is None:
        raise DecryptionError(f"no key for a {context} value (key id {key_name!r})")
    raw = base64.urlsafe_b64decode(token)
    try:
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
    except InvalidTag as error:
        raise DecryptionError(f"a {context} value does not open with its key") from error
    return plain.decode()


def blind_index(kind: str, value: str) -> str:
    """The search index of a value (`kind`: 'bsn' or 'naam-geboortedatum')."""
    index_key = hmac.new(field_keys().current, b"doorbraak-casework-index-v1", "sha256").digest()
    return hmac.new(index_key, f"{kind}\x1f{value}".encode(), hashlib.sha256).hexdigest()


def name_normalise(name: str) -> str:
    """'  Fatima  el-Amrani ' and 'fátima El Amrani' → 'fatima el amrani'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", " ", plain.casefold()).strip()
