"""A real `kill -9` of the pipeline's worker in the middle of a job leaves the data as before
the job; the next worker puts the job back on the queue and completes it.

The worker runs as its own process (`doorbraak pipeline worker`) on a SQLite file, with a
test setting that pauses inside the link step's transaction, after the link run was written
and before it commits. The test reads the database file directly.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# `once`: its database is a SQLite file of its own, whatever the suite runs on: a second run
# in the SQLite process would repeat it unchanged (pyproject's markers).
pytestmark = [pytest.mark.slow, pytest.mark.once]
ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from pathlib import Path
from django.conf import settings
from doorbraak.areas.services import region_load
from doorbraak.programme.services import plan_load_file
from doorbraak.intake.followup import delivery_followup
from doorbraak.intake.mappings import mappings_load
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.partners.services import partner_load
from doorbraak.register.reference import reference_file_load
from doorbraak.web.demo import DEMO_PARTNERS
from tests.pipeline.conftest import OTHERS, STEWARD_PARTNER, pseudonymised_exports
from doorbraak.core.pseudonyms import key_id
from doorbraak.partners.keys import key_register
from tests.conftest import TEST_KEY
synth = Path({synth!r})
region_load(name=settings.REGION)
plan_load_file(path=settings.PLAN_FILE)
partner_load(path=DEMO_PARTNERS)
mappings_load(path=synth / "exports" / "mappings.yaml")
reference_file_load(path=synth / "programma" / "referentie.yaml")
key_register(key_id=key_id(TEST_KEY))  # the key the exports are pseudonymised with
for code, path in pseudonymised_exports(synth, Path({work!r}), (STEWARD_PARTNER, *OTHERS)):
    delivery_followup(batch=import_batch_run(partner=Partner.objects.get(code=code), path=path))
"""


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "doorbraak.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _state(database: Path) -> dict[str, object]:
    with sqlite3.connect(database, timeout=60) as db:

        def one(sql: str) -> object:
            return db.execute(sql).fetchone()[0]

        return {
            "link_runs": one("SELECT COUNT(*) FROM linkage_linkrun"),
            "links": one("SELECT COUNT(*) FROM linkage_recordlink"),
            "linked_batches": one(
                "SELECT COUNT(*) FROM register_factbatch WHERE kind = 'gekoppeld'"
            ),
            "monitor_runs": one("SELECT COUNT(*) FROM monitor_monitorrun"),
            "jobs": [
                tuple(row)
                for row in db.execute("SELECT status, step FROM pipeline_pipelinejob ORDER BY id")
            ],
        }


def test_kill_mid_job_leaves_nothing_half_written(synth_dir: Path, tmp_path: Path) -> None:
    database = tmp_path / "doorbraak.sqlite3"
    env = {
        **os.environ,
        "DOORBRAAK_DATA_DIR": str(tmp_path),
        "DOORBRAAK_DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "doorbraak.conf.settings",
    }
    assert _run(env, "migrate", "--verbosity", "0").returncode == 0
    setup = _run(env, "shell", "-c", SETUP.format(synth=str(synth_dir), work=str(tmp_path)))
    assert setup.returncode == 0, setup.stderr
    before = _state(database)
    assert before["jobs"] == [("wachtend", "")]  # the deliveries joined one waiting job

    paused = {**env, "DJANGO_SETTINGS_MODULE": "tests.pipeline.pause_settings"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "doorbraak.cli", "pipeline", "worker"],
        env=paused,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert worker.stderr is not None
    deadline = time.monotonic() + 600
    said = []
    for line in worker.stderr:  # the worker says when it waits inside the transaction
        said.append(line)
        if "pausing" in line or time.monotonic() > deadline:
            break
    assert worker.poll() is None, "the worker stopped early:\n" + "".join(said[-30:])
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=60)

    after_kill = _state(database)
    assert after_kill["jobs"] == [("bezig", "koppelen")], "".join(said[-30:])  # left running
    assert {k: v for k, v in after_kill.items() if k != "jobs"} == {
        k: v for k, v in before.items() if k != "jobs"
    }
    assert after_kill["link_runs"] == after_kill["linked_batches"] == 0

    again = _run(env, "pipeline", "worker", "--eenmalig")
    assert again.returncode == 0, again.stderr
    done = _state(database)
    with sqlite3.connect(database) as db:
        reasons = db.execute("SELECT reason FROM pipeline_pipelinejob").fetchall()
    assert done["jobs"] == [("klaar", "")], reasons
    assert (done["link_runs"], done["linked_batches"], done["monitor_runs"]) == (1, 1, 1)
