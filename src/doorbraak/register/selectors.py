"""Reads from the register: aggregate overviews per gemeente, and one household's timeline
for the people allowed to see it (checked here, not in templates)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from doorbraak.areas.models import Area, AreaLevel
from doorbraak.partners.models import Role
from doorbraak.register import models as r
from doorbraak.register import schema

COLUMNS = ("households", "persons", "signals", "plans")
SIGNAL_KINDS = dict(schema.SIGNAL_KIND.codes)
END_RESULTS = dict(schema.END_RESULT.codes)
MEMBER_ROLES = dict(schema.MEMBER_ROLE.codes)
CURRENT = Q(superseded_at__isnull=True)


def facts_current(fact: str) -> QuerySet[Any]:
    """The rows of a fact type the register holds now (not superseded)."""
    model: Any = getattr(r, schema.FACT_TYPES[fact].model)
    return model.objects.filter(CURRENT)


def facts_as_of(fact: str, moment: dt.datetime) -> QuerySet[Any]:
    """The rows of a fact type as the register held them at `moment`: recorded by then and
    not yet superseded. Nothing is deleted, so any earlier state can be answered."""
    model: Any = getattr(r, schema.FACT_TYPES[fact].model)
    return model.objects.filter(recorded_at__lte=moment).filter(
        Q(superseded_at__isnull=True) | Q(superseded_at__gt=moment)
    )


def households_current() -> QuerySet[r.Household]:
    """Households some current membership or residence speaks of."""
    return r.Household.objects.filter(
        Q(pk__in=facts_current("memberships").values("household_id"))
        | Q(pk__in=facts_current("residences").values("household_id"))
    )


def register_as_of() -> dt.date | None:
    """The date the register's data runs to (the synthetic region's as-of date)."""
    batch = (
        r.FactBatch.objects.filter(superseded_at__isnull=True)
        .exclude(as_of=None)
        .order_by("-as_of")
        .first()
    )
    return batch.as_of if batch else None


def _active_at(prefix: str, day: Any) -> Q:
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def _by_buurt(rows: QuerySet[Any], key: str) -> dict[int, int]:
    return {row[key]: row["n"] for row in rows}


def buurt_gemeenten() -> dict[int, Area]:
    """buurt id → its gemeente, from the area hierarchy."""
    gemeenten = {a.pk: a for a in Area.objects.filter(level=AreaLevel.GEMEENTE)}
    wijken = dict(Area.objects.filter(level=AreaLevel.WIJK).values_list("pk", "parent_id"))
    buurten = Area.objects.filter(level=AreaLevel.BUURT).values_list("pk", "parent_id")
    return {pk: gemeenten[wijken[wijk]] for pk, wijk in buurten if wijken.get(wijk) in gemeenten}


def gemeente_counts(as_of: dt.date) -> dict[str, dict[str, int]]:
    """Households and persons living in each gemeente on `as_of`; signals and plans since the
    start, each counted in the gemeente where the household lived on the event date."""
    res = "household__residences__"
    buurt = f"{res}buurt_id"
    per_buurt = {
        "households": _by_buurt(
            r.Residence.objects.filter(CURRENT, _active_at("", as_of))
            .values("buurt_id")
            .annotate(n=Count("household", distinct=True)),
            "buurt_id",
        ),
        "persons": _by_buurt(
            r.Membership.objects.filter(
                CURRENT,
                _active_at("", as_of) & _active_at(res, as_of),
                **{f"{res}superseded_at__isnull": True},
            )
            .values(buurt)
            .annotate(n=Count("person", distinct=True)),
            buurt,
        ),
        "signals": _by_buurt(
            r.Signal.objects.filter(
                CURRENT,
                _active_at(res, F("signal_date")),
                signal_date__lte=as_of,
                **{f"{res}superseded_at__isnull": True},
            )
            .values(buurt)
            .annotate(n=Count("id")),
            buurt,
        ),
        "plans": _by_buurt(
            r.SupportPlan.objects.filter(
                CURRENT,
                _active_at(res, F("started_on")),
                started_on__lte=as_of,
                **{f"{res}superseded_at__isnull": True},
            )
            .values(buurt)
            .annotate(n=Count("id")),
            buurt,
        ),
    }
    gemeente_of = buurt_gemeenten()
    table: dict[str, dict[str, int]] = {
        g.name: dict.fromkeys(COLUMNS, 0) for g in set(gemeente_of.values())
    }
    for column, counts in per_buurt.items():
        for buurt_id, n in counts.items():
            if buurt_id in gemeente_of:
                table[gemeente_of[buurt_id].name][column] += n
    return dict(sorted(table.items()))


# --- one household: who may see it, and its timeline ------------------------------------


def household_for(user: Any, pk: int) -> r.Household:
    """The household if this user may see it; PermissionDenied otherwise (also if absent)."""
    household = r.Household.objects.filter(pk=pk).first()
    if household is None or not household_visible_to(user, household):
        raise PermissionDenied("household")
    return household


def household_visible_to(user: Any, household: r.Household) -> bool:
    if user.role == Role.HOUSEHOLD:
        return bool(user.household_ref) and user.household_ref == household.pseudonym
    if user.role == Role.PROFESSIONAL:
        return caseload(user).filter(pk=household.pk).exists()
    return False


def caseload(user: Any) -> QuerySet[r.Household]:
    """Households whose current fixed contact person is this professional."""
    if user.role != Role.PROFESSIONAL or not user.worker_ref or user.partner_id is None:
        return r.Household.objects.none()
    return r.Household.objects.filter(
        assignments__worker_ref=user.worker_ref,
        assignments__partner_id=user.partner_id,
        assignments__valid_to__isnull=True,
        assignments__superseded_at__isnull=True,
    ).distinct()


def own_household(user: Any) -> r.Household | None:
    if user.role != Role.HOUSEHOLD or not user.household_ref:
        return None
    return r.Household.objects.filter(pseudonym=user.household_ref).first()


@dataclass(frozen=True)
class TimelineEntry:
    day: dt.date
    kind: str
    text: str


def household_timeline(household: r.Household) -> list[TimelineEntry]:
    """Everything the register holds about one household, oldest first, in Dutch."""
    entries = [entry for facts in _TIMELINE_FACTS for entry in facts(household)]
    return sorted(entries, key=lambda e: (e.day, e.kind, e.text))


_Entries = Iterator[TimelineEntry]


def _entry(day: dt.date | None, kind: str, text: str, /, **values: object) -> _Entries:
    """The entry of one dated event, translated; none when the date is unknown."""
    if day is not None:
        yield TimelineEntry(day, kind, _(text) % values)


def _timeline_memberships(household: r.Household) -> _Entries:
    for m in household.memberships.filter(CURRENT).select_related("person"):
        born, role = m.person.birth_year or "?", _(MEMBER_ROLES.get(m.role, m.role))
        yield from _entry(
            m.valid_from, "lid", "Lid erbij: %(role)s, geboren in %(born)s", role=role, born=born
        )
        yield from _entry(
            m.valid_to, "lid", "Lid vertrokken: %(role)s, geboren in %(born)s", role=role, born=born
        )


def _timeline_residences(household: r.Household) -> _Entries:
    for res in household.residences.filter(CURRENT).select_related("buurt"):
        yield from _entry(res.valid_from, "adres", "Woont in buurt %(buurt)s", buurt=res.buurt.name)


def _timeline_signals(household: r.Household) -> _Entries:
    for s in household.signals.filter(CURRENT):
        yield from _entry(
            s.signal_date,
            "signaal",
            "Vroegsignaal: %(kind)s; %(reached)s; uitkomst: %(result)s",
            kind=_(SIGNAL_KINDS.get(s.source_kind, s.source_kind)),
            reached=_("bewoner bereikt") if s.reached_on else _("bewoner niet bereikt"),
            result=_(END_RESULTS[s.end_result])
            if s.end_result in END_RESULTS
            else s.end_result or _("nog open"),
        )


def _timeline_plans(household: r.Household) -> _Entries:
    for p in household.plans.filter(CURRENT).prefetch_related("goals"):
        capitals = ", ".join(sorted({g.capital for g in p.goals.all()})) or _("nog geen doelen")
        yield from _entry(
            p.started_on,
            "plan",
            "Maatwerkplan gestart, doelen voor: %(capitals)s",
            capitals=capitals,
        )
        yield from _entry(
            p.ended_on, "plan", "Maatwerkplan beëindigd (%(status)s)", status=p.status
        )


def _timeline_assignments(household: r.Household) -> _Entries:
    for a in household.assignments.filter(CURRENT).select_related("partner"):
        org = a.partner.name if a.partner else _("onbekende organisatie")
        yield from _entry(
            a.valid_from, "contactpersoon", "Nieuwe vaste contactpersoon bij %(org)s", org=org
        )


def _timeline_enrolments(household: r.Household) -> _Entries:
    for e in household.enrolments.filter(CURRENT).select_related("intervention"):
        yield from _entry(e.started_on, "deelname", "Start %(name)s", name=e.intervention.name)
        yield from _entry(e.ended_on, "deelname", "Einde %(name)s", name=e.intervention.name)


def _timeline_assessments(household: r.Household) -> _Entries:
    for c in household.assessments.filter(CURRENT):
        yield from _entry(
            c.assessed_on,
            "meting",
            "Meting %(capital)s kapitaal: niveau %(level)s",
            capital=c.capital,
            level=c.level,
        )


def _timeline_outcomes(household: r.Household) -> _Entries:
    for o in household.outcomes.filter(CURRENT):
        yield from _entry(
            o.observed_on,
            "uitkomst",
            "%(kind)s: %(value)s",
            kind=o.kind.replace("_", " "),
            value=_("ja") if o.value else _("nee"),
        )


# one function per fact type: a fact type joins the timeline with a function of its own
_TIMELINE_FACTS: tuple[Callable[[r.Household], _Entries], ...] = (
    _timeline_memberships,
    _timeline_residences,
    _timeline_signals,
    _timeline_plans,
    _timeline_assignments,
    _timeline_enrolments,
    _timeline_assessments,
    _timeline_outcomes,
)


def capital_readings(household: r.Household) -> dict[str, list[tuple[dt.date, int]]]:
    """Readings per person and capital, oldest first: 'geboren 1985 · economisch' → [...]."""
    readings: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for c in (
        household.assessments.filter(CURRENT)
        .select_related("person")
        .order_by("person__birth_year", "person_id", "capital", "assessed_on")
    ):
        label = _("geboren in %(year)s · %(capital)s") % {
            "year": c.person.birth_year or "?",
            "capital": c.capital,
        }
        readings[label].append((c.assessed_on, c.level))
    return dict(readings)
