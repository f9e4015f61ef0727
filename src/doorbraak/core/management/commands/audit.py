"""`doorbraak audit verify|anchor`: check the audit chain, or anchor its head (Dutch output).

`verify` walks the whole chain with the audit key and the anchor file and names the first
broken link; it exits with code 2 when the chain is not sound, so a cron job or a restore
script notices. `anchor` writes the chain's last line to the anchor file (and the log), for
example daily from cron when DOORBRAAK_AUDIT_ANCHOR_EVERY is larger than 1.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from doorbraak.core.audit import AuditReport, audit_anchor_head, audit_verify_report
from doorbraak.core.audit_keys import audit_key_source
from doorbraak.core.errors import UserError

SHOWN = 10  # breaks listed after the first


class Command(BaseCommand):
    help = "Auditlog: controleer de keten (verify) of leg het einde vast in een anker (anchor)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify", help="Controleer de hele keten; meldt de eerste verbroken schakel."
        )
        verify.add_argument(
            "--ankers",
            type=Path,
            default=None,
            help="Het ankerbestand (standaard DOORBRAAK_AUDIT_ANCHOR_FILE).",
        )
        sub.add_parser("anchor", help="Schrijf een anker voor de laatste regel van de keten.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "anchor":
            self._anchor()
            return
        path = options["ankers"] or Path(settings.AUDIT_ANCHOR_FILE)
        report = audit_verify_report(anchor_file=path)
        self.stdout.write(_summary(report, path))
        if report.first is None:
            self.stdout.write(_("In orde: geen enkele schakel is verbroken."))
            return
        self._breaks(report)
        raise UserError(
            "auditketen-verbroken",
            _("De auditketen is niet intact. Eerste breuk: %(message)s")
            % {"message": report.first.message},
        )

    def _anchor(self) -> None:
        anchor = audit_anchor_head()
        if anchor is None:
            self.stdout.write(_("Het auditlog is nog leeg: er is niets vast te leggen."))
            return
        self.stdout.write(
            _("Anker geschreven naar %(path)s: regel %(seq)d, hash %(hash)s.")
            % {"path": settings.AUDIT_ANCHOR_FILE, "seq": anchor.seq, "hash": anchor.hash}
        )

    def _breaks(self, report: AuditReport) -> None:
        ordered = sorted(report.breaks, key=lambda b: b.seq)
        self.stdout.write(_("Eerste breuk [%(code)s]: %(message)s") % ordered[0].__dict__)
        for found in ordered[1 : SHOWN + 1]:
            self.stdout.write(f"  [{found.code}] {found.message}")
        if report.broken > SHOWN + 1:
            self.stdout.write(_("  … en nog %d breuken.") % (report.broken - SHOWN - 1))


def _summary(report: AuditReport, path: Path) -> str:
    return _(
        "Auditketen: %(lines)d regels (%(unkeyed)d van vóór de sleutel), sleutel uit "
        "%(source)s, %(anchors)d ankers in %(path)s."
    ) % {
        "lines": report.lines,
        "unkeyed": report.unkeyed,
        "source": audit_key_source(),
        "anchors": report.anchors,
        "path": path,
    }
