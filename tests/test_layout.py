"""The package's layout: each subpackage imports only from the layers below it, and no import cycle.

The layers, lowest first, are ``LAYERS``; the top-level modules other than ``__init__`` are the
documented commands (``python -m sentiment.train`` ...) and sit above every layer. Imports are read
from the source with ``ast``, inside functions too, so a deferred import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sentiment"
LAYERS = (
    "core",
    "data",
    "decision",
    "behaviour",
    "training",
    "teaching",
    "batch",
    "page",
    "benchmarks",
    "su2015",
)
COMMANDS = "commands"  # sentiment/<command>.py: thin entry points


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports (``from pkg import module`` names the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found |= {base}
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {m for m in found if m in known and m != name}  # names that are not modules drop out


def layer(name: str) -> str:
    parts = name.split(".")
    if len(parts) == 1:
        return "core"  # sentiment/__init__.py re-exports the core's Predictor and load_predictor
    return parts[1] if parts[1] in LAYERS else COMMANDS


def rank(name: str) -> int:
    return len(LAYERS) if layer(name) == COMMANDS else LAYERS.index(layer(name))


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, set(known)) for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, or a module importing itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_belongs_to_a_layer_or_is_a_command() -> None:
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert subpackages <= set(LAYERS)
    commands = {name for name in modules() if layer(name) == COMMANDS}
    documented = ("train", "evaluate", "calibrate", "bench", "ceiling", "reproduce", "analogy", "score")
    assert commands == {f"sentiment.{command}" for command in documented}


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    upward = [(a, b) for a, targets in graph().items() for b in targets if rank(b) > rank(a)]
    assert upward == []


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_the_package_never_reaches_the_page_layer() -> None:
    """Nothing under sentiment/ imports streamlit or views/, or runs a view as a subprocess."""
    for name, path in modules().items():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {m for m in names if m.split(".")[0] in ("streamlit", "views")}, name
        assert '"views.' not in source and "'views." not in source, name


def test_no_module_imports_another_modules_private_names() -> None:
    private = [
        (name, node.module, alias.name)
        for name, path in modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_") and node.module != "__future__"
    ]
    assert private == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(edges, expected) -> None:
    assert cycles(edges) == expected


def test_the_layer_check_sees_an_upward_import(tmp_path) -> None:
    """The check reads relative and absolute imports alike: a core module importing the page layer
    would be caught."""
    source = tmp_path / "x.py"
    source.write_text("from ..page import charts\nfrom sentiment.page.markup import plotly_text\n")
    known = {"sentiment.page.charts", "sentiment.page.markup", "sentiment.core.x"}
    found = imported("sentiment.core.x", source, known)
    assert found == {"sentiment.page.charts", "sentiment.page.markup"}
    assert all(rank(b) > rank("sentiment.core.x") for b in found)
