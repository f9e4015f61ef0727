"""`doorbraak synth`: generate the synthetic region from the command line.

`main(argv)` returns an exit code and never shows a traceback: problems a user can fix get a
Dutch message saying what to do; anything else a short Dutch message and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from doorbraak.core.errors import UserError
from doorbraak.synth.faults import CORRUPTION
from doorbraak.synth.generator import (
    DEFAULT_AS_OF,
    MAX_HOUSEHOLDS,
    Progress,
    ScaleError,
    generate,
    resolve_scale,
)

EXIT_USAGE = 2
EXIT_FAILED = 1


TRANSLATIONS = (  # argparse's English phrases, in Dutch
    ("unrecognized arguments", "onbekende argumenten"),
    ("invalid int value", "verwacht een geheel getal, niet"),
    ("expected one argument", "verwacht een waarde"),
    ("invalid choice", "ongeldige keuze"),
    ("(choose from ", "(kies uit "),
    ("argument ", "argument "),
    ("usage:", "gebruik:"),
    ("options:", "opties:"),
    ("show this help message and exit", "toon deze hulp en stop"),
)


def _dutch(text: str) -> str:
    for english, dutch in TRANSLATIONS:
        text = text.replace(english, dutch)
    return text


class _UsageError(UserError):
    def __init__(self, message: str) -> None:
        super().__init__("opdracht-ongeldig", message)


class _ParserExitError(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Dutch and raises instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(_dutch(message))

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            print(_dutch(message), file=sys.stderr)
        raise _ParserExitError(status)

    def format_help(self) -> str:
        return _dutch(super().format_help())

    def format_usage(self) -> str:
        return _dutch(super().format_usage())


def _number(value: int) -> str:
    """A count with a Dutch thousands separator: 14.000."""
    return f"{value:,}".replace(",", ".")


def _parser() -> _Parser:
    parser = _Parser(
        prog="doorbraak synth",
        description="Maak een synthetische regio: exports per partner, de grondwaarheid en "
        "schone feiten. Alle personen en organisaties zijn fictief.",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        help="startgetal; zelfde getal, zelfde bestanden (standaard 1)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("synth-out"),
        help="map voor de uitvoer (standaard synth-out)",
    )
    parser.add_argument(
        "--scale",
        default="region",
        help="'region' (ongeveer 30.000 huishoudens) of een aantal huishoudens "
        f"tot {_number(MAX_HOUSEHOLDS)}",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        default=DEFAULT_AS_OF.isoformat(),
        help=f"peildatum JJJJ-MM-DD (standaard {DEFAULT_AS_OF.isoformat()})",
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="aantal processen (standaard: aantal kernen)"
    )
    parser.add_argument(
        "--corruption",
        choices=sorted(CORRUPTION),
        default="normaal",
        help="hoe vervuild de persoonsgegevens in de exports zijn: 'normaal' (standaard) of "
        "'zwaar' (zoals een onafhankelijke koppelbenchmark: namen omgedraaid, tussenvoegsels "
        "anders geschreven, dubbele achternamen, voorletters, dag en maand verwisseld, "
        "lege velden)",
    )
    parser.add_argument("--quiet", action="store_true", help="geen voortgang tonen")
    return parser


def _as_of(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise _UsageError(
            f"peildatum '{text}' is geen datum: gebruik JJJJ-MM-DD, bijvoorbeeld 2026-06-30"
        ) from None
    if value <= date(2023, 1, 1):
        raise _UsageError("de peildatum moet na 1 januari 2023 liggen (de start van het programma)")
    return value


def _progress(start: float) -> Progress:
    def report(stage: str, done: int, total: int) -> None:
        seconds = time.monotonic() - start
        print(
            f"\r{stage}: {_number(done)} van {_number(total)} ({seconds:.0f} s)",
            end="",
            file=sys.stderr,
            flush=True,
        )

    return report


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        as_of = _as_of(args.as_of)
        resolve_scale(args.scale)
        if args.workers is not None and args.workers < 1:
            raise _UsageError("--workers moet 1 of meer zijn")
    except _ParserExitError as done:
        return done.status
    except _UsageError as problem:
        print(
            f"Fout in de opdracht: {problem.message}\nZie 'doorbraak synth --help'.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except ScaleError as problem:
        print(f"Fout: {problem.message}", file=sys.stderr)
        return EXIT_USAGE
    return _run(args, as_of)


def _run(args: argparse.Namespace, as_of: date) -> int:
    out, quiet = args.out, args.quiet
    start = time.monotonic()
    progress = None if quiet else _progress(start)
    try:
        summary = generate(
            seed=args.seed,
            out_dir=out,
            scale=args.scale,
            as_of=as_of,
            progress=progress,
            workers=args.workers,
            corruption=args.corruption,
        )
    except OSError as problem:
        print(
            f"\nFout: kan niet schrijven in '{out}' ({problem.strerror or problem}). "
            "Kies met --out een map waarin u mag schrijven en waar genoeg ruimte is.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\nAfgebroken: de uitvoer is onvolledig; start opnieuw.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as problem:
        print(
            f"\nInterne fout ({type(problem).__name__}): de generator stopte. Meld dit aan het "
            "ontwikkelteam, met de gebruikte opdracht.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    seconds = time.monotonic() - start
    if not quiet:
        print(file=sys.stderr)
    rows = sum(summary.export_rows_per_partner.values())
    signals = sum(summary.signals_per_source.values())
    print(
        f"Klaar in {seconds:.0f} s: {_number(summary.households)} huishoudens, "
        f"{_number(summary.persons)} personen, {_number(signals)} signalen, "
        f"{_number(summary.plans)} plannen, {_number(rows)} exportregels van "
        f"{len(summary.export_rows_per_partner)} partners.\n"
        f"Exports: {out / 'exports'}\n"
        f"Grondwaarheid en feiten: {out / 'truth'} (nooit in het register laden)"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
