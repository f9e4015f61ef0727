"""`doorbraak partners add CODE --naam NAAM --sector SECTOR [--gemeente GM....]`: add a
partner organisation (audited), the first step of connecting a new partner (docs/intake.md)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.partners.models import Sector
from doorbraak.partners.services import partner_add


class Command(BaseCommand):
    help = "Partners: voeg een partnerorganisatie toe (add)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser(
            "add",
            help="Voeg een partner toe; daarna kan zijn mapping geladen worden.",
            description="Voeg een partnerorganisatie toe. Sectoren: "
            + ", ".join(f"{s.value} ({s.label})" for s in Sector)
            + ".",
        )
        add.add_argument(
            "code", help="vaste code: kleine letters, cijfers en streepjes (woonstichting-x)"
        )
        add.add_argument("--naam", required=True, help="naam van de organisatie")
        add.add_argument("--sector", required=True, help="sector, bijvoorbeeld energie of wonen")
        add.add_argument(
            "--gemeente", default="", help="CBS-code van de vestigingsgemeente (GM0047)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        partner = partner_add(
            code=options["code"],
            name=options["naam"],
            sector=options["sector"],
            gemeente_code=options["gemeente"],
            origin="doorbraak partners add",
        )
        self.stdout.write(
            f"Partner {partner.name} ({partner.code}, {partner.get_sector_display()}) is "
            "toegevoegd. Volgende stap: laad zijn mapping met 'doorbraak mappings load' "
            "(zie docs/intake.md)."
        )
