"""The architecture stays visible and true, checked on the import graph read from the code
(`doorbraak.core.architecture`, the graph `doorbraak architecture` prints).

- Every package is in ALLOWED (a package missing from the map fails) and imports only what
  its line allows. Edges are direct package → package imports, counted wherever they sit (in
  functions and under TYPE_CHECKING too); what a package reaches through another is allowed
  when each step is, so the rule for transitive imports is: every step allowed, and no cycle.
- The package graph has no cycle, and no cycle of modules crosses packages.
- Each package's docstring names what it imports ("Imports `core`, `areas` and `partners`.")
  and that list equals the real imports, both ways.
- Pure engines import no Django, also not through the project modules they import.
- Only the register names its tables; every setting is documented; docs/architecture.md shows
  the graph the command prints now.
"""

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps

from doorbraak.conf.env import REGISTRY
from doorbraak.core.architecture import ROOT, Graph, cycles, graph_read, package_of, text_render

SRC = Path(__file__).resolve().parent.parent / "src" / "doorbraak"
DOCS = Path(__file__).resolve().parent.parent / "docs"

PURE = [
    "programme/definition",
    "core/architecture.py",
    "core/cli_args.py",
    "core/periods.py",
    "core/disclosure_gate.py",
    "core/disclosure_intervals.py",
    "core/pseudonyms.py",
    "core/encodings.py",
    "core/errors.py",
    "core/problems.py",
    "core/area_levels.py",
    "core/definitions",
    "areas/cbs.py",
    "programme/plan_text.py",
    "programme/trajectory.py",
    "synth",
    "sources",
    "pseudonymise",
    "linkage/model.py",
    "linkage/link.py",
    "linkage/households.py",
    "linkage/cli.py",
    "monitor/definitions",
    "monitor/compiler.py",
    "monitor/protection.py",
    "outreach/ggm",
    "outreach/worklist.py",
]
# Package → the packages it may import (besides itself), after DESIGN.md §5. One line each.
ALLOWED = {
    "core": set(),
    "sources": {"core"},  # pure: partner files in their own dialects
    "synth": {"core"},  # pure: reads the CBS and partner data files, never their apps
    "pseudonymise": {"core", "sources"},  # the partner-side tool: never linkage
    "partners": {"core"},
    "areas": {"core", "partners"},  # access checks in its views
    "programme": {"core", "partners"},
    "register": {"core", "partners", "areas", "programme"},
    "intake": {"core", "sources", "partners", "areas", "programme", "register"},
    "linkage": {"core", "sources", "partners", "areas", "register", "intake"},  # not pseudonymise
    "learning": {"core", "partners", "areas", "register"},  # ADR 0036: below the monitor
    "monitor": {"core", "sources", "partners", "areas", "programme", "register"},
    "surveys": {"core", "partners", "areas"},  # beside the register; the monitor reads a view
    "api": {"core", "partners", "areas", "programme", "monitor"},
    "opendata": {"core", "partners", "areas", "programme", "monitor"},
    # the eiland van reflectie (ADR 0038): above the monitor; the other apps' report sections
    # plug into its registry (reports.sections)
    "reports": {
        "core",
        "partners",
        "areas",
        "programme",
        "register",
        "intake",
        "monitor",
        "opendata",
        "surveys",  # its report section (surveys.report_section)
        "learning",  # its report section (learning.report_section)
        "evaluation",  # its report section (evaluation.report_section)
    },
    "pipeline": {
        "core",
        "sources",
        "pseudonymise",
        "partners",
        "areas",
        "programme",
        "register",
        "intake",
        "linkage",
        "monitor",
    },
    "web": {
        "core",
        "synth",
        "partners",
        "areas",
        "programme",
        "register",
        "intake",
        "linkage",
        "monitor",
        "api",
        "opendata",
        "pipeline",
        "surveys",  # the demo loads the synthetic survey rounds
        "learning",
        "evaluation",  # the demo records one decision on an evaluation (E5 has a value)
    },
    # the work zone (ADR 0024): nothing imports it; it reaches the register only as facts
    # the work zone reads the programme's capitals and the instruments' configured scales
    "casework": {"core", "pseudonymise", "partners", "programme", "register"},
    # the work zone's vroegsignalering (ADR 0029): on top of casework; nothing imports it
    "outreach": {"core", "pseudonymise", "partners", "areas", "casework"},
    # effect estimates and research extracts (ADR 0037): read-only on the register; its
    # simulation study draws small regions from synth; the reports and the demo import it
    # the monitor only for its per-run cache (an estimate is kept until the next run)
    "evaluation": {"core", "partners", "register", "synth", "monitor"},
    "conf": {"core"},  # settings and URLs name the apps as strings, not imports
    "cli": {"core"},  # the standalone commands are named as strings
}
DJANGO = {"django", "rest_framework", "drf_spectacular", "django_stubs_ext", "dj_database_url"}


@cache
def _graph() -> Graph:
    return graph_read(SRC)


def _package_edges() -> dict[str, set[str]]:
    return _graph().package_edges()


