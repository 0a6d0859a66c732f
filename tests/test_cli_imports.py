"""The CLI package's import graph is a tree: command modules import ``common`` (and library code), never
each other or the package ``__init__``, so a new command family cannot bring back an import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

CLI = Path(__file__).resolve().parents[1] / "src" / "duixian" / "cli"
PACKAGE = "duixian.cli"


def _module(path: Path) -> str:
    return PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of the CLI package that ``path`` imports (at any depth of its code)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = PACKAGE if node.level == 1 else PACKAGE.rsplit(".", node.level - 1)[0]
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            # ``from duixian.cli import read`` imports the submodule ``read``, not only the package
            names = [mod, *(f"{mod}.{a.name}" for a in node.names)]
        else:
            continue
        # ``duixian.cli.common`` runs the package __init__ first, but as a parent already being imported, which
        # is no cycle; naming the package itself (``from duixian.cli import app``) is an edge to __init__
        found.update(name for name in names if name in modules)
    return found


def graph() -> dict[str, set[str]]:
    files = sorted(CLI.glob("*.py"))
    modules = {_module(p) for p in files}
    return {_module(p): _imports(p, modules) - {_module(p)} for p in files}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for n in sorted(edges.get(m, ())):
            if state.get(n) == 1:
                return [*path[path.index(n):], n]
            if n not in state and (cycle := visit(n)):
                return cycle
        path.pop()
        state[m] = 2
        return None

    for m in sorted(edges):
        if m not in state and (cycle := visit(m)):
            return cycle
    return None


def test_find_cycle_sees_a_cycle() -> None:
    # the checker itself: a cycle through three modules and a self-contained tree
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_cli_package_has_no_import_cycle() -> None:
    edges = graph()
    assert f"{PACKAGE}.common" in edges and len(edges) >= 6, edges  # the package was found and parsed
    assert find_cycle(edges) is None, f"import cycle: {' -> '.join(find_cycle(edges) or [])}"


def test_command_modules_import_only_common() -> None:
    edges = graph()
    common = f"{PACKAGE}.common"
    assert edges[common] == set(), f"common imports {edges[common]}: it must be the root"
    for mod, deps in edges.items():
        if mod not in (PACKAGE, common):
            assert deps <= {common}, f"{mod} imports {sorted(deps - {common})}; share code through common.py"
