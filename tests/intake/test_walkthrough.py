"""docs/intake.md's "Van niets naar een eerste aanlevering" cannot rot: this test takes every
command from the section's code blocks (src/doorbraak/intake/nieuwe_partner.md) and runs it as
typed, in order, in one working folder, against a fresh platform database, for a made-up new
partner (a water company) with its own small export, and ends with its first accepted
delivery. It also checks each output the section shows, and does the steward's web steps
(choose a password on the link, upload a trial delivery) against the same database.

Only two things are the test's own: the platform's installation before the section starts
(`doorbraak migrate`), and the key id, which the section shows as an example and the test
takes from the real output. The install block is not run (there is no released wheel here);
the test checks it names the project's version. Partner-side blocks run without the
platform's database, as at the partner.
"""

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from doorbraak.intake.contract_doc import WALKTHROUGH, contract_markdown

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).with_name("walkthrough")  # the water company's export and CBS file
BIN = Path(sys.executable).parent  # the environment's `doorbraak`
EXAMPLE_KEY_ID = "3f6c0a9e5b1d7284"
PARTNER = "waterbedrijf-hunzedal"
# who runs a block, from its first line: the platform's side or the partner's
PLATFORM, PARTNER_SIDE, INSTALL = "programmateam", "partner", "installeren"
ACTORS = {
    "# programmateam": PLATFORM,
    "# sleutelbeheerder": PARTNER_SIDE,
    "# gegevensbeheerder": PARTNER_SIDE,
    "# installeren": INSTALL,
}


@dataclass
class Block:
    language: str
    lines: list[str]

    @property
    def actor(self) -> str:
        first = self.lines[0] if self.lines else ""
        return next((a for prefix, a in ACTORS.items() if first.startswith(prefix)), "")

    @property
    def commands(self) -> list[str]:
        """The commands as the shell reads them: comments dropped, `\\` lines joined."""
        text = "\n".join(line for line in self.lines if not line.startswith("#"))
        return [c.strip() for c in text.replace("\\\n", " ").splitlines() if c.strip()]


