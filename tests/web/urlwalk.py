"""Every URL pattern of the project with real ids filled in (not a test module).

The hardening tests walk them all: a new page is walked without anyone adding it here, and a
pattern whose arguments this module cannot fill fails `test_every_pattern_is_walked`.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from doorbraak.casework.models import CaseHousehold
from doorbraak.intake.models import ImportBatch
from doorbraak.linkage.models import ReviewPair
from doorbraak.pipeline.models import PipelineJob
from doorbraak.register.models import Household

_ARGUMENT = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Pattern:
    route: str  # as declared, e.g. "huishoudens/<int:pk>"
    name: str  # namespace:name
    arguments: tuple[tuple[str, str], ...]  # (name, converter type) in order

    def url(self, values: dict[str, str]) -> str:
        return "/" + _ARGUMENT.sub(lambda m: values[m["name"]], self.route)


def patterns() -> list[Pattern]:
    """Every route of the web app and the API; Django's admin (`/beheer/`) is left out, and
    the API's catch-all patterns are walked with one path each."""
    return list(_walk(get_resolver().url_patterns, "", ""))


def _walk(entries: list, prefix: str, namespace: str) -> Iterator[Pattern]:  # type: ignore[type-arg]
    for entry in entries:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("beheer/"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield _pattern(entry, prefix, namespace)


def _pattern(entry: URLPattern, prefix: str, namespace: str) -> Pattern:
    route = prefix + str(entry.pattern)
    arguments: tuple[tuple[str, str], ...] = ()
    if isinstance(entry.pattern, RoutePattern):
        arguments = tuple((m["name"], m["kind"] or "str") for m in _ARGUMENT.finditer(route))
    else:  # a regular expression: the API's catch-all routes
        route = route.replace("^.*$", "bestaat-niet").replace("^", "").replace("$", "")
    return Pattern(route, f"{namespace}{entry.name or route}", arguments)


def real_values(pattern: Pattern) -> dict[str, str]:
    """Ids of objects that exist in the test world, per argument name and page."""
    values = {
        "code": "D1",  # a goal and an indicator of the shipped plan
        "number": "1",
        "area_code": "GM0047",
        "uidb64": "MQ",
        "token": "ongeldig-token",
        "pk": _pk(pattern.name),
        "consent": "1",
        "ground": "1",
        "version": "1",  # a version of a household's plan (casework:plan_version)
        "link": "1",  # a household login's link to its case (casework:login_end)
        "year": "2025",  # a reflection year (reports: a 404 until it is frozen)
        "kind": "leeragenda",  # a kind of record of the learning network (learning:activity_new)
    }
    return {name: values[name] for name, _ in pattern.arguments}


NO_CASE = "00000000-0000-0000-0000-000000000000"


def _pk(name: str) -> str:
    if name.startswith("casework:"):  # a household as a case has a UUID
        case = CaseHousehold.objects.order_by("registered_at").values_list("pk", flat=True).first()
        return str(case or NO_CASE)
    model = {
        "register:household": Household,
        "intake:detail": ImportBatch,
        "intake:result_file": ImportBatch,
        "linkage:decide": ReviewPair,
        "pipeline:retry": PipelineJob,
    }.get(name)
    found = model.objects.order_by("pk").values_list("pk", flat=True).first() if model else None
    return str(found or 1)
