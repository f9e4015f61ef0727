#!/usr/bin/env python3
"""The project's one task runner. Needs only Python 3.11+; it sets up everything else.

    python3 tasks.py demo    set up, build the demo region and serve the web app on localhost
    python3 tasks.py test    set up, then ruff, mypy and the whole test suite on PostgreSQL
                             (installed and started here) and on SQLite
    python3 tasks.py lock    re-resolve requirements.lock (maintainers, after changing deps)
    python3 tasks.py audit   check requirements.lock against the OSV vulnerability database
                             (needs internet access beyond the package registries; see
                             docs/deployment.md, "Dependency audit")

Set-up is idempotent and skipped when nothing changed: a virtual environment in .venv with
exactly the versions in requirements.lock, the package itself in editable mode, and the
front-end packages from package-lock.json via npm. System packages the tests need
(PostgreSQL, Chromium, Node.js) come from Debian's packages when they are missing.
"""

import ctypes.util
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
VAR = ROOT / "var"
STAMP = VENV / ".doorbraak-setup"
PG_PORT = os.environ.get("DOORBRAAK_TEST_PG_PORT", "54329")
# As root, initdb runs as the postgres user, who may not be able to enter the checkout (a clone
# in `mktemp -d` is mode 700): the cluster then lives in the system temp folder, one per checkout.
PG_DIR = (
    Path(tempfile.gettempdir()) / f"doorbraak-pg-{hashlib.sha256(bytes(ROOT)).hexdigest()[:12]}"
    if os.geteuid() == 0
    else VAR / "pg"
)
PG_URL = f"postgres://doorbraak@127.0.0.1:{PG_PORT}/doorbraak"


def run(*cmd: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env, check=check).returncode


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml", "package-lock.json"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def setup() -> None:
    if not (BIN / "python").exists():
        run(sys.executable, "-m", "venv", VENV)
    if STAMP.exists() and STAMP.read_text() == fingerprint() and (ROOT / "node_modules").exists():
        return
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "pip", "install", "--quiet", "-r", "requirements.lock")
    run(BIN / "pip", "install", "--quiet", "--no-deps", "-e", ".")
    if shutil.which("npm") is None:
        apt_install("nodejs", "npm")
    run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
    STAMP.write_text(fingerprint())


def apt_install(*packages: str) -> None:
    """Install Debian packages; as root directly, otherwise through sudo."""
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*prefix, "apt-get", "update", "-qq", env=env)
    run(*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)


def pg_bin() -> Path | None:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


def system_packages() -> None:
    missing = []
    if pg_bin() is None:
        missing.append("postgresql")
    if not Path("/usr/bin/chromium").exists():
        missing.append("chromium")
    if ctypes.util.find_library("pangoft2-1.0") is None:  # WeasyPrint's layout (the plan PDF)
        missing += ["libpango-1.0-0", "libpangoft2-1.0-0"]
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists():  # the PDF's font
        missing.append("fonts-dejavu-core")
    if missing:
        apt_install(*missing, "fonts-dejavu-core")


def as_postgres(*cmd: str | Path) -> None:
    """initdb and postgres refuse to run as root: use the postgres system user there."""
    prefix: list[str | Path] = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    run(*prefix, *cmd)


def postgres_start() -> Path:
    bindir = pg_bin()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed and could not be installed.")
    if not (PG_DIR / "PG_VERSION").exists():
        PG_DIR.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(PG_DIR, "postgres", "postgres")
        as_postgres(bindir / "initdb", "-D", PG_DIR, "-U", "doorbraak", "-A", "trust", "-E", "UTF8")
    options = f"-p {PG_PORT} -k {PG_DIR} -c listen_addresses=127.0.0.1 -c fsync=off"
    as_postgres(
        bindir / "pg_ctl", "-D", PG_DIR, "-o", options, "-l", PG_DIR / "server.log", "-w", "start"
    )
    return bindir


def postgres_stop(bindir: Path) -> None:
    as_postgres(bindir / "pg_ctl", "-D", PG_DIR, "-m", "fast", "-w", "stop")


# The suite runs as three pytest processes at the same time (ADR 0031): on a 2-core machine
# one after the other left a core idle while the wall time added up. The browser tests and the
# long studies marked `once` run on PostgreSQL only, the stricter database; every other test
# runs on both. Each process has its own database (test_<name> on the cluster; SQLite's test
# database is in memory) and its own log, printed whole when it ends.
SHARDS = (
    ("PostgreSQL, browser tests and the long studies (`once`)", "doorbraak_browser",
     "browser or once"),
    ("PostgreSQL, the other tests", "doorbraak", "not browser and not once"),
    ("SQLite (the embedded default), the same tests", None, "not browser and not once"),
)  # fmt: skip
NO_TESTS = 5  # pytest's exit code when a selection holds no test


