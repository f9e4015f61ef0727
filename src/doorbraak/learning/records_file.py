"""Record a file of the learning network's activities (`leren.yaml`, as the synthetic region
writes it: `synth.learning`) through the services, as the programme team would by hand; the
demo's way in. Every record is audited with the file's name as its origin. A file names
partners by code; an unknown code is a problem, and every problem is reported at once."""

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from doorbraak.core.errors import UserError
from doorbraak.learning import models as m
from doorbraak.learning import services
from doorbraak.partners.models import Partner

_SIMPLE = {  # section -> how one row becomes a record
    "leeragendas": lambda row, p: m.LearningAgenda(title=row["titel"], adopted_on=row["datum"]),
    "conferenties": lambda row, p: m.Conference(title=row["titel"], held_on=row["datum"]),
    "publicaties": lambda row, p: m.Publication(
        title=row["titel"], kind=row["soort"], published_on=row["datum"]
    ),
    "kennisontwikkellijnen": lambda row, p: m.KnowledgeSupport(
        partner=p[row["partner"]], started_on=row["datum"], description=_("kennisontwikkellijn")
    ),
    "aanbestedingen": lambda row, p: m.Procurement(
        title=row["titel"],
        partner=p[row["partner"]],
        awarded_on=row["datum"],
        poverty_conditions=bool(row["armoede"]),
    ),
    "verbindingen": lambda row, p: m.Commitment(
        partner=p[row["partner"]], committed_on=row["datum"]
    ),
}


def _partner_codes(data: dict[str, Any]) -> set[str]:
    codes = {row["partner"] for key in _SIMPLE for row in data.get(key) or [] if "partner" in row}
    codes |= {c for row in data.get("sessies") or [] for c in row["partners"]}
    return codes | {c for row in data.get("trainingen") or [] for c in row["geschoold"]}


@transaction.atomic
def learning_file_load(*, path: Path, actor: Any = None) -> int:
    """Record every activity and experiment detail in the file; the number of records."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise UserError(
            "leren-onleesbaar", _("%s is geen leesbaar YAML-bestand.") % path.name
        ) from error
    if not isinstance(data, dict):
        raise UserError("leren-vorm", _("Het bestand heeft geen onderdelen."))
    partners = {p.code: p for p in Partner.objects.all()}
    unknown = sorted(_partner_codes(data) - set(partners))
    if unknown:
        message = _("Onbekende partners: %s.") % ", ".join(unknown)
        raise UserError("leren-onbekende-partner", message)
    origin = path.name
    count = 0
    for key, make in _SIMPLE.items():
        for row in data.get(key) or []:
            services.activity_record(actor=actor, record=make(row, partners), origin=origin)
            count += 1
    count += _sessions(data.get("sessies") or [], partners, actor, origin)
    count += _trainings(data.get("trainingen") or [], partners, actor, origin)
    return count + _experiments(data.get("experimenten") or [], actor, origin)


def _sessions(
    rows: list[dict[str, Any]], partners: dict[str, Partner], actor: Any, origin: str
) -> int:
    for row in rows:
        session = m.Session(
            title=row["onderwerp"],
            held_on=row["datum"],
            professionals=row.get("professionals", 0),
            residents=row.get("inwoners", 0),
        )
        services.session_record(
            actor=actor,
            session=session,
            partners=[partners[c] for c in row["partners"]],
            experts=row.get("ervaringsdeskundigen") or [],
            forms=row.get("kennis") or [],
            origin=origin,
        )
    return len(rows)


def _trainings(
    rows: list[dict[str, Any]], partners: dict[str, Partner], actor: Any, origin: str
) -> int:
    for row in rows:
        training = m.Training(
            title=row["titel"], completed_on=row["datum"], bejegening=row["bejegening"]
        )
        trained = {partners[c]: int(n) for c, n in row["geschoold"].items()}
        services.training_record(actor=actor, training=training, trained=trained, origin=origin)
    return len(rows)


def _experiments(rows: list[dict[str, Any]], actor: Any, origin: str) -> int:
    """The team's details of experiments the register already knows (the reference file)."""
    services.experiments_from_register(actor=actor, origin=origin)
    count = 0
    for row in rows:
        experiment = m.Experiment.objects.filter(code=row["code"]).first()
        if experiment is None:
            continue
        experiment.knowledge = row.get("kennis") or ""
        experiment.designed_with = row.get("ontworpen_met") or ""
        experiment.summary = row.get("samenvatting") or ""
        services.experiment_record(
            actor=actor,
            experiment=experiment,
            interventions=list(experiment.interventions.all()),
            comparison_areas=list(experiment.comparison_areas.all()),
            origin=origin,
        )
        count += 1
    return count
