"""The architecture stays visible: pure engines import no Django, dependencies point one way,
every app says in its docstring what it owns, and every setting is documented."""

import ast
import importlib
from pathlib import Path

import pytest

from doorbraak.conf.env import REGISTRY

SRC = Path(__file__).resolve().parent.parent / "src" / "doorbraak"
DOCS = Path(__file__).resolve().parent.parent / "docs"

PURE = [
    "programme/definition",
    "core/periods.py",
    "core/disclosure_gate.py",
    "core/pseudonyms.py",
    "areas/cbs.py",
    "programme/plan_text.py",
    "programme/trajectory.py",
    "synth",
    "sources",
    "pseudonymise",
    "linkage/encoding.py",
    "linkage/model.py",
    "linkage/link.py",
    "linkage/households.py",
    "linkage/cli.py",
    "monitor/definitions",
    "monitor/compiler.py",
]
# app → apps it may import (besides itself and core), from DESIGN.md §5
ALLOWED = {
    "core": set(),
    "partners": set(),
    "areas": {"partners"},  # access checks in its views
    "programme": {"partners"},
    "register": {"areas", "partners"},
    "intake": {"areas", "partners", "register"},
    "linkage": {"partners", "intake", "register"},
    "monitor": {"programme", "partners", "areas"},  # views: access, area names; facts via SQL
    "api": {"monitor", "programme", "areas", "partners"},
    "opendata": {"monitor", "programme", "areas", "partners"},
    "web": {
        "partners",
        "programme",
        "areas",
        "register",
        "intake",
        "linkage",
        "monitor",
        "opendata",
    },
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _files(relative: str) -> list[Path]:
    path = SRC / relative
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


@pytest.mark.parametrize("relative", PURE)
def test_pure_engines_import_no_django(relative: str) -> None:
    for path in _files(relative):
        django = {name for name in _imports(path) if name.split(".")[0] == "django"}
        assert not django, f"{path} imports {django}"


@pytest.mark.parametrize("app", list(ALLOWED))
def test_apps_import_only_what_they_may(app: str) -> None:
    for path in (SRC / app).rglob("*.py"):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "doorbraak" and len(parts) > 1 and parts[1] in ALLOWED:
                assert parts[1] in ALLOWED[app] | {app, "core"}, f"{path} imports {name}"


@pytest.mark.parametrize("app", list(ALLOWED))
def test_every_app_says_what_it_owns_and_may_import(app: str) -> None:
    doc = importlib.import_module(f"doorbraak.{app}").__doc__ or ""
    assert "Owns" in doc
    assert "Import" in doc


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in REGISTRY if f"`{name}`" not in text]
    assert not missing, f"not in docs/configuration.md: {missing}"
