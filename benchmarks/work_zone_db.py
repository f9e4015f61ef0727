"""A fresh work-zone database for the casework and outreach benchmarks: SQLite in a temporary
folder, fresh audit and work-zone keys, Django set up and migrated; and BSNs that pass the
elfproef. Used by casework_caseload.py, casework_plan.py, family_page.py, outreach_worklist.py."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(work: Path, name: str) -> None:
    """Point doorbraak at `work` (database `name`.sqlite3) and migrate."""
    os.environ.update(
        DOORBRAAK_DATA_DIR=str(work / "data"),
        DOORBRAAK_DATABASE_URL=f"sqlite:///{work / 'data' / f'{name}.sqlite3'}",
        DOORBRAAK_AUDIT_KEY=secrets.token_hex(32),
        DOORBRAAK_AUDIT_ANCHOR_FILE=str(work / "audit" / "ankers.jsonl"),
        DOORBRAAK_AUDIT_ANCHOR_EVERY="1000000",
        DOORBRAAK_WORK_ZONE_KEY=secrets.token_hex(32),
        DOORBRAAK_WORK_ZONE_PARTNER_KEY=secrets.token_hex(32),
        DJANGO_SETTINGS_MODULE="doorbraak.conf.settings",
    )
    (work / "data").mkdir()
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bsns(count: int) -> list[str]:
    """The first `count` 9-digit numbers from 100000000 up that pass the elfproef."""
    from doorbraak.pseudonymise.bsn import elfproef

    found: list[str] = []
    candidate = 100_000_000
    while len(found) < count:
        if elfproef(str(candidate)):
            found.append(str(candidate))
        candidate += 1
    return found
