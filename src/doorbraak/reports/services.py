"""Writes of the reflection: freeze a year, write and choose interpretations, record decisions
and turn them into the next plan version. Every write is audited (ADR 0038).

Freezing asks every registered section provider (`sections`) for its frozen data and stores
it with a hash per section and one over them all. Freezing a year again with the same content
returns the frozen version; with other content it is refused unless it is a correction, which
becomes the next version of the year with the list of what changed since the one before.
"""

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.core.audit import audit_record
from doorbraak.core.errors import UserError
from doorbraak.core.models import AuditAction
from doorbraak.learning.selectors import experiment_get
from doorbraak.learning.services import experiment_stop
from doorbraak.monitor.gated import StoredCells, run_holding
from doorbraak.programme import models as pm
from doorbraak.programme.definition import PlanDefinition
from doorbraak.programme.selectors import plan_definition, plan_version_current
from doorbraak.programme.services import plan_load
from doorbraak.reports import changes
from doorbraak.reports.models import Decision, Interpretation, ReflectionSnapshot
from doorbraak.reports.sections import SectionContext, section_providers, sha256_of
from doorbraak.reports.selectors import snapshot_latest

# the repository's lock file (src/doorbraak/reports/services.py → the repository's root)
LOCK_FILE = Path(__file__).resolve().parents[3] / "requirements.lock"
TEXT_MAX = 4000


@dataclass(frozen=True)
class FreezeResult:
    snapshot: ReflectionSnapshot
    created: bool


def _audit(actor: Any, action: AuditAction, object_type: str, pk: Any, origin: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(pk),
        result="ok",
        origin=origin,
    )


def lock_sha256(path: Path = LOCK_FILE) -> str:
    """The lock file's hash at freeze time ('' where the install has no lock file)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def software_version() -> str:
    """The installed package's version ('onbekend' when it runs from a bare source tree)."""
    try:
        return metadata.version("doorbraak")
    except metadata.PackageNotFoundError:
        return "onbekend"


def _context(year: int) -> SectionContext:
    version = plan_version_current()
    if version is None:
        raise UserError("geen-plan", _("Er is nog geen programmaplan geladen."))
    run = run_holding(StoredCells(periods=(str(year),), levels=("region",)))
    if run is None:
        raise UserError(
            "geen-monitorrun",
            _(
                "Er is nog geen monitorrun met cijfers over {year}. "
                "Voer eerst 'doorbraak monitor run' uit."
            ).format(year=year),
        )
    return SectionContext(year=year, run=run, plan_version=version)


@transaction.atomic
def snapshot_freeze(
    *, year: int, user: Any = None, correction: bool = False, origin: str = ""
) -> FreezeResult:
    """Freeze `year`: every section as its provider gives it now, hashed. The same content
    again returns the frozen version; other content needs `correction` (a new version)."""
    context = _context(year)
    sections = {p.key: p.freeze(context) for p in section_providers()}
    hashes = {key: sha256_of(data) for key, data in sections.items()}
    content = sha256_of(hashes)
    latest = snapshot_latest(year)
    if latest is not None and latest.content_sha256 == content:
        return FreezeResult(latest, created=False)
    if latest is not None and not correction:
        raise UserError(
            "jaar-al-bevroren",
            _(
                "{year} is al bevroren (versie {version}) en de cijfers zijn sindsdien "
                "veranderd. Maak een correctie (--correctie): een nieuwe versie met een lijst "
                "van wat er veranderde."
            ).format(year=year, version=latest.version),
        )
    snapshot = ReflectionSnapshot.objects.create(
        year=year,
        version=latest.version + 1 if latest else 1,
        frozen_by=user if getattr(user, "pk", None) else None,
        monitor_run=context.run,
        plan_version=context.plan_version,
        previous=latest,
        software_version=software_version(),
        lock_sha256=lock_sha256(),
        sections=sections,
        section_hashes=hashes,
        content_sha256=content,
        changed_since=changes.changed_since(latest.sections, sections) if latest else [],
    )
    _audit(user, AuditAction.REPORTS_SNAPSHOT_FREEZE, "reports.snapshot", snapshot.pk, origin)
    return FreezeResult(snapshot, created=True)


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise UserError("tekst-leeg", _("Schrijf eerst een tekst."))
    if len(text) > TEXT_MAX:
        raise UserError(
            "tekst-te-lang", _("De tekst is te lang: ten hoogste {n} tekens.").format(n=TEXT_MAX)
        )
    return text


def interpretation_add(
    *,
    snapshot: ReflectionSnapshot,
    user: Any,
    kind: str,
    subject: str,
    text: str,
    organisation: str = "",
    origin: str = "",
) -> Interpretation:
    """A partner's, the programme team's or the residents' reading of the year's figures."""
    if kind not in Interpretation.Kind.values:
        raise UserError("soort-onbekend", _("Kies het soort duiding."))
    if subject and subject not in snapshot_subjects(snapshot):
        raise UserError(
            "onderwerp-onbekend",
            _("'{code}' is geen doelstelling of indicator van dit jaar.").format(code=subject),
        )
    item = Interpretation.objects.create(
        year=snapshot.year,
        snapshot=snapshot,
        kind=kind,
        subject=subject,
        text=_text(text),
        organisation=organisation.strip()[:200],
        written_by=user if getattr(user, "pk", None) else None,
    )
    _audit(user, AuditAction.REPORTS_INTERPRETATION_ADD, "reports.interpretation", item.pk, origin)
    return item


def snapshot_subjects(snapshot: ReflectionSnapshot) -> set[str]:
    """The goal and indicator codes of the frozen year (what an interpretation may be about)."""
    figures = snapshot.sections.get("figures", {}).get("indicators", [])
    goals = {i["goal"] for i in figures if i["goal"]}
    return goals | {i["code"] for i in figures}


