"""The project's import graph, read from the code as it is (pure: no Django, nothing imported).

`graph_read()` parses every module under `src/doorbraak` with `ast` and resolves each import
to the project module it names: absolute and relative imports, and `from x import y` where `y`
may be a submodule. Every import counts: at module level, inside functions (they run when
called) and under `if TYPE_CHECKING:` (a type names a dependency as much as a call does). What
Django or importlib load from a string (`INSTALLED_APPS`, `include("...")`, the console
command's table of standalone commands) is not an import and is not in the graph.

The graph has two granularities: module → module, and package → package, where a package is
a first-level name under `doorbraak` (`core`, `register`, ..., and the `cli` module).
`doorbraak architecture` prints the package graph (text, `--mermaid` or `--dot`);
`tests/test_architecture.py` checks the same graph and that docs/architecture.md shows it.
"""

import ast
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path

from doorbraak.core.cli_args import DutchArgumentParser

ROOT = "doorbraak"
SOURCE = Path(__file__).resolve().parent.parent  # src/doorbraak

MODULE, FUNCTION, TYPE_CHECKING = "module", "function", "type_checking"
EXIT_UNREADABLE = 1


@dataclass(frozen=True)
class Import:
    """One import statement's edge: `source` imports the project module `target`."""

    source: str
    target: str
    line: int
    where: str  # MODULE, FUNCTION or TYPE_CHECKING


@dataclass
class Graph:
    """Every project module, its imports of project modules, and what else it imports."""

    modules: dict[str, Path]
    imports: list[Import] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=dict)  # module → top-level names
    unresolved: list[tuple[str, int, str]] = field(default_factory=list)  # module, line, name

    def packages(self) -> list[str]:
        return sorted({package_of(name) for name in self.modules} - {ROOT})

    def module_edges(self) -> dict[str, set[str]]:
        edges: dict[str, set[str]] = {name: set() for name in self.modules}
        for edge in self.imports:
            if edge.target != edge.source:
                edges[edge.source].add(edge.target)
        return edges

    def package_edges(self) -> dict[str, set[str]]:
        """Package → the other packages its modules import directly."""
        edges: dict[str, set[str]] = {package: set() for package in self.packages()}
        for edge in self.crossing():
            edges.setdefault(package_of(edge.source), set()).add(package_of(edge.target))
        return edges

    def crossing(self) -> list[Import]:
        """The imports from a module of one package to a module of another."""
        return [i for i in self.imports if package_of(i.source) != package_of(i.target)]

    def reach(self, module: str) -> dict[str, str | None]:
        """Every project module that importing `module` may run (its packages' `__init__`, its
        imports, theirs, and so on), each with the module that brings it in."""
        edges = self.module_edges()
        seen: dict[str, str | None] = {}
        todo: deque[tuple[str, str | None]] = deque([(module, None)])
        while todo:
            name, by = todo.popleft()
            for found in (*_ancestors(name), name):
                if found in self.modules and found not in seen:
                    seen[found] = by
                    todo.extend((target, found) for target in sorted(edges[found]))
        return seen

    def route(self, source: str, target: str) -> list[str]:
        """The chain of imports by which importing `source` runs `target` (empty if none)."""
        by = self.reach(source)
        chain = [target] if target in by else []
        while chain and (before := by[chain[-1]]) is not None:
            chain.append(before)
        return chain[::-1]


def package_of(module: str) -> str:
    """`doorbraak.register.models` → `register`; the root module is its own."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def modules_find(source: Path = SOURCE) -> dict[str, Path]:
    """Dotted module name → file, for every `.py` file under the package."""
    found = {}
    for path in sorted(source.rglob("*.py")):
        parts = path.relative_to(source.parent).with_suffix("").parts
        if not all(part.isidentifier() for part in parts):
            continue  # an editor's backup or a data folder, not a module
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def graph_read(source: Path = SOURCE) -> Graph:
    """The import graph of the code under `source` as it is on disk now."""
    graph = Graph(modules_find(source))
    for module, path in graph.modules.items():
        graph.external[module] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node, where in _import_nodes(tree, MODULE):
            for name, line in _names(node, package):
                _record(graph, module, name, line, where)
    return graph


def _import_nodes(node: ast.AST, where: str) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    """Every import under `node` with where it sits (module level, function, TYPE_CHECKING)."""
    for child in ast.iter_child_nodes(node):
        yield from _import_node(child, where)


def _import_node(node: ast.AST, where: str) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node, where
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        yield from _import_nodes(node, TYPE_CHECKING if where == TYPE_CHECKING else FUNCTION)
    elif isinstance(node, ast.If) and _is_type_checking(node.test):
        for statement in node.body:
            yield from _import_node(statement, TYPE_CHECKING)
        for statement in node.orelse:
            yield from _import_node(statement, where)
    else:
        yield from _import_nodes(node, where)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _names(node: ast.Import | ast.ImportFrom, package: str) -> Iterator[tuple[list[str], int]]:
    """The candidates each imported name may be, most specific first."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield [alias.name], node.lineno
        return
    base = node.module or ""
    if node.level:
        parts = package.split(".")
        anchor = ".".join(parts[: len(parts) - node.level + 1])
        base = f"{anchor}.{base}" if base else anchor
    for alias in node.names:
        yield ([f"{base}.{alias.name}"] if alias.name != "*" else []) + [base], node.lineno


