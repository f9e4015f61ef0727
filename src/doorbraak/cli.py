"""The `doorbraak` console command: Django's management commands with our own on top.

Ours: `plan check|show|load`, `areas load`, `demo`, `import`, `mappings load`; standalone, with
no database: `synth`, `pseudonymise`, `terugmelding` (the platform's verdicts in the partner's
own export), `link`, `architecture` (the import graph between the packages), `evaluate` (an effect
estimate); and every Django
command (`migrate`, `runserver`, ...). Errors a user can act on are printed in Dutch; anything
else is logged with its traceback to the error log under DOORBRAAK_DATA_DIR, and the user sees
a short Dutch message, never a traceback.

Everything argparse prints is Dutch (`core.cli_args`): every management command, Django's own
included, gets its parser from `_dutch_parser_create` instead of `BaseCommand.create_parser`
(set per command instance by `_Utility.fetch_command`, so Django itself is not patched).
`doorbraak`, `doorbraak help` and `doorbraak --help` list every command with one Dutch line;
`doorbraak help CMD` is `doorbraak CMD --help`.

Imports `core` (user errors, the Dutch parser). The standalone commands are named by their
modules' paths and loaded only when asked for.
"""

import argparse
import importlib
import logging
import os
import sys
import traceback
from argparse import HelpFormatter
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import Any, NoReturn, cast

from django.core.exceptions import ImproperlyConfigured

from doorbraak.core.cli_args import DutchArgumentParser, DutchHelpFormatter, message_dutch
from doorbraak.core.definitions.problems import did_you_mean
from doorbraak.core.errors import UserError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


# Commands that need no database and no Django: they run straight from their own module.
STANDALONE = {
    "synth": "doorbraak.synth.cli",
    "pseudonymise": "doorbraak.pseudonymise.cli",
    "terugmelding": "doorbraak.pseudonymise.feedback",
    "link": "doorbraak.linkage.cli",
    "architecture": "doorbraak.core.architecture",
    "evaluate": "doorbraak.evaluation.cli",
}
# Their line in `doorbraak --help` (their modules are not loaded for it: `link` is slow to load).
STANDALONE_HELP = {
    "pseudonymise": "Vervang BSN, naam, geboortedatum en adres in exports door pseudoniemen "
    "(bij de partner, zonder database).",
    "terugmelding": "Zet het resultaat van een aanlevering in uw eigen exportbestand (bij de "
    "partner, zonder database).",
    "link": "Koppel twee losse bestanden met personen (evaluatie van de koppeling).",
    "synth": "Maak een synthetische regio: exports per partner, grondwaarheid en schone feiten.",
    "architecture": "Toon welke pakketten welke andere importeren, gelezen uit de code.",
    "evaluate": "Schat het effect van een experiment of interventie, met 95%-interval en "
    "ontwerpsterkte (zonder database).",
}
# Django's own commands, in Dutch; their own options keep Django's (English) texts.
DJANGO_HELP = {
    "axes_list_attempts": "Toon de mislukte inlogpogingen die django-axes telt.",
    "axes_reset": "Hef alle inlogblokkades op (django-axes).",
    "axes_reset_failure_logs": "Ruim het logboek van mislukte inlogpogingen op (django-axes).",
    "axes_reset_ip": "Hef de inlogblokkades vanaf een IP-adres op (django-axes).",
    "axes_reset_ip_username": "Hef een inlogblokkade van adres en naam op (naam als hash).",
    "axes_reset_logs": "Ruim het inloglogboek van django-axes op.",
    "axes_reset_username": "Hef een inlogblokkade van een naam op (naam als hash).",
    "changepassword": "Wijzig het wachtwoord van een gebruiker.",
    "check": "Controleer het project op bekende problemen.",
    "clearsessions": "Ruim verlopen sessies op.",
    "collectstatic": "Verzamel de statische bestanden op één plek.",
    "compilemessages": "Vertaal .po-bestanden naar .mo-bestanden.",
    "createcachetable": "Maak de tabellen voor de databasecache.",
    "createsuperuser": "Maak een beheerder (superuser).",
    "db_worker": "Start een achtergrondwerker voor taken in de database.",
    "dbshell": "Open de opdrachtregel van de database.",
    "diffsettings": "Toon de instellingen die afwijken van Djangos standaard.",
    "dumpdata": "Schrijf de inhoud van de database als fixture.",
    "findstatic": "Zoek waar een statisch bestand staat.",
    "flush": "Verwijder ALLE gegevens uit de database.",
    "generateschema": "Maak het API-schema (Django REST framework).",
    "inspectdb": "Maak Django-modellen uit bestaande databasetabellen.",
    "loaddata": "Laad een fixture in de database.",
    "makemessages": "Verzamel de te vertalen teksten in .po-bestanden.",
    "makemigrations": "Maak nieuwe migraties voor gewijzigde modellen.",
    "migrate": "Breng de database bij naar de laatste migraties.",
    "optimizemigration": "Optimaliseer de stappen van een migratie.",
    "prune_db_task_results": "Ruim afgeronde taakresultaten in de database op.",
    "remove_stale_contenttypes": "Verwijder verouderde contenttypes.",
    "runserver": "Start de ontwikkelwebserver.",
    "sendtestemail": "Stuur een test-e-mail.",
    "shell": "Open een interactieve Python-omgeving met Django geladen.",
    "showmigrations": "Toon alle migraties en of ze zijn uitgevoerd.",
    "spectacular": "Maak het OpenAPI-schema van de API.",
    "sqlflush": "Toon de SQL die alle tabellen leegmaakt.",
    "sqlmigrate": "Toon de SQL van een migratie.",
    "sqlsequencereset": "Toon de SQL die de reeksen (sequences) herstelt.",
    "squashmigrations": "Voeg migraties samen tot één.",
    "startapp": "Maak de mappen van een nieuwe Django-app.",
    "startproject": "Maak de mappen van een nieuw Django-project.",
    "test": "Voer tests uit (Djangos testrunner; dit project gebruikt pytest).",
    "testserver": "Start een ontwikkelserver met gegevens uit fixtures.",
}
HELP_WORDS = ("help", "--help", "-h")
# Django's own options on every management command, in Dutch.
_BASE_OPTIONS = {
    "--version": "toon het versienummer",
    "--verbosity": "hoeveel uitvoer: 0 = weinig, 1 = normaal, 2 = veel, 3 = zeer veel",
    "--settings": "de Python-module met de instellingen (standaard: DJANGO_SETTINGS_MODULE)",
    "--pythonpath": "een map om aan het Python-pad toe te voegen",
    "--traceback": "toon de volledige technische foutmelding (voor ontwikkelaars)",
    "--no-color": "geen kleuren in de uitvoer",
    "--force-color": "altijd kleuren in de uitvoer",
    "--skip-checks": "sla de systeemcontroles over",
}

