"""`doorbraak mappings check FILE`, `doorbraak mappings load FILE` and `doorbraak mappings
contract [--uit FILE]`: check the partners' declared mappings against the contract, load or
refresh them, and print the contract itself (docs/intake.md)."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from doorbraak.core.errors import UserError
from doorbraak.core.problems import Problem
from doorbraak.intake.contract_doc import contract_markdown
from doorbraak.intake.mapping_check import mappings_validate, problems_text
from doorbraak.intake.mappings import mappings_load
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
        contract = sub.add_parser(
            "contract", help="Schrijf het mappingformaat als Markdown (docs/intake.md)."
        )
        contract.add_argument("--uit", type=Path, help="schrijf naar dit bestand")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check":
            self._check(options["file"])
            return
        if options["action"] == "contract":
            self._contract(options["uit"])
            return
        result = mappings_load(path=options["file"])
        self._warnings(result.warnings)
        self.stdout.write(
            f"Mappings: {result.created} nieuw of gewijzigd, {result.unchanged} ongewijzigd."
        )

    def _check(self, path: Path) -> None:
        try:
            partners: set[str] | None = set(Partner.objects.values_list("code", flat=True))
        except DatabaseError:  # at the partner: no platform database to ask
            partners = None
            self.stdout.write("Geen database: niet gecontroleerd of de partners bestaan.")
        try:
            data, problems, warnings = mappings_validate(path=path, partners=partners)
        except UserError as error:  # a file that cannot be read at all: still exit 1
            self.stderr.write(f"Fout: {error.message}")
            sys.exit(1)
        self._warnings(warnings)
        if problems:
            count = "1 probleem" if len(problems) == 1 else f"{len(problems)} problemen"
            self.stderr.write(f"{path.name}: {count}:\n{problems_text(problems)}")
            sys.exit(1)
        partners_n = len(data["partners"])
        datasets = sum(len(p.get("datasets") or {}) for p in data["partners"].values())
        self.stdout.write(
            f"{path.name}: in orde ({partners_n} {'partner' if partners_n == 1 else 'partners'}, "
            f"{datasets} {'gegevensset' if datasets == 1 else 'gegevenssets'})."
        )

    def _contract(self, out: Path | None) -> None:
        text = contract_markdown()
        if out is None:
            self.stdout.write(text, ending="")
            return
        out.write_text(text, encoding="utf-8")
        self.stdout.write(f"Geschreven: {out}")

    def _warnings(self, warnings: list[Problem]) -> None:
        if warnings:
            self.stdout.write(f"Waarschuwingen:\n{problems_text(warnings)}")
