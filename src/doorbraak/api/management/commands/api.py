"""`doorbraak api token GEBRUIKER [--vernieuw] [--dagen N] [--intrekken]`: an API token for a
tool (Dutch output).

The token is printed once, when it is made: the database keeps only its hash (ADR 0014). It is
scoped to the user's role and expires after DOORBRAAK_API_TOKEN_DAYS (or `--dagen`). Only a
user whose role may see the programme gets one (the same check as the API itself); each issue
and revocation is an audit line, never the token itself.
"""

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.api.tokens import token_current, token_issue, token_revoke
from doorbraak.core.errors import UserError

ORIGIN = "doorbraak api token"


class Command(BaseCommand):
    help = "API: maak een token voor een gebruiker (voor scripts en DHIS2-koppelingen)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        token = sub.add_parser(
            "token", help="Maak het API-token van een gebruiker (het wordt één keer getoond)."
        )
        token.add_argument("gebruiker", help="Gebruikersnaam")
        token.add_argument(
            "--vernieuw",
            action="store_true",
            help="Vervang het bestaande token (het oude werkt daarna niet meer).",
        )
        token.add_argument(
            "--dagen", type=int, default=None, help="Hoeveel dagen het token geldig is."
        )
        token.add_argument(
            "--intrekken", action="store_true", help="Trek de tokens van de gebruiker in."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["gebruiker"]).first()
        if user is None:
            raise UserError(
                "onbekende-gebruiker",
                _("Gebruiker '%(name)s' bestaat niet.") % {"name": options["gebruiker"]},
            )
        name = user.get_username()
        if options["intrekken"]:
            revoked = token_revoke(user=user, origin=ORIGIN)
            self.stdout.write(
                _("%(n)d token(s) van %(name)s ingetrokken.") % {"n": revoked, "name": name}
            )
            return
        current = token_current(user)
        if current is not None and not options["vernieuw"]:
            self.stdout.write(self._exists(name, current))
            return
        issued = token_issue(user=user, days=options["dagen"], origin=ORIGIN)
        until = timezone.localtime(issued.token.expires_at)
        self.stdout.write(
            _("API-token van %(name)s: %(key)s") % {"name": name, "key": issued.key}
            + "\n"
            + _(
                "Dit token wordt maar één keer getoond: bewaar het nu in de tool. Het geeft de "
                "rechten van de rol %(role)s en werkt tot %(until)s."
            )
            % {"role": issued.token.role, "until": f"{until:%d-%m-%Y %H:%M}"}
            + "\n"
            + _("Gebruik: Authorization: Token <sleutel> (zie docs/api.md).")
        )

    def _exists(self, name: str, current: Any) -> str:
        until = timezone.localtime(current.expires_at)
        return _(
            "%(name)s heeft al een geldig token (begint met %(prefix)s, werkt tot %(until)s). "
            "Het token zelf is niet meer te tonen: de database bewaart alleen een hash. Maak "
            "een nieuw met --vernieuw (het oude werkt dan niet meer)."
        ) % {"name": name, "prefix": current.prefix, "until": f"{until:%d-%m-%Y}"}