def test(pytest_args: list[str]) -> int:
    setup()
    system_packages()
    run(BIN / "ruff", "check", "src", "tests", "benchmarks", "tasks.py")
    run(BIN / "ruff", "format", "--check", "src", "tests", "benchmarks", "tasks.py")
    run(BIN / "mypy")
    # The dependency audit: a known vulnerability fails the run; an unreachable OSV is said
    # plainly ("NIET gecontroleerd") and does not, since nothing was checked either way.
    checked = audit()
    if checked not in (0, AUDIT_UNREACHABLE):
        return checked
    bindir = postgres_start()
    try:
        codes = shards_run(pytest_args)
    finally:
        postgres_stop(bindir)
    ran = [code for code in codes if code != NO_TESTS]
    if not ran:
        return NO_TESTS
    return next((code for code in ran if code != 0), 0)


def shard_env(database: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DOORBRAAK_DATABASE_URL"}
    if database is not None:
        env["DOORBRAAK_DATABASE_URL"] = f"postgres://doorbraak@127.0.0.1:{PG_PORT}/{database}"
    return env


def shards_run(pytest_args: list[str]) -> list[int]:
    """Start every shard, then print each one's log whole as it ends; its exit code."""
    logs = VAR / "testlogs"
    logs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    running = []
    for number, (title, database, marks) in enumerate(SHARDS):
        log = logs / f"shard-{number}.log"
        cmd = [str(BIN / "pytest"), "--durations=20", "-m", marks, *pytest_args]
        print(f"== Start: {title}\n+ {shlex.join(cmd)} > {log}", flush=True)
        with log.open("wb") as out:
            process = subprocess.Popen(
                cmd, cwd=ROOT, env=shard_env(database), stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        running.append((number, title, log, process))
    codes = [0] * len(SHARDS)
    try:
        while running:
            for shard in [s for s in running if s[3].poll() is not None]:
                running.remove(shard)
                number, title, log, process = shard
                codes[number] = process.returncode
                print(f"\n== {title}: {log.name}", flush=True)
                text = log.read_text(encoding="utf-8", errors="replace")
                sys.stdout.write(text if text.endswith("\n") else text + "\n")
                print(
                    f"== {title}: exit code {process.returncode}, ended after "
                    f"{time.monotonic() - started:.0f} s",
                    flush=True,
                )
            time.sleep(1)
    finally:
        for *_, process in running:  # interrupted: no pytest outlives the run
            process.kill()
            process.wait()
    return codes


def demo(args: list[str]) -> int:
    setup()
    return run(BIN / "doorbraak", "demo", *args, check=False)


def lock() -> int:
    run(sys.executable, "-m", "venv", "--clear", VAR / "lockenv")
    pip = VAR / "lockenv" / "bin" / "pip"
    run(pip, "install", "--quiet", "-e", ".[postgres,dev]")
    frozen = subprocess.run(
        [pip, "freeze", "--exclude-editable"], capture_output=True, text=True, check=True
    ).stdout
    header = "# Exact versions for every environment. Regenerate with: python3 tasks.py lock\n"
    (ROOT / "requirements.lock").write_text(header + frozen)
    return 0


PIP_AUDIT = "pip-audit==2.10.1"
OSV = "https://api.osv.dev/v1/query"
AUDIT_UNREACHABLE = 3  # not checked: never read as "no vulnerabilities"


def audit() -> int:
    """pip-audit over requirements.lock against OSV, from its own environment (var/auditenv)."""
    if not osv_reachable():
        print(
            f"OSV ({OSV}) is niet bereikbaar vanaf deze machine: de afhankelijkheden zijn NIET "
            "gecontroleerd. Draai 'python3 tasks.py audit' op een machine met internettoegang "
            "(docs/deployment.md, Dependency audit)."
        )
        return AUDIT_UNREACHABLE
    env_dir = VAR / "auditenv"
    if not (env_dir / "bin" / "pip-audit").exists():
        run(sys.executable, "-m", "venv", "--clear", env_dir)
        run(env_dir / "bin" / "pip", "install", "--quiet", PIP_AUDIT)
    return run(
        env_dir / "bin" / "pip-audit", "--requirement", "requirements.lock", "--no-deps",
        "--disable-pip", "--vulnerability-service", "osv", "--progress-spinner", "off",
        check=False,
    )  # fmt: skip


def osv_reachable() -> bool:
    import urllib.request

    request = urllib.request.Request(OSV, data=b'{"package": {"name": "django", "ecosystem": '
                                     b'"PyPI"}, "version": "5.2"}', method="POST")  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - fixed https URL
            return bool(answer.status == 200)
    except OSError:
        return False


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "lock", "audit"}:
        print(__doc__)
        return 2
    task, rest = argv[0], argv[1:]
    try:
        if task == "demo":
            return demo(rest)
        if task == "test":
            return test(rest)
        if task == "audit":
            return audit()
        return lock()
    except subprocess.CalledProcessError as error:
        print(f"Stap mislukt (exitcode {error.returncode}): {' '.join(map(str, error.cmd))}")
        return error.returncode or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
