"""The built-in sections of a frozen year: the monitor's figures per plan indicator, the plan
and its targets in force, the deliveries the figures come from, and the methods.

Every figure is copied from the monitor's one gate for stored values (`monitor.gated.
values_shown`), as a published part (`published=True`: each table gated once more from what
it shows, which only hides more), and rounded by the project's one rounding rule: a
suppressed cell is frozen without numbers. Nothing here is a reference to a mutable row.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from doorbraak.areas.models import Area
from doorbraak.core.area_levels import MONITOR_LEVELS_STORED
from doorbraak.core.numbers import rounded_float
from doorbraak.core.periods import PeriodType, period_parse
from doorbraak.evaluation.report_section import evaluations_section
from doorbraak.intake.models import ImportBatch
from doorbraak.learning.report_section import learning_section
from doorbraak.monitor.definitions.vocabulary import GATED
from doorbraak.monitor.gated import ShownValue, StoredCells, values_shown
from doorbraak.monitor.selectors import definitions_current, target_trajectory
from doorbraak.opendata.models import PublishedIndicator
from doorbraak.programme import models as pm
from doorbraak.programme.selectors import programme_lines, region_target
from doorbraak.programme.trajectory import target_status
from doorbraak.register.models import FactBatch
from doorbraak.reports.sections import Section, SectionContext, SectionProvider
from doorbraak.surveys.report_section import surveys_section

LEVELS = ("region", "gemeente")


def _number(value: Decimal | float | None) -> float | None:
    return rounded_float(value)


# --- figures ----------------------------------------------------------------------------------


def figures_freeze(context: SectionContext) -> Section:
    """Per plan indicator: the region's yearly values up to the year, the gemeenten in the
    year, the target's expected value and the year's status; or what it waits for."""
    cells = _cells(context)
    definitions = definitions_current()
    waiting = {w.code: w.waits_for for w in definitions.waiting} if definitions else {}
    published = set(PublishedIndicator.objects.values_list("indicator_code", flat=True))
    names = _area_names()
    indicators = pm.Indicator.objects.filter(plan_version=context.plan_version)
    indicators = indicators.select_related("operational_goal").prefetch_related(
        "targets__milestones"
    )
    return {
        "year": context.year,
        "plan_version": context.plan_version.number,
        "threshold": context.run.threshold if context.run else settings.DISCLOSURE_THRESHOLD,
        "data_until": str(context.run.data_until or "") if context.run else "",
        "indicators": [
            _indicator(i, context, cells.get(i.code, []), waiting.get(i.code, ""), names)
            | {"published": i.code in published}
            for i in indicators.order_by("position")
        ],
    }


def _cells(context: SectionContext) -> dict[str, list[ShownValue]]:
    run = context.run
    if run is None:
        return {}
    years = tuple(
        p for p in run.periods if period_parse(p).type is PeriodType.YEAR and int(p) <= context.year
    )
    part = StoredCells(periods=years, levels=LEVELS, breakdown="")
    found: dict[str, list[ShownValue]] = {}
    for value in values_shown(run, part, published=True):
        found.setdefault(value.indicator_code, []).append(value)
    return found


def _area_names() -> dict[str, str]:
    areas = Area.objects.filter(level__in=MONITOR_LEVELS_STORED).order_by("vintage")
    return dict(areas.values_list("code", "name"))


def _indicator(
    indicator: pm.Indicator,
    context: SectionContext,
    cells: list[ShownValue],
    waits_for: str,
    names: dict[str, str],
) -> dict[str, Any]:
    goal = indicator.operational_goal
    target = region_target(indicator)
    trajectory = target_trajectory(target)
    series = [_cell(c, names) for c in cells if c.area_level == "region"]
    year = str(context.year)
    this_year = next((c for c in cells if c.area_level == "region" and c.period == year), None)
    expected = {
        s["period"]: _number(trajectory.value_at(float(s["period"])))
        for s in series
        if trajectory is not None and trajectory.value_at(float(s["period"])) is not None
    }
    status = target_status(
        trajectory=trajectory,
        year=float(context.year),
        observed=this_year.value if this_year else None,
        higher_is_better=indicator.direction == pm.Direction.HIGHER,
        running=bool(this_year and this_year.until),
    )
    return {
        "code": indicator.code,
        "name": indicator.name,
        "goal": goal.code if goal else "",
        "kind": indicator.kind,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "plan_version": context.plan_version.number,
        "waits_for": waits_for,
        "series": series,
        "gemeenten": [
            _cell(c, names) for c in cells if c.area_level == "gemeente" and c.period == year
        ],
        "expected": expected,
        "status": str(status) if not waits_for else "",
        "target": _target(target),
    }


def _cell(value: ShownValue, names: dict[str, str]) -> dict[str, Any]:
    return {
        "period": value.period,
        "area": value.area_code,
        "area_name": names.get(value.area_code, value.area_code),
        "value": _number(value.value),
        "numerator": _number(value.numerator),
        "denominator": _number(value.denominator),
        "suppressed": value.suppressed,
        "running": value.running,
    }


def _target(target: pm.Target | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {
        "value": _number(target.value),
        "horizon": target.horizon,
        "baseline": _number(target.baseline),
        "baseline_year": target.baseline_year,
        "milestones": [[m.year, _number(m.value)] for m in target.milestones.all()],
        "note": target.note,
    }


# --- the plan ---------------------------------------------------------------------------------


def plan_freeze(context: SectionContext) -> Section:
    """The plan version in force: lines, strategic and operational goals, their indicators."""
    version = context.plan_version
    return {
        "version": version.number,
        "fingerprint": version.fingerprint,
        "name": version.name,
        "mission": version.mission,
        "lines": [
            {
                "code": line.code,
                "name": line.name,
                "strategic_goals": [
                    {
                        "code": sg.code,
                        "statement": sg.statement,
                        "operational_goals": [
                            {
                                "code": og.code,
                                "statement": og.statement,
                                "indicators": [i.code for i in og.indicators.all()],
                            }
                            for og in sg.operational_goals.all()
                        ],
                    }
                    for sg in line.strategic_goals.all()
                ],
            }
            for line in programme_lines(version)
        ],
    }


# --- deliveries -------------------------------------------------------------------------------


def deliveries_freeze(context: SectionContext) -> Section:
    """The monitor run, the register's fact batches it read (with their reference dates) and
    the partners' deliveries processed before it began, with each file's hash."""
    run = context.run
    batch_ids = list(run.fact_batches) if run else []
    batches = FactBatch.objects.filter(pk__in=batch_ids).select_related("partner").order_by("pk")
    deliveries = (
        ImportBatch.objects.filter(status=ImportBatch.Status.DONE, dry_run=False)
        .select_related("partner", "fact_batch")
        .order_by("pk")
    )
    if run is not None:  # the deliveries processed before the run began: what it could read
        deliveries = deliveries.filter(finished_at__lte=run.started_at)
    return {
        "run": None
        if run is None
        else {
            "id": run.pk,
            "fingerprint": run.fingerprint,
            "engine": run.engine,
            "periods": list(run.periods),
            "data_until": str(run.data_until or ""),
            "threshold": run.threshold,
            "definition_hashes": dict(run.definition_hashes),
        },
        "fact_batches": [
            {
                "kind": b.kind,
                "label": b.label,
                "partner": b.partner.code if b.partner else "",
                "reference_date": str(b.as_of or ""),
                "digest": b.digest,
            }
            for b in batches
        ],
        "deliveries": [
            {
                "partner": d.partner.code,
                "dataset": d.dataset,
                "file_sha256": d.file_sha256,
                "received": d.started_at.date().isoformat(),
                "reference_date": str(d.fact_batch.as_of or "") if d.fact_batch else "",
                "read": d.read,
                "accepted": d.accepted,
                "warned": d.warned,
                "rejected": d.rejected,
            }
            for d in deliveries
        ],
    }


# --- methods ----------------------------------------------------------------------------------


def methods_freeze(context: SectionContext) -> Section:
    """Per plan indicator: its source, the computation rule's reading in plain Dutch, its
    kind and unit, what the gate protects; and the disclosure rules of the year's run."""
    definitions = definitions_current()
    indicators = pm.Indicator.objects.filter(plan_version=context.plan_version)
    rows = []
    for indicator in indicators.order_by("position"):
        rule = definitions.get(indicator.code) if definitions else None
        waiting = _waits_for(definitions, indicator.code)
        rows.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "source": indicator.source,
                "measure": rule.kind if rule else indicator.measure,
                "unit": rule.unit if rule else indicator.unit,
                "facts": rule.source.facts or rule.source.population if rule else "",
                "reading": rule.note if rule else "",
                "protected": list(GATED.get(rule.kind, ())) if rule else [],
                "waits_for": waiting,
            }
        )
    threshold = context.run.threshold if context.run else settings.DISCLOSURE_THRESHOLD
    return {"threshold": threshold, "indicators": rows}


def _waits_for(definitions: Any, code: str) -> str:
    if definitions is None:
        return ""
    return next((w.waits_for for w in definitions.waiting if w.code == code), "")


BUILTIN = [
    SectionProvider("plan", _("Het plan en de streefwaarden"), plan_freeze),
    SectionProvider("figures", _("De cijfers per doelstelling"), figures_freeze),
    SectionProvider("deliveries", _("De aanleveringen"), deliveries_freeze),
    SectionProvider("methods", _("Verantwoording"), methods_freeze),
    SectionProvider("surveys", _("Wat de enquêtes zeggen"), surveys_section),
    SectionProvider("learning", _("Het lerend netwerk"), learning_section),
    SectionProvider("evaluations", _("Wat de evaluaties vonden"), evaluations_section),
]
