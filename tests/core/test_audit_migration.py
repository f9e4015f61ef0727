"""Lines written before the keyed chain (migration core 0005) stay verifiable and protected.

A database of its own is migrated to just before 0005, gets two lines the old way (a plain
SHA-256 chain, no sequence number), and is then migrated on: the old lines are numbered, their
end is anchored, new lines are keyed and chained onto them, and `doorbraak audit verify`
accepts the whole. Recomputing an old line afterwards, as anyone could, is found.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# `once`: its database is a SQLite file of its own, whatever the suite runs on: a second run
# in the SQLite process would repeat it unchanged (pyproject's markers).
pytestmark = [pytest.mark.slow, pytest.mark.once]

OLD_LINES = """
import hashlib, json
import django
django.setup()
from django.db import connection
from django.utils import timezone
previous = "0" * 64
with connection.cursor() as cursor:
    for n in range(2):
        at = timezone.now()
        fields = {"at": at.isoformat(), "actor": None, "actor_role": "", "action": "lezen",
                  "object_type": "huishouden", "object_id": str(n), "result": "getoond",
                  "origin": "", "reason": ""}
        payload = json.dumps(fields, sort_keys=True, default=str)
        digest = hashlib.sha256(f"{previous}|{payload}".encode()).hexdigest()
        cursor.execute(
            "INSERT INTO core_auditevent (at, actor_role, action, object_type, object_id, result,"
            " origin, reason, previous_hash, hash) VALUES (%s, '', 'lezen', 'huishouden', %s,"
            " 'getoond', '', '', %s, %s)", [at, str(n), previous, digest])
        previous = digest
"""

NEW_LINE = """
import django
django.setup()
from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction
audit_record(actor=None, action=AuditAction.OPENDATA_CSV_DOWNLOAD, object_type="open-data",
             object_id="indicatoren.csv", result="getoond")
"""

RECOMPUTE_OLD = """
import hashlib, json
import django
django.setup()
from doorbraak.core.models import AuditEvent
event = AuditEvent.objects.get(seq=2)
event.result = "geweigerd"
fields = {"at": event.at.isoformat(), "actor": None, "actor_role": "", "action": "lezen",
          "object_type": "huishouden", "object_id": event.object_id, "result": event.result,
          "origin": "", "reason": ""}
payload = json.dumps(fields, sort_keys=True, default=str)
event.hash = hashlib.sha256(f"{event.previous_hash}|{payload}".encode()).hexdigest()
event.save()
"""


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )


def test_old_lines_are_numbered_anchored_and_continued(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DOORBRAAK_DATA_DIR": str(tmp_path / "data"),
        "DOORBRAAK_DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "doorbraak.conf.settings",
    }
    (tmp_path / "data").mkdir()
    cli = ("-m", "doorbraak.cli")
    before = _run(env, *cli, "migrate", "core", "0004", "--verbosity", "0")
    assert before.returncode == 0, before.stderr
    assert _run(env, "-c", OLD_LINES).returncode == 0
    assert _run(env, *cli, "migrate", "--verbosity", "0").returncode == 0
    anchors = [
        json.loads(line)
        for line in (tmp_path / "data-audit" / "auditankers.jsonl").read_text().splitlines()
    ]
    assert [(a["seq"], a["keyed"]) for a in anchors] == [(2, False)]
    assert _run(env, "-c", NEW_LINE).returncode == 0

    verified = _run(env, *cli, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "3 regels (2 van vóór de sleutel)" in verified.stdout

    assert _run(env, "-c", RECOMPUTE_OLD).returncode == 0
    broken = _run(env, *cli, "audit", "verify")
    assert broken.returncode == 2  # a user error: the chain is not sound
    assert "[anker-wijkt-af]" in broken.stdout
