"""The work zone's keys: the partners' key is never made by doorbraak (registering without it
is refused in Dutch), and the field key is refused inside the data folder."""

from pathlib import Path
from typing import Any

import pytest

from doorbraak.casework import services
from doorbraak.casework.keys import field_keys
from doorbraak.casework.models import CaseHousehold
from doorbraak.core.errors import UserError

from .conftest import ADDRESS, CONSENT, ProfessionalOf, members


def test_without_the_partners_key_no_household_is_registered(
    professional: ProfessionalOf, settings: Any, tmp_path: Path
) -> None:
    settings.WORK_ZONE_PARTNER_KEY = ""
    settings.WORK_ZONE_PARTNER_KEY_FILE = tmp_path / "sleutels" / "partnersleutel.txt"
    with pytest.raises(UserError) as caught:
        services.household_register(
            actor=professional("fatima"), members=members(), address=ADDRESS, ground=CONSENT
        )
    assert caught.value.code == "werkzone-partnersleutel-ontbreekt"
    assert not settings.WORK_ZONE_PARTNER_KEY_FILE.exists()  # not made up either
    assert CaseHousehold.objects.count() == 0


def test_the_field_key_file_is_refused_inside_the_data_folder(
    settings: Any, tmp_path: Path
) -> None:
    settings.WORK_ZONE_KEY = ""
    settings.DATA_DIR = tmp_path
    settings.WORK_ZONE_KEY_FILE = tmp_path / "werkzonesleutel.txt"
    with pytest.raises(UserError) as caught:
        field_keys()
    assert caught.value.code == "sleutel-in-datamap"


def test_a_missing_field_key_file_is_made_outside_the_data_folder(
    settings: Any, tmp_path: Path
) -> None:
    settings.WORK_ZONE_KEY = ""
    settings.DATA_DIR = tmp_path / "data"
    settings.WORK_ZONE_KEY_FILE = tmp_path / "sleutels" / "werkzonesleutel.txt"
    keys = field_keys()
    assert settings.WORK_ZONE_KEY_FILE.stat().st_mode & 0o777 == 0o600
    assert field_keys().current == keys.current  # read back, not made again
