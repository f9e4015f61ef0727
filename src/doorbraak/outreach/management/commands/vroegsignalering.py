"""`doorbraak vroegsignalering export|import`: the GGM's JSON (DDAS Vroegsignalering, the
version pinned in `outreach.ggm`).

- `export --van DATUM --tot DATUM --uit FILE.json`: the cases closed in the period, for the
  national monitor (Divosa Monitor Vroegsignalering Schulden); validated against the pinned
  schema before it is written. The file identifies clients as the GGM prescribes (BSN, or
  postcode and house number): keep it inside the gemeente's own secure exchange.
- `import FILE.json`: the same shape from a gemeente's own vroegsignalering system; every
  problem at once, nothing stored when there is one; reading it twice changes nothing.
- `aanlevering --gemeente GMxxxx --van DATUM --tot DATUM --uit FILE.csv`: the gemeente's own
  delivery of the register's `outreach` dataset (`outreach.delivery`), with its mapping beside
  it; pseudonymise it with `doorbraak pseudonymise` and deliver it like any export.
"""

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from doorbraak.core.audit import audit_record
from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.core.models import AuditAction
from doorbraak.outreach import delivery, exchange, ggm
from doorbraak.partners.models import Partner

ORIGIN = "doorbraak vroegsignalering"


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise UserError(
            "datum-onjuist", f"'{text}' is geen datum; schrijf bijvoorbeeld 2026-01-31."
        ) from error


class Command(BaseCommand):
    help = (
        "Vroegsignalering: voer afgesloten vroegsignaalzaken uit in de JSON van de GGM (export) "
        "of lees ze in uit het eigen systeem van een gemeente (import)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser(
            "export",
            help="Schrijf de vroegsignaalzaken die in de periode zijn afgesloten.",
            description=f"GGM-JSON, DDAS Vroegsignalering {ggm.VERSION}.",
        )
        out.add_argument("--van", required=True, metavar="DATUM", help="eerste dag (JJJJ-MM-DD)")
        out.add_argument("--tot", required=True, metavar="DATUM", help="laatste dag (JJJJ-MM-DD)")
        out.add_argument("--uit", required=True, metavar="BESTAND", help="het JSON-bestand")
        read = sub.add_parser(
            "import",
            help="Lees vroegsignaalzaken in uit GGM-JSON.",
            description=f"GGM-JSON, DDAS Vroegsignalering {ggm.VERSION}.",
        )
        read.add_argument("bestand", help="het JSON-bestand")
        own = sub.add_parser(
            "aanlevering",
            help="Schrijf de aanlevering 'opvolging van vroegsignalen' van een gemeente (CSV).",
            description="Eén rij per signaal in de periode, met de mapping ernaast; "
            "pseudonimiseer het bestand met 'doorbraak pseudonymise' en lever het aan.",
        )
        own.add_argument("--gemeente", required=True, metavar="GMxxxx", help="CBS-gemeentecode")
        own.add_argument("--van", required=True, metavar="DATUM", help="eerste signaaldatum")
        own.add_argument("--tot", required=True, metavar="DATUM", help="laatste signaaldatum")
        own.add_argument("--uit", required=True, metavar="BESTAND", help="het CSV-bestand")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self._export(_day(options["van"]), _day(options["tot"]), Path(options["uit"]))
        elif options["action"] == "aanlevering":
            self._delivery(options)
        else:
            self._import(Path(options["bestand"]))

    def _delivery(self, options: dict[str, Any]) -> None:
        start, end, target = _day(options["van"]), _day(options["tot"]), Path(options["uit"])
        partner = Partner.objects.filter(
            sector="gemeente", gemeente_code=options["gemeente"]
        ).first()
        if partner is None:
            raise UserError(
                "gemeente-onbekend", f"Geen gemeente met code {options['gemeente']} als partner."
            )
        if not target.parent.is_dir():
            raise UserError("map-niet-gevonden", f"De map {target.parent} bestaat niet.")
        found = delivery.rows(gemeente=partner.gemeente_code, start=start, end=end)
        declared = delivery.write(target, found, partner)
        audit_record(
            actor=None,
            action=AuditAction.OUTREACH_EXPORT,
            object_type="outreach.delivery",
            object_id=f"{partner.gemeente_code} {start.isoformat()}/{end.isoformat()}",
            result=str(len(found)),
            origin=ORIGIN,
        )
        self.stdout.write(
            f"{len(found)} signalen geschreven naar {target}, de mapping naar {declared}. "
            "Pseudonimiseer het bestand met 'doorbraak pseudonymise' voordat u het aanlevert."
        )

    def _export(self, start: dt.date, end: dt.date, target: Path) -> None:
        if end < start:
            raise UserError("periode-onjuist", "De datum bij --tot ligt voor die bij --van.")
        if not target.parent.is_dir():
            raise UserError("map-niet-gevonden", f"De map {target.parent} bestaat niet.")
        document = exchange.export_document(start=start, end=end, origin=ORIGIN)
        problems = exchange.schema_problems(document)
        if problems:  # our own export breaking the schema is our bug: say so, write nothing
            raise ProblemsError(
                "export-volgt-ggm-niet", "De uitvoer volgt het GGM-schema niet.", problems
            )
        target.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        cases = sum(len(d["vroegsignaalzaken"]) for d in document.get("leveringen", []))
        self.stdout.write(
            f"{cases} vroegsignaalzaak/-zaken geschreven naar {target} "
            f"(GGM, DDAS Vroegsignalering {ggm.VERSION})."
        )

    def _import(self, source: Path) -> None:
        if not source.is_file():
            raise UserError("bestand-niet-gevonden", f"Het bestand {source} bestaat niet.")
        document = exchange.document_read(source.read_text(encoding="utf-8-sig"))
        result = exchange.import_document(document, origin=ORIGIN)
        self.stdout.write(
            f"{result.cases} vroegsignaalzaak/-zaken ingelezen ({result.signals} signalen, "
            f"{result.attempts} contactpogingen); {result.skipped} al aanwezig; "
            f"{result.loose_signals} signalen zonder zaak niet ingelezen."
        )
