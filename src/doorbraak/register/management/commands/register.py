"""`doorbraak register schema|referentie`: the register's schema as a document; load the
programme's reference file (interventions and experiments)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.register.reference import reference_file_load
from doorbraak.register.schema_doc import schema_markdown


class Command(BaseCommand):
    help = "Het register: het schema tonen (schema) of de referentiegegevens laden (referentie)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        schema = sub.add_parser("schema", help="Toon het schema van het register (Markdown).")
        schema.add_argument("--uit", type=Path, help="schrijf het naar dit bestand")
        reference = sub.add_parser(
            "referentie", help="Laad de interventies en experimenten van het programma."
        )
        reference.add_argument("file", type=Path, help="referentie.yaml")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "schema":
            text = schema_markdown()
            if options["uit"]:
                options["uit"].write_text(text, encoding="utf-8")
                self.stdout.write(f"Geschreven: {options['uit']}")
            else:
                self.stdout.write(text)
            return
        interventions, experiments = reference_file_load(path=options["file"])
        self.stdout.write(
            f"Referentiegegevens geladen: {interventions} interventies, {experiments} experimenten."
        )
