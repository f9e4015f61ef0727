"""`doorbraak indicators check|explain`: validate the computation definitions, show their SQL."""

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from doorbraak.core.errors import UserError
from doorbraak.core.periods import period_parse
from doorbraak.monitor.compiler import DIALECTS, LEVELS, compile_indicator
from doorbraak.monitor.definitions import DEFAULT_FILE, DefinitionsResult, parse_definitions_file
from doorbraak.programme.definition import parse_plan_file

EXIT_PROBLEMS = 2


class Command(BaseCommand):
    help = "Rekenregels van de indicatoren: controleren (check) of de SQL tonen (explain)."
    requires_system_checks: list[str] = []  # reads files only: no database, no URLs

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Controleer een definitiebestand; meld alle fouten.")
        check.add_argument("file", type=Path, nargs="?", default=DEFAULT_FILE)
        explain = sub.add_parser("explain", help="Toon de SQL van één indicator.")
        explain.add_argument("code")
        explain.add_argument("--dialect", choices=DIALECTS, default="sqlite")
        explain.add_argument("--period", "--periode", dest="period", default="2025")
        explain.add_argument("--level", "--niveau", dest="level", choices=LEVELS, default="region")
        explain.add_argument("--breakdown", "--uitsplitsing", dest="breakdown", default=None)
        explain.add_argument("--file", type=Path, default=DEFAULT_FILE)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "check":
            self._check(options["file"])
        else:
            self._explain(options)

    def _read(self, path: Path) -> tuple[DefinitionsResult, bool]:
        """The definitions, checked against the plan file when that file is in order."""
        plan = parse_plan_file(settings.PLAN_FILE).plan
        result = parse_definitions_file(path, plan=plan.indicators() if plan else None)
        return result, plan is not None

    def _check(self, path: Path) -> None:
        result, against_plan = self._read(path)
        for problem in result.problems:
            self.stdout.write(str(problem))
        if not against_plan:
            self.stderr.write(
                f"Het planbestand {settings.PLAN_FILE} bevat fouten; de codes zijn niet met het "
                "plan vergeleken. Voer 'doorbraak plan check' uit."
            )
        if result.problems:
            self.stderr.write(f"{len(result.problems)} fout(en) gevonden in {path}.")
            sys.exit(EXIT_PROBLEMS)
        definitions = result.definitions
        if definitions is None:  # no problems means definitions; guard for the type checker
            return
        self.stdout.write(
            f"{path} is in orde: {len(definitions.indicators)} indicatoren met een rekenregel, "
            f"{len(definitions.waiting)} wachten op gegevens."
        )

    def _explain(self, options: dict[str, Any]) -> None:
        result, _against_plan = self._read(options["file"])
        definitions = result.definitions
        if definitions is None:
            raise UserError(
                "definities-ongeldig",
                f"{options['file']} bevat fouten; voer 'doorbraak indicators check' uit.",
            )
        code = options["code"]
        indicator = definitions.get(code)
        if indicator is None:
            waiting = next((w for w in definitions.waiting if w.code == code), None)
            if waiting is not None:
                raise UserError(
                    "indicator-wacht", f"Indicator {code} wacht op gegevens: {waiting.waits_for}"
                )
            raise UserError("onbekende-indicator", f"Indicator {code} heeft geen rekenregel.")
        sql = compile_indicator(
            indicator,
            definitions=definitions,
            period=period_parse(options["period"]),
            level=options["level"],
            breakdown=options["breakdown"],
            dialect=options["dialect"],
        )
        self.stdout.write(sql, ending="")
