"""Reads in outreach, with the access rule in one place (`cases_for`).

A case is routed, never copied: while the person signalled is a member of a casework household
with an active regisseur (matched by the BSN's blind index), the case is hers
(`cases_for_regisseur`, for her start page) and not the outreach team's; otherwise it is on
the worklist of the outreach team of its gemeente (users with the outreach role whose partner
is that gemeente). A case the team has already taken up stays with the team.
`case_open` audits every read of a case's identified data, refused ones included.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from doorbraak.areas.selectors import area_get
from doorbraak.casework.models import CaseMember, CaseRole
from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction
from doorbraak.outreach import ggm, worklist
from doorbraak.outreach import models as m
from doorbraak.partners.models import Role


def _with_regisseur() -> QuerySet[CaseMember, Any]:
    """The BSN indexes of members of casework households that have an active regisseur."""
    households = CaseRole.objects.filter(
        kind=CaseRole.Kind.COORDINATOR, ended_on__isnull=True, professional__is_active=True
    ).values("household")
    return (
        CaseMember.objects.filter(household__in=households)
        .exclude(bsn_index="")
        .values("bsn_index")
    )


def _routed_to_regisseur() -> Q:
    return Q(person_index__in=_with_regisseur()) & Q(taken_up_by__isnull=True)


def outreach_gemeente(user: Any) -> str:
    """The gemeente whose outreach team she is on, or '' when she is on none."""
    if getattr(user, "role", "") != Role.OUTREACH or not user.is_active:
        return ""
    partner = getattr(user, "partner", None)
    return partner.gemeente_code if partner is not None else ""


def outreach_gemeente_name(user: Any) -> str:
    """The name of her team's gemeente as people say it ("Veendam"); its code when the
    areas are not loaded, '' when she is on no team."""
    code = outreach_gemeente(user)
    area = area_get(code) if code else None
    return area.name if area is not None else code


def cases_for(user: Any) -> QuerySet[m.Vroegsignaalzaak]:
    """The cases an outreach worker may open: her gemeente's, except those routed to a
    household's regisseur."""
    gemeente = outreach_gemeente(user)
    if not gemeente:
        return m.Vroegsignaalzaak.objects.none()
    return m.Vroegsignaalzaak.objects.filter(gemeente_code=gemeente).exclude(_routed_to_regisseur())


def cases_for_regisseur(user: Any) -> QuerySet[m.Vroegsignaalzaak]:
    """Open cases of households she is the regisseur of: for her start page (casework's page
    can show them through the `outreach` template tags without importing this app)."""
    if getattr(user, "role", "") != Role.PROFESSIONAL or not user.is_active:
        return m.Vroegsignaalzaak.objects.none()
    households = CaseRole.objects.filter(
        professional=user, kind=CaseRole.Kind.COORDINATOR, ended_on__isnull=True
    ).values("household")
    indexes = (
        CaseMember.objects.filter(household__in=households)
        .exclude(bsn_index="")
        .values("bsn_index")
    )
    return m.Vroegsignaalzaak.objects.filter(
        person_index__in=indexes, closed_on__isnull=True, taken_up_by__isnull=True
    ).prefetch_related("signals", "attempts")


@dataclass(frozen=True)
class RegisseurRow:
    case: m.Vroegsignaalzaak
    household_id: Any  # the casework household the signalled person is a member of


def regisseur_rows(user: Any) -> list[RegisseurRow]:
    """Her households' open signals, each with the household it concerns."""
    cases = list(cases_for_regisseur(user))
    members = CaseMember.objects.filter(
        bsn_index__in={case.person_index for case in cases}
    ).values_list("bsn_index", "household_id")
    household_of = dict(members)
    return [RegisseurRow(case, household_of.get(case.person_index)) for case in cases]


def case_open(user: Any, pk: Any, *, origin: str = "") -> m.Vroegsignaalzaak:
    """The case `pk` for this outreach worker, the read audited; PermissionDenied (audited as
    refused) when it is not hers to open."""
    case = cases_for(user).filter(pk=pk).first()
    audit_record(
        actor=user,
        action=AuditAction.OUTREACH_CASE_READ,
        object_type="outreach.case",
        object_id=str(pk),
        result="ok" if case else "geweigerd",
        origin=origin,
    )
    if case is None:
        raise PermissionDenied("outreach.case")
    return case


