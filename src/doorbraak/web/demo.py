"""Set up the demo on the embedded database: areas, plan, 42 fictitious partners, one user
per role. Idempotent: running it again changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from doorbraak.areas.services import region_load
from doorbraak.partners.models import Partner, Role, User
from doorbraak.partners.services import partner_load, role_groups_sync, user_create
from doorbraak.programme.services import plan_load_file

DEMO_PASSWORD = "doorbraak-demo"  # noqa: S105 - a published demo password on a local demo
DEMO_PARTNERS = Path(__file__).resolve().parent.parent / "partners" / "data" / "demo-partners.yaml"

# username → (role, partner code or None)
DEMO_USERS: dict[str, tuple[Role, str | None]] = {
    "programma": (Role.PROGRAMME_TEAM, None),
    "bestuur": (Role.BOARD, None),
    "gegevensbeheerder": (Role.DATA_STEWARD, "woonstichting-veenhorst"),
    "professional": (Role.PROFESSIONAL, "gemeente-veendam"),
    "huishouden": (Role.HOUSEHOLD, None),
    "onderzoeker": (Role.RESEARCHER, "hogeschool-noorderveen"),
    "beheerder": (Role.ADMINISTRATOR, None),
}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    region: str
    buurten: int
    partners: int
    plan_version: int
    users: list[str]


def demo_setup(*, progress: Progress = lambda message: None) -> DemoSummary:
    steps = 5
    progress(f"[1/{steps}] Database inrichten…")
    call_command("migrate", verbosity=0, interactive=False)
    role_groups_sync()
    progress(f"[2/{steps}] Gebieden laden uit de CBS-lijsten…")
    region = region_load(name=settings.REGION)
    progress(f"[3/{steps}] Programmaplan laden…")
    plan = plan_load_file(path=settings.PLAN_FILE)
    progress(f"[4/{steps}] Demopartners laden…")
    partners = partner_load(path=DEMO_PARTNERS)
    progress(f"[5/{steps}] Demogebruikers aanmaken…")
    users = demo_users_create()
    return DemoSummary(region.region.name, region.buurten, partners, plan.version.number, users)


def demo_users_create() -> list[str]:
    for username, (role, partner_code) in DEMO_USERS.items():
        if not User.objects.filter(username=username).exists():
            partner = Partner.objects.get(code=partner_code) if partner_code else None
            user_create(username=username, password=DEMO_PASSWORD, role=role, partner=partner)
    return list(DEMO_USERS)
