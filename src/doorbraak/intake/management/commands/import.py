"""`doorbraak import PARTNER FILE [--dataset NAME] [--proef]`: deliver one file."""  # noqa: N999 (the command is `doorbraak import`, as the issue names it)

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.core.errors import UserError
from doorbraak.intake.followup import delivery_followup
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.sources.faults import missing


class Command(BaseCommand):
    help = "Lever een (gepseudonimiseerd) bestand van een partner aan."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "partner", metavar="PARTNER", help="code van de partner, bijv. woonstichting-veenhorst"
        )
        parser.add_argument(
            "file", metavar="BESTAND", type=Path, help="het bestand (.csv of .xlsx)"
        )
        parser.add_argument("--dataset", default=None, help="gegevensset (standaard: uit de naam)")
        parser.add_argument("--proef", action="store_true", help="alleen controleren")

    def handle(self, *args: Any, **options: Any) -> None:
        absent = missing(options["file"])
        if absent is not None:
            raise UserError(absent.code, absent.message)
        partner = Partner.objects.filter(code=options["partner"]).first()
        if partner is None:
            raise UserError("partner-onbekend", f"Partner '{options['partner']}' bestaat niet.")
        batch = import_batch_run(
            partner=partner,
            path=options["file"],
            dataset=options["dataset"],
            dry_run=options["proef"],
        )
        followed = delivery_followup(batch=batch)
        proef = " (proef: niets opgeslagen)" if batch.dry_run else ""
        self.stdout.write(
            f"Aanlevering {batch.pk}{proef}: {batch.read} gelezen, {batch.accepted} geaccepteerd "
            f"(waarvan {batch.updated} bijgewerkt en {batch.duplicates} ongewijzigd), "
            f"{batch.warned} met waarschuwing, {batch.rejected} afgewezen."
        )
        if followed:
            self.stdout.write("Koppelen, register en monitor staan in de wachtrij van de pijplijn.")
