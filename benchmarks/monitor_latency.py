"""Latency and throughput of the monitor's pages and API under gunicorn, 50 concurrent clients.

Takes a database with a finished monitor run: `--database URL` (or DOORBRAAK_DATABASE_URL);
by default a copy of var/doorbraak.sqlite3 (the demo region) in a temporary folder, migrated,
with `doorbraak monitor run` (which reuses a run with the same inputs, or computes one: about
a minute). Starts gunicorn (`doorbraak.conf.wsgi`, gthread workers so keep-alive works) on
127.0.0.1, logs in a programme-team user (`programma` / `doorbraak-demo`; the server runs with
DOORBRAAK_DEMO=1 so the demo's accounts skip the second login step, as in the demo) and, per
URL, lets 50 clients that never pause fire requests, each on its own keep-alive connection.
wrk's percentiles cover the requests that finished within the run: a connection starved for
the whole run is not in them, so each line also prints the mean latency that Little's law
gives (clients / throughput); where the p50 is far below it, some connections waited long.

The clients (`--client`): `wrk` (C, one thread, epoll; Debian's package: `apt-get install
wrk`; not needed by the tests) when it is on the PATH, else Python threads (http.client), which
on a two-core machine take a good part of the CPU the server needs. Prints, per URL, p50 / p95 /
max latency, requests per second, and the CPU time per request of the server (gunicorn's
processes, from /proc) and of the client (wrk's rusage, or this process's own CPU time), with
the load average before and after; with `--queries` also the SQL queries and in-process time
of one request (Django test client), with `--profile N` the in-process CPU of N requests per
URL, to find a slow view.

    .venv/bin/python benchmarks/monitor_latency.py [--database URL] [--workers 2]
        [--threads 4] [--clients 50] [--client auto|wrk|python] [--seconds 10]
        [--requests 2000] [--queries] [--profile 200] [--only TEXT ...] [--reverse]

`--reverse` measures the URLs last to first: the first URL is measured right after the
workers start, so comparing both orders shows whether a URL's tail is its own or its turn's.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
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
    cpu = time.process_time()  # this process: the client threads, nothing else runs here now
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if failures:
        sys.exit(f"{url}: {len(failures)} failed requests (status {failures[0]})")
    latencies.sort()
    return {
        "n": len(latencies),
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
        "max": latencies[-1] * 1000,
        "rps": len(latencies) / wall,
        "client_cpu": cpu,
    }


# wrk's summary at the end of a run, in microseconds; its own `--latency` has no p95
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency.max, e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def fire_wrk(port: int, cookie: str, url: str, clients: int, seconds: float) -> dict[str, float]:
    """wrk with `clients` connections on one thread for `seconds`, after a three-second
    warm-up (every worker builds its kept pages)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [
        str(shutil.which("wrk")), "-t1", f"-c{clients}", "--timeout", "30s",
        "-H", f"Cookie: {cookie}", "-s", script.name, f"http://127.0.0.1:{port}{url}",
    ]  # fmt: skip
    try:
        subprocess.run([*command, "-d3s"], capture_output=True, check=True)  # noqa: S603
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(  # noqa: S603 - wrk, found on the PATH
            [*command, f"-d{seconds:g}s"], capture_output=True, text=True, check=True
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    finally:
        os.unlink(script.name)
    found = re.search(r"^RESULT (.*)$", done.stdout, re.MULTILINE)
    if found is None:
        sys.exit(f"{url}: no result from wrk:\n{done.stdout}{done.stderr}")
    n, duration, p50, p95, top, status, broken = (int(x) for x in found[1].split())
    if status or broken:
        sys.exit(f"{url}: {status} answers >= 400 and {broken} socket errors from wrk")
    return {
        "n": n, "p50": p50 / 1000, "p95": p95 / 1000, "max": top / 1000,
        "rps": n / (duration / 1e6),
        "client_cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
    }  # fmt: skip


def server_cpu(server: subprocess.Popen[bytes]) -> float:
    """CPU seconds used so far by gunicorn's master and its (living) workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [server.pid]
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def fire_once(port: int, cookie: str, url: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", url, headers={"Cookie": cookie})
    response = connection.getresponse()
    size = len(response.read())
    connection.close()
    if response.status != 200:
        sys.exit(f"{url}: status {response.status}, not 200")
    return size


def in_process(env: dict[str, str], urls: list[str], repeat: int) -> None:
    """In this process, against the same database: the SQL statements of one request (counted
    by an execute wrapper: Django empties its own query log when a request starts) and the
    mean wall and CPU time of `repeat` requests, after a warm-up."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from doorbraak.partners.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=USER))
    for url in urls:
        for _ in range(3):
            client.get(url)  # warm: kept pages, the menu, the connection
        statements: list[str] = []

        def count(run: Any, sql: str, *rest: Any, seen: list[str] = statements) -> Any:
            seen.append(sql)
            return run(sql, *rest)

        with connection.execute_wrapper(count):
            status = client.get(url).status_code
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(repeat):
            client.get(url)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"  {url}: {status}, {len(statements)} SQL statements; in process "
            f"{wall / max(1, repeat) * 1000:.2f} ms wall, {cpu / max(1, repeat) * 1000:.2f} ms CPU "
            f"a request (n={repeat})"
        )


