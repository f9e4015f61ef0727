"""`doorbraak mappings check FILE` and `doorbraak mappings load FILE`: check the partners'
declared mappings against the contract (docs/intake.md), and load or refresh them."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.core.problems import Problem
from doorbraak.intake.mappings import mappings_load, mappings_validate, problems_text
from doorbraak.partners.models import Partner


class Command(BaseCommand):
    help = (
        "Bronmappings: controleer een mappings.yaml (check) of laad of actualiseer ze (load); "
        "het formaat staat in docs/intake.md."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check",
            help="Controleer een mappings.yaml: elk probleem met regelnummer; "
            "afsluitcode 1 bij fouten.",
        )
        check.add_argument("file", type=Path)
        load = sub.add_parser(
            "load", help="Controleer en laad een mappings.yaml (niets bij een fout)."
        )
        load.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check":
            self._check(options["file"])
            return
        result = mappings_load(path=options["file"])
        self._warnings(result.warnings)
        self.stdout.write(
            f"Mappings: {result.created} nieuw of gewijzigd, {result.unchanged} ongewijzigd."
        )

    def _check(self, path: Path) -> None:
        partners = set(Partner.objects.values_list("code", flat=True))
        data, problems, warnings = mappings_validate(path=path, partners=partners)
        self._warnings(warnings)
        if problems:
            count = "1 probleem" if len(problems) == 1 else f"{len(problems)} problemen"
            self.stderr.write(f"{path.name}: {count}:\n{problems_text(problems)}")
            sys.exit(1)
        datasets = sum(len(p.get("datasets") or {}) for p in data["partners"].values())
        self.stdout.write(
            f"{path.name}: in orde ({len(data['partners'])} partners, {datasets} gegevenssets)."
        )

    def _warnings(self, warnings: list[Problem]) -> None:
        if warnings:
            self.stdout.write(f"Waarschuwingen:\n{problems_text(warnings)}")
