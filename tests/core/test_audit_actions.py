"""Audit actions are one enumeration in one naming style, and every call site uses it."""

import re
from pathlib import Path

from doorbraak.core.models import AuditAction

SRC = Path(__file__).resolve().parents[2] / "src" / "doorbraak"
STYLE = re.compile(r"^[a-z]+(\.[a-z_]+)+$")


def test_every_action_is_dotted_lower_case() -> None:
    wrong = [action.value for action in AuditAction if not STYLE.match(action.value)]
    assert not wrong


def test_no_call_site_writes_an_action_out() -> None:
    written = [
        f"{path.relative_to(SRC)}: {line.strip()}"
        for path in SRC.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"\baction=\"[a-z_]+\.", line)
    ]
    assert not written, "use core.models.AuditAction:\n" + "\n".join(written)
