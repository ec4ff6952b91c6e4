"""'Export planning map': pick and order the project's layers, title, template and output, and run
urbanization:exportplanningmap (in the main thread, like QGIS's layout export)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsMapLayer, QgsProject
from qgis.PyQt import uic
from qgis.PyQt.QtCore import QCoreApplication, Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QFileDialog, QLabel, QLineEdit, QListWidgetItem

from ..layers.layout import PLAN_SCALES, TEMPLATES
from .task_runner import AlgorithmRun

UI_FILE = Path(__file__).resolve().with_name("export_map_dialog.ui")
ALGORITHM_ID = "urbanization:exportplanningmap"
ID_ROLE = Qt.ItemDataRole.UserRole


class ExportMapDialog(QDialog):
    def __init__(self, iface=None, parent=None, checked: list[QgsMapLayer] | None = None, title: str = ""):
        super().__init__(parent)
        uic.loadUi(str(UI_FILE), self)
        self.iface = iface
        self.project = QgsProject.instance()
        self.run_: AlgorithmRun | None = None
        self.output: str | None = None
        for template in TEMPLATES:
            self.templateCombo.addItem(self.template_label(template), template)
        self.titleEdit.setText(title or self.tr("Planning map"))
        self._add_sheet_rows()
        checked_ids = {layer.id() for layer in checked or []}
        self.fill_layers(checked_ids)
        self.project.layersRemoved.connect(self._layers_removed)
        self.project.layersAdded.connect(self._layers_added)  # bound methods: disconnected with the dialog
        self.upButton.clicked.connect(lambda: self._move(-1))
        self.downButton.clicked.connect(lambda: self._move(1))
        self.browseButton.clicked.connect(self.browse)
        self.exportButton.clicked.connect(self.export)
        self.openButton.clicked.connect(self.open_output)
        self.closeButton.clicked.connect(self.close)

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("ExportMapDialog", text)

    def _add_sheet_rows(self) -> None:
        """Title block entries, the plan scale and the extent, after the template row."""
        self.projectEdit = QLineEdit(self)
        self.projectEdit.setObjectName("projectEdit")
        self.numberEdit = QLineEdit(self)
        self.numberEdit.setObjectName("numberEdit")
        self.numberEdit.setPlaceholderText(self.tr("e.g. 图 3-2"))
        self.scaleCombo = QComboBox(self)
        self.scaleCombo.setObjectName("scaleCombo")
        self.scaleCombo.addItem(self.tr("Automatic (smallest planning scale that fits)"), "auto")
        for scale in PLAN_SCALES:
            self.scaleCombo.addItem(f"1:{scale:,}", f"1:{scale}")
        self.extentCombo = QComboBox(self)
        self.extentCombo.setObjectName("extentCombo")
        row = self.form.rowCount()
        for label, widget in (
            (self.tr("Project name"), self.projectEdit),
            (self.tr("Drawing number"), self.numberEdit),
            (self.tr("Scale"), self.scaleCombo),
            (self.tr("Map extent"), self.extentCombo),
        ):
            self.form.insertRow(row - 2 if row >= 2 else row, QLabel(label, self), widget)
            row += 1
        self.fill_extents()

    def fill_extents(self) -> None:
        """All ticked layers, the map canvas's current view, or one layer's extent."""
        current = self.extentCombo.currentData()
        self.extentCombo.clear()
        self.extentCombo.addItem(self.tr("All ticked layers"), "layers")
        if self.iface is not None and self.iface.mapCanvas() is not None:
            self.extentCombo.addItem(self.tr("Current map view"), "canvas")
        for node in self.project.layerTreeRoot().findLayers():
            layer = node.layer()
            if layer is not None and layer.isSpatial():
                self.extentCombo.addItem(self.tr("Extent of layer: {}").format(layer.name()), layer.id())
        index = self.extentCombo.findData(current)
        self.extentCombo.setCurrentIndex(max(index, 0))

    def extent_value(self) -> str | None:
        """The EXTENT parameter ('xmin,xmax,ymin,ymax [authid]'), None for the layers' extent."""
        choice = self.extentCombo.currentData()
        if choice == "canvas":
            canvas = self.iface.mapCanvas()
            rect, crs = canvas.extent(), canvas.mapSettings().destinationCrs()
        else:
            layer = self.project.mapLayer(choice) if choice not in (None, "layers") else None
            if layer is None:
                return None
            rect, crs = layer.extent(), layer.crs()
        return f"{rect.xMinimum()},{rect.xMaximum()},{rect.yMinimum()},{rect.yMaximum()} [{crs.authid()}]"

    def template_label(self, template: str) -> str:
        labels = {
            "a4_landscape": self.tr("A4 landscape"),
            "a4_portrait": self.tr("A4 portrait"),
            "a3_landscape": self.tr("A3 landscape"),
            "a3_portrait": self.tr("A3 portrait"),
        }
        return labels.get(template, template)

    # layers: listed top layer first, as in the Layers panel
    def fill_layers(self, checked_ids: set[str]) -> None:
        self.layersList.clear()
        for node in self.project.layerTreeRoot().findLayers():
            layer = node.layer()
            if layer is None or not layer.isSpatial():
                continue
            item = QListWidgetItem(layer.name())
            item.setData(ID_ROLE, layer.id())
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if layer.id() in checked_ids else Qt.CheckState.Unchecked)
            self.layersList.addItem(item)

    def _layers_added(self, _layers) -> None:
        self.fill_layers(set(self.checked_layer_ids()))
        self.fill_extents()

    def _layers_removed(self, layer_ids) -> None:
        """A layer removed from the project while the dialog is open disappears from the list."""
        removed = set(layer_ids)
        for row in reversed(range(self.layersList.count())):
            if self.layersList.item(row).data(ID_ROLE) in removed:
                self.layersList.takeItem(row)
        for row in reversed(range(self.extentCombo.count())):
            if self.extentCombo.itemData(row) in removed:
                self.extentCombo.removeItem(row)
        if removed:
            self.statusLabel.setText(
                self.tr("{} layer(s) were removed from the project and from this list.").format(len(removed))
            )

    def _move(self, step: int) -> None:
        row = self.layersList.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.layersList.count():
            return
        item = self.layersList.takeItem(row)
        self.layersList.insertItem(target, item)
        self.layersList.setCurrentRow(target)

    def checked_layer_ids(self) -> list[str]:
        """Checked layers, top of the list first."""
        return [
            self.layersList.item(r).data(ID_ROLE)
            for r in range(self.layersList.count())
            if self.layersList.item(r).checkState() == Qt.CheckState.Checked
        ]

    def browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the map sheet"),
            self.outputEdit.text(),
            self.tr("PDF files (*.pdf);;PNG images (*.png)"),
        )
        if path:
            self.outputEdit.setText(path)

    def parameters(self) -> dict:
        layers = [self.project.mapLayer(i) for i in reversed(self.checked_layer_ids())]  # bottom first
        return {
            "LAYERS": [layer for layer in layers if layer is not None],
            "TITLE": self.titleEdit.text(),
            "SUBTITLE": self.subtitleEdit.text(),
            "UNIT": self.unitEdit.text(),
            "SOURCES": self.sourcesEdit.text(),
            "TEMPLATE": self.templateCombo.currentData(),
            "DPI": self.dpiSpin.value(),
            "OUTPUT": self.outputEdit.text().strip(),
            "PROJECT_NAME": self.projectEdit.text(),
            "DRAWING_NUMBER": self.numberEdit.text(),
            "PLAN_SCALE": self.scaleCombo.currentData(),
            **({"EXTENT": extent} if (extent := self.extent_value()) else {}),
        }

    def export(self) -> None:
        parameters = self.parameters()
        if not parameters["LAYERS"]:
            self.statusLabel.setText(self.tr("Tick at least one layer to map."))
            return
        if not parameters["OUTPUT"]:
            self.statusLabel.setText(self.tr("Choose the output file (.pdf or .png)."))
            return
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(ALGORITHM_ID)
        self.run_ = AlgorithmRun(algorithm, parameters, self.project, self)
        self.run_.progressChanged.connect(lambda value: self.progressBar.setValue(int(value)))
        self.run_.finished.connect(self._finished)
        self.exportButton.setEnabled(False)
        self.statusLabel.setText(self.tr("Exporting..."))
        self.run_.start()

    def _finished(self, ok: bool, results: dict) -> None:
        self.exportButton.setEnabled(True)
        if not ok:
            errors = "\n".join(self.run_.feedback.errors) or self.tr("unknown error")
            self.statusLabel.setText(self.tr("The export failed:\n{}").format(errors))
            return
        self.output = results.get("OUTPUT")
        self.openButton.setEnabled(True)
        self.statusLabel.setText(
            self.tr("Map sheet written: {} (scale 1:{}, {}).").format(
                self.output, f"{results.get('SCALE', 0):,.0f}", results.get("CRS", "")
            )
        )

    def open_output(self) -> None:
        if self.output:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.output))
