"""Pages of the site shell. Thin: reads come from selectors, access from partners.access."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from doorbraak.monitor.ambition_selectors import generational_ratio
from doorbraak.monitor.rate_ratio import PAIRS
from doorbraak.opendata.selectors import ambition_codes, headline_figures_kept
from doorbraak.partners.access import START_PAGES, Capability, requires
from doorbraak.programme.selectors import plan_version_current
from doorbraak.programme.views import plan_context
from doorbraak.register.selectors import caseload, own_household


def public_view(request: HttpRequest) -> HttpResponse:
    """The programme for everyone, without login: first the ambition in published figures,
    then the goals, indicators and their targets, each indicator with its latest published
    figure for the region."""
    version = plan_version_current()
    context = plan_context(version) if version else {"version": None}
    published_figures = headline_figures_kept()  # kept per publication, not per request
    ambition = ambition_codes()
    figures = [figure for figure in published_figures if figure.code in ambition]
    published = {figure.code for figure in figures}
    pair = set(PAIRS["A5"])
    generational = generational_ratio() if pair <= published else None
    return render(
        request,
        "web/public.html",
        {
            **context,
            "ambition": figures,
            "published": {figure.code: figure for figure in published_figures},
            "generational": generational,
            "show_ratio": pair <= published,
        },
    )


def accessibility_view(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


@login_required
def start_view(request: HttpRequest) -> HttpResponse:
    page = START_PAGES.get(getattr(request.user, "role", ""))
    if page is None:
        return render(request, "web/no_role.html", status=403)
    return HttpResponseRedirect(reverse(page))


@requires(Capability.CASELOAD)
def caseload_view(request: HttpRequest) -> HttpResponse:
    households = caseload(request.user).order_by("pk")
    return render(request, "web/caseload.html", {"households": households})


@requires(Capability.OWN_HOUSEHOLD)
def household_view(request: HttpRequest) -> HttpResponse:
    household = own_household(request.user)
    if household is not None:
        return redirect("register:household", pk=household.pk)
    return render(request, "web/household.html")


@requires(Capability.RESEARCH)
def research_view(request: HttpRequest) -> HttpResponse:
    return redirect("evaluation:index")  # the evaluation app's pages (ADR 0037)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 403}, status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/error.html", {"status": 404}, status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "web/error.html", {"status": 500}, status=500)


def favicon_view(request: HttpRequest) -> HttpResponse:
    return redirect("/static/doorbraak/favicon.svg", permanent=True)
