"""Facts below, words above: model/, store/ and query/ hold no sentences and reach present/ only through doors."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from test_layers import DOORS  # the one list of doors (tests/architecture is on the path of its tests)

import ratify

SRC = Path(ratify.__file__).resolve().parent
DOMAIN = ("model", "store", "query")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _modules() -> list[Path]:
    return [p for layer in DOMAIN for p in sorted((SRC / layer).rglob("*.py"))]


def _present_imports(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("ratify.present", "ratify.cli")):
            found.append((node, node.module or ""))
        elif isinstance(node, ast.Import):
            found += [(node, a.name) for a in node.names if a.name.startswith(("ratify.present", "ratify.cli"))]
    return found


def test_the_domain_imports_present_only_inside_its_doors():
    wrong = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        doors = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name in DOORS
                 for n in ast.walk(f)}
        wrong += [f"{path.relative_to(SRC)}:{node.lineno} {name}" for node, name in _present_imports(tree)
                  if id(node) not in doors and not _type_checking_only(tree, node)]
    assert not wrong, wrong


def _type_checking_only(tree: ast.AST, node: ast.AST) -> bool:
    return any(isinstance(n, ast.If) and isinstance(n.test, ast.Name) and n.test.id == "TYPE_CHECKING"
               and any(node is m for m in ast.walk(n)) for n in ast.walk(tree))


def test_the_domain_writes_no_russian():
    """Russian words live in the catalogue and the data; a Cyrillic string in the domain's code would be prose."""
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        found += [f"{path.relative_to(SRC)}:{n.lineno}" for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
                  and CYRILLIC.search(n.value)]
    assert not found, found


def test_a_gap_is_facts(cat: ratify.Catalog):
    g = cat.gaps("UZB")[0]
    strings = [name for name, value in ((a.name, getattr(g, a.name)) for a in g.__attrs_attrs__)
               if isinstance(value, str)]
    assert strings == ["state"]  # the only text on a gap is the state's code
