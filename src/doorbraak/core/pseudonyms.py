"""Keyed pseudonyms (pure: no Django).

A pseudonym is HMAC-SHA256 over a domain label and a normalised value with a secret key that
stays with the partners (DESIGN.md §6). Without the key a pseudonym cannot be reversed or
recomputed from a guessed value; with the same key every partner derives the same pseudonym.
The platform's own keys come from the environment or a key file outside the data folder
(`key_load`, docs/configuration.md "Keys"): whoever copies the data folder with the database
must not get the key to try guessed BSNs or names against its pseudonyms.
"""

import hashlib
import hmac
import os
import secrets
import tempfile
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.errors import UserError

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
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    # Written whole under a temporary name (mode 600 from the start) and then linked into
    # place: processes that start at the same moment (server workers, the test suite's
    # processes) never read a half-written file, and the later one keeps the first one's key.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as file:
            file.write(key.hex() + "\n")
        os.link(temporary, path)
    except FileExistsError:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    finally:
        os.unlink(temporary)
    return key


def key_load(*, text: str, path: Path, data_dir: Path, variable: str) -> bytes:
    """A platform key: hex in the environment variable `variable` (its value is `text`), else
    the key file `path`, made with a fresh random key when missing. A key file inside the data
    folder `data_dir` is refused, and so is a key that is not 64 hex digits."""
    if text.strip():
        return _key_parse(text, variable)
    if path.resolve().is_relative_to(data_dir.resolve()):
        raise UserError(
            "sleutel-in-datamap",
            _(
                "Het sleutelbestand %(path)s staat in de datamap %(data)s, bij de database. "
                "Zet %(variable)s_FILE op een plek buiten DOORBRAAK_DATA_DIR, of de sleutel in "
                "%(variable)s."
            )
            % {"path": path, "data": data_dir, "variable": variable},
        )
    if not path.exists():
        key_file_read_or_create(path)
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        text = ""
    return _key_parse(text, str(path))


def _key_parse(text: str, where: str) -> bytes:
    try:
        key = bytes.fromhex(text.strip())
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise UserError(
            "sleutel-ongeldig",
            _("De sleutel in %(where)s is geen sleutel van 64 hexadecimale tekens.")
            % {"where": where},
        )
    return key
