"""`doorbraak pseudonymise`: pseudonymise partner exports on the partner's own machine.

Every message is Dutch: a file that is no export at all (missing, empty, UTF-16, binary, a
damaged workbook, only a header) is named with its reason and makes the command exit with 1;
a fault in the mapping file names its line; an unexpected error leaves its details in a log
file on this machine and the user sees no traceback.
"""

import argparse
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.cli_args import DutchArgumentParser
from doorbraak.core.definitions.nodes import document
from doorbraak.core.definitions.problems import ProblemLog
from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import key_file_read_or_create, key_id
from doorbraak.pseudonymise.files import address_register_read, file_pseudonymise
from doorbraak.sources import faults
from doorbraak.sources.mapping import (
    MappingError,
    MappingSet,
    PartnerMapping,
    mapping_parse_lined,
)


def parser_build() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="doorbraak pseudonymise",
        description=_(
            "Vervang BSN, naam, geboortedatum en adres in exportbestanden"
            " door sleutelgebonden pseudoniemen."
        ),
    )
    parser.add_argument("--mapping", type=Path, help=_("het mappingbestand (mappings.yaml)"))
    parser.add_argument("--partner", help=_("de code van uw organisatie in de mapping"))
    parser.add_argument(
        "--sleutel",
        type=Path,
        help=_(
            "het sleutelbestand (hex); zonder exportbestanden toont de opdracht zijn sleutel-id"
        ),
    )
    parser.add_argument(
        "--maak-sleutel", action="store_true", help=_("maak het sleutelbestand als het ontbreekt")
    )
    parser.add_argument(
        "--dataset", help=_("de dataset in de mapping (standaard: afgeleid van de bestandsnaam)")
    )
    parser.add_argument("--uit", type=Path, help=_("de map voor de gepseudonimiseerde bestanden"))
    parser.add_argument(
        "--adressen",
        type=Path,
        help=_(
            "CBS-bestand buurt bij postcode en huisnummer (postcode;huisnummer;toevoeging;"
            "buurtcode): voegt de buurtcode toe voordat het adres verdwijnt"
        ),
    )
    parser.add_argument("bestanden", type=Path, nargs="*", help=_("de exportbestanden"))
    return parser


def main(argv: list[str]) -> int:
    parser = parser_build()
    try:
        args = parser.parse_args(argv)
        _required_check(parser, args)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _run(args)
    except UserError as exc:
        print(_("Fout: %s") % exc.message, file=sys.stderr)
        return 2
    except Exception:
        log = _error_log_write(args.uit, traceback.format_exc())
        print(
            _(
                "Er ging onverwacht iets mis; er is niets half weggeschreven. "
                "De technische details staan in %s."
            )
            % log,
            file=sys.stderr,
        )
        return 1


def _required_check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--sleutel always; --mapping, --partner and --uit only to pseudonymise files (the key
    custodian makes a key, and a steward checks its key id, with --sleutel alone)."""
    needed = ("mapping", "partner", "sleutel", "uit") if args.bestanden else ("sleutel",)
    missing = [f"--{name}" for name in needed if getattr(args, name) is None]
    if missing:  # argparse's own wording, which the parser says in Dutch
        parser.error("the following arguments are required: " + ", ".join(missing))


def _error_log_write(folder: Path | None, text: str) -> Path:
    """The traceback in the output folder (or the temp folder): it stays on this machine."""
    here = folder if folder is not None and folder.is_dir() else Path(tempfile.gettempdir())
    path = here / "pseudonymise-fouten.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now(UTC).isoformat()}\n{text}\n")
    return path


def _key_load(path: Path, create: bool) -> bytes:
    if not path.exists() and not create:
        raise UserError(
            "sleutel-ontbreekt",
            _("sleutelbestand %s bestaat niet; gebruik --maak-sleutel om er een te maken.") % path,
        )
    try:
        return key_file_read_or_create(path)
    except ValueError as exc:
        message = _("sleutelbestand %s bevat geen geldige sleutel.") % path
        raise UserError("sleutel-ongeldig", message) from exc


def _mappings_read(path: Path) -> MappingSet:
    """The mapping file, or a `UserError` in Dutch: a YAML fault names its line."""
    if not path.is_file():
        raise UserError("mapping-ontbreekt", _("mappingbestand %s bestaat niet.") % path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        message = _("mappingbestand %s is niet te lezen; sla het op als UTF-8.") % path
        raise UserError("mapping-onleesbaar", message) from exc
    log = ProblemLog(path.name)
    found = document(text, log)
    if found is None:
        problem = log.sorted()[0]
        message = _("%s, regel %d: %s") % (path, problem.line or 1, problem.message)
        raise UserError("mapping-onleesbaar", message)
    try:
        return mapping_parse_lined(found.data, found.root)
    except MappingError as exc:
        raise UserError(exc.code, _("mappingbestand %s: %s") % (path, exc.message)) from exc


def _run(args: argparse.Namespace) -> int:
    key = _key_load(args.sleutel, args.maak_sleutel)
    if not args.bestanden:
        print(_("Sleutel gereed in %s (sleutel-id %s).") % (args.sleutel, key_id(key)))
        return 0
    mappings = _mappings_read(args.mapping)
    partner = mappings.partners.get(args.partner)
    if partner is None:
        message = _("partner '%s' staat niet in %s.") % (args.partner, args.mapping)
        raise UserError("partner-onbekend", message)
    args.uit.mkdir(parents=True, exist_ok=True)
    args.buurt_of = None
    if args.adressen is not None:
        if not args.adressen.is_file():
            message = _("adressenbestand %s bestaat niet.") % args.adressen
            raise UserError("adressen-ontbreken", message)
        args.buurt_of = address_register_read(args.adressen)
    failed = 0
    for path in args.bestanden:
        failed += _one_file(path, args, key, partner)
    return 1 if failed else 0


def _one_file(path: Path, args: argparse.Namespace, key: bytes, partner: PartnerMapping) -> int:
    try:  # the same choice as the intake's (sources.mapping.dataset_choose)
        dataset = partner.dataset_for_file(path.name, args.dataset)
    except UserError as exc:
        print(_("%s: %s") % (path.name, exc.message), file=sys.stderr)
        return 1
    absent = faults.missing(path)
    if absent is not None:
        print(_("%s: %s") % (path.name, absent.message), file=sys.stderr)
        return 1
    if args.uit.resolve() == path.parent.resolve():
        message = _("de uitvoermap mag niet de map van de exportbestanden zijn.")
        raise UserError("uitvoermap-is-invoermap", message)
    report = file_pseudonymise(
        path, args.uit, key=key, partner=partner, dataset=dataset, buurt_of=args.buurt_of
    )
    if report.refused is not None:
        print(_("%s: %s") % (path.name, report.refused.message), file=sys.stderr)
        return 1
    print(
        _("%s: %d rijen gelezen, %d geschreven.")
        % (path.name, report.rows_read, report.rows_written)
    )
    return 0 if report.rows_written or not report.rows_read else 1
