"""The register's one write path: typed fact rows, checked against `register.schema`,
appended in one transaction with provenance on every row.

A writer (the linked-facts writer, the synthetic adapter, later casework and surveys) fills a
`FactSet` in memory: the persons and households it speaks of (pseudonyms only) and, per fact
type, rows whose references are natural keys (pseudonyms, partner and buurt codes,
intervention codes, plan references of the same set). `facts_append` checks every row, reports
every problem at once in Dutch, resolves the keys and appends everything as one `FactBatch`;
the same facts again change nothing. Nothing is ever deleted: `supersede` marks the rows of
earlier batches as replaced (their `superseded_at`), so the register as it stood on any moment
stays answerable (`selectors.facts_as_of`).
"""

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.core.bulk import bulk_insert
from doorbraak.core.errors import UserError
from doorbraak.partners.models import Partner
from doorbraak.register import models as r
from doorbraak.register import schema as s
from doorbraak.register.instruments import instrument_ensure

Progress = Callable[[str], None]
SHOWN_PROBLEMS = 20  # problems listed in the message; all are counted
PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "date": (dt.date,),
    "integer": (int,),
    "decimal": (Decimal, int, float),
    "boolean": (bool,),
    "code": (str,),
    "text": (str,),
}


_DECLARED = {name: frozenset(f.name for f in fact.fields) for name, fact in s.FACT_TYPES.items()}


@dataclass(frozen=True)
class Provenance:
    """Where a fact row came from: a row of a partner's delivery, or an action."""

    partner: str = ""  # the delivering partner's code
    row: int | None = None  # the row number in the partner's original file
    delivery: int | None = None  # the intake's delivery (ImportBatch) id
    mapping_version: str = ""
    origin: str = ""  # e.g. "synthetische regio" or a casework action


