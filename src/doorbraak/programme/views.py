"""Programme pages: the plan from mission to indicators, one operational goal, the versions."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from doorbraak.partners.access import Capability, requires
from doorbraak.programme import models as m
from doorbraak.programme import selectors


def _version_or_404(number: int | None) -> m.PlanVersion:
    version = (
        selectors.plan_version_current() if number is None else selectors.plan_version_get(number)
    )
    if version is None:
        raise Http404("plan")
    return version


def plan_context(version: m.PlanVersion) -> dict[str, object]:
    """What the programme page needs; the public page reuses it."""
    return {
        "version": version,
        "lines": selectors.programme_lines(version),
        "capitals": version.capitals.all(),
        "preconditions": version.preconditions.all(),
        "phases": version.phases.all(),
        "process_indicators": selectors.process_indicators(version),
        "is_current": version == selectors.plan_version_current(),
    }


@requires(Capability.VIEW_PROGRAMME)
def overview_view(request: HttpRequest, number: int | None = None) -> HttpResponse:
    version = _version_or_404(number)
    return render(request, "programme/overview.html", plan_context(version))


@requires(Capability.VIEW_PROGRAMME)
def goal_view(request: HttpRequest, code: str, number: int | None = None) -> HttpResponse:
    version = _version_or_404(number)
    goal = selectors.operational_goal_get(version, code)
    if goal is None:
        raise Http404(code)
    return render(request, "programme/goal.html", {"version": version, "goal": goal})


@requires(Capability.VIEW_PROGRAMME)
def versions_view(request: HttpRequest) -> HttpResponse:
    current = selectors.plan_version_current()
    changes = selectors.target_changes(current)[:50] if current else []
    return render(
        request,
        "programme/versions.html",
        {"versions": selectors.plan_versions(), "current": current, "changes": changes},
    )
