"""`doorbraak linkage run|register|pipeline`: link delivered records; fill the register.

- `run`: link all delivered records into persons and households (a new run only when the
  records or the reviewers' decisions changed);
- `register`: turn the newest run into register facts through the register's write path
  (the programme's interventions and experiments must be loaded first:
  `doorbraak register referentie FILE`).
"""

import datetime as dt
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.core.errors import UserError
from doorbraak.linkage.facts import register_from_linkage
from doorbraak.linkage.services import linkage_run, run_latest


class Command(BaseCommand):
    help = "Koppel aangeleverde records tot personen en huishoudens en vul het register."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["run", "register"], help="run of register")
        parser.add_argument("--peildatum", default=dt.date.today().isoformat())

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "run":
            run = linkage_run(progress=self.stdout.write)
            self.stdout.write(
                f"Koppelrun {run.pk}: {run.records} records, {run.persons} personen, "
                f"{run.households} huishoudens, {run.matches} koppelingen, "
                f"{run.review_size} paren te beoordelen ({run.seconds:.0f} s)."
            )
            report = run.report
            self.stdout.write(
                f"Geschat door het model: precisie {report.get('estimated_precision', 0):.4f}, "
                f"volledigheid {report.get('estimated_recall', 0):.4f}."
            )
            self.stdout.write("Koppelingen per partnerpaar:")
            for pair, count in report.get("partner_pairs", {}).items():
                self.stdout.write(f"  {pair}: {count}")
            return
        latest = run_latest()
        if latest is None:
            raise UserError("koppeling-ontbreekt", "Er is nog geen koppelrun; draai eerst 'run'.")
        result = register_from_linkage(
            latest,
            as_of=dt.date.fromisoformat(options["peildatum"]),
            progress=self.stdout.write,
        )
        state = "nieuw" if result.created else "ongewijzigd"
        self.stdout.write(
            f"Register: feitenbatch {result.batch.pk} ({result.batch.label}, {state})."
        )
