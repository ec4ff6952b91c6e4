"""The QGIS plugin object: registers the Processing provider and the 'Urbanization Planning' menu."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDockWidget

from .algorithms.base import ICON
from .algorithms.provider import UrbanizationProvider
from .translation import install_translator, remove_translator, tr


class UrbanizationPlugin:
    """classFactory returns one of these; QGIS calls initProcessing/initGui and unload."""

    def __init__(self, iface):
        self.iface = iface
        self.provider: UrbanizationProvider | None = None
        self.actions: list[QAction] = []
        self.menu_name = ""

    def initProcessing(self) -> None:  # noqa: N802 (qgis_process calls this name)
        install_translator()
        if self.provider is None:
            self.provider = UrbanizationProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        self.menu_name = tr("Urbanization Planning")
        self._add_action(tr("Open the Urbanization algorithms in the Processing Toolbox"), self.show_toolbox)

    def _add_action(self, text: str, slot, icon: QIcon | None = None) -> QAction:
        action = QAction(icon or QIcon(str(ICON)), text, self.iface.mainWindow())
        action.triggered.connect(slot)
        self.iface.addPluginToMenu(self.menu_name, action)
        self.actions.append(action)
        return action

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
        for action in self.actions:
            self.iface.removePluginMenu(self.menu_name, action)
            action.deleteLater()
        self.actions.clear()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
