"""The `doorbraak` console command: Django's management commands with our own on top.

Ours: `plan check|show|load`, `areas load`, `demo`, `import`, `mappings load`; standalone, with
no database: `synth`, `pseudonymise`, `link`, `architecture` (the import graph between the
packages); and every Django command (`migrate`, `runserver`, ...). Errors a user can act on are
printed in Dutch; anything else is logged with its traceback to the error log under
DOORBRAAK_DATA_DIR, and the user sees a short Dutch message, never a traceback.

Imports `core` (user errors). The standalone commands are named by their modules' paths and
loaded only when asked for.
"""

import importlib
import logging
import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from doorbraak.core.errors import UserError

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


# Commands that need no database and no Django: they run straight from their own module.
STANDALONE = {
    "synth": "doorbraak.synth.cli",
    "pseudonymise": "doorbraak.pseudonymise.cli",
    "link": "doorbraak.linkage.cli",
    "architecture": "doorbraak.core.architecture",
}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.conf.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in STANDALONE:
        module = importlib.import_module(STANDALONE[args[0]])
        code: int = module.main(args[1:])
        return code
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["doorbraak", *args])
    except UserError as error:
        print(f"Fout: {error.message}", file=sys.stderr)
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
