"""Keys outside the data (issue 12, item 5): the register key from the environment or a key
file that may not sit in the data folder, and the demo's keys moved out of `var/` and named
when the demo starts."""

import stat
from pathlib import Path

import pytest

from doorbraak.core import pseudonyms
from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import key_load
from doorbraak.linkage.facts import register_key
from doorbraak.web.demo import demo_keys_place


def test_a_key_file_in_the_data_folder_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "var"
    with pytest.raises(UserError) as refused:
        key_load(text="", path=data / "sleutel.txt", data_dir=data, variable="DOORBRAAK_X")
    assert refused.value.code == "sleutel-in-datamap"
    assert "DOORBRAAK_X_FILE" in refused.value.message
    assert not (data / "sleutel.txt").exists()


def test_a_missing_key_file_is_made_for_its_owner_alone(tmp_path: Path) -> None:
    path = tmp_path / "var-sleutels" / "registersleutel.txt"
    key = key_load(text="", path=path, data_dir=tmp_path / "var", variable="DOORBRAAK_X")
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key_load(text="", path=path, data_dir=tmp_path / "var", variable="X") == key


def test_two_processes_making_the_key_file_at_once_share_the_first_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process (a server worker, a second test process) writes the key file after
    this one saw it missing: this one keeps that key, never overwrites it nor reads it half
    written, and leaves no temporary file behind."""
    path = tmp_path / "var-sleutels" / "registersleutel.txt"
    theirs = b"\x11" * 32

    def other_process_first(size: int) -> bytes:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(theirs.hex() + "\n", encoding="ascii")
        return b"\x22" * size

    monkeypatch.setattr(pseudonyms.secrets, "token_bytes", other_process_first)
    assert pseudonyms.key_file_read_or_create(path) == theirs
    assert path.read_text(encoding="ascii").strip() == theirs.hex()
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_the_environment_wins_and_must_hold_a_key(tmp_path: Path) -> None:
    path = tmp_path / "var" / "nooit-gelezen.txt"
    assert key_load(text="ab" * 32, path=path, data_dir=tmp_path / "var", variable="X") == (
        b"\xab" * 32
    )
    with pytest.raises(UserError) as refused:
        key_load(text="geheim", path=path, data_dir=tmp_path / "var", variable="X")
    assert refused.value.code == "sleutel-ongeldig"


def test_the_register_key_comes_from_the_settings(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path / "var"
    settings.REGISTER_KEY = ""
    settings.REGISTER_KEY_FILE = tmp_path / "var" / "registersleutel.txt"
    with pytest.raises(UserError):
        register_key()
    settings.REGISTER_KEY_FILE = tmp_path / "elders" / "registersleutel.txt"
    assert register_key() == register_key()
    settings.REGISTER_KEY = "01" * 32
    assert register_key() == b"\x01" * 32


def test_the_demo_moves_its_keys_out_of_the_data_folder_and_says_where(  # type: ignore[no-untyped-def]
    settings, tmp_path: Path
) -> None:
    data = tmp_path / "var"
    data.mkdir()
    (data / "partnersleutel.txt").write_text("aa" * 32 + "\n")
    (data / "demo-sleutel.txt").write_text("bb" * 32 + "\n")
    settings.DATA_DIR = data
    settings.REGISTER_KEY = ""
    settings.REGISTER_KEY_FILE = tmp_path / "var-sleutels" / "registersleutel.txt"
    said: list[str] = []
    partner_key = demo_keys_place(progress=said.append)
    assert partner_key == tmp_path / "var-demosleutels" / "partnersleutel.txt"
    assert partner_key.read_text().strip() == "aa" * 32
    assert settings.REGISTER_KEY_FILE.read_text().strip() == "bb" * 32
    assert sorted(p.name for p in data.iterdir()) == []
    assert str(partner_key) in said[-1]
    assert str(settings.REGISTER_KEY_FILE) in said[-1]
    assert "buiten de datamap" in said[-1]
