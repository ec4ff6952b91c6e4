"""The code base stays clean for QGIS 3.40 and Qt6 while running on QGIS 3.22: no unscoped enum
values, no QVariant type constants, no PyQt5-only spellings (scripts/qt6_clean.py, which --fix
rewrites most of them), and every scoped enum name it uses resolves on the QGIS running the tests
(the suite runs on 3.22 and 3.40, so a form that exists on one only fails on the other)."""

from __future__ import annotations

import importlib.util
import sys
import textwrap

import pytest

from ..conftest import ROOT


@pytest.fixture(scope="module")
def qt6_clean():
    spec = importlib.util.spec_from_file_location("qt6_clean", ROOT / "scripts" / "qt6_clean.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["qt6_clean"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_no_unscoped_enums_qvariant_types_or_pyqt5_only_code(qt6_clean):
    violations = qt6_clean.check()
    assert not violations, (
        f"{len(violations)} Qt6/QGIS 3.40 violations (fix: `source scripts/env.sh && .venv/bin/python "
        "scripts/qt6_clean.py --fix`, then fix the rest by hand):\n" + "\n".join(map(str, violations))
    )


def test_every_scoped_enum_name_resolves_on_this_qgis(qt6_clean):
    unresolved = qt6_clean.scoped_chains_that_do_not_resolve()
    assert not unresolved, "names this QGIS does not have (use layers/compat.py):\n" + "\n".join(unresolved)


def test_the_checker_finds_and_fixes_each_kind(qt6_clean, tmp_path, monkeypatch):
    """The check can fail: a file with one of each violation is reported and rewritten."""
    package = tmp_path / "algorithms" / "demo"
    package.mkdir(parents=True)
    bad = package / "processing.py"
    bad.write_text(
        textwrap.dedent("""\
        from qgis.core import Qgis, QgsField, QgsProcessing, QgsWkbTypes
        from qgis.PyQt.QtCore import Qt, QVariant
        from qgis.PyQt.QtWidgets import QDialog

        TYPES = [QgsProcessing.TypeVectorPolygon, QgsWkbTypes.PolygonGeometry, Qgis.Warning]
        ALIGN = Qt.AlignLeft
        FIELD = QgsField("n", QVariant.LongLong)


        def show(dialog: QDialog):
            return dialog.exec_()
        """),
        encoding="utf-8",
    )
    monkeypatch.setattr(qt6_clean, "ROOT", tmp_path)
    found = {v.text: v.fix for v in qt6_clean.check([bad])}
    assert found == {
        "QgsProcessing.TypeVectorPolygon": "QgsProcessing.SourceType.TypeVectorPolygon",
        "QgsWkbTypes.PolygonGeometry": "QgsWkbTypes.GeometryType.PolygonGeometry",
        "Qgis.Warning": "Qgis.MessageLevel.Warning",
        "Qt.AlignLeft": "Qt.AlignmentFlag.AlignLeft",
        "QVariant.LongLong": "FieldType.LongLong (layers/compat.py)",
        "exec_()": "exec()",
    }
    assert qt6_clean.fix_file(bad) == 6
    text = bad.read_text(encoding="utf-8")
    assert "from ...layers.compat import FieldType" in text
    assert 'QgsField("n", FieldType.LongLong)' in text and "dialog.exec()" in text
    assert qt6_clean.check([bad]) == []
    assert qt6_clean.fix_file(bad) == 0  # idempotent


def _deprecated_function(module_name: str):
    namespace = {"__name__": module_name}
    exec(
        textwrap.dedent("""\
        import warnings

        def old():
            warnings.warn("old API", DeprecationWarning, stacklevel=1)
        """),
        namespace,
    )
    return namespace["old"]


def test_deprecation_warnings_from_plugin_modules_fail_the_tests():
    """pyproject.toml's filter: a DeprecationWarning raised from the plugin's own modules is an
    error (so deprecated QGIS API used by our code fails on 3.40); others' are ignored."""
    with pytest.raises(DeprecationWarning):
        _deprecated_function("urbanization_planning.layers.example")()
    _deprecated_function("geopandas.example")()  # a third-party module's own: filtered


def test_metadata_claims_only_what_is_tested(qt6_clean):
    """metadata.txt: the QGIS running the tests lies in the declared range, the range ends with the
    3.x series the suite runs on (3.22 and 3.40), and supportsQt6 is claimed only while the static
    Qt6 check above passes."""
    import configparser

    from qgis.core import Qgis

    metadata = configparser.ConfigParser()
    metadata.read(ROOT / "metadata.txt", encoding="utf-8")
    general = metadata["general"]
    lowest = tuple(int(p) for p in general["qgisMinimumVersion"].split("."))
    highest = tuple(int(p) for p in general["qgisMaximumVersion"].split("."))
    running = (Qgis.QGIS_VERSION_INT // 10000, Qgis.QGIS_VERSION_INT // 100 % 100)
    assert lowest <= running <= highest
    assert lowest == (3, 22) and highest[0] == 3, "QGIS 4 is not tested: do not claim it"
    if general.getboolean("supportsQt6"):
        assert qt6_clean.check() == []