def case_facts(case: m.Vroegsignaalzaak) -> worklist.CaseFacts:
    signals = list(case.signals.all())
    attempts = [a.on for a in case.attempts.all()]
    return worklist.CaseFacts(
        first_signal=min(s.signal_date for s in signals),
        amount=sum(s.amount or 0 for s in signals),
        creditors=len({s.partner_id or s.partner_type for s in signals}),
        children=case.children,
        crisis=any(s.crisis for s in signals),
        first_attempt=min(attempts, default=None),
    )


@dataclass(frozen=True)
class Row:
    case: m.Vroegsignaalzaak
    facts: worklist.CaseFacts
    priority: str
    due: dt.date
    overdue: bool
    age_days: int
    who: str  # the name the gemeente's system gave, or the address


def _who(case: m.Vroegsignaalzaak) -> str:
    for signal in case.signals.all():
        if signal.name:
            return signal.name
    first = case.signals.all()[0]
    return f"{first.postcode} {first.house_number}{first.house_number_addition}".strip()


def norm_days() -> int:
    return int(settings.OUTREACH_FIRST_ATTEMPT_DAYS)


def worklist_rows(user: Any, *, today: dt.date | None = None) -> list[Row]:
    """Her team's open cases, in the order to work them (`worklist.order_key`)."""
    day = today or timezone.localdate()
    days = norm_days()
    cases = (
        cases_for(user)
        .filter(closed_on__isnull=True)
        .prefetch_related("signals", Prefetch("attempts", queryset=m.Contactpoging.objects.all()))
    )
    rows = []
    for case in cases:
        facts = case_facts(case)
        rows.append(
            Row(
                case=case,
                facts=facts,
                priority=worklist.priority(facts),
                due=worklist.due(facts, days),
                overdue=worklist.overdue(facts, days, day),
                age_days=worklist.age_days(facts, day),
                who=_who(case),
            )
        )
    return sorted(rows, key=lambda row: worklist.order_key(row.facts, days, day))


def signal_status(signal: m.Vroegsignaal) -> str:
    """What the signalling partner may learn (EnumSignaalstatus): never the internal reason."""
    case = signal.zaak
    if case.closed_on is not None and case.result in ggm.STATUS_FROM_RESULT:
        return case.result
    if case.taken_up_on is not None or case.closed_on is not None:
        return "Opgepakt"
    return "Nog niet opgepakt"


def p2(cases: QuerySet[m.Vroegsignaalzaak]) -> float | None:
    """P2 over these cases' signals: median days from signal to its first attempt."""
    pairs = []
    for case in cases.prefetch_related("signals", "attempts"):
        attempts = [a.on for a in case.attempts.all()]
        pairs += [
            (s.signal_date, worklist.first_attempt_for(s.signal_date, attempts))
            for s in case.signals.all()
        ]
    return worklist.p2_median(pairs)


def referrals_for(user: Any) -> QuerySet[m.Toeleiding]:
    """Households led on to her (or to her organisation, no one named) and not yet taken on."""
    if getattr(user, "role", "") != Role.PROFESSIONAL or not user.is_active:
        return m.Toeleiding.objects.none()
    return (
        m.Toeleiding.objects.filter(taken_on_at__isnull=True)
        .filter(Q(professional=user) | Q(professional__isnull=True, partner_id=user.partner_id))
        .select_related("zaak", "partner")
        .prefetch_related("zaak__signals")
    )


@dataclass(frozen=True)
class KnownPerson:
    """A person the signals name, as the gemeente's system identified them."""

    name: str
    birth_date: dt.date | None
    bsn: str


def referral_people(referral: m.Toeleiding) -> list[KnownPerson]:
    """The distinct people the referred case's signals name (by BSN, else by name), each with
    what any of their signals knew: the members a registration starts from."""
    people: dict[str, dict[str, Any]] = {}
    for signal in referral.zaak.signals.all():
        key = signal.bsn or signal.name.strip().lower()
        if not key:
            continue
        known = people.setdefault(key, {"name": "", "birth_date": None, "bsn": ""})
        known["name"] = known["name"] or signal.name
        known["bsn"] = known["bsn"] or signal.bsn
        if signal.birth_date and known["birth_date"] is None:
            known["birth_date"] = dt.date.fromisoformat(signal.birth_date)
    return [KnownPerson(**known) for known in people.values()]


def referral_address(referral: m.Toeleiding) -> dict[str, str]:
    """Postcode and house number (with addition) from the first signal that has them."""
    for signal in referral.zaak.signals.all():
        if signal.postcode and signal.house_number:
            number = f"{signal.house_number} {signal.house_number_addition}".strip()
            return {"postcode": signal.postcode, "house_number": number}
    return {"postcode": "", "house_number": ""}