def _record(graph: Graph, module: str, candidates: list[str], line: int, where: str) -> None:
    top = candidates[-1].split(".")[0]
    if top != ROOT:
        graph.external[module].add(top)
        return
    target = next((name for name in candidates if name in graph.modules), None)
    if target is None:
        graph.unresolved.append((module, line, candidates[-1]))
    else:
        graph.imports.append(Import(module, target, line, where))


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:  # recursion as deep as the longest import chain
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            members = []
            while (member := stack.pop()) != node:
                members.append(member)
            if members:
                found.append(sorted([node, *members]))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def layers(edges: dict[str, set[str]]) -> dict[str, int]:
    """Each node's layer: 0 imports nothing, otherwise one above the highest it imports.
    The members of a cycle share a layer (one above what the cycle imports)."""
    together = {node: {node} for node in edges}
    for members in cycles(edges):
        for node in members:
            together[node] = set(members)
    layer: dict[str, int] = {}

    def of(node: str) -> int:
        if node not in layer:
            below = {t for m in together[node] for t in edges[m]} - together[node]
            layer.update(dict.fromkeys(together[node], 1 + max(map(of, below), default=-1)))
        return layer[node]

    for node in edges:
        of(node)
    return layer


def text_render(edges: dict[str, set[str]]) -> str:
    """The package graph bottom-up, one layer per block: `package → what it imports`."""
    layer = layers(edges)
    order = sorted(edges, key=lambda node: (layer[node], node))
    width = max(map(len, order), default=0)
    lines: list[str] = []
    for before, node in zip([None, *order], order, strict=False):
        if before is not None and layer[before] != layer[node]:
            lines.append("")
        targets = sorted(edges[node], key=order.index)
        lines.append(f"{node:<{width}}  → {', '.join(targets)}" if targets else node)
    lines = [line.rstrip() for line in lines]
    lines += [_("kring: %s") % " ⇄ ".join(members) for members in cycles(edges)]
    return "\n".join(lines) + "\n"


def mermaid_render(edges: dict[str, set[str]]) -> str:
    lines = ["flowchart BT"]
    lines += [f"    {node} --> {target}" for node, target in _pairs(edges)]
    lines += [f"    {node}" for node in sorted(edges) if not edges[node] and not _used(edges, node)]
    return "\n".join(lines) + "\n"


def dot_render(edges: dict[str, set[str]]) -> str:
    lines = ["digraph doorbraak {", "    rankdir=BT;"]
    lines += [f'    "{node}";' for node in sorted(edges)]
    lines += [f'    "{node}" -> "{target}";' for node, target in _pairs(edges)]
    return "\n".join([*lines, "}"]) + "\n"


def _pairs(edges: dict[str, set[str]]) -> Iterable[tuple[str, str]]:
    return sorted((node, target) for node, targets in edges.items() for target in targets)


def _used(edges: dict[str, set[str]], node: str) -> bool:
    return any(node in targets for targets in edges.values())


def modules_render(graph: Graph) -> str:
    """Every import that crosses from one package into another, one per line."""
    where = {MODULE: "", FUNCTION: _(" (in een functie)"), TYPE_CHECKING: _(" (TYPE_CHECKING)")}
    edges = sorted(graph.crossing(), key=lambda i: (i.source, i.line, i.target))
    lines = dict.fromkeys(f"{i.source}:{i.line} → {i.target}{where[i.where]}" for i in edges)
    return "".join(f"{line}\n" for line in lines)


def main(argv: list[str]) -> int:
    parser = DutchArgumentParser(
        prog="doorbraak architecture",
        description=_(
            "Toon welke pakketten van doorbraak welke andere importeren, gelezen uit de code "
            "zoals die nu is (ook imports in functies en onder TYPE_CHECKING)."
        ),
    )
    form = parser.add_mutually_exclusive_group()
    form.add_argument("--mermaid", action="store_true", help=_("als Mermaid-diagram"))
    form.add_argument("--dot", action="store_true", help=_("als Graphviz-diagram (dot)"))
    form.add_argument(
        "--modules",
        action="store_true",
        help=_("elke import van een module in een ander pakket, met regelnummer"),
    )
    args = parser.parse_args(argv)
    try:
        graph = graph_read(SOURCE)
    except SyntaxError as error:
        message = _("Kan %(file)s niet lezen (regel %(line)s: %(error)s).")
        print(
            message % {"file": error.filename, "line": error.lineno, "error": error.msg},
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    if args.modules:
        sys.stdout.write(modules_render(graph))
    elif args.mermaid:
        sys.stdout.write(mermaid_render(graph.package_edges()))
    elif args.dot:
        sys.stdout.write(dot_render(graph.package_edges()))
    else:
        sys.stdout.write(text_render(graph.package_edges()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
