"""`doorbraak audit verify|anchor` and the audit key: Dutch output, the first break, exit codes,
a key that never lives in the data folder."""

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from doorbraak.cli import main
from doorbraak.core.audit import audit_record, audit_verify
from doorbraak.core.audit_anchors import anchors_read
from doorbraak.core.audit_keys import audit_key_current, keys_load
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction, AuditEvent


def _lines(count: int, capture: Any) -> list[AuditEvent]:
    with capture(execute=True):
        return [
            audit_record(
                actor=None,
                action=AuditAction.OPENDATA_CSV_DOWNLOAD,
                object_type="open-data",
                object_id="indicatoren.csv",
                result="getoond",
            )
            for _ in range(count)
        ]


def test_verify_says_in_dutch_that_a_sound_chain_is_sound(
    demo_world: None, anchors: Path, django_capture_on_commit_callbacks: Any, capsys: Any
) -> None:
    _lines(2, django_capture_on_commit_callbacks)
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "In orde: geen enkele schakel is verbroken." in out
    assert f"ankers in {anchors}" in out


def test_verify_names_the_first_break_and_exits_non_zero(
    demo_world: None, anchors: Path, django_capture_on_commit_callbacks: Any, capsys: Any
) -> None:
    events = _lines(4, django_capture_on_commit_callbacks)
    AuditEvent.objects.filter(pk=events[1].pk).update(origin="elders")
    AuditEvent.objects.filter(pk=events[3].pk).delete()
    assert main(["audit", "verify"]) == 2  # a user error
    captured = capsys.readouterr()
    assert f"Eerste breuk [regel-gewijzigd]: Regel {events[1].seq} is na het schrijven" in (
        captured.out
    )
    assert "[afgekapt]" in captured.out
    # (the last line: a logging handler left over from an earlier in-process run may complain)
    assert captured.err.splitlines()[-1].startswith("Fout: De auditketen is niet intact.")
    assert "Traceback" not in captured.out


def test_verify_against_another_copy_of_the_anchors(
    demo_world: None,
    anchors: Path,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
    capsys: Any,
) -> None:
    """The central log's copy keeps anchors the attacker removed from the local file."""
    events = _lines(2, django_capture_on_commit_callbacks)
    kept = tmp_path / "centraal.jsonl"
    kept.write_bytes(anchors.read_bytes())
    AuditEvent.objects.filter(pk=events[-1].pk).delete()
    anchors.write_text(anchors.read_text().splitlines()[0] + "\n")
    assert audit_verify() == []  # the trimmed local file shows nothing
    # (one command run per test: the command closes the connection, the test's transaction)
    assert main(["audit", "verify", "--ankers", str(kept)]) == 2
    assert "[afgekapt]" in capsys.readouterr().out


def test_anchor_writes_the_head(
    demo_world: None, anchors: Path, django_capture_on_commit_callbacks: Any, capsys: Any
) -> None:
    settings.AUDIT_ANCHOR_EVERY = 10**9  # no anchor per line: the command is the only one
    [event] = _lines(1, django_capture_on_commit_callbacks)
    assert main(["audit", "anchor"]) == 0
    assert f"regel {event.seq}" in capsys.readouterr().out
    [anchor] = anchors_read(anchors).anchors
    assert (anchor.seq, anchor.hash, anchor.keyed) == (event.seq, event.hash, True)


def test_help_is_dutch(capsys: Any) -> None:
    assert main(["audit", "verify", "--help"]) == 0
    assert "ankerbestand" in capsys.readouterr().out


# --- The key ------------------------------------------------------------------------------


def test_a_missing_key_file_is_made_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "sleutels" / "auditsleutel.txt"
    [key] = keys_load("", path, tmp_path / "data")
    assert path.exists()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    keys_load.cache_clear()
    assert keys_load("", path, tmp_path / "data") == [key]  # read back, not made anew


def test_processes_that_make_the_key_at_once_all_get_the_same_one(tmp_path: Path) -> None:
    """Four server processes on a fresh install all sign with the key that is in the file."""
    path, data = tmp_path / "audit" / "auditsleutel.txt", tmp_path / "data"
    start = time.time() + 5  # every process waits for the same moment
    script = (
        "import time; from pathlib import Path; from doorbraak.core.audit_keys import keys_load;"
        f"time.sleep(max(0, {start} - time.time()));"
        f"print(keys_load('', Path({str(path)!r}), Path({str(data)!r}))[0].id)"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(8)
    ]
    made = {run.communicate(timeout=120)[0].strip() for run in runs}
    assert made == {keys_load.__wrapped__("", path, data)[0].id}
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no drafts left behind


def test_a_key_file_in_the_data_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        keys_load("", tmp_path / "data" / "auditsleutel.txt", tmp_path / "data")
    assert refused.value.code == "auditsleutel-in-datamap"
    assert not (tmp_path / "data" / "auditsleutel.txt").exists()


def test_a_key_that_is_not_a_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        keys_load("geheim", tmp_path / "x", tmp_path / "data")
    assert refused.value.code == "auditsleutel-ongeldig"


def test_after_a_rotation_old_lines_verify_under_the_old_key(
    demo_world: None, anchors: Path, django_capture_on_commit_callbacks: Any
) -> None:
    old, new = os.urandom(32).hex(), os.urandom(32).hex()
    before = settings.AUDIT_KEY
    try:
        settings.AUDIT_KEY = old
        AuditEvent.objects.all().delete()
        first = _lines(2, django_capture_on_commit_callbacks)
        settings.AUDIT_KEY = f"{new},{old}"
        second = _lines(2, django_capture_on_commit_callbacks)
        assert first[0].key_id != second[0].key_id == audit_key_current().id
        assert audit_verify() == []
        settings.AUDIT_KEY = new  # the old key dropped too early
        assert {b.code for b in audit_verify()} >= {"sleutel-onbekend"}
    finally:
        settings.AUDIT_KEY = before
