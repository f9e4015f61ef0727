"""Who may do what: the role × capability matrix, checked in views and selectors.

One table, so a reviewer can read the whole access policy at once. Templates never decide
access; they only hide links the view would refuse anyway.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from doorbraak.partners.models import Role


class Capability(StrEnum):
    VIEW_PROGRAMME = "view_programme"  # plan versions, goals, targets (aggregate, no persons)
    VIEW_AREAS = "view_areas"
    VIEW_PARTNERS = "view_partners"
    EDIT_TARGETS = "edit_targets"
    ADMINISTER = "administer"  # configuration, users, audit log; never case content
    OWN_ORGANISATION = "own_organisation"  # a steward's own partner and its deliveries
    CASELOAD = "caseload"  # households in the professional's own caseload
    OUTREACH = "outreach"  # early signals of households in the worker's own gemeente (ADR 0029)
    OWN_HOUSEHOLD = "own_household"
    RESEARCH = "research"  # pseudonymised extracts and aggregates
    LINKAGE_REVIEW = "linkage_review"  # linkage report, review list of uncertain pairs
    PUBLISH = "publish"  # choose which indicators are published as open data
    ADD_PARTNERS = "add_partners"  # connect a new partner organisation (/partners/nieuw)
    REFLECT = "reflect"  # freeze a year, choose interpretations, record decisions (ADR 0038)
    RECORD_LEARNING = "record_learning"  # the learning network's register, experiments (/leren)


_ALL_STAFF = {Capability.VIEW_PROGRAMME, Capability.VIEW_AREAS, Capability.VIEW_PARTNERS}

MATRIX: dict[str, frozenset[Capability]] = {
    Role.PROGRAMME_TEAM: frozenset(
        _ALL_STAFF
        | {
            Capability.EDIT_TARGETS,
            Capability.LINKAGE_REVIEW,
            Capability.PUBLISH,
            Capability.ADD_PARTNERS,
            Capability.REFLECT,
            Capability.RECORD_LEARNING,
        }
    ),
    Role.BOARD: frozenset(_ALL_STAFF),
    Role.DATA_STEWARD: frozenset(_ALL_STAFF | {Capability.OWN_ORGANISATION}),
    Role.PROFESSIONAL: frozenset(_ALL_STAFF | {Capability.CASELOAD}),
    Role.OUTREACH: frozenset(_ALL_STAFF | {Capability.OUTREACH}),
    Role.HOUSEHOLD: frozenset({Capability.OWN_HOUSEHOLD}),
    Role.RESEARCHER: frozenset(_ALL_STAFF | {Capability.RESEARCH}),
    Role.ADMINISTRATOR: frozenset(_ALL_STAFF | {Capability.ADMINISTER, Capability.EDIT_TARGETS}),
}

START_PAGES: dict[str, str] = {
    Role.PROGRAMME_TEAM: "monitor:dashboard",  # where are we: the dashboard (issue 16 item 8)
    Role.BOARD: "monitor:board",  # where are we, without operational detail (issue 16)
    Role.DATA_STEWARD: "partners:own",
    Role.PROFESSIONAL: "casework:caseload",  # her start page with names (ADR 0026)
    Role.HOUSEHOLD: "own:page",  # casework's own page (ADR 0027)
    Role.OUTREACH: "outreach:worklist",
    Role.RESEARCHER: "web:research",
    Role.ADMINISTRATOR: "admin:index",
}


def user_capabilities(user: Any) -> frozenset[Capability]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return MATRIX.get(user.role, frozenset())


def user_can(user: Any, capability: Capability) -> bool:
    return capability in user_capabilities(user)


View = TypeVar("View", bound=Callable[..., HttpResponse])


def requires(capability: Capability) -> Callable[[View], View]:
    """Decorate a view: anonymous users go to login, users without the capability get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_can(request.user, capability):
                raise PermissionDenied(capability.value)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
