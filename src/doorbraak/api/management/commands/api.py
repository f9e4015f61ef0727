"""`doorbraak api token GEBRUIKER [--vernieuw]`: an API token for a tool (Dutch output).

Only a user whose role may see the programme gets one (the same check as the API itself);
each issue or renewal is recorded in the audit log, never the token itself.
"""

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from doorbraak.core.audit import audit_record
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.partners.access import Capability, user_can


class Command(BaseCommand):
    help = "API: maak een token voor een gebruiker (voor scripts en DHIS2-koppelingen)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        token = sub.add_parser("token", help="Toon of maak het API-token van een gebruiker.")
        token.add_argument("gebruiker", help="Gebruikersnaam")
        token.add_argument(
            "--vernieuw",
            action="store_true",
            help="Vervang het bestaande token (het oude werkt daarna niet meer).",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["gebruiker"]).first()
        if user is None:
            raise UserError(
                "onbekende-gebruiker",
                _("Gebruiker '%(name)s' bestaat niet.") % {"name": options["gebruiker"]},
            )
        if not user_can(user, Capability.VIEW_PROGRAMME):
            raise UserError(
                "geen-api-toegang",
                _(
                    "De rol van '%(name)s' geeft geen toegang tot de API (alleen rollen die "
                    "het programma mogen zien)."
                )
                % {"name": user.get_username()},
            )
        if options["vernieuw"]:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            audit_record(
                actor=None,
                action=AuditAction.API_TOKEN_ISSUE,
                object_type="gebruiker",
                object_id=str(user.pk),
                result="ok",
                origin="doorbraak api token",
            )
        self.stdout.write(
            _("API-token van %(name)s: %(key)s") % {"name": user.get_username(), "key": token.key}
            + "\n"
            + _("Gebruik: Authorization: Token <sleutel> (zie docs/api.md).")
        )
