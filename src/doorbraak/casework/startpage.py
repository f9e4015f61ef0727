"""The professional's start page (issue 14, item 6): what asks for her attention today, each a
list of her households with their members' names and a reason.

- *new this week*: what the work zone itself saw in the last seven days on her households
  (a household that came to her, a colleague's emergency access, a contact that did not reach
  them). Early signals (debts, rent arrears) routed to her by the `outreach` app are shown
  above these lists by outreach's template tags (`caseload.html`; casework does not import
  outreach, ADR 0026 and 0029).
- *review due*: the current plan's review date is past or within the coming week;
- *no contact*: no contact that reached the household for DOORBRAAK_CASEWORK_NO_CONTACT_DAYS
  (counted from the day she became involved when there was none);
- *handovers waiting*: households handed to her with no contact of hers since the handover.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doorbraak.casework import models as m
from doorbraak.casework.selectors import caseload

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class Item:
    household: m.CaseHousehold
    names: list[str]
    reason: str
    on: dt.date | None = None


@dataclass(frozen=True)
class StartPage:
    new: list[Item]
    review_due: list[Item]
    no_contact: list[Item]
    handovers: list[Item]
    no_contact_days: int


def start_page(user: Any, *, today: dt.date | None = None) -> StartPage:
    day = today or timezone.localdate()
    mine = {h.pk: h for h in caseload(user)}
    return StartPage(
        new=_sorted(_new_this_week(user, mine, day)),
        review_due=_sorted(_review_due(mine, day)),
        no_contact=_sorted(_no_contact(user, mine, day)),
        handovers=_sorted(_handovers_waiting(user, mine)),
        no_contact_days=settings.CASEWORK_NO_CONTACT_DAYS,
    )


def _names(household: m.CaseHousehold) -> list[str]:
    return [member.name for member in household.members.all()]


def _item(household: m.CaseHousehold, reason: str, on: dt.date | None) -> Item:
    return Item(household=household, names=_names(household), reason=reason, on=on)


def _sorted(items: Iterable[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.on or dt.date.max, [n.casefold() for n in i.names]))


def _new_this_week(user: Any, mine: dict[Any, m.CaseHousehold], day: dt.date) -> list[Item]:
    since = day - WEEK
    items = [
        _item(mine[r.household_id], _("nieuw bij u"), r.started_on)
        for r in m.CaseRole.objects.filter(
            professional=user, ended_on__isnull=True, started_on__gt=since
        )
        if r.household_id in mine
    ]
    items += [
        _item(
            mine[e.household_id],
            _("noodtoegang door %(name)s") % {"name": _person(e.professional)},
            timezone.localdate(e.starts_at),
        )
        for e in m.EmergencyAccess.objects.filter(
            household__in=mine, starts_at__date__gt=since
        ).select_related("professional")
    ]
    items += [
        _item(
            mine[c.household_id],
            _("niet bereikt (%(kind)s)") % {"kind": c.get_kind_display()},
            c.on,
        )
        for c in m.ContactMoment.objects.filter(household__in=mine, on__gt=since, reached=False)
    ]
    return items


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _review_due(mine: dict[Any, m.CaseHousehold], day: dt.date) -> list[Item]:
    newest = (
        m.HouseholdPlan.objects.filter(household__in=mine)
        .values("household")
        .annotate(version=Max("version"))
    )
    wanted = Q()
    for row in newest:
        wanted |= Q(household=row["household"], version=row["version"])
    if not wanted:
        return []
    due = m.HouseholdPlan.objects.filter(wanted, review_on__lte=day + WEEK)
    return [
        _item(
            mine[p.household_id],
            _("bespreking te laat") if p.review_on < day else _("bespreking binnenkort"),
            p.review_on,
        )
        for p in due
        if p.review_on is not None
    ]


def _no_contact(user: Any, mine: dict[Any, m.CaseHousehold], day: dt.date) -> list[Item]:
    limit = day - dt.timedelta(days=settings.CASEWORK_NO_CONTACT_DAYS)
    last = dict(
        m.ContactMoment.objects.filter(household__in=mine, reached=True)
        .values("household")
        .annotate(last=Max("on"))
        .values_list("household", "last")
    )
    since = dict(
        m.CaseRole.objects.filter(professional=user, ended_on__isnull=True).values_list(
            "household", "started_on"
        )
    )
    items = []
    for pk, household in mine.items():
        seen = last.get(pk)
        if (seen or since.get(pk, day)) <= limit:
            reason = (
                _("laatste contact %(date)s") % {"date": f"{seen:%d-%m-%Y}"}
                if seen
                else _("nog geen contact")
            )
            items.append(_item(household, reason, seen))
    return items


def _handovers_waiting(user: Any, mine: dict[Any, m.CaseHousehold]) -> list[Item]:
    contacted = m.ContactMoment.objects.filter(
        household=OuterRef("household"), professional=user, on__gte=OuterRef("on")
    )
    waiting = (
        m.Handover.objects.filter(to_professional=user, household__in=mine)
        .annotate(contacted=Exists(contacted))
        .filter(contacted=False)
        .select_related("from_professional")
    )
    return [
        _item(
            mine[h.household_id],
            _("overgedragen door %(name)s") % {"name": _person(h.from_professional)},
            h.on,
        )
        for h in waiting
    ]
