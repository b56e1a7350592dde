"""The package's shape stays what ARCHITECTURE.md says: layers whose imports point down, no cycles, no
private names borrowed across modules, no region named in code. Every import counts — at module level
and inside functions — except those under ``if TYPE_CHECKING:``, which never run."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parents[2] / "src" / "ratify"

# Lower numbers are lower layers. A module may import from its own layer and the ones below.
LAYERS = {"errors": 0, "extras": 0, "resources": 0, "model": 1, "store": 2, "query": 3, "untc": 4,
          "present": 5, "cli": 6}
# Conveniences on domain objects that open a door into the presentation (a notebook table, a DataFrame,
# a plot, a sentence): the only imports allowed to point up, and only inside these functions.
DOORS = frozenset({"_repr_html_", "__repr__", "__str__", "to_dataframe", "plot", "map", "text", "next_step", "describe"})


def _module_name(path: Path) -> str:
    parts = ["ratify", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in SRC.rglob("*.py")}


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:  # ratify itself: the lazy public API, above everything
        return 99
    return LAYERS.get(parts[1], 99 if parts[1] == "__main__" else 0)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(module: str) -> Iterator[tuple[str, tuple[str, ...], str | None, int]]:
    """(imported module, names, enclosing function or None, line) for every import that can run."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def walk(node: ast.AST, func: str | None) -> Iterator[tuple[str, tuple[str, ...], str | None, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    yield from walk(sub, func)
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, (), func, child.lineno
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    target = ".".join([*base, child.module] if child.module else base)
                else:
                    target = child.module or ""
                yield target, tuple(a.name for a in child.names), func, child.lineno
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else func
            yield from walk(child, inner)

    yield from walk(ast.parse(path.read_text(encoding="utf-8")), None)


def _edges() -> Iterator[tuple[str, str, tuple[str, ...], str | None, int]]:
    for module in MODULES:
        for target, names, func, line in _imports(module):
            if not (target == "ratify" or target.startswith("ratify.")):
                continue
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            for dest in submodules or [target]:
                yield module, dest, names, func, line


def test_every_import_resolves_to_a_module_of_the_package():
    unknown = [(m, d, line) for m, d, _n, _f, line in _edges() if d not in MODULES]
    assert unknown == []


def _is_door(module: str, dest: str, func: str | None) -> bool:
    """An import up into the presentation from inside one of the named conveniences."""
    return _layer(dest) > _layer(module) and func in DOORS


def test_the_import_graph_has_no_cycle():
    """No cycle among the imports that run, at module level or in functions. The doors are left out:
    they are the named conveniences through which a record shows itself (a sentence, a table, a
    DataFrame), imported when called; the test below keeps every other import pointing down."""
    graph = nx.DiGraph()
    for module, dest, _names, func, _line in _edges():
        if dest != "ratify" and module != dest and not _is_door(module, dest, func):
            graph.add_edge(module, dest)
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert cycles == []


def test_imports_point_down_except_through_doors():
    upward = [f"{m}:{line} → {d} (in {func or 'module'})" for m, d, _n, func, line in _edges()
              if d != "ratify" and _layer(d) > _layer(m) and not _is_door(m, d, func)]
    assert upward == []


def test_doors_open_only_into_the_presentation():
    doors = {(m, d) for m, d, _n, func, _line in _edges() if d != "ratify" and _is_door(m, d, func)}
    assert doors and all(d.startswith("ratify.present") for _m, d in doors)


def test_no_module_borrows_another_modules_private_names():
    borrowed = [f"{m}:{line} imports {n} from {d}" for m, d, names, _f, line in _edges()
                for n in names if n.startswith("_") and not n.startswith("__") and d != m]
    assert borrowed == []
