"""`doorbraak terugmelding`: the platform's verdicts written into the partner's own export, on
the partner's own machine (no Django, no database).

The platform hands back a result file per delivery: the delivered (pseudonymised) file with,
per row, the row's number in the original export (`_regel`), `resultaat` and `opmerking`. The
platform never holds the identifying columns, so the join happens here: `doorbraak
pseudonymise` kept a row map beside its output (`sources.rowmap`); this command finds it,
checks that the export is still byte for byte the one pseudonymised, and writes a copy of the
export with `resultaat` and `opmerking` added (`sources.feedback.file_annotate`). The export
itself is never written to. See docs/adr/0011-own-file-back.md.
"""

import argparse
import re
import sys
import traceback
from collections import Counter
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.cli_args import DutchArgumentParser
from doorbraak.core.errors import UserError
from doorbraak.pseudonymise.cli import _error_log_write
from doorbraak.sources.feedback import RESULT_COLUMNS, file_annotate
from doorbraak.sources.result_file import result_file_read
from doorbraak.sources.rowmap import SUFFIX, RowMap, export_check, row_map_read

# how the platform names a result file ("huur-2025-resultaat.csv"; a browser may add " (1)")
RESULT_NAME = re.compile(r"-resultaat(?: ?\(\d+\))?$")
EXIT_USER_ERROR = 2


def parser_build() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="doorbraak terugmelding",
        description=_(
            "Zet het resultaat van een aanlevering in uw eigen exportbestand: dezelfde indeling "
            "en regels, met de kolommen 'resultaat' en 'opmerking' erbij. Werkt op de computer "
            "waar u 'doorbraak pseudonymise' draaide, zonder database."
        ),
    )
    parser.add_argument(
        "resultaat",
        metavar="RESULTAATBESTAND",
        type=Path,
        help=_("het resultaatbestand van de aanlevering, zoals u het van het platform downloadde"),
    )
    parser.add_argument(
        "--rijen",
        type=Path,
        metavar="RIJENKAART",
        help=_(
            "de rijenkaart van 'doorbraak pseudonymise' (BESTAND.rijen.json in de map van --uit) "
            "of de map waarin die staat; standaard gezocht naast het resultaatbestand en in de "
            "huidige map"
        ),
    )
    parser.add_argument(
        "--export",
        type=Path,
        metavar="EXPORT",
        help=_(
            "het oorspronkelijke exportbestand (standaard: waar het stond bij het pseudonimiseren)"
        ),
    )
    parser.add_argument(
        "--uit",
        type=Path,
        metavar="BESTAND",
        help=_("het bestand dat geschreven wordt (standaard: naast de export, NAAM-met-resultaat)"),
    )
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
        return EXIT_USER_ERROR
    except Exception:
        log = _error_log_write(args.resultaat.parent, traceback.format_exc())
        print(
            _(
                "Er ging onverwacht iets mis; uw export is niet gewijzigd. "
                "De technische details staan in %s."
            )
            % log,
            file=sys.stderr,
        )
        return 1


def _run(args: argparse.Namespace) -> int:
    verdicts = result_file_read(args.resultaat)
    map_path = row_map_find(args.resultaat, args.rijen)
    row_map = row_map_read(map_path)
    export = args.export or Path(row_map.export_path)
    export_check(row_map, export)
    _belongs_check(verdicts, row_map, args.resultaat)
    target = args.uit or export.with_name(f"{export.stem}-met-resultaat{export.suffix}")
    if target.resolve() in {p.resolve() for p in (export, args.resultaat, map_path)}:
        message = _("%s is een van de invoerbestanden; kies met --uit een ander bestand.")
        raise UserError("uitvoer-is-invoer", message % target)
    missing = (
        "",
        _("geen resultaat: deze regel staat niet in het resultaatbestand van het platform"),
    )
    cells = {n: verdicts.get(n, missing) for n in row_map.rows}
    done = file_annotate(export, target, row_map.layout, names=RESULT_COLUMNS, cells=cells)
    print(_summary(export, target, cells, done.names))
    return 0


def row_map_find(result: Path, given: Path | None) -> Path:
    """The row map of the export a result file is about: `given` (a file, or the folder the
    row map is in), else beside the result file or in the current folder, by name."""
    if given is not None and not given.is_dir():
        return given
    stem = RESULT_NAME.sub("", result.stem)
    names = dict.fromkeys([f"{stem}{result.suffix}{SUFFIX}", f"{result.name}{SUFFIX}"])
    folders = [given] if given is not None else [result.parent, Path.cwd()]
    tried = [folder / name for folder in folders for name in names]
    for path in tried:
        if path.is_file():
            return path
    raise UserError(
        "rijenkaart-ontbreekt",
        _(
            "Geen rijenkaart gevonden (gezocht: %s). 'doorbraak pseudonymise' schreef die in de "
            "map van --uit, als BESTAND.rijen.json; geef met --rijen aan waar die staat."
        )
        % ", ".join(str(p) for p in tried),
    )


def _belongs_check(verdicts: dict[int, tuple[str, str]], row_map: RowMap, result: Path) -> None:
    """Refuse a result file that names rows the export does not have: another export's."""
    strangers = sorted(set(verdicts) - set(row_map.rows))
    if strangers:
        shown = ", ".join(str(n) for n in strangers[:5]) + (" ..." if len(strangers) > 5 else "")
        raise UserError(
            "resultaat-andere-export",
            _(
                "%(result)s hoort niet bij deze export: het noemt regels die de rijenkaart van "
                "%(export)s niet kent (regel %(rows)s). Kies het resultaatbestand van de "
                "aanlevering die u van deze export maakte."
            )
            % {"result": result.name, "export": Path(row_map.export_path).name, "rows": shown},
        )


def _summary(
    export: Path, target: Path, cells: dict[int, tuple[str, str]], names: list[str]
) -> str:
    counts = Counter(result for result, _remark in cells.values())
    parts = [f"{n} {word}" for word, n in sorted(counts.items()) if word]
    lines = [
        _("%(export)s: %(rows)d regels; %(counts)s.")
        % {"export": export.name, "rows": len(cells), "counts": ", ".join(parts) or "-"},
        _("Geschreven: %(target)s (kolommen %(names)s erbij).")
        % {"target": target, "names": _(" en ").join(f"'{n}'" for n in names)},
    ]
    if counts[""]:
        lines.append(
            _("Let op: voor %d regels staat geen resultaat in het resultaatbestand.") % counts[""]
        )
    return "\n".join(lines)
