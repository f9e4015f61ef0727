"""Where each gemeente's outreach figures come from (issue 15, item 6; ADR 0029): doorbraak's
own vroegsignalering workflow, delivered with `doorbraak vroegsignalering aanlevering`, or the
gemeente's own outreach system. Derived from the register itself, not from a list: the
follow-up of a signal (first attempt, reached, closed) carries the provenance of the
gemeente's outreach record (`linkage.facts`), so the delivering partner and the mapping
version of the signals with a follow-up say which system delivered them. The workflow
delivers under its own dataset name (`register.schema.WORKFLOW_OUTREACH_DATASET`).

Names systems and partners, never counts: nothing here needs the disclosure gate. Reads the
register's and partners' tables through SQL only, by the names the register's schema gives;
knows nothing of the outreach app.
"""

# ruff: noqa: S608 - table and column names come from the register's schema, never from input
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext

from doorbraak.areas.models import Area
from doorbraak.monitor.definitions.model import Filter, IndicatorComputation
from doorbraak.register.schema import WORKFLOW_OUTREACH_DATASET, fact_type

PARTNER_TABLE = "partners_partner"
# the signal's columns that only the gemeente's outreach record fills in
FOLLOW_UP = ("first_attempt_on", "reached_on", "closed_on")


@dataclass(frozen=True)
class SourceLine:
    gemeente: str  # its name
    text: str  # where its figures come from, in Dutch
    workflow: bool


@dataclass(frozen=True)
class Source:
    workflow: bool  # doorbraak's own workflow, else the gemeente's own system
    partner: str  # the delivering partner's name


def _columns(filters: tuple[Filter, ...]) -> set[str]:
    return {f.column for f in filters} | {c for f in filters for c in f.columns}


def follows_up(rule: IndicatorComputation | None) -> bool:
    """Whether the rule counts signals by their follow-up (P2, P2-BEREIKT, P2-TIJDIG, P3, and
    D2 as it counts the reached): its figures are the outreach's."""
    if rule is None or rule.source.facts != "signals":
        return False
    columns = {rule.source.date} | _columns(rule.source.filters) | _columns(rule.numerator)
    if rule.value is not None:
        columns |= set(rule.value.columns)
    return bool(columns & set(FOLLOW_UP))


def sources_by_gemeente() -> dict[str, list[Source]]:
    """Per gemeente code, each system that delivered the follow-up of its signals now in the
    register, the workflow first."""
    present = " OR ".join(f"s.{column} IS NOT NULL" for column in FOLLOW_UP)
    sql = (
        f"SELECT DISTINCT p.gemeente_code, p.name, s.mapping_version "
        f"FROM {fact_type('signals').current} s "
        f"JOIN {PARTNER_TABLE} p ON p.id = s.source_partner_id "
        f"WHERE ({present}) AND p.gemeente_code <> ''"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    found: dict[str, set[Source]] = defaultdict(set)
    for gemeente, partner, version in rows:
        dataset = (version or "").rsplit("-v", 1)[0]
        found[gemeente].add(Source(dataset == WORKFLOW_OUTREACH_DATASET, partner))
    return {
        code: sorted(sources, key=lambda s: (not s.workflow, s.partner))
        for code, sources in found.items()
    }


def _text(source: Source) -> str:
    if source.workflow:
        return gettext(
            "het werkproces van doorbraak (aangeleverd met 'doorbraak vroegsignalering "
            "aanlevering' door %(partner)s)"
        ) % {"partner": source.partner}
    return gettext("het eigen systeem van de gemeente (aangeleverd door %(partner)s)") % {
        "partner": source.partner
    }


def source_lines(rule: IndicatorComputation | None, gemeenten: dict[str, str]) -> list[SourceLine]:
    """For an indicator page: per gemeente (code → name: the page's own, and any that delivered)
    where its follow-up comes from; empty for an indicator that does not count follow-up."""
    if not follows_up(rule):
        return []
    found = sources_by_gemeente()
    names = dict(Area.objects.filter(code__in=found).values_list("code", "name"))
    names.update(gemeenten)
    return [
        SourceLine(
            gemeente=name,
            text="; ".join(_text(s) for s in found.get(code, []))
            or gettext("geen opvolging van signalen aangeleverd"),
            workflow=any(s.workflow for s in found.get(code, [])),
        )
        for code, name in sorted(names.items(), key=lambda item: item[1])
    ]
