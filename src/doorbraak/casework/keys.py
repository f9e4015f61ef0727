"""The work zone's two keys (ADR 0024), read from its own settings and nowhere else.

- The field key (`DOORBRAAK_WORK_ZONE_KEY[_FILE]`) encrypts identified fields and keys the
  search indexes; earlier keys (`DOORBRAAK_WORK_ZONE_OLD_KEYS`) are only read, during a rotation.
- The partners' key (`DOORBRAAK_WORK_ZONE_PARTNER_KEY[_FILE]`) makes the same person and address
  pseudonyms the partners make; doorbraak never makes it: the key custodian delivers it.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import key_file_read_or_create, key_id, key_load

OLD_KEYS_SETTING = "DOORBRAAK_WORK_ZONE_OLD_KEYS"  # named here only (the test on key readers)


@dataclass(frozen=True)
class FieldKeys:
    current: bytes
    by_id: dict[str, bytes]  # key id → key, the current one and every old one

    @property
    def current_id(self) -> str:
        return key_id(self.current)


def field_keys() -> FieldKeys:
    return _field_keys(
        str(settings.WORK_ZONE_KEY),
        str(settings.WORK_ZONE_KEY_FILE),
        str(settings.WORK_ZONE_OLD_KEYS),
        str(settings.DATA_DIR),
    )


@lru_cache(maxsize=4)
def _field_keys(text: str, path: str, old: str, data_dir: str) -> FieldKeys:
    variable = "DOORBRAAK_WORK_ZONE_KEY"
    current = key_load(text=text, path=Path(path), data_dir=Path(data_dir), variable=variable)
    olds = [
        key_load(text=part, path=Path(path), data_dir=Path(data_dir), variable=f"{variable}_OLD")
        for part in old.split(",")
        if part.strip()
    ]
    return FieldKeys(current=current, by_id={key_id(k): k for k in [*olds, current]})


def partner_key() -> bytes:
    return _partner_key(
        str(settings.WORK_ZONE_PARTNER_KEY),
        str(settings.WORK_ZONE_PARTNER_KEY_FILE),
        str(settings.DATA_DIR),
    )


@lru_cache(maxsize=4)
def _partner_key(text: str, path: str, data_dir: str) -> bytes:
    if not text.strip() and not Path(path).exists():
        raise UserError(
            "werkzone-partnersleutel-ontbreekt",
            _(
                "De werkzone heeft de sleutel van de partners niet, dus kan zij hun pseudoniemen "
                "niet maken. Laat de sleutelbeheerder het sleutelbestand in %(path)s zetten, of "
                "de sleutel in DOORBRAAK_WORK_ZONE_PARTNER_KEY."
            )
            % {"path": path},
        )
    return key_load(
        text=text,
        path=Path(path),
        data_dir=Path(data_dir),
        variable="DOORBRAAK_WORK_ZONE_PARTNER_KEY",
    )


def partner_key_deliver(source: Path) -> bytes:
    """The demo acting as the key custodian: put the partners' key file `source` where the work
    zone reads it, unless the work zone already has a key; the key the work zone then holds
    must be that key (else its pseudonyms would not be the partners')."""
    target = Path(settings.WORK_ZONE_PARTNER_KEY_FILE)
    if not str(settings.WORK_ZONE_PARTNER_KEY).strip() and not target.exists():
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        target.touch(mode=0o600)
        target.write_text(source.read_text(encoding="ascii"), encoding="ascii")
        target.chmod(0o600)
    held = partner_key()
    if key_id(held) != key_id(key_file_read_or_create(source)):
        raise UserError(
            "werkzone-partnersleutel-anders",
            _(
                "De werkzone heeft een andere partnersleutel dan %(path)s; haar pseudoniemen "
                "zouden niet die van de partners zijn."
            )
            % {"path": source},
        )
    return held
