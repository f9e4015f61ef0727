"""`doorbraak monitor run`: compute, gate and materialise every indicator (Dutch output; says up
to which day the data run and which periods are therefore running, ADR 0018);
`doorbraak monitor extract MAP`: write the register's columnar extract for the DuckDB engine."""

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.core.periods import period_parse, period_running, running_label
from doorbraak.monitor.compiler import LEVELS
from doorbraak.monitor.extract import write_extract
from doorbraak.monitor.models import MonitorRun
from doorbraak.monitor.services import default_periods, monitor_run, quarters


class Command(BaseCommand):
    help = "Monitor: bereken alle indicatoren per periode, gebied en uitsplitsing (run)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser(
            "run", help="Bereken, beveilig (onthullingscontrole) en bewaar alle indicatoren."
        )
        run.add_argument(
            "--periode",
            "--period",
            dest="periods",
            action="append",
            default=None,
            help="Periode (2025, 2025Q3); herhaalbaar. Standaard: elk jaar sinds 2023.",
        )
        run.add_argument(
            "--kwartalen",
            action="store_true",
            help="Ook elk kwartaal sinds 2023 (duurt ongeveer vier keer zo lang).",
        )
        run.add_argument(
            "--niveau",
            "--level",
            dest="levels",
            action="append",
            choices=LEVELS,
            default=None,
            help="Gebiedsniveau (region, gemeente, wijk); herhaalbaar. Standaard: alle drie.",
        )
        run.add_argument(
            "--rekenmachine",
            "--engine",
            dest="engine",
            default=None,
            help="duckdb (een kolomsgewijs extract van het register in DuckDB) of database (de "
            "operationele database); dezelfde uitkomsten. Standaard: de instelling "
            "DOORBRAAK_MONITOR_ENGINE (duckdb).",
        )
        run.add_argument(
            "--extract",
            type=Path,
            default=None,
            help="Map met een Parquet-extract (van 'doorbraak monitor extract') om op te rekenen "
            "in plaats van het register; alleen met de rekenmachine duckdb.",
        )
        extract = sub.add_parser(
            "extract",
            help="Schrijf het kolomsgewijze extract van het register (Parquet, alleen de kolommen "
            "die de rekenregels lezen) naar een map.",
        )
        extract.add_argument("directory", type=Path, metavar="MAP")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "extract":
            clock = time.monotonic()
            counts = write_extract(options["directory"])
            self.stdout.write(
                f"Extract geschreven naar {options['directory']}: {len(counts)} tabellen, "
                f"{sum(counts.values())} rijen ({time.monotonic() - clock:.1f} s)."
            )
            return
        clock = time.monotonic()
        periods = [period_parse(text) for text in options["periods"] or []]
        if options["kwartalen"]:
            periods = (periods or default_periods()) + quarters()
        result = monitor_run(
            periods=periods or None,
            levels=tuple(options["levels"] or LEVELS),
            progress=lambda message: self.stdout.write(message),
            engine=options["engine"],
            extract=options["extract"],
        )
        run = result.run
        seconds = time.monotonic() - clock
        if result.reused:
            self.stdout.write(
                f"Run {run.pk} van {run.started_at:%Y-%m-%d %H:%M} had dezelfde invoer "
                f"(feitenbatches, rekenregels, planversie); er is niets opnieuw berekend "
                f"({seconds:.1f} s)."
            )
        took = f"berekend in {run.seconds or 0:.1f} seconden"
        self.stdout.write(
            f"Run {run.pk}: {run.indicator_count} indicatoren, {run.value_count} waarden, "
            f"{run.suppressed_count} onderdrukte cellen, perioden {', '.join(run.periods)}, "
            f"niveaus {', '.join(run.levels)}; rekenmachine {run.engine}; {took}."
        )
        self.stdout.write(_running_text(run))


def _running_text(run: MonitorRun) -> str:
    """Up to which day the data run, and which periods are therefore running (ADR 0018)."""
    if run.data_until is None:
        return "Tot welke dag de gegevens lopen is niet vastgelegd."
    running = [
        f"{p} ({running_label(period_parse(p), run.data_until)})"
        for p in run.periods
        if period_running(period_parse(p), run.data_until)
    ]
    text = f"Gegevens t/m {run.data_until:%d-%m-%Y}"
    if not running:
        return f"{text}; geen lopende periode."
    return f"{text}; lopend, niet beoordeeld tegen het traject: {', '.join(running)}."
