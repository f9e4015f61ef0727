"""Field encryption: values open with their key and context only; a rotation reads old
values with the old key and writes with the new one."""

import secrets
from typing import Any

import pytest

from doorbraak.casework.crypto import DecryptionError, blind_index, decrypt, encrypt, name_normalise


def test_a_value_round_trips_and_never_shows_in_its_ciphertext() -> None:
    stored = encrypt("Fatima Bakker", context="casework.casemember.name")
    assert "Fatima" not in stored
    assert "Bakker" not in stored
    assert stored != encrypt("Fatima Bakker", context="casework.casemember.name")  # fresh nonce
    assert decrypt(stored, context="casework.casemember.name") == "Fatima Bakker"


def test_a_value_copied_into_another_column_does_not_open() -> None:
    stored = encrypt("111222333", context="casework.casemember.bsn")
    with pytest.raises(DecryptionError):
        decrypt(stored, context="casework.casemember.name")


def test_after_a_rotation_old_values_open_and_new_ones_use_the_new_key(settings: Any) -> None:
    old_key = settings.WORK_ZONE_KEY
    stored = encrypt("Noor", context="c")
    settings.WORK_ZONE_KEY = secrets.token_bytes(32).hex()
    with pytest.raises(DecryptionError):
        decrypt(stored, context="c")  # the old key is gone: nothing opens it
    settings.WORK_ZONE_OLD_KEYS = old_key
    assert decrypt(stored, context="c") == "Noor"
    fresh = encrypt("Noor", context="c")
    assert fresh.split(".")[1] != stored.split(".")[1]  # written under the new key id


def test_blind_indexes_match_equal_values_only() -> None:
    assert blind_index("bsn", "111222333") == blind_index("bsn", "111222333")
    assert blind_index("bsn", "111222333") != blind_index("bsn", "123456782")
    assert blind_index("bsn", "111222333") != blind_index("naam-geboortedatum", "111222333")
    assert name_normalise("  Fátima  Öztürk-Bakker ") == name_normalise("fatima ozturk bakker")
