"""The plugin's import graph, read from the source (ast; nothing is imported), keeps the house's
one-way shape.

(a) layers/ is the bridge between QGIS and frames: it may use only the pure shared helpers the
    architecture places low, never an engine. The low helpers are:
      algorithms.cancel        the one cancel signal and checkpoint
      algorithms.projection    the metric working CRS rule
      algorithms.standards     preset loading (the planner's standards)
      algorithms.field_labels  the output fields' vocabulary (labels, kinds)
      algorithms.walking       the walking constants (speeds, snap distance)
      algorithms.report        the HTML report helpers
      algorithms.dependencies  which optional packages are installed
    plus the package algorithms/__init__.py itself (QGIS-free, no imports). Every import counts,
    module level or inside a function.
(b) No import cycle among the plugin's modules through module-level imports (the ones that run
    on import). Cycles that close only through a function-local import are listed by
    test_function_local_cycles_are_known: they cannot break an import, but each one is an arrow
    that runs back up.

The tree is walked, not listed, so the test keeps working while modules move.
"""

from __future__ import annotations

import ast
import os
import warnings
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "urbanization_planning"
SKIPPED = {"tests", "benchmarks", "scripts", "build", "resources", "docs", "i18n", ".venv", ".git", "__pycache__"}

LOW_HELPERS = {
    "algorithms",
    "algorithms.cancel",
    "algorithms.projection",
    "algorithms.standards",
    "algorithms.field_labels",
    "algorithms.walking",
    "algorithms.report",
    "algorithms.dependencies",
}

LAYERS_TO_ENGINE_ALLOWED: set[tuple[str, str]] = set()  # none: layers/ never imports an engine

# Cycles closed only through function-local imports, as sorted module lists (see the docstring).
KNOWN_FUNCTION_LOCAL_CYCLES: set[tuple[str, ...]] = set()


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)  # '' is the plugin package itself


def plugin_modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted name (without the package name) -> file, for every module of the plugin."""
    modules = {}
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED and not d.startswith("."))
        for file in sorted(files):
            if file.endswith(".py"):
                modules[module_name(Path(folder) / file, root)] = Path(folder) / file
    return modules


def _resolve(node: ast.ImportFrom | ast.Import, name: str, is_package: bool, modules) -> list[str]:
    """Plugin modules an import statement loads (the deepest existing module of each name)."""
    if isinstance(node, ast.Import):
        candidates = [alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE]
        candidates = [c.removeprefix(PACKAGE).lstrip(".") for c in candidates]
    else:
        if node.level == 0:
            if not node.module or node.module.split(".")[0] != PACKAGE:
                return []
            base = node.module.removeprefix(PACKAGE).lstrip(".")
        else:
            package = name.split(".") if name else []
            if not is_package:
                package = package[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, *(node.module.split(".") if node.module else [])])
        candidates = [f"{base}.{alias.name}".lstrip(".") for alias in node.names]
        candidates = [c if c in modules else base for c in candidates]
    found = []
    for candidate in candidates:
        parts = candidate.split(".") if candidate else []
        while parts and ".".join(parts) not in modules:
            parts.pop()
        found.append(".".join(parts))
    return found


class _Imports(ast.NodeVisitor):
    def __init__(self):
        self.module_level: list[ast.AST] = []
        self.local: list[ast.AST] = []
        self._depth = 0

    def _function(self, node):
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function  # noqa: N815

    def visit_Import(self, node):  # noqa: N802
        (self.local if self._depth else self.module_level).append(node)

    visit_ImportFrom = visit_Import  # noqa: N815


def import_graphs(root: Path = ROOT) -> tuple[nx.DiGraph, nx.DiGraph]:
    """(module-level imports, all imports); importing a.b.c also runs a and a.b."""
    modules = plugin_modules(root)
    module_level, everything = nx.DiGraph(), nx.DiGraph()
    for name, path in modules.items():
        module_level.add_node(name)
        everything.add_node(name)
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for graphs, nodes in (((module_level, everything), visitor.module_level), ((everything,), visitor.local)):
            for node in nodes:
                for target in _resolve(node, name, path.name == "__init__.py", modules):
                    parts = target.split(".") if target else []
                    for end in range(len(parts) + 1):  # the target and its parent packages
                        loaded = ".".join(parts[:end])
                        if loaded and loaded != name and loaded in modules and not name.startswith(f"{loaded}."):
                            for graph in graphs:
                                direct = end == len(parts) or graph.get_edge_data(name, loaded, {}).get("direct", False)
                                graph.add_edge(name, loaded, direct=direct)
    return module_level, everything


MODULE_LEVEL, EVERYTHING = import_graphs()


def test_the_graph_sees_the_plugin():
    assert {"plugin", "algorithms.base", "algorithms.report", "layers.vector"} <= set(EVERYTHING)
    assert MODULE_LEVEL.has_edge("layers.styling", "algorithms.field_labels")
    assert EVERYTHING.has_edge("", "plugin") and not MODULE_LEVEL.has_edge("", "plugin")  # in classFactory()


def test_layers_import_no_engine():
    arrows = {
        (source, target)
        for source, target, direct in EVERYTHING.edges(data="direct")
        if direct and source.startswith("layers.") and target.startswith("algorithms") and target not in LOW_HELPERS
    }
    assert arrows - LAYERS_TO_ENGINE_ALLOWED == set(), "layers/ imports an engine"
    for gone in sorted(LAYERS_TO_ENGINE_ALLOWED - arrows):
        warnings.warn(f"{gone} is gone: remove it from LAYERS_TO_ENGINE_ALLOWED", stacklevel=1)


def test_no_module_level_import_cycle():
    cycles = [sorted(cycle) for cycle in nx.simple_cycles(MODULE_LEVEL)]
    assert cycles == []


def test_function_local_cycles_are_known():
    """No new cycle; a listed one that is gone is reported as a warning (remove it from the list)."""
    cycles = {tuple(sorted(cycle)) for cycle in nx.simple_cycles(EVERYTHING)}
    assert cycles - KNOWN_FUNCTION_LOCAL_CYCLES == set(), "a new import cycle (through function-local imports)"
    for gone in sorted(KNOWN_FUNCTION_LOCAL_CYCLES - cycles):
        warnings.warn(f"import cycle {gone} is gone: remove it from KNOWN_FUNCTION_LOCAL_CYCLES", stacklevel=1)


def test_the_graph_sees_a_planted_cycle_and_an_engine_import(tmp_path):
    files = {
        "algorithms/__init__.py": "",
        "algorithms/zoning/__init__.py": "",
        "algorithms/zoning/a.py": "from . import b\n",
        "algorithms/zoning/b.py": "from .c import X\n",
        "algorithms/zoning/c.py": "from urbanization_planning.algorithms.zoning import a\nX = 1\n",
        "algorithms/zoning/d.py": "def f():\n    from .a import b\n",
        "layers/__init__.py": "",
        "layers/vector.py": "def f():\n    from ..algorithms.zoning import d\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    module_level, everything = import_graphs(tmp_path)
    cycle = ["algorithms.zoning.a", "algorithms.zoning.b", "algorithms.zoning.c"]
    assert [sorted(c) for c in nx.simple_cycles(module_level)] == [cycle]
    assert everything.has_edge("algorithms.zoning.d", "algorithms.zoning.a")
    assert not module_level.has_edge("algorithms.zoning.d", "algorithms.zoning.a")
    assert everything.edges["layers.vector", "algorithms.zoning.d"]["direct"]
