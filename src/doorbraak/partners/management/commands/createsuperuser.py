"""`doorbraak createsuperuser`: Django's own command, with an audit line per superuser made.

The only way to a superuser (ADR 0014): the admin cannot tick it. A superuser also needs the
second login step.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser
from django.core.management.base import CommandParser

from doorbraak.partners.accounts import superuser_created_record


class Command(createsuperuser.Command):
    help = "Maak een supergebruiker (alleen zo; vastgelegd in de auditlog)."
    # Django's options, with Dutch help
    DUTCH_HELP = {
        "username": "de gebruikersnaam van de supergebruiker",
        "interactive": (
            "stel geen vragen; geef dan ook --username en --email mee. Een supergebruiker"
            " die zo gemaakt is, kan pas inloggen als hij een wachtwoord heeft gekozen"
        ),
        "database": "de database (standaard: default)",
        "email": "het e-mailadres van de supergebruiker",
    }

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        for action in parser._actions:
            if action.dest in self.DUTCH_HELP:
                action.help = self.DUTCH_HELP[action.dest]

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model()._default_manager.db_manager(options.get("database"))
        before = set(users.filter(is_superuser=True).values_list("pk", flat=True))
        super().handle(*args, **options)
        for user in users.filter(is_superuser=True).exclude(pk__in=before):
            superuser_created_record(user=user)
