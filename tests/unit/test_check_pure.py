"""scripts/check_pure.sh, the purity rule: it passes on the real tree and fails when a module outside
the listed doors imports QGIS, Qt, Processing or the plugin's QGIS side, whatever the module's name
(a file called processing.py outside a door is not a door). Offenders are planted in a temporary copy
of algorithms/ that the script reads through PURE_ROOT."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_pure.sh"


def check(root: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHON": sys.executable}
    if root is not None:
        env["PURE_ROOT"] = str(root)
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "algorithms", tmp_path / "algorithms", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_real_tree_is_pure():
    result = check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_copy_is_pure_before_anything_is_planted(tree):
    result = check(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("path", "source"),
    [
        # a pure module named like a door, outside the door list
        ("algorithms/network/processing.py", "from qgis.core import QgsFeature\n"),
        ("algorithms/zoning/tools/processing.py", "from qgis.core import QgsFeature\n"),
        ("algorithms/processing.py", "import qgis\n"),
        # every spelling of the QGIS side
        ("algorithms/network/probe.py", "import PyQt5\n"),
        ("algorithms/network/probe.py", "from PyQt5.QtCore import QObject\n"),
        ("algorithms/network/probe.py", "from processing.core.Processing import Processing\n"),
        ("algorithms/network/probe.py", "import processing\n"),
        ("algorithms/network/probe.py", "from qgis.PyQt.QtCore import QCoreApplication\n"),
        (
            "algorithms/network/probe.py",
            "def read():\n    from qgis.core import QgsVectorLayer\n    return QgsVectorLayer\n",
        ),
        # relative imports of the plugin's QGIS side, module level, in a function or parenthesised
        ("algorithms/network/probe.py", "from ...layers import vector\n"),
        ("algorithms/network/probe.py", "from ...layers.vector import write_frame\n"),
        ("algorithms/probe.py", "from ..layers import vector\n"),
        ("algorithms/network/probe.py", "from ...ui import menu\n"),
        ("algorithms/network/probe.py", "from ... import translation\n"),
        ("algorithms/network/probe.py", "from ...translation import tr\n"),
        ("algorithms/network/probe.py", "from ...plugin import UrbanizationPlugin\n"),
        ("algorithms/network/probe.py", "from ... import (\n    report_helpers,\n    layers,\n)\n"),
        ("algorithms/network/probe.py", "def f():\n    from ...layers import crs\n    return crs\n"),
        ("algorithms/network/probe.py", "from urbanization_planning.layers import vector\n"),
        # a door imported by a pure module brings QGIS with it
        ("algorithms/network/probe.py", "from ..zoning import processing\n"),
        ("algorithms/network/probe.py", "from ..base import UrbanizationAlgorithm\n"),
    ],
)
def test_a_planted_leak_fails_the_check(tree, path, source):
    planted = tree / path
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text(source, encoding="utf-8")
    result = check(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert path in result.stdout


@pytest.mark.parametrize(
    "path",
    [
        "algorithms/zoning/processing/new_algorithm.py",  # a door package (issue 27's layout)
        "algorithms/transit/processing/new_algorithm.py",
    ],
)
def test_doors_may_import_qgis(tree, path):
    planted = tree / path
    planted.parent.mkdir(parents=True, exist_ok=True)
    with planted.open("a", encoding="utf-8") as f:
        f.write("\nfrom qgis.core import QgsFeature\nfrom ...layers import vector\n")
    result = check(tree)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_file_named_processing_outside_a_door_package_is_not_a_door(tree):
    """The single-file doors are gone: a name alone never exempts a module."""
    planted = tree / "algorithms" / "greenspace" / "processing.py"
    planted.write_text("from qgis.core import QgsFeature\n", encoding="utf-8")
    result = check(tree)
    assert result.returncode == 1 and "algorithms/greenspace/processing.py" in result.stdout


def test_relative_imports_inside_algorithms_stay_allowed(tree):
    """Pure modules import each other freely; a relative name is resolved, not matched as text."""
    (tree / "algorithms" / "network" / "probe.py").write_text(
        "from .. import report\nfrom ..cancel import checkpoint\nfrom . import ui_free\nfrom .plugin_free import x\n",
        encoding="utf-8",
    )
    result = check(tree)
    assert result.returncode == 0, result.stdout + result.stderr
