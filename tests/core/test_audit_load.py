"""Audited reads under load: 50 at once against a real server, none fails, every one is logged.

The issue's finding was that on SQLite 8 parallel sessions made 22 of 40 audited reads fail
with a 500 ("database is locked") and that a refused read which failed so was not logged. This
test runs the project under gunicorn (several processes, several threads each: the way it is
deployed) on a database of its own, a fresh SQLite file or a fresh PostgreSQL database on the
server the test suite uses, and fires 50 household reads at the same moment: half in the
professional's caseload (shown), half outside it (refused). Every read must answer 200 or 403,
never 500, and the audit chain must hold exactly 50 new lines, in one unbroken keyed chain
that `doorbraak audit verify` accepts with an anchor for every line. The reads run in
autocommit, so their lines go through each process's group writer (ADR 0047). (Before the fix: 24 of
50 answered 500 on SQLite; on PostgreSQL all answered, but the chain forked: 39 breaks.)
"""

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

READS = 50
WORKERS, THREADS = 4, 8

SETUP = """
import datetime as dt, json
import django
django.setup()
from django.test import Client
from doorbraak.core.models import AuditEvent
from doorbraak.partners.models import Partner, Role, User
from doorbraak.partners.services import partner_load, role_groups_sync
from doorbraak.register import models as r
from doorbraak.web.demo import DEMO_PARTNERS

role_groups_sync()
partner_load(path=DEMO_PARTNERS)
partner = Partner.objects.get(code="gemeente-veendam")
user = User.objects.create_user(
    username="professional", role=Role.PROFESSIONAL, partner=partner, worker_ref="mw-1"
)
batch = r.FactBatch.objects.create(kind="casework", label="belastingtest")
own = r.Household.objects.create(pseudonym="h-eigen")
other = r.Household.objects.create(pseudonym="h-ander")
r.ContactAssignment.objects.create(
    batch=batch, household=own, partner=partner, worker_ref="mw-1", valid_from=dt.date(2025, 1, 1)
)
client = Client()
client.force_login(user)
# past the second step, as django-otp's login leaves a session (tests/conftest.py does the same)
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
session = client.session
session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.create(
    user=user, name="test", confirmed=True
).persistent_id
session.save()
print(json.dumps({
    "own": own.pk, "other": other.pk, "session": client.cookies["sessionid"].value,
    "before": AuditEvent.objects.count(),
}))
"""

COUNT = """
import json
import django
django.setup()
from collections import Counter
from doorbraak.core.audit import audit_verify
from doorbraak.core.models import AuditAction, AuditEvent
reads = AuditEvent.objects.filter(action=AuditAction.REGISTER_HOUSEHOLD_TIMELINE_READ)
print(json.dumps({
    "rows": AuditEvent.objects.count(),
    "results": Counter(reads.values_list("result", flat=True)),
    "breaks": len(audit_verify()),
}))
"""


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _json(env: dict[str, str], script: str) -> dict[str, object]:
    done = _run(env, "-c", script)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture
def database_url() -> Iterator[str]:
    """A database of its own, of the kind the test suite runs on."""
    default = settings.DATABASES["default"]
    if default["ENGINE"].endswith("sqlite3"):
        yield ""  # the server's DATA_DIR holds its SQLite file
        return
    import psycopg

    name = f"doorbraak_audit_{secrets.token_hex(4)}"
    where = {"host": default["HOST"], "port": default["PORT"], "user": default["USER"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **where) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"postgres://{default['USER']}@{default['HOST']}:{default['PORT']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **where) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def server_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {**os.environ, "DOORBRAAK_DATA_DIR": str(tmp_path / "data")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DOORBRAAK_DATABASE_URL"] = database_url or f"sqlite:///{tmp_path / 'data' / 'db.sqlite3'}"
    (tmp_path / "data").mkdir()
    migrated = _run(env, "-m", "doorbraak.cli", "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr
    return env | {"DJANGO_SETTINGS_MODULE": "doorbraak.conf.settings"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(server_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "doorbraak.conf.wsgi:application"),
            *("--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)),
            *("--threads", str(THREADS), "--timeout", "120", "--no-control-socket"),
        ],
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn stopped while starting"
        try:
            with urllib.request.urlopen(f"{url}/inloggen", timeout=60):  # noqa: S310 - our server
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError("gunicorn did not answer within 60 s")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect (to the login page, say) is an answer of its own, not the page read."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(_NoRedirects)


def _get(url: str, session: str, start: threading.Barrier) -> int:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})  # noqa: S310
    start.wait()
    try:
        with OPENER.open(request, timeout=120) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_fifty_parallel_audited_reads_all_answer_and_all_are_logged(
    server: str, server_env: dict[str, str]
) -> None:
    world = _json(server_env, SETUP)
    start = threading.Barrier(READS)
    targets = [world["own"] if n % 2 == 0 else world["other"] for n in range(READS)]
    with ThreadPoolExecutor(max_workers=READS) as pool:
        statuses = list(
            pool.map(
                lambda pk: _get(f"{server}/huishoudens/{pk}", str(world["session"]), start),
                targets,
            )
        )

    assert Counter(statuses) == {200: READS // 2, 403: READS // 2}
    found = _json(server_env, COUNT)
    assert found["rows"] == world["before"] + READS  # type: ignore[operator]
    assert found["results"] == {"getoond": READS // 2, "geweigerd": READS // 2}
    assert found["breaks"] == 0
    verified = _run(server_env, "-m", "doorbraak.cli", "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"{READS} ankers" in verified.stdout  # every line anchored, by four processes at once
