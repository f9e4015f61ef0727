"""The production set-up of docs/deployment.md holds: its environment file passes
`doorbraak check --deploy` without a warning, a server without a secret key refuses to start,
gunicorn behind the proxy answers with HTTPS headers and audits the client's address, not the
proxy's, and (PostgreSQL) a pg_dump restored into
a fresh database passes `doorbraak audit verify`."""

import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from doorbraak.conf.security import LOCAL_SECRET_KEY, local_only, secret_key_choose

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DOC = ROOT / "docs" / "deployment.md"
ENV_FILE = "# /etc/doorbraak/doorbraak.env"


def documented_env() -> dict[str, str]:
    """The environment file of docs/deployment.md, as written there."""
    blocks = re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    block = next(b for b in blocks if b.startswith(ENV_FILE))
    pairs = (line.split("=", 1) for line in block.splitlines()[1:] if line.strip())
    return {name: value for name, value in pairs}


def production_env(tmp_path: Path) -> dict[str, str]:
    """The documented file, with the server's own files made in `tmp_path`."""
    secret = tmp_path / "etc" / "geheime-sleutel.txt"
    secret.parent.mkdir()
    secret.write_text(secrets.token_urlsafe(50) + "\n")
    env = documented_env() | {
        "DOORBRAAK_SECRET_KEY_FILE": str(secret),
        "DOORBRAAK_DATA_DIR": str(tmp_path / "data"),
        "DOORBRAAK_AUDIT_KEY_FILE": str(tmp_path / "etc" / "auditsleutel.txt"),
        "DOORBRAAK_AUDIT_ANCHOR_FILE": str(tmp_path / "audit" / "auditankers.jsonl"),
        "DOORBRAAK_REGISTER_KEY_FILE": str(tmp_path / "etc" / "registersleutel.txt"),
        "DOORBRAAK_NODE_MODULES": str(settings.NODE_MODULES_DIR),
    }
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DOORBRAAK_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }  # pytest-playwright sets DJANGO_ALLOW_ASYNC_UNSAFE; a production host does not
    return base | {"DJANGO_SETTINGS_MODULE": "doorbraak.conf.settings"} | env


