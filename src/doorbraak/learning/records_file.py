"""Record a file of the learning network's activities (`leren.yaml`, as the synthetic region
writes it: `synth.learning`) through the services, as the programme team would by hand; the
demo's way in and `doorbraak leren laad`. Every record is audited with the file's name as its
origin. A file names partners by code.

Each row is checked on its own: a row with a missing field, an unknown partner or a value the
record refuses is reported with its section, row number and a Dutch reason and left out; the
other rows are recorded. A row that is already recorded (the same values; a session or training
by its title and date, an experiment by its code and texts) is left alone, so loading the same
file again changes nothing and writes no audit line.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from doorbraak.core.errors import ProblemsError, UserError
from doorbraak.learning import models as m
from doorbraak.learning import services
from doorbraak.partners.models import Partner

Partners = dict[str, Partner]


class _RowError(Exception):
    """A row that cannot be recorded, with its Dutch reason."""


def _partner(partners: Partners, code: object) -> Partner:
    found = partners.get(str(code))
    if found is None:
        raise _RowError(_("onbekende partner '%s'") % code)
    return found


_SIMPLE: dict[str, Callable[[dict[str, Any], Partners], models.Model]] = {
    "leeragendas": lambda row, p: m.LearningAgenda(title=row["titel"], adopted_on=row["datum"]),
    "conferenties": lambda row, p: m.Conference(title=row["titel"], held_on=row["datum"]),
    "publicaties": lambda row, p: m.Publication(
        title=row["titel"], kind=row["soort"], published_on=row["datum"]
    ),
    "kennisontwikkellijnen": lambda row, p: m.KnowledgeSupport(
        partner=_partner(p, row["partner"]),
        started_on=row["datum"],
        description=_("kennisontwikkellijn"),
    ),
    "aanbestedingen": lambda row, p: m.Procurement(
        title=row["titel"],
        partner=_partner(p, row["partner"]),
        awarded_on=row["datum"],
        poverty_conditions=bool(row["armoede"]),
    ),
    "verbindingen": lambda row, p: m.Commitment(
        partner=_partner(p, row["partner"]), committed_on=row["datum"]
    ),
}
SECTIONS = (*_SIMPLE, "sessies", "trainingen", "experimenten")


@dataclass(frozen=True)
class Rejected:
    section: str
    row: int  # 1 for the first row of the section
    reason: str

    def __str__(self) -> str:
        return _("%(section)s, rij %(row)s: %(reason)s") % {
            "section": self.section,
            "row": self.row,
            "reason": self.reason,
        }


@dataclass
class LoadResult:
    recorded: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UserError(
            "leren-onleesbaar", _("%s is geen leesbaar YAML-bestand.") % path.name
        ) from error
    if not isinstance(data, dict):
        raise UserError("leren-vorm", _("Het bestand heeft geen onderdelen."))
    return data


@transaction.atomic
def learning_file_record(*, path: Path, actor: Any = None) -> LoadResult:
    """Record every row of the file that holds and is not recorded yet; the rows recorded,
    those already there, and the rows refused with their reason."""
    data = _read(path)
    partners = {p.code: p for p in Partner.objects.all()}
    origin = path.name
    result = LoadResult()
    for section in sorted(set(data) - set(SECTIONS)):
        result.rejected.append(Rejected(str(section), 0, _("onbekend onderdeel")))
    handlers: dict[str, Callable[[dict[str, Any]], bool]] = {
        key: _simple_handler(make, partners, actor, origin) for key, make in _SIMPLE.items()
    }
    handlers["sessies"] = lambda row: _session(row, partners, actor, origin)
    handlers["trainingen"] = lambda row: _training(row, partners, actor, origin)
    handlers["experimenten"] = lambda row: _experiment(row, actor, origin)
    if data.get("experimenten"):  # the register's experiments as records first
        services.experiments_from_register(actor=actor, origin=origin)
    for section in SECTIONS:
        _rows(result, section, data.get(section) or [], handlers[section])
    return result


def learning_file_load(*, path: Path, actor: Any = None) -> int:
    """Record the file whole (the demo's synthetic file); a refused row is an error here. The
    number of records written."""
    result = learning_file_record(path=path, actor=actor)
    if result.rejected:
        raise ProblemsError(
            "leren-rijen-afgewezen",
            _("%(name)s: %(count)s rijen afgewezen.")
            % {"name": path.name, "count": len(result.rejected)},
            [str(r) for r in result.rejected],
        )
    return result.recorded


def _rows(
    result: LoadResult, section: str, rows: object, handle: Callable[[dict[str, Any]], bool]
) -> None:
    if not isinstance(rows, list):
        result.rejected.append(Rejected(section, 0, _("geen lijst van rijen")))
        return
    for number, row in enumerate(rows, start=1):
        reason = ""
        try:
            if not isinstance(row, dict):
                raise _RowError(_("geen rij met velden"))
            with transaction.atomic():  # a refused row leaves nothing behind
                written = handle(row)
        except _RowError as bad:
            reason = str(bad)
        except KeyError as missing:
            reason = _("het veld '%s' ontbreekt") % missing.args[0]
        except ValidationError as error:
            reason = "; ".join(error.messages)
        except (TypeError, ValueError, AttributeError):
            reason = _("een veld heeft een ongeldige waarde")
        if reason:
            result.rejected.append(Rejected(section, number, reason))
        elif written:
            result.recorded += 1
        else:
            result.unchanged += 1


def _values(record: models.Model) -> dict[str, Any]:
    return {
        f.attname: getattr(record, f.attname)
        for f in record._meta.concrete_fields
        if not f.primary_key
    }


def _simple_handler(
    make: Callable[[dict[str, Any], Partners], models.Model],
    partners: Partners,
    actor: Any,
    origin: str,
) -> Callable[[dict[str, Any]], bool]:
    def handle(row: dict[str, Any]) -> bool:
        record = make(row, partners)
        record.full_clean()  # also turns the file's text into the fields' values
        if type(record)._default_manager.filter(**_values(record)).exists():
            return False
        services.activity_record(actor=actor, record=record, origin=origin)
        return True

    return handle


def _session(row: dict[str, Any], partners: Partners, actor: Any, origin: str) -> bool:
    session = m.Session(
        title=row["onderwerp"],
        held_on=row["datum"],
        professionals=row.get("professionals", 0),
        residents=row.get("inwoners", 0),
    )
    session.full_clean()
    if m.Session.objects.filter(title=session.title, held_on=session.held_on).exists():
        return False
    services.session_record(
        actor=actor,
        session=session,
        partners=[_partner(partners, c) for c in row["partners"]],
        experts=row.get("ervaringsdeskundigen") or [],
        forms=_forms(row.get("kennis") or []),
        origin=origin,
    )
    return True


def _forms(forms: list[str]) -> list[str]:
    unknown = sorted(set(map(str, forms)) - set(m.KnowledgeForm.values))
    if unknown:
        raise _RowError(_("onbekende vorm van kennis: %s") % ", ".join(unknown))
    return forms


def _training(row: dict[str, Any], partners: Partners, actor: Any, origin: str) -> bool:
    training = m.Training(
        title=row["titel"], completed_on=row["datum"], bejegening=bool(row["bejegening"])
    )
    training.full_clean()
    if m.Training.objects.filter(title=training.title, completed_on=training.completed_on).exists():
        return False
    trained = {_partner(partners, c): int(n) for c, n in row["geschoold"].items()}
    if any(n < 0 for n in trained.values()):
        raise _RowError(_("een negatief aantal geschoolde professionals"))
    services.training_record(actor=actor, training=training, trained=trained, origin=origin)
    return True


def _experiment(row: dict[str, Any], actor: Any, origin: str) -> bool:
    """The team's details of an experiment the register already knows (the reference file)."""
    experiment = m.Experiment.objects.filter(code=row["code"]).first()
    if experiment is None:
        raise _RowError(_("onbekend experiment '%s'") % row["code"])
    texts = {
        "knowledge": row.get("kennis") or "",
        "designed_with": row.get("ontworpen_met") or "",
        "summary": row.get("samenvatting") or "",
    }
    if all(getattr(experiment, name) == text for name, text in texts.items()):
        return False
    for name, text in texts.items():
        setattr(experiment, name, text)
    services.experiment_record(
        actor=actor,
        experiment=experiment,
        interventions=list(experiment.interventions.all()),
        comparison_areas=list(experiment.comparison_areas.all()),
        origin=origin,
    )
    return True
