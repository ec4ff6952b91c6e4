"""The QGIS plugin object: registers the Processing provider and the 'Urbanization Planning' menu."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QDockWidget

from .algorithms.base import ICON
from .algorithms.provider import UrbanizationProvider
from .layers.compat import QAction
from .translation import install_translator, remove_translator, tr


class UrbanizationPlugin:
    """classFactory returns one of these; QGIS calls initProcessing/initGui and unload."""

    def __init__(self, iface):
        self.iface = iface
        self.provider: UrbanizationProvider | None = None
        self.actions: list[QAction] = []
        self.toolbar_actions: list[QAction] = []
        self.dialogs: dict[str, object] = {}
        self.menu_name = ""

    def initProcessing(self) -> None:  # noqa: N802 (qgis_process calls this name)
        install_translator()
        if self.provider is None:
            self.provider = UrbanizationProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)
            from .ui import batch_results

            batch_results.install()  # QGIS 3.22's batch dialog and HTML reports

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        self.menu_name = tr("Urbanization Planning")
        from .ui import menu

        analysis = self._add_action(menu.analysis_text(), self.show_analysis)
        self.iface.addToolBarIcon(analysis)
        self.toolbar_actions.append(analysis)
        self._add_action(menu.export_map_text(), self.show_export_map)
        self._add_action(menu.standards_text(), self.show_standards)
        self._add_action(tr("Open the Urbanization algorithms in the Processing Toolbox"), self.show_toolbox)
        self._add_action(menu.install_text(), self.show_installer)
        self._offer_installer()

    def _add_action(self, text: str, slot, icon: QIcon | None = None) -> QAction:
        action = QAction(icon or QIcon(str(ICON)), text, self.iface.mainWindow())
        action.triggered.connect(slot)
        self.iface.addPluginToMenu(self.menu_name, action)
        self.actions.append(action)
        return action

    def _show_dialog(self, key: str, factory):
        """One non-modal instance per dialog, created on first use and raised afterwards."""
        dialog = self.dialogs.get(key)
        if dialog is None:
            dialog = factory()
            self.dialogs[key] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_analysis(self):
        from .ui.planning_analysis_dialog import PlanningAnalysisDialog

        return self._show_dialog("analysis", lambda: PlanningAnalysisDialog(self.iface, self.iface.mainWindow()))

    def show_export_map(self):
        from .ui.export_map_dialog import ExportMapDialog

        return self._show_dialog("export", lambda: ExportMapDialog(self.iface, self.iface.mainWindow()))

    def show_standards(self):
        from .ui.standards_dialog import StandardsDialog

        return self._show_dialog("standards", lambda: StandardsDialog(self.iface.mainWindow()))

    def show_installer(self):
        from .ui.dependency_installer import DependencyInstallerDialog

        return self._show_dialog("installer", lambda: DependencyInstallerDialog(self.iface.mainWindow()))

    def _offer_installer(self) -> None:
        """A message bar with an install button when a package the algorithms need does not import."""
        from .ui.dependency_installer import missing_packages, required_names

        missing = missing_packages(sorted(required_names()))
        if not missing:
            return
        from qgis.core import Qgis
        from qgis.PyQt.QtWidgets import QPushButton

        from .ui import menu

        bar = self.iface.messageBar()
        item = bar.createMessage(
            tr("Urbanization Planning"),
            tr("Python packages some algorithms need are missing: {}.").format(", ".join(m.name for m in missing)),
        )
        button = QPushButton(menu.install_text())
        button.clicked.connect(self.show_installer)
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Warning, 0)

    def show_toolbox(self) -> None:
        """Show the Processing Toolbox filtered to this provider's algorithms."""
        dock = self.iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
        if dock is None:
            return
        dock.setVisible(True)
        dock.raise_()
        search = getattr(dock, "searchBox", None)
        if search is not None:
            search.setText("urbanization")

    def unload(self) -> None:
        for dialog in self.dialogs.values():
            dialog.close()
            dialog.deleteLater()
        self.dialogs.clear()
        for action in self.toolbar_actions:
            self.iface.removeToolBarIcon(action)
        self.toolbar_actions.clear()
        for action in self.actions:
            self.iface.removePluginMenu(self.menu_name, action)
            action.deleteLater()
        self.actions.clear()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
            from .ui import batch_results

            batch_results.uninstall()
        remove_translator()
