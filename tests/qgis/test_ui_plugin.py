"""The plugin's menu and toolbar open the dialogs (the package installer too, also offered in a
message bar when a package is missing) and are removed on unload; in zh-Hans every dialog title and
label is Chinese."""

from __future__ import annotations

import re
from unittest.mock import MagicMock

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtWidgets import QAbstractButton, QLabel

from ..conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def plugin(processing_ready, qgis_parent):
    """The plugin as QGIS loads it (its own provider: the test session's one is removed first, as
    in test_foundation; the `provider` fixture registers a new one for later tests)."""
    from qgis.core import QgsApplication

    from urbanization_planning import classFactory

    registry = QgsApplication.processingRegistry()
    if registry.providerById("urbanization") is not None:
        registry.removeProvider(registry.providerById("urbanization"))
    iface = MagicMock()
    iface.mainWindow.return_value = qgis_parent
    instance = classFactory(iface)
    instance.initGui()
    yield instance
    if instance.actions:
        instance.unload()


def test_menu_and_toolbar_open_the_dialogs_and_unload_removes_them(plugin):
    iface = plugin.iface
    texts = [a.text() for a in plugin.actions]
    assert texts[:3] == ["Planning analysis...", "Export planning map...", "Standards presets..."]
    assert texts[4] == "Install missing packages..."
    assert iface.addPluginToMenu.call_count == len(plugin.actions) == 5
    assert iface.addToolBarIcon.call_count == 1
    windows = []
    for action in plugin.actions[:3]:
        action.trigger()
    windows = [plugin.dialogs[k] for k in ("analysis", "export", "standards")]
    assert [w.windowTitle() for w in windows] == ["Planning analysis", "Export planning map", "Standards presets"]
    assert all(w.isVisible() for w in windows)
    plugin.actions[4].trigger()
    windows.append(plugin.dialogs["installer"])
    assert windows[-1].windowTitle() == "Install missing packages" and windows[-1].isVisible()
    plugin.actions[0].trigger()  # a second click raises the same dialog
    assert plugin.dialogs["analysis"] is windows[0]
    plugin.unload()
    assert not any(w.isVisible() for w in windows)
    assert iface.removePluginMenu.call_count == iface.addPluginToMenu.call_count
    assert iface.removeToolBarIcon.call_count == 1
    assert plugin.dialogs == {} and plugin.actions == []


def test_a_missing_package_is_offered_for_installation_in_the_message_bar(processing_ready, qgis_parent, monkeypatch):
    """At start, a package an algorithm requires that does not import: a message bar naming it,
    with the installer's button (nothing is shown when everything is installed)."""
    from qgis.gui import QgsMessageBar
    from qgis.PyQt.QtWidgets import QPushButton

    from urbanization_planning import classFactory
    from urbanization_planning.algorithms import dependencies
    from urbanization_planning.ui import dependency_installer

    asked = []

    def missing(names=None):
        asked.append(set(names or ()))
        return [dependencies.Missing("pyflwdir", None)]

    monkeypatch.setattr(dependency_installer, "missing_packages", missing)
    bar = QgsMessageBar(qgis_parent)
    iface = MagicMock()
    iface.mainWindow.return_value = qgis_parent
    iface.messageBar.return_value = bar
    instance = classFactory(iface)
    instance.initGui()
    try:
        assert {"shapely", "geopandas", "networkx", "pyflwdir"} <= asked[0] and "dask" not in asked[0]
        item = bar.currentItem()
        assert item is not None and "pyflwdir" in item.text()
        [button] = item.findChildren(QPushButton)
        assert button.text() == "Install missing packages..."
        button.click()
        assert instance.dialogs["installer"].isVisible()
    finally:
        instance.unload()


@pytest.fixture
def chinese(qgis_app):
    translator = QTranslator()
    assert translator.load(str(ROOT / "i18n" / "urbanization_zh-Hans.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_dialogs_speak_chinese(chinese, provider, qtbot, tmp_path):
    from urbanization_planning.ui.dependency_installer import DependencyInstallerDialog
    from urbanization_planning.ui.export_map_dialog import ExportMapDialog
    from urbanization_planning.ui.planning_analysis_dialog import PlanningAnalysisDialog
    from urbanization_planning.ui.standards_dialog import StandardsDialog

    for dialog in (
        PlanningAnalysisDialog(),
        ExportMapDialog(),
        StandardsDialog(user_dir=tmp_path),
        DependencyInstallerDialog(prefix=tmp_path / "deps"),
    ):
        qtbot.addWidget(dialog)
        assert CJK.search(dialog.windowTitle()), dialog.windowTitle()
        for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
            text = widget.text()
            if (
                text
                and re.search(r"[A-Za-z]{3}", text)
                and widget.objectName() not in ("folderLabel", "statusLabel", "sourceLabel")
            ):
                if widget.parent() is not None and widget.parent().objectName() == "formHolder":
                    continue
                assert CJK.search(text), f"{type(dialog).__name__}.{widget.objectName()}: {text}"


def test_models_are_offered_while_the_plugin_is_loaded(plugin):
    """By the provider itself, so a fresh profile (the plugin loaded before Processing) has them."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    ids = {a.id() for a in registry.providerById("urbanization").algorithms()}
    assert {"urbanization:greencityassessment", "urbanization:floodcorridorcheck"} <= ids
    plugin.unload()
    assert registry.algorithmById("urbanization:greencityassessment") is None
