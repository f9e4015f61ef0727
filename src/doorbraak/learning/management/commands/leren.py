"""`doorbraak leren laad FILE`: record the learning network's activities and experiment
details from a YAML file (`programma/leren.yaml`, as the demo does; `learning.records_file`).
Rows that cannot be recorded are reported with their section, row and reason, and the command
ends non-zero; rows already recorded are left alone, so a second run changes nothing."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.learning.records_file import learning_file_record

EXIT_PROBLEMS = 1


class Command(BaseCommand):
    help = "Lerend netwerk: activiteiten en experimenten uit een YAML-bestand vastleggen."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "laad", help="Leg de activiteiten uit een bestand vast (zoals programma/leren.yaml)."
        )
        load.add_argument("file", type=Path, help="het YAML-bestand van het lerend netwerk")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        result = learning_file_record(path=path, actor=None)
        for rejected in result.rejected:
            self.stdout.write(f"{path.name}: {rejected}")
        self.stdout.write(
            f"{path.name}: {result.recorded} vastgelegd, {result.unchanged} al vastgelegd "
            f"(ongewijzigd), {len(result.rejected)} afgewezen."
        )
        if result.rejected:
            self.stderr.write(
                f"{len(result.rejected)} rij(en) afgewezen; de andere rijen zijn vastgelegd."
            )
            sys.exit(EXIT_PROBLEMS)