def blocks(text: str) -> list[Block]:
    found = re.findall(r"^```(\w*)\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)
    return [Block(language, body.rstrip("\n").split("\n")) for language, body in found]


@dataclass
class World:
    work: Path
    env: dict[str, dict[str, str]]
    outputs: list[str] = field(default_factory=list)
    key_id: str = ""

    def run(self, command: str, actor: str) -> str:
        typed = command.replace(EXAMPLE_KEY_ID, self.key_id) if self.key_id else command
        done = subprocess.run(  # noqa: S602 (the section's commands, as a user types them)
            typed,
            shell=True,
            cwd=self.work,
            env=self.env[actor],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"{typed}\n{output}"
        assert "Traceback" not in output, output
        found = re.search(r"sleutel-id ([0-9a-f]{16})", output)
        if found and not self.key_id:
            self.key_id = found.group(1)
        return output

    def shown(self, output: str) -> str:
        """The output as the section prints it: the example key id for the real one."""
        return output.replace(self.key_id, EXAMPLE_KEY_ID) if self.key_id else output


def _envs(tmp_path: Path) -> dict[str, dict[str, str]]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DOORBRAAK_")}
    base["PATH"] = f"{BIN}{os.pathsep}{base.get('PATH', '')}"
    base["DJANGO_SETTINGS_MODULE"] = "doorbraak.conf.settings"
    platform = tmp_path / "platform"
    partner = tmp_path / "partner"  # no database there: the tool needs none
    return {
        PLATFORM: base | {
            "DOORBRAAK_DATA_DIR": str(platform),
            "DOORBRAAK_DATABASE_URL": f"sqlite:///{platform / 'doorbraak.sqlite3'}",
        },
        PARTNER_SIDE: base | {
            "DOORBRAAK_DATA_DIR": str(partner),
            "DOORBRAAK_DATABASE_URL": f"sqlite:///{partner / 'geen-database.sqlite3'}",
        },
    }  # fmt: skip


def test_the_section_is_in_docs_intake_md() -> None:
    section = WALKTHROUGH.read_text(encoding="utf-8")
    assert section.startswith("## Van niets naar een eerste aanlevering\n")
    assert section in contract_markdown()
    every = blocks(section)
    assert {b.actor for b in every if b.language == "sh"} == {PLATFORM, PARTNER_SIDE, INSTALL}
    header = (DATA / "betalingsachterstanden-2025.csv").read_bytes().decode("cp1252")
    assert any(b.lines == [header.split("\r\n")[0]] for b in every if b.language == "text")


def test_the_install_block_names_the_released_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    install = [b for b in blocks(WALKTHROUGH.read_text(encoding="utf-8")) if b.actor == INSTALL]
    assert len(install) == 1
    commands = install[0].commands
    wheel = f"doorbraak-{version}-py3-none-any.whl"
    assert commands[0] == f"sha256sum {wheel}"
    assert any(c.endswith(f"pip install {wheel}") for c in commands)
    assert [c.split()[0] for c in commands] == [
        "sha256sum", "python3", "doorbraak-hulpprogramma/bin/pip", "source",
    ]  # fmt: skip


@pytest.mark.slow
@pytest.mark.once  # its databases are SQLite files of its own: the same on either half
def test_a_new_partner_goes_from_nothing_to_a_first_accepted_delivery(tmp_path: Path) -> None:
    work = tmp_path / "werkmap"
    work.mkdir()
    for name in ("betalingsachterstanden-2025.csv", "adressen.csv"):
        shutil.copy(DATA / name, work / name)
    world = World(work, _envs(tmp_path))
    world.run("doorbraak migrate --verbosity 0", PLATFORM)  # the platform exists already
    _follow(world, blocks(WALKTHROUGH.read_text(encoding="utf-8")))
    _first_delivery_accepted(tmp_path / "platform" / "doorbraak.sqlite3")
    _steward_on_the_web(world)


def _follow(world: World, section: list[Block]) -> None:
    """Every block in order: a file written, commands run, an output checked."""
    last = ""
    for block in section:
        if block.language == "yaml" and block.lines[0].startswith("# "):
            (world.work / block.lines[0][2:].strip()).write_text(
                "\n".join(block.lines[1:]) + "\n", encoding="utf-8"
            )
        elif block.language == "sh" and block.actor != INSTALL:
            assert block.actor, block.lines[0]
            last = "".join(world.run(c, block.actor) for c in block.commands)
            world.outputs.append(last)
        elif block.language == "text" and last:
            shown = world.shown(last)
            for line in block.lines:
                assert line in shown, f"{line!r} not in:\n{shown}"
            last = ""
    assert world.key_id, "no key id was shown"
    assert (world.work / "mappings.yaml").exists()


def _first_delivery_accepted(database: Path) -> None:
    with sqlite3.connect(database) as db:
        batches = db.execute(
            "SELECT b.id, b.dry_run, b.status, b.read, b.accepted, b.warned, b.rejected "
            "FROM intake_importbatch b JOIN partners_partner p ON p.id = b.partner_id "
            "WHERE p.code = ? ORDER BY b.id",
            [PARTNER],
        ).fetchall()
        assert [b[1:] for b in batches] == [
            (1, "verwerkt", 5, 3, 1, 1),
            (0, "verwerkt", 5, 3, 1, 1),
        ]
        verdicts = db.execute(
            "SELECT row_number, result, error_code FROM intake_rowresult WHERE batch_id = ? "
            "AND result IN ('gewaarschuwd', 'afgewezen') ORDER BY row_number",
            [batches[-1][0]],
        ).fetchall()
        assert verdicts == [
            (4, "gewaarschuwd", "geboortedatum-ongeldig"),
            (5, "afgewezen", "waarde-negatief"),
        ]
        stored = db.execute(
            "SELECT COUNT(*) FROM intake_sourcerecord WHERE batch_id = ?", [batches[-1][0]]
        ).fetchone()
        assert stored == (4,)
        steward = db.execute(
            "SELECT u.role, p.code FROM partners_user u JOIN partners_partner p "
            "ON p.id = u.partner_id WHERE u.username = 'a.bakker'"
        ).fetchone()
        assert steward == ("gegevensbeheerder", PARTNER)


STEWARD_WEB = """
import sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
link, upload, password = sys.argv[1], sys.argv[2], "Hunze-water-2025!"
client = Client()
form = client.get(link, follow=True)
assert "Wachtwoord kiezen" in form.content.decode(), form.content.decode()
chosen = client.post(
    form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
)
assert chosen.status_code == 302, chosen.content.decode()
# logging in: the password, then the second step; the first time the steward sets up his
# authenticator app from the secret the page shows (ADR 0014)
import re
from base64 import b32decode
from django_otp.oath import TOTP
login = client.post("/inloggen", {"username": "a.bakker", "password": password})
assert login["Location"] == "/inloggen/tweede-stap", login
step = client.get("/inloggen/tweede-stap").content.decode()
secret = re.search(r"<code data-geheim>([A-Z2-7 ]+)</code>", step).group(1).replace(" ", "")
code = TOTP(b32decode(secret + "=" * (-len(secret) % 8))).token()
assert client.post("/inloggen/tweede-stap", {"otp_token": f"{code:06d}"}).status_code == 302
with open(upload, "rb") as handle:
    page = client.post(
        "/aanleveringen", {"file": handle, "dry_run": "on"}, follow=True
    ).content.decode()
assert "5" in page and "betalingsachterstanden-2025.csv" in page, page
print(page)
"""


def _steward_on_the_web(world: World) -> None:
    """Section step 1's link and step 6's trial upload, as the steward does them."""
    steward_output = next(o for o in world.outputs if "is aangemaakt, nog zonder" in o)
    link = re.search(r"/wachtwoord/instellen/\S+/\S+/", steward_output)
    assert link, steward_output
    upload = shlex.quote(str(world.work / "aanlevering" / "betalingsachterstanden-2025.csv"))
    page = world.run(
        f"{shlex.quote(sys.executable)} -c {shlex.quote(STEWARD_WEB)} {link.group(0)} {upload}",
        PLATFORM,
    )
    assert "Dit was een proefaanlevering: er is niets opgeslagen." in page
    assert "is negatief; deze waarde is altijd 0 of meer" in page  # the rejected row
