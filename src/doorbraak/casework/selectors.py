"""Reads in the work zone, with the access rule in one place: a professional sees a household
while she is its regisseur or a participant, or while her emergency access lasts
(`households_for`). `household_open` audits every read of identified data, allowed or not.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from doorbraak.casework import models as m
from doorbraak.casework.crypto import blind_index, name_normalise
from doorbraak.core.audit import audit_record
from doorbraak.core.models import AuditAction
from doorbraak.partners.models import Partner, Role
from doorbraak.pseudonymise.bsn import bsn_normalise


def households_for(user: Any, *, at: dt.datetime | None = None) -> QuerySet[m.CaseHousehold]:
    """The households a professional may open now."""
    if getattr(user, "role", "") != Role.PROFESSIONAL or not user.is_active:
        return m.CaseHousehold.objects.none()
    now = at or timezone.now()
    return m.CaseHousehold.objects.filter(
        Q(roles__professional=user, roles__ended_on__isnull=True)
        | Q(
            emergency_accesses__professional=user,
            emergency_accesses__starts_at__lte=now,
            emergency_accesses__ends_at__gt=now,
        )
    ).distinct()


def caseload(user: Any) -> QuerySet[m.CaseHousehold]:
    """Her own cases: households where she has an active role (not emergency access), with
    their members and active roles fetched in two more queries, whatever their number."""
    if getattr(user, "role", "") != Role.PROFESSIONAL or not user.is_active:
        return m.CaseHousehold.objects.none()
    active = m.CaseRole.objects.filter(ended_on__isnull=True).select_related(
        "professional", "partner"
    )
    return (
        m.CaseHousehold.objects.filter(roles__professional=user, roles__ended_on__isnull=True)
        .distinct()
        .prefetch_related("members", Prefetch("roles", queryset=active, to_attr="active_roles"))
    )


@dataclass(frozen=True)
class CaseloadRow:
    household: m.CaseHousehold
    names: list[str]
    regisseur: m.CaseRole | None


def caseload_rows(user: Any) -> list[CaseloadRow]:
    """Her caseload as the page shows it: the members' names and the regisseur per household,
    ordered by the first member's name."""
    rows = [
        CaseloadRow(
            household=h,
            names=[member.name for member in h.members.all()],
            regisseur=next(
                (r for r in h.active_roles if r.kind == m.CaseRole.Kind.COORDINATOR),  # type: ignore[attr-defined]
                None,
            ),
        )
        for h in caseload(user)
    ]
    return sorted(rows, key=lambda row: [name.casefold() for name in row.names])


def household_open(user: Any, pk: Any, *, origin: str = "") -> m.CaseHousehold:
    """The household `pk` for this user, the read audited; PermissionDenied (audited as
    refused) when she has no role in it and no emergency access."""
    household = households_for(user).filter(pk=pk).first()
    audit_record(
        actor=user,
        action=AuditAction.CASEWORK_HOUSEHOLD_READ,
        object_type="casework.household",
        object_id=str(pk),
        result="ok" if household else "geweigerd",
        origin=origin,
    )
    if household is None:
        raise PermissionDenied("casework.household")
    return household


def regisseur_open(user: Any, pk: Any, *, origin: str = "") -> m.CaseHousehold:
    """The household `pk` for a change only its regisseur makes: opened (and audited) as
    `household_open` does; PermissionDenied when this user is not its regisseur."""
    household = household_open(user, pk, origin=origin)
    regisseur = regisseur_role(household)
    if regisseur is None or regisseur.professional_id != user.pk:
        raise PermissionDenied("casework.regisseur")
    return household


def regisseur_role(household: m.CaseHousehold) -> m.CaseRole | None:
    return (
        household.roles.filter(kind=m.CaseRole.Kind.COORDINATOR, ended_on__isnull=True)
        .select_related("professional", "partner")
        .first()
    )


def active_roles(household: m.CaseHousehold) -> QuerySet[m.CaseRole]:
    return household.roles.filter(ended_on__isnull=True).select_related("professional", "partner")


def emergency_accesses(household: m.CaseHousehold) -> QuerySet[m.EmergencyAccess]:
    """Every emergency access to the household, newest first: the household and its regisseur
    see who opened it, when and why."""
    return household.emergency_accesses.select_related("professional").order_by("-starts_at")


