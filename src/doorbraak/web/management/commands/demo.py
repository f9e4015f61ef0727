"""`doorbraak demo`: set up the demo on the embedded default and serve the web app."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from doorbraak.core.audit_keys import audit_key_source
from doorbraak.pipeline.worker import worker_process_start, worker_process_stop
from doorbraak.web.demo import DEMO_PASSWORD, demo_setup


class Command(BaseCommand):
    help = "Richt de demo in (gebieden, plan, partners, gebruikers) en start de webapp."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="alleen inrichten")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="adres:poort van de webapp")
        parser.add_argument(
            "--schaal",
            dest="scale",
            default="region",
            help="aantal huishoudens van de synthetische regio (standaard: de regio zelf)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale = options["scale"] if options["scale"] == "region" else int(options["scale"])
        summary = demo_setup(progress=lambda message: self.stdout.write(message), scale=scale)
        read, accepted, warned, rejected = summary.delivered
        records, persons, households, review = summary.linked
        self.stdout.write(
            f"Klaar: {summary.region} met {summary.buurten} buurten, {summary.partners} "
            f"partners, planversie {summary.plan_version}."
        )
        self.stdout.write(
            f"Aanleveringen: {read} rijen gelezen, {accepted} geaccepteerd, {warned} met "
            f"waarschuwing, {rejected} afgewezen. Koppeling: {records} records, {persons} "
            f"personen, {households} huishoudens, {review} paren te beoordelen. Register: "
            f"{summary.households} huishoudens."
        )
        self.stdout.write(
            f"Inloggen kan als {', '.join(summary.users)}; wachtwoord '{DEMO_PASSWORD}' "
            "(alleen demo: deze server vraagt de demogebruikers geen tweede stap)."
        )
        self.stdout.write(
            f"Auditlog: sleutel uit {audit_key_source()}, ankers in {settings.AUDIT_ANCHOR_FILE} "
            "(naast de datamap, niet erin; een demosleutel, zie docs/audit.md). Controleren: "
            "doorbraak audit verify."
        )
        if not options["no_serve"]:
            settings.DEMO = True  # DOORBRAAK_DEMO for this server: demo accounts skip the 2nd step
            self.stdout.write(f"De webapp draait op http://{options['addr']}/ (stop met Ctrl+C).")
            self.stdout.write("De pijplijn verwerkt nieuwe aanleveringen ernaast (/pijplijn).")
            worker = worker_process_start()
            try:
                call_command("runserver", options["addr"], use_reloader=False)
            finally:
                worker_process_stop(worker)
