"""Find, and with --fix rewrite, code that is not clean for QGIS 3.40 / Qt6 while staying valid on
QGIS 3.22. Idempotent: run it again after merging others' work.

    source scripts/env.sh && .venv/bin/python scripts/qt6_clean.py          # list violations
    source scripts/env.sh && .venv/bin/python scripts/qt6_clean.py --fix    # rewrite what it can

What it checks (tests/qgis/test_qt6_clean.py runs the same check on every QGIS the suite runs on):
- Unscoped enum values of QGIS and Qt classes (`QgsProcessing.TypeVectorPoint`, `Qt.AlignLeft`,
  `Qgis.Warning`): rewritten to the scoped form `Class.Enum.Value`, which QGIS 3.22, QGIS 3.40 (its
  promoted enums keep the old names as aliases on the new type) and PyQt6 all accept. The enum is
  found by introspection of the QGIS this runs on, so the table never goes stale.
- QVariant type constants (`QVariant.String`): PyQt6 has none and QGIS >= 3.38 wants QMetaType.
  Rewritten to `FieldType.String` from `layers/compat.py`, the one module that knows which to use.
- PyQt5-only spellings: `exec_()` (PyQt6 has only `exec()`), imports from `PyQt5` (use
  `qgis.PyQt`), QRegExp and QDesktopWidget (gone in Qt6), QAction from QtWidgets (QtGui in Qt6:
  import it from `layers/compat.py`). `exec_` is rewritten; the others are listed with their fix.
"""

from __future__ import annotations

import argparse
import ast
import enum
import importlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {".venv", "build", ".git", "__pycache__", "demo_output", ".hypothesis", ".ruff_cache"}
COMPAT = "layers/compat.py"  # the one module allowed to name version-specific API
QT_MODULES = (
    "qgis.core",
    "qgis.gui",
    "qgis.analysis",
    "qgis.PyQt.QtCore",
    "qgis.PyQt.QtGui",
    "qgis.PyQt.QtWidgets",
    "qgis.PyQt.QtXml",
    "qgis.PyQt.QtSvg",
    "qgis.PyQt.QtNetwork",
)
FIELD_TYPE_NAMES = {
    "Bool",
    "Int",
    "UInt",
    "LongLong",
    "ULongLong",
    "Double",
    "String",
    "Date",
    "DateTime",
    "Time",
    "ByteArray",
    "StringList",
    "List",
    "Map",
    "Invalid",
    "Char",
}
REMOVED_IN_QT6 = {
    "QRegExp": "use QRegularExpression",
    "QDesktopWidget": "use QScreen (QApplication.primaryScreen())",
}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    col: int
    text: str
    fix: str
    fixable: bool

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col + 1}: {self.text} -> {self.fix}"


def python_files(root: Path = ROOT) -> list[Path]:
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        files.extend(Path(folder) / n for n in sorted(names) if n.endswith(".py"))
    return files


def _is_enum_value(value) -> bool:
    """An enum member (sip enum of PyQt5/QGIS 3.22, or Python enum of PyQt6 and QGIS's scoped enums)."""
    if isinstance(value, type):
        return False
    if isinstance(value, enum.Enum):
        return True
    return type(type(value)).__name__ == "enumtype"  # sip's metaclass for PyQt5 enums


def scoped_name(owner, member: str) -> str | None:
    """`Enum.member` under which `owner.member` is also reachable, e.g. `SourceType.TypeVectorPoint`
    for QgsProcessing: the enum's own name first, else any enum type of `owner` that has `member`."""
    value = getattr(owner, member)
    candidates = [type(value).__name__] + sorted(dir(owner))
    for name in candidates:
        enum_type = getattr(owner, name, None)
        if not isinstance(enum_type, type) or enum_type is owner:
            continue
        try:
            if getattr(enum_type, member, None) == value and _is_enum_value(getattr(enum_type, member)):
                return f"{name}.{member}"
        except Exception:  # noqa: BLE001 (comparisons of foreign enum types may raise)
            continue
    return None


def _qgis_enum_name(value) -> str:
    """The fix for a value whose enum moved to the Qgis namespace but whose old class has no
    scoped alias (e.g. QgsRenderContext.TextFormatAlwaysText -> Qgis.TextRenderFormat.AlwaysText)."""
    from qgis.core import Qgis

    type_name = type(value).__name__
    if isinstance(value, enum.Enum) and getattr(Qgis, type_name, None) is type(value):
        return f"Qgis.{type_name}.{value.name} (import Qgis from qgis.core)"
    return "no scoped form found: add one to layers/compat.py"


