"""A real `kill -9` of `doorbraak import` mid-file leaves no half batch; a rerun completes it.

Runs the command in a separate process on its own SQLite file (the test database of
pytest-django is not shared with other processes), kills it while rows are being written,
and reads the database file directly.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.intake.conftest import KEY_ID, PARTNER, pseudonymised

# `once`: its database is a SQLite file of its own, whatever the suite runs on: a second run
# in the SQLite process would repeat it unchanged (pyproject's markers).
pytestmark = [pytest.mark.slow, pytest.mark.once]
ROWS = 400_000  # large enough that a fast import is still running after the pause below


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "doorbraak.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _big_file(synth_dir: Path, path: Path) -> None:
    """The partner's pseudonymised arrears export, its rows repeated under new keys."""
    raw = (synth_dir / "exports" / PARTNER / "huurachterstanden-2025.csv").read_bytes()
    header, *lines = [line for line in pseudonymised(raw).decode("cp1252").split("\r\n") if line]
    key_at = header.split(";").index("Dossiernummer")
    out = [header]
    copy = 0
    while len(out) <= ROWS:
        for line in lines:
            cells = line.split(";")
            cells[key_at] = f"{cells[key_at]}-{copy}"
            out.append(";".join(cells))
        copy += 1
    path.write_bytes("\r\n".join(out[: ROWS + 1]).encode("cp1252"))


def _counts(database: Path, timeout: float = 5.0) -> tuple[int, int, list[str]]:
    with sqlite3.connect(database, timeout=timeout) as db:
        records = db.execute("SELECT COUNT(*) FROM intake_sourcerecord").fetchone()[0]
        results = db.execute("SELECT COUNT(*) FROM intake_rowresult").fetchone()[0]
        statuses = [row[0] for row in db.execute("SELECT status FROM intake_importbatch")]
    return records, results, statuses


def _started(database: Path) -> bool:
    """The batch exists, or the import holds the database to write its rows."""
    try:
        # not waiting for the lock: a waiting reader would see the batch only once it is done
        return bool(_counts(database, timeout=0.05)[2])
    except sqlite3.OperationalError:  # database is locked: rows are being written
        return True


def test_kill_mid_import_leaves_nothing_half_written(synth_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "doorbraak.sqlite3"
    env = {
        **os.environ,
        "DOORBRAAK_DATA_DIR": str(tmp_path),
        "DOORBRAAK_DATABASE_URL": f"sqlite:///{database}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    assert _run(env, "migrate", "--verbosity", "0").returncode == 0
    setup = (
        "from doorbraak.partners.services import partner_load;"
        "from doorbraak.web.demo import DEMO_PARTNERS;"
        "from doorbraak.intake.mappings import mappings_load;"
        "from doorbraak.partners.keys import key_register;"
        "from pathlib import Path;"
        "partner_load(path=DEMO_PARTNERS);"
        f"key_register(key_id={KEY_ID!r});"  # the key the file names (ADR 0010)
        f"mappings_load(path=Path({str(synth_dir / 'exports' / 'mappings.yaml')!r}))"
    )
    assert _run(env, "shell", "-c", setup).returncode == 0
    big = tmp_path / "huurachterstanden-2025.csv"
    _big_file(synth_dir, big)

    process = subprocess.Popen(
        [sys.executable, "-m", "doorbraak.cli", "import", PARTNER, str(big)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:  # wait until the batch exists, then a little longer
        time.sleep(0.5)
        if database.exists() and _started(database):
            break
    time.sleep(3)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    records, results, statuses = _counts(database)
    assert (records, results) == (0, 0)
    assert "verwerkt" not in statuses

    done = _run(env, "import", PARTNER, str(big))
    assert done.returncode == 0, done.stderr
    records, results, statuses = _counts(database)
    assert statuses == ["verwerkt"]
    assert results == ROWS
    assert 0 < records <= ROWS