@dataclass
class FactSet:
    """Fact rows in memory, per fact type, with the persons and households they speak of."""

    persons: dict[str, tuple[int | None, int | None, str]] = field(default_factory=dict)
    households: set[str] = field(default_factory=set)
    household_sources: dict[str, str] = field(default_factory=dict)  # "brp" or "koppeling"
    rows: dict[str, list[tuple[dict[str, Any], Provenance]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def person(
        self, pseudonym: str, *, birth_year: int | None = None, birth_month: int | None = None,
        sex: str = "",
    ) -> None:  # fmt: skip
        self.persons[pseudonym] = (birth_year, birth_month, sex[:1])

    def household(self, pseudonym: str, *, source: str = "") -> None:
        """A household; `source` says where its composition comes from (docs/adr/0019)."""
        self.households.add(pseudonym)
        if source:
            self.household_sources[pseudonym] = source

    def add(self, fact: str, provenance: Provenance, **values: Any) -> None:
        if not values.keys() <= _DECLARED[fact]:  # a programming error in a writer
            raise ValueError(f"{fact} has no fields {sorted(values.keys() - _DECLARED[fact])}")
        self.rows[fact].append((values, provenance))

    def digest(self) -> str:
        """What the set holds, rows in the order they were added (writers add them in a
        stable order): a repeat load is recognised by it."""
        digest = hashlib.sha256()
        for name in sorted(self.persons):
            digest.update(f"p{name}{self.persons[name]}".encode())
        for name in sorted(self.households):
            digest.update(f"h{name}{self.household_sources.get(name, '')}".encode())
        for fact in sorted(self.rows):
            digest.update(fact.encode())
            for values, p in self.rows[fact]:
                fields = "\x1f".join(f"{k}={v}" for k, v in sorted(values.items()))
                where = (
                    f"{p.partner}\x1f{p.row}\x1f{p.delivery}\x1f{p.mapping_version}\x1f{p.origin}"
                )
                digest.update(f"{fields}\x1e{where}\n".encode())
        return digest.hexdigest()

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


@dataclass(frozen=True)
class AppendResult:
    batch: r.FactBatch
    created: bool
    counts: dict[str, int]


def facts_append(
    *,
    facts: FactSet,
    kind: str,
    label: str,
    as_of: dt.date | None = None,
    partner: Partner | None = None,
    supersede: Iterable[r.FactBatch] = (),
    progress: Progress = lambda message: None,
) -> AppendResult:
    """Append `facts` as one batch; the batches in `supersede` are marked as replaced.

    Every row is checked first: a problem anywhere stops the whole batch with every problem
    named (a `UserError`), and nothing is written. The same facts of the same kind again
    return the stored batch unchanged.
    """
    digest = facts.digest()
    existing = r.FactBatch.objects.filter(
        kind=kind, digest=digest, superseded_at__isnull=True
    ).first()
    if existing is not None:
        return AppendResult(existing, created=False, counts={})
    keys = _Keys.load()
    problems = _problems(facts, keys)
    if problems:
        raise UserError("feiten-ongeldig", _problem_message(problems))
    with transaction.atomic():
        batch = r.FactBatch.objects.create(
            kind=kind, label=label, as_of=as_of, partner=partner, digest=digest
        )
        counts = _Writer(batch, keys, progress).write(facts)
        batches_supersede(batches=[b for b in supersede if b.pk != batch.pk], at=batch.created_at)
    return AppendResult(batch, created=True, counts=counts)


def batches_supersede(*, batches: Iterable[r.FactBatch], at: dt.datetime | None = None) -> int:
    """Mark every row of `batches` as replaced from `at` on; nothing is deleted."""
    pks = [b.pk for b in batches]
    if not pks:
        return 0
    at = at or timezone.now()
    for fact in s.FACT_TYPES.values():
        model = _model(fact)
        model._default_manager.filter(batch_id__in=pks, superseded_at__isnull=True).update(
            superseded_at=at
        )
    return r.FactBatch.objects.filter(pk__in=pks, superseded_at__isnull=True).update(
        superseded_at=at
    )


def _model(fact: s.FactType) -> type[Model]:
    model: type[Model] = getattr(r, fact.model)
    return model


# --- checking -----------------------------------------------------------------------------


@dataclass
class _Keys:
    """The natural keys the register already knows, to resolve references."""

    partners: dict[str, int]
    buurten: dict[str, int]
    interventions: dict[str, int]
    experiments: dict[str, int]

    @classmethod
    def load(cls) -> "_Keys":
        return cls(
            dict(Partner.objects.values_list("code", "pk")),
            dict(Area.objects.filter(level=AreaLevel.BUURT).values_list("code", "pk")),
            dict(r.Intervention.objects.values_list("code", "pk")),
            dict(r.Experiment.objects.values_list("code", "pk")),
        )


def _problems(facts: FactSet, keys: _Keys) -> list[str]:
    problems: list[str] = []
    plans = {v.get("plan_ref") for v, _p in facts.rows.get("plans", [])}
    for fact_name, rows in facts.rows.items():
        fact = s.FACT_TYPES[fact_name]
        for values, provenance in rows:
            for one in fact.fields:
                problem = _field_problem(one, values.get(one.name), facts, keys, plans)
                if problem:
                    problems.append(_where(fact, provenance) + problem)
            if provenance.partner and provenance.partner not in keys.partners:
                problems.append(
                    _where(fact, provenance) + _("partner '%s' is onbekend.") % provenance.partner
                )
    return problems


def _where(fact: s.FactType, provenance: Provenance) -> str:
    row = _(" regel %s") % provenance.row if provenance.row else ""
    source = f" ({provenance.partner}{row})" if provenance.partner or row else ""
    return f"{fact.label}{source}: "


def _field_problem(one: s.Field, value: Any, facts: FactSet, keys: _Keys, plans: set[Any]) -> str:
    if value is None or value == "":
        return _("'%s' ontbreekt.") % one.label if one.required else ""
    if one.is_reference:
        return _reference_problem(one, value, facts, keys, plans)
    if not isinstance(value, PYTHON_TYPES[one.type]) or (
        one.type == "integer" and isinstance(value, bool)
    ):
        return _("'%s' heeft geen geldige waarde (%r).") % (one.label, value)
    if one.codes is not None and value not in one.codes.values:
        return _("'%s' kent de code '%s' niet (toegestaan: %s).") % (
            one.label,
            value,
            ", ".join(one.codes.values),
        )
    if one.max_length and isinstance(value, str) and len(value) > one.max_length:
        return _("'%s' is langer dan %s tekens.") % (one.label, one.max_length)
    return ""


def _reference_problem(
    one: s.Field, value: Any, facts: FactSet, keys: _Keys, plans: set[Any]
) -> str:
    known = {
        "household": facts.households,
        "person": facts.persons,
        "partner": keys.partners,
        "buurt": keys.buurten,
        "intervention": keys.interventions,
        "experiment": keys.experiments,
        "plan": plans,
    }.get(one.type)
    if known is None or value in known:
        return ""  # instruments are checked against their configuration when written
    return _("'%s' verwijst naar '%s', dat niet bekend is.") % (one.label, value)


def _problem_message(problems: list[str]) -> str:
    shown = "\n".join(f"- {p}" for p in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    tail = _("\n… en nog %s problemen.") % more if more > 0 else ""
    return (
        _("%s feiten zijn niet vastgelegd; er is niets opgeslagen. De problemen:\n") % len(problems)
        + shown
        + tail
    )


# --- writing ------------------------------------------------------------------------------


class _Writer:
    def __init__(self, batch: r.FactBatch, keys: _Keys, progress: Progress) -> None:
        self.batch, self.keys, self.progress = batch, keys, progress
        self.instruments: dict[tuple[str, str], int] = {}

    def write(self, facts: FactSet) -> dict[str, int]:
        counts = {"persons": len(facts.persons), "households": len(facts.households)}
        self.person_pk, self.household_pk = self._entities(facts)
        for fact_name in s.FACT_TYPES:  # declaration order: plans before their goals
            if fact_name in facts.rows:
                counts[fact_name] = self._facts(s.FACT_TYPES[fact_name], facts.rows[fact_name])
                self.progress(f"  {s.FACT_TYPES[fact_name].label_plural}: {counts[fact_name]}")
        return counts

    def _entities(self, facts: FactSet) -> tuple[dict[str, int], dict[str, int]]:
        """Persons and households are shared by batches: known pseudonyms are kept."""
        r.Household.objects.bulk_create(
            (
                r.Household(pseudonym=p, source=facts.household_sources.get(p, ""))
                for p in facts.households
            ),
            ignore_conflicts=True,
            batch_size=5000,
        )
        r.Person.objects.bulk_create(
            (
                r.Person(pseudonym=p, birth_year=year, birth_month=month, sex=sex)
                for p, (year, month, sex) in facts.persons.items()
            ),
            ignore_conflicts=True,
            batch_size=5000,
        )
        persons = dict(r.Person.objects.values_list("pseudonym", "pk"))
        households = dict(r.Household.objects.values_list("pseudonym", "pk"))
        return persons, households

    def _facts(self, fact: s.FactType, rows: list[tuple[dict[str, Any], Provenance]]) -> int:
        columns = [*s.PROVENANCE, *(f.column for f in fact.fields)]
        plans = self._plans() if fact.name == "plan_goals" else {}
        return bulk_insert(
            _model(fact),
            (self._row(fact, values, provenance, plans) for values, provenance in rows),
            fields=columns,
        )

    def _row(
        self, fact: s.FactType, values: dict[str, Any], provenance: Provenance, plans: dict
    ) -> list[Any]:
        head = [
            self.batch.pk,
            self.keys.partners.get(provenance.partner),
            provenance.row,
            provenance.delivery,
            provenance.mapping_version,
            provenance.origin,
            self.batch.created_at,
            None,
        ]
        return head + [self._value(one, values.get(one.name), plans) for one in fact.fields]

    def _value(self, one: s.Field, value: Any, plans: dict) -> Any:
        if value is None or value == "":
            return None if one.type not in ("code", "text") else ""
        if one.type == "household":
            return self.household_pk[value]
        if one.type == "person":
            return self.person_pk[value]
        if one.type == "plan":
            return plans[value]
        if one.type == "instrument":
            return self._instrument(*value)
        lookup = {
            "partner": self.keys.partners,
            "buurt": self.keys.buurten,
            "intervention": self.keys.interventions,
            "experiment": self.keys.experiments,
        }.get(one.type)
        return lookup[value] if lookup is not None else value

    def _plans(self) -> dict[str, int]:
        return dict(r.SupportPlan.objects.filter(batch=self.batch).values_list("plan_ref", "pk"))

    def _instrument(self, code: str, version: str) -> int:
        if (code, version) not in self.instruments:
            self.instruments[(code, version)] = instrument_ensure(code=code, version=version).pk
        return self.instruments[(code, version)]


def reference_load(
    *, interventions: Iterable[tuple[str, str]], experiments: Iterable[dict[str, Any]]
) -> tuple[int, int]:
    """The programme's interventions (code, name) and experiments (code, name, start, end,
    area codes, intervention codes): reference data that facts point to, kept up to date."""
    for code, name in interventions:
        r.Intervention.objects.update_or_create(code=code, defaults={"name": name})
    intervention_pk = dict(r.Intervention.objects.values_list("code", "pk"))
    areas = dict(Area.objects.exclude(level=AreaLevel.BUURT).values_list("code", "pk"))
    count = 0
    for row in experiments:
        experiment, _created = r.Experiment.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "started_on": row["start"], "ended_on": row["end"]},
        )
        experiment.areas.set([areas[c] for c in row["areas"] if c in areas])
        experiment.interventions.set(
            [intervention_pk[c] for c in row["interventions"] if c in intervention_pk]
        )
        count += 1
    return len(intervention_pk), count
