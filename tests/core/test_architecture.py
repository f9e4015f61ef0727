"""The import graph: how imports resolve, where they sit, cycles, layers and the command."""

import re
from pathlib import Path

import pytest

from doorbraak.core import architecture
from doorbraak.core.architecture import (
    FUNCTION,
    MODULE,
    TYPE_CHECKING,
    Import,
    cycles,
    graph_read,
    layers,
    main,
    text_render,
)

FILES = {
    "__init__.py": "",
    "core/__init__.py": "",
    "core/errors.py": "import os\n",
    "register/__init__.py": "",
    "register/models.py": "from django.db import models\nfrom doorbraak.core.errors import x\n",
    "register/schema.py": "from ..core import errors\n",
    "monitor/__init__.py": "",
    "monitor/compiler.py": (
        "from typing import TYPE_CHECKING\n"
        "from . import views\n"
        "if TYPE_CHECKING:\n"
        "    from doorbraak.register.models import Person\n"
        "def run():\n"
        "    import doorbraak.register.schema\n"
    ),
    "monitor/views.py": (
        "from doorbraak.register import schema, Thing\nimport doorbraak.nowhere\n"
        "from doorbraak.elsewhere import x\n"
    ),
    "monitor/.compiler.py.tmp.py": "import doorbraak.web\n",
}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = tmp_path / "doorbraak"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_imports_resolve_to_project_modules_wherever_they_sit(source: Path) -> None:
    graph = graph_read(source)
    compiler = {i for i in graph.imports if i.source == "doorbraak.monitor.compiler"}
    assert compiler == {
        Import("doorbraak.monitor.compiler", "doorbraak.monitor.views", 2, MODULE),
        Import("doorbraak.monitor.compiler", "doorbraak.register.models", 4, TYPE_CHECKING),
        Import("doorbraak.monitor.compiler", "doorbraak.register.schema", 6, FUNCTION),
    }


def test_from_import_names_a_submodule_or_an_attribute(source: Path) -> None:
    graph = graph_read(source)
    assert graph.module_edges()["doorbraak.monitor.views"] == {
        "doorbraak.register.schema",
        "doorbraak.register",
    }
    assert graph.module_edges()["doorbraak.register.schema"] == {"doorbraak.core.errors"}


def test_a_missing_project_module_is_reported_and_files_that_are_no_module_are_skipped(
    source: Path,
) -> None:
    graph = graph_read(source)
    assert graph.unresolved == [
        ("doorbraak.monitor.views", 2, "doorbraak.nowhere"),
        ("doorbraak.monitor.views", 3, "doorbraak.elsewhere"),
    ]
    assert "web" not in graph.packages()


def test_package_edges_and_reach_follow_project_modules(source: Path) -> None:
    graph = graph_read(source)
    assert graph.package_edges() == {"core": set(), "monitor": {"register"}, "register": {"core"}}
    assert graph.external["doorbraak.register.models"] == {"django"}
    assert graph.route("doorbraak.monitor.views", "doorbraak.core.errors") == [
        "doorbraak.monitor.views",
        "doorbraak.register.schema",
        "doorbraak.core.errors",
    ]


def test_cycles_and_layers() -> None:
    edges = {"a": set(), "b": {"a", "c"}, "c": {"b"}, "d": {"c"}}
    assert cycles(edges) == [["b", "c"]]
    assert layers(edges) == {"a": 0, "b": 1, "c": 1, "d": 2}


def test_text_shows_layers_bottom_up_and_names_cycles() -> None:
    edges = {"a": set(), "b": {"a", "c"}, "c": {"b"}, "d": {"c", "a"}}
    assert text_render(edges) == "a\n\nb  → a, c\nc  → b\n\nd  → a, c\nkring: b ⇄ c\n"


def test_command_prints_the_package_graph(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "core" in out.splitlines()
    assert re.search(r"^partners +→ core$", out, re.MULTILINE)


def test_command_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    assert "gebruik: doorbraak architecture" in capsys.readouterr().out


def test_command_names_a_file_it_cannot_parse(
    source: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (source / "core" / "errors.py").write_text("def (:\n", encoding="utf-8")
    monkeypatch.setattr(architecture, "SOURCE", source)
    assert main([]) == 1
    assert capsys.readouterr().err.startswith(f"Kan {source / 'core' / 'errors.py'} niet lezen")


def test_doorbraak_architecture_runs_without_a_database(capsys: pytest.CaptureFixture[str]) -> None:
    from doorbraak.cli import main as doorbraak

    assert doorbraak(["architecture", "--mermaid"]) == 0
    assert capsys.readouterr().out.startswith("flowchart BT\n")
