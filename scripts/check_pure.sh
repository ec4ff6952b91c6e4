#!/usr/bin/env bash
# The one rule: modules under algorithms/ are pure. They never import QGIS, Qt or Processing, nor the
# plugin's QGIS side (layers/, ui/, translation, plugin), wherever the import stands (module level or in
# a function) and whatever the file is named. Only the doors listed below may: the provider, the base
# class and each domain's door. Prints the offenders and fails.
# PURE_ROOT=<folder> checks another copy of the plugin tree (tests/unit/test_check_pure.py plants
# offenders in one).
set -euo pipefail
cd "${PURE_ROOT:-$(dirname "$0")/..}"

# Domains with a door: algorithms/<domain>/processing/ (one module per algorithm; network's holds the
# walking-network parameter group the walking doors compose).
DOOR_DOMAINS=(coordinates drainage greenspace healthcheck mapping network terrain transit zoning)
DOORS=(algorithms/provider.py algorithms/base.py)
for domain in "${DOOR_DOMAINS[@]}"; do
  DOORS+=("algorithms/$domain/processing/")
done

"${PYTHON:-python3}" - "${DOORS[@]}" <<'PY'
"""Walk algorithms/, parse each module (nothing is imported) and list the forbidden imports outside
the doors given as arguments (a path ending in / is a folder: every module under it is a door)."""
import ast
import sys
from pathlib import Path

doors = sys.argv[1:]
QT_SIDE = {"qgis", "PyQt4", "PyQt5", "PyQt6", "sip", "processing"}  # absolute top-level packages
PLUGIN_QGIS_SIDE = {"layers", "ui", "translation", "plugin"}  # the plugin's own QGIS-facing parts
PACKAGE = "urbanization_planning"


def is_door(path: str) -> bool:
    return any(path.startswith(door) if door.endswith("/") else path == door for door in doors)


def targets(node: ast.AST, package: list[str]):
    """Absolute dotted names an import statement reaches (the plugin root is ''), as lists of parts."""
    if isinstance(node, ast.Import):
        return [alias.name.split(".") for alias in node.names]
    module = node.module.split(".") if node.module else []
    if node.level == 0:
        return [module]
    base = package[: len(package) - (node.level - 1)] if node.level - 1 <= len(package) else ["<outside>"]
    return [[*base, *module, alias.name] for alias in node.names]


def forbidden(parts: list[str], relative: bool) -> bool:
    """QGIS/Qt/Processing, the plugin's QGIS side, or a door (which imports QGIS in turn)."""
    if parts and parts[0] == PACKAGE:
        parts, relative = parts[1:], True
    if not parts:
        return False
    if not relative:
        return parts[0] in QT_SIDE
    prefixes = ("/".join(parts[:end]) for end in range(1, len(parts) + 1))
    return parts[0] in PLUGIN_QGIS_SIDE or any(is_door(f"{p}.py") or is_door(f"{p}/") for p in prefixes)


leaks = []
for path in sorted(Path("algorithms").rglob("*.py")):
    name = path.as_posix()
    if "__pycache__" in path.parts or is_door(name):
        continue
    source = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(source, filename=name)
    except SyntaxError as error:
        leaks.append(f"{name}:{error.lineno}: cannot parse ({error.msg})")
        continue
    package = list(path.parent.parts)
    lines = source.splitlines()
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        relative = isinstance(node, ast.ImportFrom) and node.level > 0
        if any(forbidden(parts, relative) for parts in targets(node, package)):
            leaks.append(f"{name}:{node.lineno}: {lines[node.lineno - 1].strip()}")
if leaks:
    print("Pure modules must not import QGIS/Qt/Processing or layers/ui/translation/plugin:")
    print("\n".join(leaks))
    sys.exit(1)
print("ok")
PY