def household_find_by_bsn(bsn: str) -> m.CaseHousehold | None:
    """The household a member with this BSN belongs to, through the blind index."""
    normalised = bsn_normalise(bsn).bsn
    if not normalised:
        return None
    member = m.CaseMember.objects.filter(bsn_index=blind_index("bsn", normalised)).first()
    return member.household if member else None


def household_find_by_name(name: str, birth_date: dt.date) -> list[m.CaseHousehold]:
    """Households with a member of this name and birth date (exact after normalising case,
    accents and punctuation)."""
    index = blind_index("naam-geboortedatum", f"{name_normalise(name)}|{birth_date.isoformat()}")
    return list(m.CaseHousehold.objects.filter(members__name_birth_index=index).distinct())


def ground_current(household: m.CaseHousehold, on: dt.date) -> m.LegalGround | None:
    return (
        household.grounds.filter(given_on__lte=on)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .last()
    )


def sharing_allowed(
    household: m.CaseHousehold, partner: Partner, *, on: dt.date | None = None
) -> bool:
    """May the household's data be shared with this partner on this day? Only with a ground
    for processing and the household's consent to share with that partner, neither withdrawn.
    Whatever shares asks this first."""
    day = on or timezone.localdate()
    if ground_current(household, day) is None:
        return False
    return (
        household.sharing_consents.filter(partner=partner, given_on__lte=day)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
        .exists()
    )


def households_left_by(professional: Any) -> QuerySet[m.CaseHousehold]:
    """The households that would have no regisseur if this professional left."""
    return m.CaseHousehold.objects.filter(
        roles__professional=professional,
        roles__kind=m.CaseRole.Kind.COORDINATOR,
        roles__ended_on__isnull=True,
    ).distinct()


def households_at_risk() -> QuerySet[m.CaseHousehold]:
    """Households without an active regisseur, or whose regisseur's account is no longer
    active: the programme team's list of those to hand over."""
    with_regisseur = m.CaseRole.objects.filter(
        kind=m.CaseRole.Kind.COORDINATOR, ended_on__isnull=True, professional__is_active=True
    ).values("household")
    return m.CaseHousehold.objects.exclude(pk__in=with_regisseur)


def plan_current(household: m.CaseHousehold) -> m.HouseholdPlan | None:
    """The household's plan as it stands: its newest version (None before the first), with
    its goals, actions (and who does them) and agreements fetched. Not audited: the caller
    opened the household through `household_open` (or is the household itself)."""
    return (
        household.plans.order_by("-version")
        .prefetch_related(
            "goals",
            "agreements",
            Prefetch(
                "actions",
                queryset=m.PlanAction.objects.select_related("partner", "professional"),
            ),
        )
        .first()
    )


def household_edit_open(user: Any, pk: Any, *, origin: str = "") -> m.CaseHousehold:
    """The household `pk` for a change to its plan, contacts or readings: only its regisseur
    and participants (an active role) write; an emergency access reads but does not write.
    The open is audited as `household_open` does; PermissionDenied otherwise."""
    household = household_open(user, pk, origin=origin)
    if not household.roles.filter(professional=user, ended_on__isnull=True).exists():
        raise PermissionDenied("casework.role")
    return household


def may_edit(user: Any, household: m.CaseHousehold) -> bool:
    return household.roles.filter(professional=user, ended_on__isnull=True).exists()


def plan_versions(household: m.CaseHousehold) -> QuerySet[m.HouseholdPlan]:
    """Every version of the household's plan, newest first, with who made it."""
    return household.plans.select_related("made_by").order_by("-version")


def plan_get(household: m.CaseHousehold, version: int) -> m.HouseholdPlan | None:
    return (
        household.plans.filter(version=version)
        .select_related("made_by")
        .prefetch_related(
            "goals",
            "agreements",
            Prefetch(
                "actions",
                queryset=m.PlanAction.objects.select_related("partner", "professional"),
            ),
        )
        .first()
    )


def contacts(household: m.CaseHousehold) -> QuerySet[m.ContactMoment]:
    """The household's contact moments, newest first."""
    return household.contacts.select_related("professional").order_by("-on", "-pk")


def readings(household: m.CaseHousehold) -> QuerySet[m.CapitalReading]:
    """The household's capital readings, oldest first, with the member they are about."""
    return household.readings.select_related("member").order_by("assessed_on", "pk")