def _imported_names(tree: ast.AST) -> dict[str, object]:
    """Local name -> QGIS/Qt class for `from qgis.xxx import Name` (aliases too)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in QT_MODULES:
            module = importlib.import_module(node.module)
            for alias in node.names:
                obj = getattr(module, alias.name, None)
                if isinstance(obj, type):
                    names[alias.asname or alias.name] = obj
    return names


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def check_file(path: Path) -> list[Violation]:
    rel = _relative(path)
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    found: list[Violation] = []
    if rel == COMPAT or rel == "scripts/qt6_clean.py":
        return found
    classes = _imported_names(tree)
    lines = source.splitlines()
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "PyQt5":
            found.append(
                Violation(
                    rel,
                    node.lineno,
                    node.col_offset,
                    f"from {node.module} import ...",
                    f"from qgis.{node.module.replace('PyQt5', 'PyQt', 1)} import ...",
                    True,
                )
            )
        if isinstance(node, ast.ImportFrom) and node.module == "qgis.PyQt.QtWidgets":
            if any(a.name == "QAction" for a in node.names):
                found.append(
                    Violation(
                        rel,
                        node.lineno,
                        node.col_offset,
                        "QAction from qgis.PyQt.QtWidgets",
                        "import QAction from layers/compat.py (QtGui in Qt6)",
                        False,
                    )
                )
        if isinstance(node, ast.Name) and node.id in REMOVED_IN_QT6:
            found.append(Violation(rel, node.lineno, node.col_offset, node.id, REMOVED_IN_QT6[node.id], False))
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr == "exec_" and isinstance(parents.get(node), ast.Call):
            found.append(Violation(rel, node.lineno, node.col_offset, "exec_()", "exec()", True))
            continue
        if not isinstance(node.value, ast.Name):
            continue
        owner_name, member = node.value.id, node.attr
        if owner_name == "QVariant" and member in FIELD_TYPE_NAMES:
            found.append(
                Violation(
                    rel,
                    node.lineno,
                    node.col_offset,
                    f"QVariant.{member}",
                    f"FieldType.{member} (layers/compat.py)",
                    True,
                )
            )
            continue
        owner = classes.get(owner_name)
        if owner is None or not hasattr(owner, member):
            continue
        if isinstance(parents.get(node), ast.Attribute):
            pass  # `Owner.member.x`: member used as a namespace (an enum type or nested class)
        if not _is_enum_value(getattr(owner, member)):
            continue
        scoped = scoped_name(owner, member)
        fix = f"{owner_name}.{scoped}" if scoped else _qgis_enum_name(getattr(owner, member))
        found.append(Violation(rel, node.lineno, node.col_offset, f"{owner_name}.{member}", fix, scoped is not None))
    # ast counts columns in UTF-8 bytes; the fixer edits characters
    return [
        Violation(
            v.path,
            v.line,
            len(lines[v.line - 1].encode("utf-8")[: v.col].decode("utf-8", "replace")),
            v.text,
            v.fix,
            v.fixable,
        )
        for v in found
    ]


def check(paths: list[Path] | None = None) -> list[Violation]:
    violations = []
    for path in paths or python_files():
        violations.extend(check_file(path))
    return violations


def scoped_chains_that_do_not_resolve(paths: list[Path] | None = None) -> list[str]:
    """`Class.Enum.Value` chains in the code that this QGIS cannot resolve (a form valid on one
    version only): run on every version the suite runs on."""
    bad = []
    for path in paths or python_files():
        rel = _relative(path)
        if rel == COMPAT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = _imported_names(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Attribute)
                and isinstance(node.value.value, ast.Name)
                and node.value.value.id in classes
            ):
                owner = classes[node.value.value.id]
                enum_type = getattr(owner, node.value.attr, None)
                if isinstance(enum_type, type) and not hasattr(enum_type, node.attr):
                    if node.value.attr[:1].isupper() and not node.attr.startswith("_"):
                        bad.append(f"{rel}:{node.lineno}: {node.value.value.id}.{node.value.attr}.{node.attr}")
    return bad


def _compat_import(path: Path) -> str:
    """How `path` imports FieldType: relatively inside the plugin, by package name elsewhere."""
    rel = path.relative_to(ROOT)
    if rel.parts[0] in {"tests", "benchmarks", "scripts"}:
        return "from urbanization_planning.layers.compat import FieldType"
    dots = "." * len(rel.parts)
    if rel.parts[0] == "layers":
        return f"from {'.' * (len(rel.parts) - 1)}compat import FieldType"
    return f"from {dots}layers.compat import FieldType"


def fix_file(path: Path) -> int:
    violations = [v for v in check_file(path) if v.fixable]
    if not violations:
        return 0
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # right to left within a line, so earlier columns stay valid
    for v in sorted(violations, key=lambda v: (v.line, -v.col)):
        line = lines[v.line - 1]
        if v.text == "exec_()":
            lines[v.line - 1] = re.sub(r"\bexec_\(", "exec(", line)
        elif v.text.startswith("from PyQt5"):
            lines[v.line - 1] = line.replace("from PyQt5", "from qgis.PyQt", 1)
        elif v.text.startswith("QVariant."):
            member = v.text.split(".", 1)[1]
            lines[v.line - 1] = line[: v.col] + f"FieldType.{member}" + line[v.col + len(v.text) :]
        else:
            assert line[v.col : v.col + len(v.text)] == v.text, (v, line)
            lines[v.line - 1] = line[: v.col] + v.fix + line[v.col + len(v.text) :]
    text = "".join(lines)
    if any(v.text.startswith("QVariant.") for v in violations) and "import FieldType" not in text:
        text = _insert_import(text, _compat_import(path))
    path.write_text(text, encoding="utf-8")
    return len(violations)


def _insert_import(text: str, statement: str) -> str:
    """After the last top-level import (ruff's isort fix puts it in order afterwards)."""
    tree = ast.parse(text)
    last = max((n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))), default=0)
    lines = text.splitlines(keepends=True)
    lines.insert(last, statement + "\n")
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="rewrite what can be rewritten, then list the rest")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.paths] or None
    if args.fix:
        changed = [p for p in (paths or python_files()) if fix_file(p)]
        if changed:
            ruff = ROOT / ".venv" / "bin" / "ruff"
            subprocess.run(
                [str(ruff) if ruff.exists() else "ruff", "check", "--fix", "--select", "I,F401", *map(str, changed)],
                cwd=ROOT,
                check=False,
                capture_output=True,
            )
            print(f"rewrote {len(changed)} files")
    remaining = check(paths) + []
    for violation in remaining:
        print(violation)
    unresolved = scoped_chains_that_do_not_resolve(paths)
    for chain in unresolved:
        print(f"{chain}: not available on this QGIS")
    print(f"{len(remaining)} violations, {len(unresolved)} unresolved scoped names")
    return 1 if remaining or unresolved else 0


if __name__ == "__main__":
    sys.exit(main())
