"""An argument parser that speaks Dutch (pure: no Django).

argparse writes its usage errors and help headings in English. `DutchArgumentParser` keeps
argparse's behaviour (usage errors exit with code 2, `--help` with 0) but every text a user
can see is Dutch: the help headings, the `-h` line and the usage errors, which are translated
phrase by phrase; an error argparse might add later still comes out with a Dutch lead-in.
"""

import argparse
import re
import sys
from gettext import gettext as _
from typing import Any, NoReturn

EXIT_USAGE = 2

_TYPE_NAMES = {"int": _("geheel getal"), "float": _("getal")}


def _type_name(name: str) -> str:
    return _TYPE_NAMES.get(name, _("geldige waarde"))


# argparse's messages (Python 3.11 to 3.13 wordings), each with its Dutch rendering.
_MESSAGES: tuple[tuple[re.Pattern[str], Any], ...] = tuple(
    (re.compile(pattern, re.DOTALL), dutch)
    for pattern, dutch in (
        (
            r"the following arguments are required: (?P<names>.*)",
            lambda m: _("deze argumenten ontbreken: %s") % m["names"],
        ),
        (
            r"unrecognized arguments: (?P<args>.*)",
            lambda m: _("onbekende argumenten: %s") % m["args"],
        ),
        (
            r"argument (?P<arg>.+?): expected one argument",
            lambda m: _("argument %s: verwacht een waarde") % m["arg"],
        ),
        (
            r"argument (?P<arg>.+?): expected at least one argument",
            lambda m: _("argument %s: verwacht minstens een waarde") % m["arg"],
        ),
        (
            r"argument (?P<arg>.+?): expected at most one argument",
            lambda m: _("argument %s: verwacht hoogstens een waarde") % m["arg"],
        ),
        (
            r"argument (?P<arg>.+?): expected (?P<n>\d+) arguments?",
            lambda m: _("argument %s: verwacht %s waarden") % (m["arg"], m["n"]),
        ),
        (
            r"argument (?P<arg>.+?): invalid (?P<type>\S+) value: (?P<value>.*)",
            lambda m: (
                _("argument %s: %s is geen %s") % (m["arg"], m["value"], _type_name(m["type"]))
            ),
        ),
        (
            r"argument (?P<arg>.+?): invalid choice: (?P<value>.*?) \(choose from (?P<ch>.*)\)",
            lambda m: (
                _("argument %s: ongeldige keuze %s (kies uit %s)") % (m["arg"], m["value"], m["ch"])
            ),
        ),
        (
            r"argument (?P<arg>.+?): not allowed with argument (?P<other>.*)",
            lambda m: (
                _("argument %s: niet toegestaan samen met argument %s") % (m["arg"], m["other"])
            ),
        ),
        (
            r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.*)",
            lambda m: _("argument %s: waarde %s hoort hier niet") % (m["arg"], m["value"]),
        ),
        (
            r"one of the arguments (?P<names>.*) is required",
            lambda m: _("een van deze argumenten is verplicht: %s") % m["names"],
        ),
        (
            r"ambiguous option: (?P<opt>.*?) could match (?P<matches>.*)",
            lambda m: _("optie %s is niet eenduidig: bedoelt u %s?") % (m["opt"], m["matches"]),
        ),
    )
)


def message_dutch(message: str) -> str:
    """argparse's English usage error in Dutch (unknown wordings keep a Dutch lead-in)."""
    for pattern, dutch in _MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match:
            text: str = dutch(match)
            return text
    return _("de opdracht is niet geldig (%s)") % message


class DutchHelpFormatter(argparse.HelpFormatter):
    """Help whose usage line starts with "gebruik:"."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, prefix=prefix or _("gebruik: "))


class DutchArgumentParser(argparse.ArgumentParser):
    """`argparse.ArgumentParser` whose help and usage errors are Dutch.

    A usage error prints the usage line and `<prog>: fout: <Dutch message>` to stderr and
    exits with code 2, as argparse does, without a traceback.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        super().__init__(*args, **(kwargs | {"add_help": False}))
        self._positionals.title = _("argumenten")
        self._optionals.title = _("opties")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help=_("toon deze hulp")
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("%s: fout: %s\n") % (self.prog, message_dutch(message)))
