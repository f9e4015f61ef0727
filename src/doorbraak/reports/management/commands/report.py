"""`doorbraak report --year 2025 --out MAP`: write the reflection report of a frozen year (HTML,
PDF and CSV annex, internal and public version) from its snapshot. A year not frozen yet is
refused with "bevries eerst" unless `--bevries` freezes it first; `--correctie` freezes changed
figures as a new version (ADR 0038)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.core.errors import UserError
from doorbraak.reports.document import report_build
from doorbraak.reports.render import report_write
from doorbraak.reports.selectors import snapshot_get
from doorbraak.reports.services import snapshot_freeze


class Command(BaseCommand):
    help = "Maak het rapport van het eiland van reflectie uit de bevroren cijfers van een jaar."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", "--jaar", dest="year", type=int, required=True,
                            help="het jaar van de reflectie, bijvoorbeeld 2025")  # fmt: skip
        parser.add_argument("--out", "--uit", dest="out", type=Path, required=True,
                            help="de map waarin het rapport komt")  # fmt: skip
        parser.add_argument("--bevries", action="store_true",
                            help="bevries het jaar eerst als dat nog niet is gebeurd")  # fmt: skip
        parser.add_argument("--correctie", action="store_true",
                            help="bevries gewijzigde cijfers als nieuwe versie")  # fmt: skip
        parser.add_argument("--versie", type=int, default=None,
                            help="welke bevroren versie (standaard de nieuwste)")  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if options["bevries"] or options["correctie"]:
            frozen = snapshot_freeze(year=year, correction=options["correctie"], origin="cli")
            word = "bevroren" if frozen.created else "was al bevroren"
            self.stdout.write(f"{year} {word}: versie {frozen.snapshot.version}.")
        snapshot = snapshot_get(year, options["versie"])
        if snapshot is None:
            raise UserError(
                "bevries-eerst",
                f"{year} is nog niet bevroren. Bevries eerst: doorbraak report --year {year} "
                f"--bevries --out {options['out']}",
            )
        for public in (False, True):
            written = report_write(report_build(snapshot, public=public), options["out"])
            label = "openbare versie" if public else "interne versie"
            files = [written.html, written.pdf, written.csv, written.deliveries]
            self.stdout.write(f"{label}: {', '.join(str(f) for f in files if f is not None)}")
