"""`doorbraak linkage run|register|pipeline`: link delivered records; fill the register.

- `run`: link all delivered records into persons and households (a new run only when the
  records or the reviewers' decisions changed);
- `register --referentie DIR`: turn the newest run into register facts (interventions and
  experiments from the programme's reference files in DIR);
- `pipeline EXPORTS`: the whole way from a synthetic region's raw exports (pseudonymise,
  deliver, link, register), as the demo does.
"""

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import key_file_read_or_create
from doorbraak.linkage.pipeline import register_from_linkage
from doorbraak.linkage.services import linkage_run, run_latest


class Command(BaseCommand):
    help = "Koppel aangeleverde records tot personen en huishoudens en vul het register."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["run", "register"], help="run of register")
        parser.add_argument(
            "--referentie", type=Path, help="map met interventions.csv en experiments.csv"
        )
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
        if options["referentie"] is None:
            raise UserError("referentie-ontbreekt", "Geef --referentie DIR op.")
        key = key_file_read_or_create(Path(settings.DATA_DIR) / "demo-sleutel.txt")
        result = register_from_linkage(
            latest,
            reference_dir=options["referentie"],
            key=key,
            as_of=dt.date.fromisoformat(options["peildatum"]),
            progress=self.stdout.write,
        )
        self.stdout.write(f"Register: feitenbatch {result.batch.pk} ({result.batch.label}).")
