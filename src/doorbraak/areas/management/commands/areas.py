"""`doorbraak areas load [REGIO]`: load the region's gemeenten, wijken, buurten and dorpen.
`doorbraak areas statline FILE [--tabel T] [--jaar J] [--synthetisch]`: load CBS's published
figures for those areas from a StatLine download (issue 20)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from doorbraak.areas.services import region_load, statline_load


class Command(BaseCommand):
    help = "Gebieden: laad de regio uit de CBS-lijsten (load) of CBS-cijfers (statline)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Laad of actualiseer de gebieden van een regio.")
        load.add_argument("region", nargs="?", default=None)
        figures = sub.add_parser(
            "statline", help="Laad CBS-cijfers uit een StatLine-download (onbewerkte dataset, CSV)."
        )
        figures.add_argument("file", type=Path)
        figures.add_argument("--tabel", default=None, help="CBS-tabel, bijv. 85984NED")
        figures.add_argument("--jaar", type=int, default=None, help="jaar als Perioden ontbreekt")
        figures.add_argument(
            "--synthetisch", action="store_true", help="cijfers van de synthetische regio"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "statline":
            self._statline(options)
            return
        result = region_load(name=options["region"] or settings.REGION)
        self.stdout.write(
            f"{result.region.name}: {result.gemeenten} gemeenten, {result.wijken} wijken, "
            f"{result.buurten} buurten, {result.dorpen} dorpen."
        )

    def _statline(self, options: dict[str, Any]) -> None:
        result = statline_load(
            path=options["file"],
            table=options["tabel"],
            year=options["jaar"],
            synthetic=options["synthetisch"],
        )
        years = ", ".join(str(y) for y in result.years) or "geen"
        self.stdout.write(
            f"CBS-tabel {result.table}, jaren {years}: {result.figures} cijfers voor "
            f"{result.areas} gebieden geladen ({result.secret} geheim bij CBS); "
            f"{result.outside_region} gebieden buiten de regio en {result.rows_skipped} regels "
            "zonder gemeente-, wijk- of buurtcode overgeslagen."
        )
        if result.columns_ignored:
            self.stdout.write(
                f"Niet gebruikte kolommen ({len(result.columns_ignored)}): "
                + ", ".join(result.columns_ignored[:12])
                + (" …" if len(result.columns_ignored) > 12 else "")
            )
