"""`doorbraak pseudonymise`: pseudonymise partner exports on the partner's own machine."""

import argparse
import sys
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.cli_args import DutchArgumentParser
from doorbraak.core.errors import UserError
from doorbraak.core.pseudonyms import key_file_read_or_create
from doorbraak.pseudonymise.files import address_register_read, file_pseudonymise
from doorbraak.sources.mapping import MappingError, PartnerMapping, mapping_load


def parser_build() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="doorbraak pseudonymise",
        description=_(
            "Vervang BSN, naam, geboortedatum en adres in exportbestanden"
            " door sleutelgebonden pseudoniemen."
        ),
    )
    parser.add_argument(
        "--mapping", type=Path, required=True, help=_("het mappingbestand (mappings.yaml)")
    )
    parser.add_argument(
        "--partner", required=True, help=_("de code van uw organisatie in de mapping")
    )
    parser.add_argument("--sleutel", type=Path, required=True, help=_("het sleutelbestand (hex)"))
    parser.add_argument(
        "--maak-sleutel", action="store_true", help=_("maak het sleutelbestand als het ontbreekt")
    )
    parser.add_argument(
        "--dataset", help=_("de dataset in de mapping (standaard: afgeleid van de bestandsnaam)")
    )
    parser.add_argument(
        "--uit", type=Path, required=True, help=_("de map voor de gepseudonimiseerde bestanden")
    )
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
    try:
        args = parser_build().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _run(args)
    except UserError as exc:
        print(_("Fout: %s") % exc.message, file=sys.stderr)
        return 2
    except Exception as exc:
        print(
            _("Onverwachte fout (%s); er is niets half weggeschreven.") % type(exc).__name__,
            file=sys.stderr,
        )
        return 1


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


def _run(args: argparse.Namespace) -> int:
    key = _key_load(args.sleutel, args.maak_sleutel)
    if not args.bestanden:
        print(_("Sleutel gereed in %s.") % args.sleutel)
        return 0
    try:
        mappings = mapping_load(args.mapping)
    except MappingError as exc:
        raise UserError(exc.code, exc.message) from exc
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
    dataset = (
        partner.datasets.get(args.dataset) if args.dataset else partner.dataset_for_file(path.name)
    )
    if dataset is None:
        print(_("%s: geen dataset gevonden; geef --dataset op.") % path.name, file=sys.stderr)
        return 1
    if not path.is_file():
        print(_("%s: bestand niet gevonden.") % path, file=sys.stderr)
        return 1
    if args.uit.resolve() == path.parent.resolve():
        message = _("de uitvoermap mag niet de map van de exportbestanden zijn.")
        raise UserError("uitvoermap-is-invoermap", message)
    report = file_pseudonymise(
        path, args.uit, key=key, partner=partner, dataset=dataset, buurt_of=args.buurt_of
    )
    print(
        _("%s: %d rijen gelezen, %d geschreven.")
        % (path.name, report.rows_read, report.rows_written)
    )
    return 0 if report.rows_written or not report.rows_read else 1