def interpretation_decide(
    *, interpretation: Interpretation, include: bool, user: Any, origin: str = ""
) -> Interpretation:
    """The programme team's choice: in the report or not (it may change its mind)."""
    interpretation.included = include
    interpretation.decided_at = timezone.now()
    interpretation.decided_by = user if getattr(user, "pk", None) else None
    interpretation.save(update_fields=["included", "decided_at", "decided_by"])
    _audit(
        user,
        AuditAction.REPORTS_INTERPRETATION_DECIDE,
        "reports.interpretation",
        interpretation.pk,
        origin,
    )
    return interpretation


@transaction.atomic
def decision_record(
    *,
    snapshot: ReflectionSnapshot,
    user: Any,
    kind: str,
    subject: str,
    reason: str,
    value: Decimal | None = None,
    statement: str = "",
    origin: str = "",
) -> Decision:
    """Record a decision of the reflection; a target or goal decision is checked against the
    plan version in force, so that it can go into the next one; an experiment decision stops
    that local experiment through the learning app (audited there too)."""
    if kind not in Decision.Kind.values:
        raise UserError("soort-onbekend", _("Kies het soort besluit."))
    _decision_check(kind, subject, value, statement)
    decision = Decision.objects.create(
        year=snapshot.year,
        snapshot=snapshot,
        kind=kind,
        subject=subject.strip(),
        value=value,
        statement=statement.strip(),
        reason=_text(reason),
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    _audit(user, AuditAction.REPORTS_DECISION_RECORD, "reports.decision", decision.pk, origin)
    if kind == Decision.Kind.EXPERIMENT:
        experiment_stop(actor=user, code=decision.subject, origin=origin)
    return decision


def _decision_check(kind: str, subject: str, value: Decimal | None, statement: str) -> None:
    if kind == Decision.Kind.EXPERIMENT and experiment_get(subject.strip()) is None:
        raise UserError(
            "besluit-experiment",
            _("Een besluit om een experiment te stoppen noemt de code van een lokaal experiment."),
        )
    version = plan_version_current()
    if kind == Decision.Kind.TARGET:
        known = pm.Indicator.objects.filter(plan_version=version, code=subject).exists()
        if not known or value is None:
            raise UserError(
                "besluit-streefwaarde",
                _(
                    "Een besluit over een streefwaarde noemt een indicator van het plan en een "
                    "waarde."
                ),
            )
    if kind == Decision.Kind.GOAL:
        known = pm.OperationalGoal.objects.filter(
            strategic_goal__programme_line__plan_version=version, code=subject
        ).exists()
        if not known or not statement.strip():
            raise UserError(
                "besluit-doel",
                _(
                    "Een besluit over een doelstelling noemt een operationele doelstelling van "
                    "het plan en de nieuwe tekst."
                ),
            )


@transaction.atomic
def decisions_apply(*, year: int, user: Any = None, origin: str = "") -> pm.PlanVersion | None:
    """Turn the year's open target and goal decisions into the next plan version (through the
    programme's own `plan_load`); None when there is nothing to apply."""
    open_ = list(
        Decision.objects.select_for_update()
        .filter(
            year=year,
            plan_version__isnull=True,
            kind__in=[Decision.Kind.TARGET, Decision.Kind.GOAL],
        )
        .order_by("recorded_at", "id")
    )
    current = plan_version_current()
    if not open_ or current is None:
        return None
    current = pm.PlanVersion.objects.get(pk=current.pk)  # with its source text
    definition = _plan_with(plan_definition(current), open_)
    note = "\n".join(
        f"# {d.get_kind_display()} {d.subject}: {d.value if d.value is not None else d.statement}"
        for d in open_
    )
    result = plan_load(
        definition=definition,
        source_name=f"reflectie-{year}",
        # the file the plan came from, unchanged, with the decisions as comments: a later load
        # of that file then carries the decided targets, as it carries the admin's edits
        source_text=f"{current.source_text}\n# Besluiten van de reflectie {year}\n{note}\n",
        user=user,
    )
    for decision in open_:
        Decision.objects.filter(pk=decision.pk).update(plan_version=result.version)
    _audit(
        user,
        AuditAction.REPORTS_DECISIONS_APPLY,
        "programme.planversion",
        result.version.pk,
        origin,
    )
    return result.version


def _plan_with(plan: PlanDefinition, decisions: list[Decision]) -> PlanDefinition:
    targets = {d.subject: d.value for d in decisions if d.kind == Decision.Kind.TARGET}
    goals = {d.subject: d.statement for d in decisions if d.kind == Decision.Kind.GOAL}

    def indicator(i: Any) -> Any:
        if i.code not in targets:
            return i
        return dataclasses.replace(i, target=dataclasses.replace(i.target, value=targets[i.code]))

    def goal(og: Any) -> Any:
        return dataclasses.replace(
            og,
            statement=goals.get(og.code, og.statement),
            indicators=tuple(indicator(i) for i in og.indicators),
        )

    lines = tuple(
        dataclasses.replace(
            line,
            strategic_goals=tuple(
                dataclasses.replace(
                    sg, operational_goals=tuple(goal(og) for og in sg.operational_goals)
                )
                for sg in line.strategic_goals
            ),
        )
        for line in plan.programme_lines
    )
    return dataclasses.replace(
        plan,
        programme_lines=lines,
        process_indicators=tuple(indicator(i) for i in plan.process_indicators),
        ambition_indicators=tuple(indicator(i) for i in plan.ambition_indicators),
    )
