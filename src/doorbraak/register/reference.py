"""The programme's reference file (`referentie.yaml`): its interventions and local experiments,
which enrolments point to. The format is in docs/register.md. Every problem is reported at
once, in Dutch. Since ADR 0036 the programme team keeps its experiments on its own pages
(`learning`), which copy them into the same tables; the file remains a way in, and the
learning app takes over what it loaded (`learning.services.experiments_from_register`)."""

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.register.services import reference_load


def _date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(_("%s: '%s' is geen datum (jjjj-mm-dd).") % (where, value))
        return None


def reference_parse(data: Any) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """Interventions (code, name) and experiments from a parsed file; UserError on problems."""
    if not isinstance(data, dict):
        raise UserError("referentie-vorm", _("Het referentiebestand heeft geen onderdelen."))
    problems: list[str] = []
    interventions = []
    for number, item in enumerate(data.get("interventies") or [], start=1):
        if not isinstance(item, dict) or not item.get("code") or not item.get("naam"):
            problems.append(_("Interventie %s: 'code' en 'naam' zijn verplicht.") % number)
            continue
        interventions.append((str(item["code"]), str(item["naam"])))
    known = {code for code, _name in interventions}
    experiments = []
    for number, item in enumerate(data.get("experimenten") or [], start=1):
        where = _("Experiment %s") % (item.get("code") if isinstance(item, dict) else number)
        if not isinstance(item, dict) or not item.get("code") or not item.get("naam"):
            problems.append(_("%s: 'code' en 'naam' zijn verplicht.") % where)
            continue
        cocktail = [str(c) for c in item.get("cocktail") or []]
        problems += [
            _("%s: interventie '%s' staat niet bij de interventies.") % (where, c)
            for c in cocktail
            if c not in known
        ]
        experiments.append(
            {
                "code": str(item["code"]),
                "name": str(item["naam"]),
                "start": _date(item.get("start"), where, problems),
                "end": _date(item.get("einde"), where, problems),
                "areas": [str(item.get("gebied", ""))],
                "interventions": cocktail,
            }
        )
    if problems:
        raise UserError("referentie-ongeldig", "\n".join(problems))
    return interventions, experiments


def reference_file_load(*, path: Path) -> tuple[int, int]:
    """Load the file; the numbers of interventions and experiments the register now knows."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise UserError("referentie-ontbreekt", _("%s bestaat niet.") % path) from error
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UserError(
            "referentie-onleesbaar", _("%s is geen leesbaar YAML-bestand.") % path.name
        ) from error
    interventions, experiments = reference_parse(data)
    return reference_load(interventions=interventions, experiments=experiments)
