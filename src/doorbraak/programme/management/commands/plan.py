"""`doorbraak plan check|show|load`: validate, print and load programme plan files."""

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.utils import OperationalError, ProgrammingError

from doorbraak.core.errors import UserError
from doorbraak.programme import selectors, services
from doorbraak.programme.definition import PlanDefinition, parse_plan_file, plan_to_dict
from doorbraak.programme.plan_text import plan_tree_lines


class Command(BaseCommand):
    help = "Programmaplan: controleren (check), tonen (show) of laden (load)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Controleer een planbestand en meld alle fouten.")
        check.add_argument("file", type=Path)
        show = sub.add_parser("show", help="Toon het actuele plan (of een bestand) als boom.")
        show.add_argument("file", type=Path, nargs="?", help="planbestand; anders de database")
        show.add_argument("--json", action="store_true", help="als JSON")
        show.add_argument("--versie", dest="number", type=int, help="een eerdere planversie")
        load = sub.add_parser("load", help="Laad een planbestand als nieuwe planversie.")
        load.add_argument("file", type=Path, nargs="?", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "check":
            self._check(options["file"])
        elif action == "show":
            self._show(options["file"], options["json"], options["number"])
        else:
            self._load(options["file"] or settings.PLAN_FILE)

    def _check(self, path: Path) -> None:
        result = parse_plan_file(path)
        for problem in result.problems:
            self.stdout.write(str(problem))
        if result.problems:
            self.stderr.write(f"{len(result.problems)} fout(en) gevonden in {path}.")
            sys.exit(1)
        plan = result.plan
        if plan is None:  # no problems means a plan; guard for the type checker
            return
        self.stdout.write(
            f"{path} is in orde: {len(plan.programme_lines)} programmalijnen, "
            f"{len(plan.operational_goals())} operationele doelen, "
            f"{len(plan.indicators())} indicatoren."
        )

    def _show(self, path: Path | None, as_json: bool, number: int | None) -> None:
        plan = self._plan_from_file(path) if path else self._plan_from_database(number)
        if as_json:
            self.stdout.write(json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(plan_tree_lines(plan)))

    def _plan_from_file(self, path: Path) -> PlanDefinition:
        result = parse_plan_file(path)
        if result.plan is None or result.problems:
            raise UserError(
                "plan-ongeldig",
                f"{path} bevat fouten; voer 'doorbraak plan check {path}' uit om ze te zien.",
            )
        return result.plan

    def _plan_from_database(self, number: int | None) -> PlanDefinition:
        try:
            version = (
                selectors.plan_version_get(number) if number else selectors.plan_version_current()
            )
        except (OperationalError, ProgrammingError) as error:
            raise UserError(
                "geen-database",
                "De database is nog niet ingericht. Voer eerst 'doorbraak demo' of "
                "'doorbraak migrate' en 'doorbraak plan load' uit.",
            ) from error
        if version is None:
            raise UserError(
                "geen-plan",
                "Er is nog geen plan(versie) geladen. Voer 'doorbraak plan load' uit, "
                "of geef een bestand mee: 'doorbraak plan show BESTAND'.",
            )
        return selectors.plan_definition(version)

    def _load(self, path: Path) -> None:
        outcome = services.plan_load_file(path=path)
        v = outcome.version
        if outcome.created:
            self.stdout.write(f"Planversie {v.number} geladen uit {path.name}.")
        else:
            self.stdout.write(f"Ongewijzigd: {path.name} is gelijk aan planversie {v.number}.")