def _modules(relative: str) -> list[str]:
    prefix = ".".join((ROOT, *Path(relative).with_suffix("").parts))
    found = [name for name in _graph().modules if name == prefix or name.startswith(f"{prefix}.")]
    assert found, f"{relative} in PURE is not a module or package under src/doorbraak"
    return found


def _where(source: str, target_package: str) -> list[str]:
    return [
        f"{i.source}:{i.line} imports {i.target}"
        for i in _graph().crossing()
        if package_of(i.source) == source and package_of(i.target) == target_package
    ]


def test_every_package_is_in_the_map() -> None:
    missing = [package for package in _graph().packages() if package not in ALLOWED]
    assert not missing, f"packages not in ALLOWED (say what each may import): {missing}"


def test_the_map_names_only_packages_that_exist() -> None:
    named = set(ALLOWED).union(*ALLOWED.values())
    unknown = sorted(named - set(_graph().packages()))
    assert not unknown, f"ALLOWED names what is not a package under src/doorbraak: {unknown}"


def test_every_project_import_names_a_module_that_exists() -> None:
    assert not _graph().unresolved, (
        f"imports of project modules that do not exist: {_graph().unresolved}"
    )


@pytest.mark.parametrize("package", _graph().packages())
def test_packages_import_only_what_they_may(package: str) -> None:
    wrong = _package_edges()[package] - ALLOWED.get(package, set())
    assert not wrong, "\n".join(
        line for target in sorted(wrong) for line in _where(package, target)
    )


def test_package_graph_has_no_cycle() -> None:
    found = cycles(_package_edges())
    detail = [
        line
        for members in found
        for source in members
        for target in members
        if target != source
        for line in _where(source, target)
    ]
    assert not found, f"cycles: {found}\n" + "\n".join(detail)


def test_no_module_cycle_crosses_packages() -> None:
    crossing = [
        members
        for members in cycles(_graph().module_edges())
        if len(set(map(package_of, members))) > 1
    ]
    assert not crossing, f"module cycles across packages: {crossing}"


def _docstring(package: str) -> str:
    path = _graph().modules[f"{ROOT}.{package}"]
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def _declared(doc: str) -> set[str] | None:
    """The backticked names in the docstring's sentence that begins with "Imports"."""
    sentence = re.search(r"\bImports\b(.*?)\.(?:\s|$)", doc, re.DOTALL)
    return set(re.findall(r"`([^`]+)`", sentence.group(1))) if sentence else None


@pytest.mark.parametrize("package", _graph().packages())
def test_docstring_lists_the_real_imports(package: str) -> None:
    declared = _declared(_docstring(package))
    assert declared is not None, (
        f"doorbraak.{package}: no sentence 'Imports `a`, `b` and `c`.' (or 'Imports nothing "
        "from the project.') in the docstring"
    )
    not_packages = declared - set(_graph().packages())
    assert not not_packages, f"doorbraak.{package}: only package names in backticks: {not_packages}"
    real = _package_edges()[package]
    assert declared == real, (
        f"doorbraak.{package}: listed, not imported: {sorted(declared - real)}; "
        f"imported, not listed: {sorted(real - declared)}"
    )


@pytest.mark.parametrize("package", sorted(set(_graph().packages()) - {"cli"}))
def test_every_package_says_what_it_owns(package: str) -> None:
    assert "Owns" in _docstring(package)


@pytest.mark.parametrize("relative", PURE)
def test_pure_engines_import_no_django(relative: str) -> None:
    """Followed through project modules: a pure engine that imports a module that imports
    Django is not pure."""
    graph = _graph()
    found = [
        f"{' → '.join(graph.route(module, reached))} imports {sorted(django)}"
        for module in _modules(relative)
        for reached in graph.reach(module)
        if (django := graph.external[reached] & DJANGO)
    ]
    assert not found, "\n".join(found)


def _register_tables() -> set[str]:
    tables = {model._meta.db_table for model in apps.get_app_config("register").get_models()}
    assert tables, "the register has no tables?"
    return tables


def _register_table_literals() -> list[str]:
    names = "|".join(sorted(map(re.escape, _register_tables()), key=len, reverse=True))
    # a table's name, a name built on it (`register_signal_current`) or the bare prefix
    named = re.compile(rf"\b(?:{names})\w*|\bregister_$")
    found = []
    for module, path in _graph().modules.items():
        if package_of(module) == "register" or "migrations" in module.split("."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and (match := named.search(text)):
                found.append(f"{module}:{node.lineno} {match.group()!r}")
    return found


def test_only_the_register_names_its_tables() -> None:
    found = _register_table_literals()
    assert not found, "the register's table names written outside it:\n" + "\n".join(found)


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in REGISTRY if f"`{name}`" not in text]
    assert not missing, f"not in docs/configuration.md: {missing}"


def test_architecture_page_shows_the_graph_as_it_is() -> None:
    """docs/architecture.md holds the output of `doorbraak architecture` after its marker."""
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- doorbraak architecture -->\s*```text\n(.*?)```", text, re.DOTALL)
    assert block, "docs/architecture.md: no <!-- doorbraak architecture --> block"
    assert block.group(1) == text_render(_package_edges()), (
        "docs/architecture.md is out of date: paste the output of `doorbraak architecture`"
    )
