"""`doorbraak partners add|steward|key`: connect a new partner (docs/intake.md, "Van niets naar
een eerste aanlevering"), all audited.

- `add CODE --naam NAAM --sector SECTOR [--gemeente GM....]`: the partner organisation;
- `steward CODE --gebruiker NAAM --email ADRES [--adres URL]`: its data steward's account,
  without a password: the command prints a one-time link on which the steward chooses one
  (nothing secret on a shared terminal but that link); `steward --nieuwe-link --gebruiker NAAM`
  gives a new link;
- `key [SLEUTEL-ID] [--intrekken SLEUTEL-ID]`: the key id of the partners' current shared key,
  or a withdrawn earlier one (ADR 0010); without arguments, the generations recorded.
"""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from doorbraak.core.errors import UserError
from doorbraak.partners.keys import key_generation_list, key_register, key_withdraw
from doorbraak.partners.models import Sector
from doorbraak.partners.services import partner_add, steward_add, steward_link


class Command(BaseCommand):
    help = (
        "Partners: voeg een partnerorganisatie toe (add), geef haar gegevensbeheerder een "
        "account (steward) of leg het sleutel-id van de gedeelde sleutel vast (key)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        self._add_arguments(sub.add_parser(
            "add",
            help="Voeg een partner toe; daarna kan zijn mapping geladen worden.",
            description="Voeg een partnerorganisatie toe. Sectoren: "
            + ", ".join(f"{s.value} ({s.label})" for s in Sector)
            + ".",
        ))  # fmt: skip
        self._steward_arguments(sub.add_parser(
            "steward",
            help="Maak het account van de gegevensbeheerder van een partner (zonder /beheer).",
            description="Maak een account met de rol gegevensbeheerder bij een partner. Er "
            "wordt geen wachtwoord getoond: de opdracht geeft een link die één keer werkt en "
            "waarop de gegevensbeheerder zelf een wachtwoord kiest.",
        ))  # fmt: skip
        self._key_arguments(sub.add_parser(
            "key",
            help="Leg het sleutel-id van de huidige gedeelde sleutel vast, of trek een "
            "eerdere in (ADR 0010).",
            description="Zonder argumenten: de vastgelegde sleutels. Met SLEUTEL-ID: dat "
            "wordt de huidige sleutel; de vorige blijft aanvaard tot u hem intrekt. Het "
            "platform kent alleen het sleutel-id, nooit de sleutel.",
        ))  # fmt: skip

    @staticmethod
    def _add_arguments(add: ArgumentParser) -> None:
        add.add_argument(
            "code", help="vaste code: kleine letters, cijfers en streepjes (woonstichting-x)"
        )
        add.add_argument("--naam", required=True, help="naam van de organisatie")
        add.add_argument("--sector", required=True, help="sector, bijvoorbeeld energie of wonen")
        add.add_argument(
            "--gemeente", default="", help="CBS-code van de vestigingsgemeente (GM0047)"
        )

    @staticmethod
    def _steward_arguments(steward: ArgumentParser) -> None:
        steward.add_argument("code", nargs="?", default="", help="code van de partner")
        steward.add_argument("--gebruiker", required=True, help="gebruikersnaam om in te loggen")
        steward.add_argument("--email", default="", help="werkadres van de gegevensbeheerder")
        steward.add_argument(
            "--adres",
            default="",
            help="adres van het platform (https://...): dan toont de opdracht de hele link",
        )
        steward.add_argument(
            "--nieuwe-link",
            action="store_true",
            help="geef een bestaande gegevensbeheerder een nieuwe link (de oude vervalt)",
        )

    @staticmethod
    def _key_arguments(key: ArgumentParser) -> None:
        key.add_argument("key_id", metavar="SLEUTEL-ID", nargs="?", help="16 tekens 0-9, a-f")
        key.add_argument(
            "--intrekken",
            metavar="SLEUTEL-ID",
            help="weiger vanaf nu aanleveringen met deze eerdere sleutel",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        {"add": self._add, "steward": self._steward, "key": self._key}[options["action"]](options)

    def _add(self, options: dict[str, Any]) -> None:
        partner = partner_add(
            code=options["code"],
            name=options["naam"],
            sector=options["sector"],
            gemeente_code=options["gemeente"],
            origin="doorbraak partners add",
        )
        self.stdout.write(
            f"Partner {partner.name} ({partner.code}, {partner.get_sector_display()}) is "
            "toegevoegd. Volgende stap: het account van zijn gegevensbeheerder "
            f"('doorbraak partners steward {partner.code} --gebruiker NAAM --email ADRES') en "
            "zijn mapping ('doorbraak mappings load', zie docs/intake.md)."
        )

    def _steward(self, options: dict[str, Any]) -> None:
        origin = "doorbraak partners steward"
        if options["nieuwe_link"]:
            user, path = steward_link(username=options["gebruiker"], origin=origin)
            self.stdout.write(f"Nieuwe link voor gegevensbeheerder {user.username}.")
        else:
            if not options["code"] or not options["email"]:
                raise UserError(
                    "argumenten-ontbreken",
                    "Geef de code van de partner en --email (of --nieuwe-link voor een "
                    "bestaande gegevensbeheerder).",
                )
            user, path = steward_add(
                partner_code=options["code"],
                username=options["gebruiker"],
                email=options["email"],
                origin=origin,
            )
            self.stdout.write(
                f"Gegevensbeheerder {user.username} van {user.partner} is aangemaakt, nog "
                "zonder wachtwoord."
            )
        days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
        self.stdout.write(
            f"Stuur deze link alleen aan {user.email or user.username}: hij werkt één keer en "
            f"{days} dagen lang; daar kiest de gegevensbeheerder zelf een wachtwoord."
        )
        base = options["adres"].rstrip("/")
        self.stdout.write(f"  {base}{path}" if base else f"  {path}")
        if not base:
            self.stdout.write(
                "Zet het adres van het platform ervoor (https://...), of geef --adres."
            )

    def _key(self, options: dict[str, Any]) -> None:
        origin = "doorbraak partners key"
        if options["intrekken"]:
            withdrawn = key_withdraw(key_id=options["intrekken"], origin=origin)
            self.stdout.write(
                f"Sleutel-id {withdrawn.key_id} is ingetrokken: aanleveringen met die sleutel "
                "worden vanaf nu geweigerd."
            )
        if options["key_id"]:
            generation = key_register(key_id=options["key_id"], origin=origin)
            self.stdout.write(
                f"Sleutel-id {generation.key_id} is de huidige sleutel. Aanleveringen moeten met "
                "deze sleutel gepseudonimiseerd zijn (of met een eerdere die niet is "
                "ingetrokken)."
            )
        if not options["intrekken"] and not options["key_id"]:
            self._key_list()

    def _key_list(self) -> None:
        generations = key_generation_list()
        if not generations:
            self.stdout.write(
                "Er is nog geen sleutel-id vastgelegd; aanleveringen worden geweigerd tot het "
                "programmateam dat doet: 'doorbraak partners key SLEUTEL-ID'."
            )
        for generation in generations:
            since = generation.registered_at.strftime("%d-%m-%Y")
            self.stdout.write(f"{generation.key_id}  {generation.state}  (vastgelegd {since})")
