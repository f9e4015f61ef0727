"""`doorbraak import PARTNER FILE [--dataset NAME] [--proef] [--resultaat OUT] [--export EXPORT]`:
deliver one file, print the counts and every rejected or warned row (row, column, reason), and
write the result file; with `--export` (where the partner's own export is at hand, as in the
demo) write that export with `resultaat` and `opmerking` added instead."""  # noqa: N999 (the command is `doorbraak import`, as the issue names it)

import re
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from doorbraak.core.errors import UserError
from doorbraak.intake.followup import delivery_followup
from doorbraak.intake.models import ImportBatch, RowResult
from doorbraak.intake.results import own_file_write, result_file_write
from doorbraak.intake.services import import_batch_run
from doorbraak.partners.models import Partner
from doorbraak.sources.faults import missing

LIST_LIMIT = 50  # rows listed per verdict; the result file has them all
# the start of a hint that repeats the row and the column the listing already names
WHERE = re.compile(r"^(?:Kolom '[^']*' \(regel \d+\):?|Regel \d+:)\s*")
LISTED = (
    (RowResult.Result.REJECTED, "Afgewezen regels", "rejected"),
    (RowResult.Result.WARNED, "Geaccepteerd met waarschuwing", "warned"),
)


class Command(BaseCommand):
    help = (
        "Lever een (gepseudonimiseerd) bestand van een partner aan; toont elke afgewezen regel "
        "en elke waarschuwing en schrijft desgevraagd het resultaatbestand."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "partner", metavar="PARTNER", help="code van de partner, bijv. woonstichting-veenhorst"
        )
        parser.add_argument(
            "file", metavar="BESTAND", type=Path, help="het bestand (.csv of .xlsx)"
        )
        parser.add_argument("--dataset", default=None, help="gegevensset (standaard: uit de naam)")
        parser.add_argument("--proef", action="store_true", help="alleen controleren")
        parser.add_argument(
            "--resultaat",
            metavar="UIT",
            type=Path,
            help="schrijf het resultaatbestand: het bestand met per regel _regel, resultaat en "
            "opmerking (met --export: uw eigen export met resultaat en opmerking)",
        )
        parser.add_argument(
            "--export",
            metavar="ORIGINEEL",
            type=Path,
            help="de oorspronkelijke export waarvan BESTAND met 'doorbraak pseudonymise' is "
            "gemaakt: krijgt de kolommen resultaat en opmerking (standaard naar "
            "NAAM-met-resultaat naast de export)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = _arguments_check(options)
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
        for line in rows_listing(batch):
            self.stdout.write(line)
        if target is not None:
            self.stdout.write(_file_write(batch, options, target))
        if followed:
            self.stdout.write("Koppelen, register en monitor staan in de wachtrij van de pijplijn.")


def _arguments_check(options: dict[str, Any]) -> Path | None:
    """Refuse what would fail after the import (before anything is stored); the file to
    write, if any."""
    for given in (options["file"], options["export"]):
        absent = missing(given) if given is not None else None
        if absent is not None:
            raise UserError(absent.code, absent.message)
    export: Path | None = options["export"]
    target: Path | None = options["resultaat"]
    if export is not None and target is None:
        target = export.with_name(f"{export.stem}-met-resultaat{export.suffix}")
    inputs = {p.resolve() for p in (options["file"], export) if p is not None}
    if target is not None and target.resolve() in inputs:
        raise UserError(
            "uitvoer-is-invoer",
            f"{target} is een van de invoerbestanden; kies met --resultaat een ander bestand.",
        )
    return target


def _file_write(batch: ImportBatch, options: dict[str, Any], target: Path) -> str:
    if options["export"] is None:
        target.write_bytes(result_file_write(batch))
        return f"Resultaatbestand geschreven: {target}"
    names = own_file_write(
        batch, export=options["export"], delivered=options["file"], target=target
    )
    columns = " en ".join(f"'{n}'" for n in names)
    return f"Uw eigen export met de kolommen {columns} geschreven: {target}"


def rows_listing(batch: ImportBatch, limit: int = LIST_LIMIT) -> list[str]:
    """Every rejected and every warned row (up to `limit` of each): row, column, reason."""
    lines = []
    for result, title, counter in LISTED:
        total = getattr(batch, counter)
        if not total:
            continue
        lines.append(f"{title} ({total}):")
        rows = RowResult.objects.filter(batch=batch, result=result).order_by("row_number")
        lines += [f"  {row_line(row)}" for row in rows[:limit]]
        if total > limit:
            lines.append(
                f"  ... en nog {total - limit} regels; alle regels staan in het "
                "resultaatbestand (--resultaat UIT)."
            )
    return lines


def row_line(row: RowResult) -> str:
    where = f"regel {row.row_number}" + (f", kolom '{row.column}'" if row.column else "")
    reason = WHERE.sub("", row.message) or row.message
    return f"{where}: {reason} [{row.error_code}]"