def measure(args: argparse.Namespace, env: dict[str, str], urls: list[str]) -> None:
    """Start gunicorn, log in, and fire at each URL with the chosen client."""
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    port = free_port()
    server = serve(env, port, args.workers, args.threads)
    try:
        cookie = login(port)
        print(
            f"machine: {os.cpu_count()} cores; load {_load()}; python {sys.version.split()[0]}; "
            f"gunicorn {args.workers} workers x {args.threads} threads (gthread); "
            f"{args.clients} clients ({client}), keep-alive, "
            + (f"{args.seconds:g} s per URL" if client == "wrk" else f"{args.requests} per URL")
        )
        for url in urls:
            size = fire_once(port, cookie, url)
            used = server_cpu(server)
            if client == "wrk":
                r = fire_wrk(port, cookie, url, args.clients, args.seconds)
            else:
                r = fire(port, cookie, url, args.clients, args.requests)
            used = server_cpu(server) - used
            print(
                f"{url} ({size / 1024:.0f} KiB): p50 {r['p50']:.0f} ms, "
                f"p95 {r['p95']:.0f} ms, max {r['max']:.0f} ms, {r['rps']:.1f} req/s "
                f"(n={r['n']:.0f}; mean by Little's law {args.clients / r['rps'] * 1000:.0f} ms)"
                f"; CPU a request: server {used / r['n'] * 1000:.2f} ms, "
                f"client {r['client_cpu'] / r['n'] * 1000:.2f} ms"
            )
        print(f"load after: {_load()}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", help="database URL with a finished monitor run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--seconds", type=float, default=10, help="per URL (wrk)")
    parser.add_argument("--requests", type=int, default=2000, help="per URL (python)")
    parser.add_argument("--queries", action="store_true", help="SQL statements of one request")
    parser.add_argument("--profile", type=int, default=0, help="in-process requests per URL")
    parser.add_argument(
        "--only", nargs="*", default=[""], help="only the URLs that contain one of these texts"
    )
    parser.add_argument("--reverse", action="store_true", help="measure the URLs last to first")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress in logs
    if args.database:
        os.environ["DOORBRAAK_DATABASE_URL"] = args.database
    urls = [u for u in URLS if any(text in u for text in args.only)]
    if args.reverse:
        urls.reverse()
    with tempfile.TemporaryDirectory(prefix="monitor-latency-") as tmp:
        env = prepare(Path(tmp))
        if args.queries or args.profile:
            in_process(env, urls, args.profile)
        measure(args, env, urls)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
