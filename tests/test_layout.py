"""The package's shape: every module imports, no import cycle, no private name crosses a module, none over 400 lines.

Read from the source with ``ast`` (what each module imports, at the top and inside
functions; ``if TYPE_CHECKING:`` blocks are annotations, not imports), so a cycle
made by a lazy import inside a function is caught too.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "auditor"
MAX_LINES = 400
GENERATED = {"auditor.licences._spdx_names"}  # written by auditor/licences/build.py; "Do not edit"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of import nodes under ``if TYPE_CHECKING:``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for child in ast.walk(node)}
    return skipped


def imports(name: str) -> set[str]:
    """The auditor modules ``name`` imports; ``from pkg import sub`` counts as importing ``pkg.sub``."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    skipped = type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in MODULES:
            subs = {f"{node.module}.{alias.name}" for alias in node.names} & MODULES.keys()
            names_only = [alias for alias in node.names if f"{node.module}.{alias.name}" not in MODULES]
            found |= subs | ({node.module} if names_only else set())
    return found - {name}


def cycle_from(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a path, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in sorted(graph):
        if root in state:
            continue
        path, stack = [root], [iter(sorted(graph[root]))]
        state[root] = 1
        while stack:
            child = next(stack[-1], None)
            if child is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(child) == 1:
                return path[path.index(child):] + [child]
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append(iter(sorted(graph[child])))
    return None


def test_the_import_graph_has_no_cycle() -> None:
    graph = {name: imports(name) for name in MODULES}
    assert cycle_from(graph) is None, " -> ".join(cycle_from(graph) or [])


def test_the_cycle_check_can_fail() -> None:
    assert cycle_from({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_from({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("name", sorted(set(MODULES) - {"auditor.__main__"}))  # __main__ runs the CLI
def test_every_module_imports(name: str) -> None:
    importlib.import_module(name)


def test_no_private_name_is_imported_from_another_module() -> None:
    crossings = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("auditor"):
                crossings += [f"{name}: {node.module}.{a.name}" for a in node.names
                              if a.name.startswith("_") and not a.name.startswith("__")]
                private_module = [part for part in node.module.split(".") if part.startswith("_")]
                if private_module and node.module.rsplit(".", 1)[0] != name.rsplit(".", 1)[0]:
                    crossings.append(f"{name}: imports private module {node.module} from outside its package")
    assert crossings == []


def test_no_hand_written_module_is_over_400_lines() -> None:
    long = {name: n for name, path in MODULES.items()
            if name not in GENERATED and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
