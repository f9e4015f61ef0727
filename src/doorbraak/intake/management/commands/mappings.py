"""`doorbraak mappings load FILE`: load or refresh the partners' declared mappings."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.intake.mappings import mappings_load


class Command(BaseCommand):
    help = "Bronmappings: laad of actualiseer ze uit een mappings.yaml (load)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Laad een mappings.yaml.")
        load.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        result = mappings_load(path=options["file"])
        self.stdout.write(
            f"Mappings: {result.created} nieuw of gewijzigd, {result.unchanged} ongewijzigd."
        )
        if result.unknown_partners:
            self.stdout.write(
                f"Onbekende partners overgeslagen: {', '.join(result.unknown_partners)}."
            )
