"""The audit chain's key: kept outside the database and outside the data folder.

Read from `DOORBRAAK_AUDIT_KEY` (hex, several comma-separated during a rotation) or else the
key file `DOORBRAAK_AUDIT_KEY_FILE` (hex, one key a line); the first key is the current one,
which signs new lines, and the others only verify older lines. A missing key file is made with
a fresh random key, readable by its owner only. A key file inside the data folder is refused:
whoever copies that folder with the database must not get the key with it (docs/audit.md).
"""

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError

log = logging.getLogger("doorbraak.audit")

KEY_BYTES = 32


@dataclass(frozen=True)
class AuditKey:
    id: str  # the first 16 hex digits of the key's SHA-256: names the key, never reveals it
    secret: bytes


def audit_keys() -> list[AuditKey]:
    """Every configured key, the current one first."""
    return keys_load(
        str(settings.AUDIT_KEY), Path(settings.AUDIT_KEY_FILE), Path(settings.DATA_DIR)
    )


def audit_key_current() -> AuditKey:
    return audit_keys()[0]


def audit_key_by_id() -> dict[str, AuditKey]:
    return {key.id: key for key in audit_keys()}


def audit_key_source() -> str:
    """Where the key comes from, for `doorbraak audit verify` (never the key itself)."""
    if str(settings.AUDIT_KEY).strip():
        return "DOORBRAAK_AUDIT_KEY"
    return str(settings.AUDIT_KEY_FILE)


@lru_cache(maxsize=8)
def keys_load(text: str, path: Path, data_dir: Path) -> list[AuditKey]:
    if text.strip():
        return _parse(text.replace(",", "\n"), "DOORBRAAK_AUDIT_KEY")
    if path.resolve().is_relative_to(data_dir.resolve()):
        raise UserError(
            "auditsleutel-in-datamap",
            _(
                "De auditsleutel %(path)s staat in de datamap %(data)s. Zet "
                "DOORBRAAK_AUDIT_KEY_FILE op een plek buiten DOORBRAAK_DATA_DIR."
            )
            % {"path": path, "data": data_dir},
        )
    if not path.exists():
        _create(path)
    return _parse(path.read_text(encoding="ascii"), str(path))


def _create(path: Path) -> None:
    """Write a new key to a file of its own, then link it into place: when several processes
    start at once, one key becomes the file whole and every process reads that one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
        out.write(secrets.token_bytes(KEY_BYTES).hex() + "\n")
    try:
        os.link(draft, path)
        log.warning("new audit key created in %s", path)
    except FileExistsError:
        pass  # another process was first: its key is the key
    finally:
        draft.unlink()


def _parse(text: str, where: str) -> list[AuditKey]:
    keys = []
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        try:
            secret = bytes.fromhex(line)
        except ValueError:
            secret = b""
        if len(secret) < KEY_BYTES:
            raise UserError(
                "auditsleutel-ongeldig",
                _("De auditsleutel in %(where)s is geen sleutel van 64 hexadecimale tekens.")
                % {"where": where},
            )
        keys.append(AuditKey(id=hashlib.sha256(secret).hexdigest()[:16], secret=secret))
    if not keys:
        raise UserError(
            "auditsleutel-leeg", _("Er staat geen auditsleutel in %(where)s.") % {"where": where}
        )
    return keys
