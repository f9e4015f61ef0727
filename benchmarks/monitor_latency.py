"""Latency and throughput of the monitor's pages and API under gunicorn, 50 concurrent clients.

Takes a database with a finished monitor run: `--database URL` (or DOORBRAAK_DATABASE_URL);
by default a copy of var/doorbraak.sqlite3 (the demo region) in a temporary folder, migrated,
with `doorbraak monitor run` (which reuses a run with the same inputs, or computes one: about
a minute). Starts gunicorn (`doorbraak.conf.wsgi`, gthread workers so keep-alive works) on
127.0.0.1, logs in a programme-team user (`programma` / `doorbraak-demo`; the server runs with
DOORBRAAK_DEMO=1 so the demo's accounts skip the second login step, as in the demo) and, per
URL, lets 50 threads with their own keep-alive connection (http.client) fire requests. Prints,
per URL, p50 / p95 / max latency and requests per second; with `--queries` also the number of SQL
queries and the in-process time of one request (Django test client), to find a slow view.

    .venv/bin/python benchmarks/monitor_latency.py [--database URL] [--workers 2]
        [--threads 4] [--clients 50] [--requests 500] [--queries] [--only TEXT ...]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parent.parent
DEMO_DB = PROJECT / "var" / "doorbraak.sqlite3"
BIN = Path(sys.executable).parent
USER, PASSWORD = "programma", "doorbraak-demo"
URLS = [
    "/monitor",
    "/monitor/P1",
    "/api/v1/indicators/P1/values?period=2025&area-level=wijk",
    "/api/v1/dhis2/dataValueSet.json?period=2025",
    "/api/v1/dhis2/adx.xml?period=2025",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(work: Path) -> dict[str, str]:
    """The environment for the server: the given database, or a prepared copy of the demo's."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="doorbraak.conf.settings")
    env.setdefault("DOORBRAAK_DEMO", "1")  # the demo accounts skip the second step (ADR 0014)
    env.setdefault("DOORBRAAK_DATA_DIR", str(work))
    if os.environ.get("DOORBRAAK_DATABASE_URL"):
        return env
    copy = work / "doorbraak.sqlite3"
    print(f"copying {DEMO_DB} to {copy}; migrating; monitor run (reused or computed)")
    shutil.copyfile(DEMO_DB, copy)
    env["DOORBRAAK_DATABASE_URL"] = f"sqlite:///{copy}"
    for command in (["migrate", "-v0"], ["monitor", "run"]):
        started = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - the project's own command
            [str(BIN / "doorbraak"), *command], env=env, capture_output=True, text=True
        )
        if done.returncode:
            sys.exit(f"doorbraak {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
        last = (done.stdout.strip().splitlines() or [""])[-1]
        print(f"  doorbraak {' '.join(command)}: {time.perf_counter() - started:.1f} s {last}")
    return env


def serve(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "gunicorn"), "doorbraak.conf.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "gthread", "--threads", str(threads),
        "--keep-alive", "30", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=PROJECT)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start within 60 s")


def _cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


def login(port: int) -> str:
    """The Cookie header of a logged-in programme-team session."""
    jar: dict[str, str] = {}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", "/inloggen")
    response = connection.getresponse()
    page = response.read().decode()
    _cookies(response, jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        sys.exit("no CSRF token on the login page")
    form = urlencode({"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token[1]})
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    connection.request("POST", "/inloggen", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
        "Referer": f"http://127.0.0.1:{port}/inloggen",
    })  # fmt: skip
    response = connection.getresponse()
    response.read()
    _cookies(response, jar)
    if response.status != 302 or "sessionid" not in jar:
        sys.exit(f"login as {USER} failed ({response.status})")
    connection.close()
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def fire(port: int, cookie: str, url: str, clients: int, requests: int) -> dict[str, float]:
    """`requests` GETs of `url` spread over `clients` threads, each on its own connection."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    per_client = max(1, requests // clients)

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine: list[float] = []
        for _ in range(per_client):
            started = time.perf_counter()
            connection.request("GET", url, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                failures.append(f"{response.status}")
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.close()
        with lock:
            latencies.extend(mine)

    for _ in range(3):  # warm up every worker's caches and connections
        fire_once(port, cookie, url)
    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if failures:
        sys.exit(f"{url}: {len(failures)} failed requests (status {failures[0]})")
    latencies.sort()
    return {
        "n": len(latencies),
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "max": latencies[-1] * 1000,
        "rps": len(latencies) / wall,
    }


def fire_once(port: int, cookie: str, url: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", url, headers={"Cookie": cookie})
    response = connection.getresponse()
    size = len(response.read())
    connection.close()
    return size


def queries(env: dict[str, str]) -> None:
    """In this process, against the same database: SQL queries and time of one request."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from doorbraak.partners.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=USER))
    for url in URLS:
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status = client.get(url).status_code
            took = (time.perf_counter() - started) * 1000
        print(f"  {url}: {status}, {len(captured)} queries, {took:.0f} ms in process")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", help="database URL with a finished monitor run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=500, help="per URL")
    parser.add_argument("--queries", action="store_true", help="count SQL queries per URL")
    parser.add_argument(
        "--only", nargs="*", default=[""], help="only the URLs that contain one of these texts"
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress in logs
    if args.database:
        os.environ["DOORBRAAK_DATABASE_URL"] = args.database
    with tempfile.TemporaryDirectory(prefix="monitor-latency-") as tmp:
        env = prepare(Path(tmp))
        if args.queries:
            queries(env)
        port = free_port()
        server = serve(env, port, args.workers, args.threads)
        try:
            cookie = login(port)
            print(
                f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; "
                f"gunicorn {args.workers} workers x {args.threads} threads (gthread); "
                f"{args.clients} clients, {args.requests} requests per URL, keep-alive"
            )
            for url in [u for u in URLS if any(text in u for text in args.only)]:
                size = fire_once(port, cookie, url)
                r = fire(port, cookie, url, args.clients, args.requests)
                print(
                    f"{url} ({size / 1024:.0f} KiB): p50 {r['p50']:.0f} ms, "
                    f"p95 {r['p95']:.0f} ms, max {r['max']:.0f} ms, {r['rps']:.1f} req/s "
                    f"(n={r['n']:.0f})"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
