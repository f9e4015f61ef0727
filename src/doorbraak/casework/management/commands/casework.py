"""`doorbraak casework zonder-regisseur|deactiveren`: the programme team's view of households
at risk of losing their fixed contact person, and switching off a professional who leaves.

- `zonder-regisseur [--professional GEBRUIKER]`: households without an active regisseur (or
  whose regisseur's account is off); with `--professional`, the households she is regisseur of,
  to hand over before she leaves. Households are named by their case number only: no names.
- `deactiveren GEBRUIKER`: switch off her account; refused while she is a regisseur (audited).
- `aanleveren --uit MAP [--adressen CBS-FILE]`: write the work zone's regie, contact moments,
  plans and capital readings as pseudonymised deliveries of the partner `werkzone`
  (`casework.delivery`, ADR 0028), to be delivered with `doorbraak import werkzone FILE` like
  any partner's files.
- `demo --regio DIR --partnersleutel FILE`: the demo's casework (`casework.demo`): the demo
  professional's caseload from the synthetic region's people; the demo partners' key is put
  where the work zone reads it, as the key custodian would.
- `rekey [--per N]`: after a rotation of the field key, re-encrypt every value under the
  current key and recompute the blind indexes (`casework.rekey`), with counts per table.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from doorbraak.casework.delivery import (
    DATASETS,
    MAPPING_FILE,
    delivery_partner_ensure,
    delivery_write,
)
from doorbraak.casework.demo import demo_casework_create
from doorbraak.casework.keys import OLD_KEYS_SETTING, partner_key_deliver
from doorbraak.casework.rekey import BATCH_SIZE, Rekeyed, rekey
from doorbraak.casework.selectors import households_at_risk, households_left_by
from doorbraak.casework.services import professional_deactivate
from doorbraak.core.errors import UserError
from doorbraak.partners.models import Role, User
from doorbraak.pseudonymise.files import address_register_read


class Command(BaseCommand):
    help = (
        "Werkproces: huishoudens zonder regisseur (zonder-regisseur), een professional die "
        "vertrekt uitzetten (deactiveren), de regie aanleveren aan het register (aanleveren), "
        "na een sleutelwissel alles opnieuw versleutelen (rekey)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        at_risk = sub.add_parser(
            "zonder-regisseur",
            help="Toon de huishoudens die geen regisseur hebben of zouden verliezen.",
            description="Zonder --professional: huishoudens zonder actieve regisseur. Met "
            "--professional: de huishoudens die zij eerst moet overdragen.",
        )
        at_risk.add_argument("--professional", metavar="GEBRUIKER", help="gebruikersnaam")
        off = sub.add_parser(
            "deactiveren",
            help="Zet het account van een professional uit (niet zolang zij regisseur is).",
            description="Zet het account uit; geweigerd zolang zij regisseur van een "
            "huishouden is. Draag die huishoudens eerst over.",
        )
        off.add_argument("gebruiker", help="gebruikersnaam van de professional")
        deliver = sub.add_parser(
            "aanleveren",
            help="Schrijf regie, contactmomenten, plannen en metingen als gepseudonimiseerde "
            "aanlevering.",
            description="Schrijft voor elk huishouden met een grondslag de regisseurs, de "
            "contactmomenten, de doelen van het plan (alleen de kapitaalvorm) en de metingen "
            "met de pseudoniemen die de partners maken, zonder naam, BSN, geboortedatum, adres of "
            "tekst: één bestand per gegevensset in MAP. Lever ze daarna aan met 'doorbraak "
            "import werkzone BESTAND'.",
        )
        deliver.add_argument("--uit", required=True, type=Path, metavar="MAP")
        deliver.add_argument(
            "--adressen",
            type=Path,
            metavar="CBS-BESTAND",
            help="het CBS-bestand postcode-huisnummer-buurt, voor de buurtcode (zoals "
            "'doorbraak pseudonymise --adressen')",
        )
        demo = sub.add_parser(
            "demo",
            help="Maak het werkproces van de demo (alleen voor 'doorbraak demo').",
            description="Registreert huishoudens uit de synthetische regio als caseload van de "
            "demoprofessional. Alleen voor de demo: de mensen zijn verzonnen.",
        )
        demo.add_argument("--regio", required=True, type=Path, metavar="MAP")
        demo.add_argument("--partnersleutel", required=True, type=Path, metavar="BESTAND")
        again = sub.add_parser(
            "rekey",
            help="Versleutel na een sleutelwissel alle gegevens opnieuw met de huidige sleutel.",
            description=f"Versleutelt elke waarde die nog onder een oude sleutel "
            f"({OLD_KEYS_SETTING}) staat opnieuw met de huidige en berekent de zoeksleutels "
            "opnieuw. Per groep rijen één transactie; nogmaals draaien kan altijd.",
        )
        again.add_argument(
            "--per", type=int, default=BATCH_SIZE, metavar="N", help="rijen per transactie"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "aanleveren":
            self._deliver(options["uit"], options["adressen"])
            return
        if options["action"] == "demo":
            partner_key_deliver(options["partnersleutel"])
            made = demo_casework_create(options["regio"])
            self.stdout.write(
                f"Werkproces: {made.households} huishoudens met {made.members} leden "
                f"geregistreerd, {made.handovers} overdrachten, {made.participants} keer een "
                "behandelaar van een andere partner."
            )
            return
        if options["action"] == "rekey":
            self._rekey(options["per"])
            return
        if options["action"] == "deactiveren":
            professional_deactivate(
                actor=None,
                professional=_professional(options["gebruiker"]),
                origin="doorbraak casework deactiveren",
            )
            self.stdout.write(f"Het account van {options['gebruiker']} staat uit.")
            return
        self._at_risk(options["professional"])

    def _deliver(self, out: Path, addresses: Path | None) -> None:
        if addresses is not None and not addresses.is_file():
            raise UserError(
                "adressen-niet-gevonden", f"Het adressenbestand {addresses} bestaat niet."
            )
        partner = delivery_partner_ensure()
        buurt_of = address_register_read(addresses) if addresses else None
        written = delivery_write(out, buurt_of=buurt_of)
        self.stdout.write(
            f"{written.households} huishouden(s), gepseudonimiseerd met sleutel "
            f"{written.key_id}; {written.without_ground} huishouden(s) zonder grondslag niet "
            "aangeleverd."
        )
        for dataset in DATASETS:
            count = written.rows[dataset.name]
            what = f"{count} regels" if count else "geen regels, dus geen bestand"
            self.stdout.write(f"  {written.folder / dataset.file}: {what}")
        self.stdout.write(
            f"Lever ze aan met: doorbraak import {partner.code} BESTAND (eenmalig eerst: "
            f"doorbraak mappings load {MAPPING_FILE})."
        )

    def _rekey(self, per: int) -> None:
        if per < 1:
            raise UserError("rekey-per", "Geef bij --per een aantal rijen van ten minste 1.")

        def say(done: Rekeyed) -> None:
            self.stdout.write(
                f"{done.model}: {done.rows} rijen gelezen, {done.rows_changed} bijgewerkt, "
                f"{done.values} waarden opnieuw versleuteld, zoeksleutels van {done.indexes} "
                "leden opnieuw berekend."
            )

        rekey(batch_size=per, progress=say)
        self.stdout.write(
            "Klaar: alle waarden staan onder de huidige sleutel. De oude sleutels in "
            f"{OLD_KEYS_SETTING} zijn niet meer nodig."
        )

    def _at_risk(self, username: str | None) -> None:
        households = (
            households_left_by(_professional(username)) if username else households_at_risk()
        )
        numbers = sorted(str(h.pk)[:8] for h in households)
        what = f"waarvan {username} regisseur is" if username else "zonder actieve regisseur"
        self.stdout.write(f"{len(numbers)} huishouden(s) {what}.")
        for number in numbers:
            self.stdout.write(f"  huishouden {number}")


def _professional(username: str) -> User:
    user = User.objects.filter(username=username, role=Role.PROFESSIONAL).first()
    if user is None:
        raise UserError(
            "professional-onbekend",
            f"Er is geen professional met de gebruikersnaam {username}.",
        )
    return user
