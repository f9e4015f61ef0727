"""`doorbraak areas load [REGIO]`: load the region's gemeenten, wijken, buurten and dorpen."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from doorbraak.areas.services import region_load


class Command(BaseCommand):
    help = "Gebieden: laad de regio uit de CBS-lijsten (load)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Laad of actualiseer de gebieden van een regio.")
        load.add_argument("region", nargs="?", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        result = region_load(name=options["region"] or settings.REGION)
        self.stdout.write(
            f"{result.region.name}: {result.gemeenten} gemeenten, {result.wijken} wijken, "
            f"{result.buurten} buurten, {result.dorpen} dorpen."
        )
