"""The household's plan as the household reads it (ADR 0027): the current version's goals per
capital in their own words with a status, what each partner, professional or the family itself
does, and whether the family agreed.

A goal has no status field of its own (ADR 0026): its status follows from the actions for the
same capital (all done: "gelukt"; any done or busy: "bezig"; open ones only: "nog niet
begonnen"; no actions: "nog geen afspraken"). The capitals get plain names (B1) here; the
programme's own names are for professionals.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from doorbraak.casework import models as m
from doorbraak.casework.selectors import plan_current

# The programme's five capitals in plain words, as the family reads them.
CAPITAL_PLAIN = {
    "economisch": "Geld, werk en wonen",
    "sociaal": "Mensen om u heen",
    "cultureel": "Leren en meedoen",
    "pedagogisch": "Opvoeden en de kinderen",
    "mentaal": "Hoe u zich voelt",
}

Status = m.PlanAction.Status


def capital_plain(code: str) -> str:
    return _(CAPITAL_PLAIN[code]) if code in CAPITAL_PLAIN else code


@dataclass(frozen=True)
class OwnAction:
    capital: str
    who: str  # "Wijkteam Oost", "Fatima Yilmaz", "U zelf"
    what: str
    due_on: dt.date | None
    status: str

    def as_data(self) -> dict[str, Any]:
        return {
            "kapitaal": self.capital,
            "wie": self.who,
            "wat": self.what,
            "uiterlijk_op": self.due_on.isoformat() if self.due_on else None,
            "stand": self.status,
        }


@dataclass(frozen=True)
class OwnGoal:
    capital: str
    text: str
    status: str
    actions: list[OwnAction]

    def as_data(self) -> dict[str, Any]:
        return {
            "kapitaal": self.capital,
            "doel": self.text,
            "stand": self.status,
            "acties": [a.as_data() for a in self.actions],
        }


@dataclass(frozen=True)
class OwnPlan:
    version: int
    made_on: dt.date
    talents: str
    first: str
    review_on: dt.date | None
    aftercare: str
    agreed_on: dt.date | None
    agreed_how: str
    goals: list[OwnGoal]
    by_who: dict[str, list[OwnAction]]  # who → what they do, the family itself last

    def as_data(self) -> dict[str, Any]:
        return {
            "versie": self.version,
            "gemaakt_op": self.made_on.isoformat(),
            "talenten": self.talents,
            "wat_eerst": self.first,
            "bespreken_op": self.review_on.isoformat() if self.review_on else None,
            "nazorg": self.aftercare,
            "akkoord_op": self.agreed_on.isoformat() if self.agreed_on else None,
            "akkoord_hoe": self.agreed_how,
            "doelen": [g.as_data() for g in self.goals],
            "wie_doet_wat": {who: [a.as_data() for a in acts] for who, acts in self.by_who.items()},
        }


def own_goal_status(goal: m.PlanGoal, statuses: list[str]) -> str:
    """Where a goal stands, in plain words: reached or stopped as the plan says; while it is
    ongoing, how far its actions are (not "gelukt" before the goal itself is reached)."""
    if goal.status == m.PlanGoal.Status.REACHED:
        return _("gelukt")
    if goal.status == m.PlanGoal.Status.STOPPED:
        return _("gestopt")
    live = [s for s in statuses if s != Status.DROPPED]
    if live and all(s == Status.DONE for s in live):
        return _("bezig")  # every action done, the goal not (yet) reached
    return goal_status(statuses)


def goal_status(statuses: list[str]) -> str:
    """A goal's status from its actions' statuses (vervallen ones do not count)."""
    live = [s for s in statuses if s != Status.DROPPED]
    if not live:
        return _("nog geen afspraken")
    if all(s == Status.DONE for s in live):
        return _("gelukt")
    if any(s in (Status.DONE, Status.BUSY) for s in live):
        return _("bezig")
    return _("nog niet begonnen")


def _who(action: m.PlanAction) -> str:
    if action.who == m.PlanAction.Who.PARTNER and action.partner is not None:
        return action.partner.name
    if action.who == m.PlanAction.Who.PROFESSIONAL and action.professional is not None:
        return str(action.professional.get_full_name() or action.professional.get_username())
    return _("U zelf")


def _action(action: m.PlanAction) -> OwnAction:
    return OwnAction(
        capital=capital_plain(action.capital) if action.capital else "",
        who=_who(action),
        what=action.what,
        due_on=action.due_on,
        status=action.get_status_display(),
    )


def own_plan(household: m.CaseHousehold) -> OwnPlan | None:
    """The household's current plan in its own words; None before the first version."""
    plan = plan_current(household)
    if plan is None:
        return None
    actions = list(plan.actions.all())
    goals = [
        OwnGoal(
            capital=capital_plain(goal.capital),
            text=goal.text,
            status=own_goal_status(goal, [a.status for a in actions if a.capital == goal.capital]),
            actions=[_action(a) for a in actions if a.capital == goal.capital],
        )
        for goal in plan.goals.all()
    ]
    agreements = list(plan.agreements.all())
    return OwnPlan(
        version=plan.version,
        made_on=plan.made_at.date(),
        talents=plan.talents,
        first=plan.first,
        review_on=plan.review_on,
        aftercare=plan.aftercare,
        agreed_on=agreements[-1].on if agreements else None,
        agreed_how=agreements[-1].get_how_display() if agreements else "",
        goals=goals,
        by_who=_by_who(actions),
    )


def _by_who(actions: list[m.PlanAction]) -> dict[str, list[OwnAction]]:
    grouped: dict[str, list[OwnAction]] = {}
    family = [a for a in actions if a.who == m.PlanAction.Who.FAMILY]
    for action in [a for a in actions if a.who != m.PlanAction.Who.FAMILY] + family:
        grouped.setdefault(_who(action), []).append(_action(action))
    return grouped