def doorbraak(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "doorbraak"), *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_the_documented_settings_pass_check_deploy(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    assert env["DOORBRAAK_HTTPS"] == "true"
    done = doorbraak(env, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_check_deploy_warns_on_the_demos_settings(tmp_path: Path) -> None:
    """The test above can fail: the defaults (the demo's) get warnings."""
    env = production_env(tmp_path)
    for name in ("DOORBRAAK_HTTPS", "DOORBRAAK_SECRET_KEY_FILE", "DOORBRAAK_ALLOWED_HOSTS"):
        env.pop(name)
    done = doorbraak(env, "check", "--deploy")
    for code in ("security.W004", "security.W008", "security.W009", "security.W012"):
        assert code in done.stdout + done.stderr


def test_a_server_without_a_secret_key_refuses_to_start(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    env.pop("DOORBRAAK_SECRET_KEY_FILE")
    done = doorbraak(env, "check")
    assert done.returncode == 2
    assert "DOORBRAAK_SECRET_KEY ontbreekt" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_a_short_secret_key_is_refused(tmp_path: Path) -> None:
    env = production_env(tmp_path) | {"DOORBRAAK_SECRET_KEY": "geheim"}
    done = doorbraak(env, "check")
    assert done.returncode == 2
    assert "te kort of te eenvoudig" in done.stderr


@pytest.mark.parametrize(
    ("hosts", "https", "local"),
    [
        (["localhost", "127.0.0.1", "[::1]"], False, True),
        (["localhost"], True, False),
        (["doorbraak.example.nl"], False, False),
        (["localhost", "*"], False, False),
        ([], False, False),
    ],
)
def test_only_a_server_on_this_computer_alone_gets_the_demo_key(
    hosts: list[str], https: bool, local: bool
) -> None:
    assert local_only(hosts, https=https) is local
    if local:
        assert secret_key_choose("", "", local=True) == LOCAL_SECRET_KEY


# --- gunicorn behind the proxy ------------------------------------------------------------


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[str]:
    """The web service of docs/deployment.md on a free port (SQLite instead of PostgreSQL)."""
    env = production_env(tmp_path) | {
        "DOORBRAAK_DATABASE_URL": f"sqlite:///{tmp_path / 'doorbraak.sqlite3'}"
    }
    assert doorbraak(env, "migrate", "--verbosity", "0").returncode == 0
    port = _free_port()
    unit = DOC.read_text(encoding="utf-8")
    assert "--bind 127.0.0.1:8000 --workers 3 --timeout 300" in unit
    assert "--forwarded-allow-ips 127.0.0.1" in unit
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "doorbraak.conf.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--timeout", "300", "--forwarded-allow-ips", "127.0.0.1"],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield _wait(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str) -> str:
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
        except urllib.error.HTTPError:
            return url
        except OSError:
            time.sleep(0.5)
            continue
        return url
    raise AssertionError("gunicorn did not start")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _get(url: str, **headers: str) -> tuple[int, dict[str, str]]:
    opener = urllib.request.build_opener(_NoRedirect)
    host = {"Host": "doorbraak.example.nl"}
    request = urllib.request.Request(url, headers=host | headers)  # noqa: S310 - our own server
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.mark.slow
def test_gunicorn_behind_the_proxy_sends_https_headers(gunicorn: str) -> None:
    status, headers = _get(f"{gunicorn}/toegankelijkheid", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert "secure" in headers.get("Set-Cookie", "secure").lower()
    status, headers = _get(f"{gunicorn}/toegankelijkheid")  # plain http reached gunicorn
    assert status == 301
    assert headers["Location"] == "https://doorbraak.example.nl/toegankelijkheid"


@pytest.mark.slow
def test_gunicorn_behind_the_proxy_audits_the_client_not_the_proxy(
    gunicorn: str, tmp_path: Path
) -> None:
    """nginx appends the client's address to X-Forwarded-For; the client's own made-up hop on
    the left is not believed (DOORBRAAK_TRUSTED_PROXIES=127.0.0.1, docs/deployment.md)."""
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "6.6.6.6, 203.0.113.5"}
    status, _headers = _get(f"{gunicorn}/open-data/indicatoren.csv", **forwarded)
    assert status == 200
    with sqlite3.connect(tmp_path / "doorbraak.sqlite3") as db:
        [(origin,)] = db.execute("SELECT origin FROM core_auditevent ORDER BY seq DESC LIMIT 1")
    assert origin == "203.0.113.0/24"  # the client's network (anonymous: ADR 0013), not 127.0.0.1


# --- backup and restore (PostgreSQL) -------------------------------------------------------


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))
    if not found:
        pytest.skip("pg_dump is not installed")
    return found[-1].parent


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_restored_into_a_fresh_database_passes_audit_verify(
    tmp_path: Path, settings: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("backups with pg_dump: PostgreSQL only (CI runs the suite on it too)")
    from doorbraak.core.audit import audit_record
    from doorbraak.core.models import AuditAction

    settings.AUDIT_ANCHOR_FILE = tmp_path / "auditankers.jsonl"
    settings.AUDIT_ANCHOR_EVERY = 1
    for n in range(5):
        audit_record(
            actor=None, action=AuditAction.OPENDATA_CSV_DOWNLOAD, object_type="bestand",
            object_id=f"indicatoren-{n}.csv", result="getoond", origin="test_deploy",
        )  # fmt: skip
    db = connection.settings_dict
    target = f"doorbraak_hersteld_{secrets.token_hex(4)}"
    pg = {**os.environ, "PGHOST": db["HOST"] or "", "PGPORT": str(db["PORT"] or 5432),
          "PGUSER": db["USER"] or "", "PGPASSWORD": db["PASSWORD"] or ""}  # fmt: skip
    dump = tmp_path / "doorbraak.dump"
    bindir = _pg_bin()
    run = [str(bindir / "pg_dump"), "--format=custom", f"--file={dump}", db["NAME"]]
    subprocess.run(run, env=pg, check=True, timeout=300)
    subprocess.run([str(bindir / "createdb"), target], env=pg, check=True, timeout=60)
    try:
        restore = [str(bindir / "pg_restore"), "--no-owner", f"--dbname={target}", str(dump)]
        subprocess.run(restore, env=pg, check=True, timeout=300)
        env = _restored_env(db, target, tmp_path)
        done = doorbraak(env, "audit", "verify", "--ankers", str(settings.AUDIT_ANCHOR_FILE))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "In orde" in done.stdout
        # and it can fail: a line changed in the restored copy is found
        sql = "UPDATE core_auditevent SET object_id = 'x' WHERE object_id = 'indicatoren-2.csv'"
        subprocess.run([str(bindir / "psql"), "-d", target, "-c", sql], env=pg, check=True)
        broken = doorbraak(env, "audit", "verify", "--ankers", str(settings.AUDIT_ANCHOR_FILE))
        assert broken.returncode == 2
        assert "regel-gewijzigd" in broken.stdout + broken.stderr
    finally:
        subprocess.run([str(bindir / "dropdb"), "--if-exists", target], env=pg, timeout=60)


def _restored_env(db: dict, target: str, tmp_path: Path) -> dict[str, str]:  # type: ignore[type-arg]
    from django.conf import settings

    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{target}"
    base = {k: v for k, v in os.environ.items() if not k.startswith("DOORBRAAK_")}
    return base | {
        "DJANGO_SETTINGS_MODULE": "doorbraak.conf.settings",
        "DOORBRAAK_DATABASE_URL": url,
        "DOORBRAAK_DATA_DIR": str(tmp_path / "data"),
        "DOORBRAAK_AUDIT_KEY_FILE": str(settings.AUDIT_KEY_FILE),
        "DOORBRAAK_AUDIT_ANCHOR_FILE": str(settings.AUDIT_ANCHOR_FILE),
        "DOORBRAAK_AUDIT_ANCHOR_EVERY": "1",
    }