PROBLEMS_SHOWN = 50  # of a ProblemsError, on the terminal


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in HELP_WORDS:
        return _help(args[1:])
    if args[0] in STANDALONE:
        return _standalone(args[0], args[1:])
    try:
        _Utility(["doorbraak", *args]).execute()
    except UserError as error:
        print(f"Fout: {error.message}", file=sys.stderr)
        for problem in getattr(error, "problems", [])[:PROBLEMS_SHOWN]:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_USER_ERROR
    except ImproperlyConfigured as error:  # refused settings (conf/security.py): no error log
        print(f"Fout: De instellingen kloppen niet: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except Exception:
        log = _error_log_write(traceback.format_exc())
        print(
            "Er ging intern iets mis. "
            f"De technische details staan in {log}; stuur dat bestand naar de beheerder.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
    return 0


def _standalone(name: str, argv: list[str]) -> int:
    module = importlib.import_module(STANDALONE[name])
    try:
        code: int = module.main(argv)
    except SystemExit as done:  # argparse's --help and usage errors
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return code


def _help(argv: list[str]) -> int:
    """`doorbraak help [CMD]`: every command with one line, or that command's own help."""
    if argv and argv[0] not in HELP_WORDS:
        return main([argv[0], "--help"])
    try:
        _django_setup()
        print(help_text())
    except UserError as error:
        print(f"Fout: {error.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    return 0


def _django_setup() -> None:
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        message = f"De instellingen kloppen niet: {error}"
        raise UserError("instellingen-ongeldig", message) from error


def commands() -> dict[str, str]:
    """Every command `doorbraak` runs, with its one-line Dutch description."""
    found = {name: _description(name, app) for name, app in django_commands().items()}
    return found | STANDALONE_HELP


@cache
def django_commands() -> dict[str, str]:
    """Every management command, ours and Django's own, with the app it comes from."""
    from django.core.management import get_commands

    return dict(get_commands())


def _description(name: str, app: str) -> str:
    if not app.startswith("doorbraak."):
        return DJANGO_HELP.get(name, f"Beheeropdracht van {app}.")
    from django.core.management import load_command_class

    return str(load_command_class(app, name).help or "").strip().split("\n")[0]


def help_text() -> str:
    described = commands()
    ours = sorted(n for n, app in django_commands().items() if app.startswith("doorbraak."))
    django_own = sorted(n for n in django_commands() if n not in ours)
    width = max(len(name) for name in described) + 2
    sections = (
        ("Opdrachten:", ours),
        ("Zonder database (bij de partner of op een losse computer):", sorted(STANDALONE)),
        ("Beheeropdrachten van Django (hun eigen opties zijn Engelstalig):", django_own),
    )
    lines = [
        "gebruik: doorbraak OPDRACHT [argumenten]",
        "",
        "'doorbraak help OPDRACHT' of 'doorbraak OPDRACHT --help' toont de hulp bij een opdracht.",
    ]
    for title, names in sections:
        lines += ["", title, *(f"  {n.ljust(width)}{described[n]}" for n in names)]
    return "\n".join(lines)


def _unknown_command(name: str) -> NoReturn:
    hint = did_you_mean(name, commands())
    message = f"Onbekende opdracht '{name}'.{hint} 'doorbraak help' toont alle opdrachten."
    raise UserError("opdracht-onbekend", message)


def _dutch_parser_create(
    command: Any, prog_name: str, subcommand: str, **kwargs: Any
) -> argparse.ArgumentParser:
    """`BaseCommand.create_parser`, then every text argparse and Django add made Dutch (and,
    for Django's own commands, a Dutch description)."""
    parser: argparse.ArgumentParser = type(command).create_parser(
        command, prog_name, subcommand, **kwargs
    )
    if not django_commands().get(subcommand, "").startswith("doorbraak."):
        parser.description = DJANGO_HELP.get(subcommand, parser.description)
    _parser_dutch(parser)
    return parser


def _parser_dutch(parser: argparse.ArgumentParser) -> None:
    """A management command's parser (and its subcommands' parsers) made Dutch in place: the
    help headings and usage line, Django's own options, and the usage errors."""
    parser.formatter_class = _formatter_dutch(cast(type[HelpFormatter], parser.formatter_class))
    parser.error = partial(_parser_error, parser)  # type: ignore[method-assign]
    parser._positionals.title = "argumenten"
    parser._optionals.title = "opties"
    for action in parser._actions:
        if action.dest == "help":
            action.help = "toon deze hulp"
        own = [o for o in action.option_strings if o in _BASE_OPTIONS]
        if own:
            action.help = _BASE_OPTIONS[own[0]]
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _parser_dutch(sub)


def _parser_error(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    """Django's `CommandParser.error` in Dutch: on the command line the usage line and a
    Dutch message (exit code 2); called from code, a `CommandError`."""
    from django.core.management.base import CommandError

    if getattr(parser, "called_from_command_line", True):
        DutchArgumentParser.error(parser, message)  # type: ignore[arg-type]
    raise CommandError(f"Fout: {message_dutch(message)}")


_FORMATTERS: dict[type[HelpFormatter], type[HelpFormatter]] = {}


def _formatter_dutch(formatter: type[HelpFormatter]) -> type[HelpFormatter]:
    """`formatter` with a Dutch usage line (Django's formatter puts its own options last)."""
    if issubclass(formatter, DutchHelpFormatter):
        return formatter
    if formatter not in _FORMATTERS:
        name = f"Dutch{formatter.__name__}"
        _FORMATTERS[formatter] = type(name, (DutchHelpFormatter, formatter), {})
    return _FORMATTERS[formatter]


def _utility_class() -> type:
    from django.core.management import ManagementUtility
    from django.core.management.base import CommandError, SystemCheckError

    class Utility(ManagementUtility):
        """Django's command runner, with Dutch parsers and Dutch unknown-command errors."""

        def fetch_command(self, subcommand: str) -> Any:
            if subcommand not in django_commands():
                _unknown_command(subcommand)
            command: Any = super().fetch_command(subcommand)
            command.create_parser = partial(_dutch_parser_create, command)
            command.execute = partial(_execute, command.execute)
            return command

    def _execute(execute: Any, *args: Any, **options: Any) -> Any:
        """A Django `CommandError` as a user error: its message, not its class name."""
        try:
            return execute(*args, **options)
        except SystemCheckError:
            raise
        except CommandError as error:
            if options.get("traceback"):
                raise
            raise UserError("opdracht-fout", str(error)) from error

    return Utility


def _Utility(argv: list[str]) -> Any:  # noqa: N802 (reads as the class it makes)
    return _utility_class()(argv)


def _error_log_write(text: str) -> Path:
    from django.conf import settings

    folder = Path(settings.DATA_DIR) / "log"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fouten.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now(UTC).isoformat()}\n{text}\n")
    logging.getLogger("doorbraak").error("internal error, details in %s", path)
    return path


if __name__ == "__main__":
    sys.exit(main())
