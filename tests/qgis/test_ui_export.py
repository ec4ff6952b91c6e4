"""The 'Export planning map' dialog: tick and order project layers, fill the title, export a PDF."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt

from ..conftest import SAMPLE_DATA
from .helpers import gpkg_layer


@pytest.fixture
def layers():
    grid = gpkg_layer(SAMPLE_DATA / "helsinki_population_grid_2020.gpkg", "population_grid_2020")
    parks = gpkg_layer(SAMPLE_DATA / "helsinki_osm_layers.gpkg", "parks")
    roads = gpkg_layer(SAMPLE_DATA / "helsinki_osm_layers.gpkg", "roads")
    ids = [layer.id() for layer in (grid, parks, roads)]
    QgsProject.instance().addMapLayers([grid, parks, roads])  # Layers panel: grid, parks, roads from the top
    yield {"grid": grid, "parks": parks, "roads": roads}
    QgsProject.instance().removeMapLayers([i for i in ids if QgsProject.instance().mapLayer(i) is not None])


@pytest.fixture
def dialog(provider, qtbot, layers):
    from urbanization_planning.ui.export_map_dialog import ExportMapDialog

    dlg = ExportMapDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def tick(dialog, *layers) -> None:
    wanted = {layer.id() for layer in layers}
    for row in range(dialog.layersList.count()):
        item = dialog.layersList.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in wanted:
            item.setCheckState(Qt.CheckState.Checked)


def test_exports_a_pdf_of_the_ticked_layers_with_a_chinese_title(dialog, layers, tmp_path, qtbot):
    tick(dialog, layers["parks"], layers["grid"])
    dialog.titleEdit.setText("赫尔辛基公园绿地现状图")
    dialog.unitEdit.setText("昆明市规划设计研究院")
    dialog.templateCombo.setCurrentIndex(dialog.templateCombo.findData("a4_portrait"))
    dialog.dpiSpin.setValue(72)
    output = tmp_path / "map.pdf"
    dialog.outputEdit.setText(str(output))
    parameters = dialog.parameters()
    assert [layer.name() for layer in parameters["LAYERS"]] == ["parks", "population_grid_2020"]  # bottom first
    dialog.exportButton.click()
    qtbot.waitUntil(lambda: dialog.run_.done, timeout=30000)
    assert output.exists() and "scale 1:" in dialog.statusLabel.text()
    assert dialog.openButton.isEnabled()
    text = unicodedata.normalize(
        "NFKC", subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True).stdout
    )
    assert "赫尔辛基公园绿地现状图" in text and "roads" not in text


def test_layer_order_buttons_change_the_drawing_order(dialog, layers):
    tick(dialog, layers["parks"], layers["roads"])
    names = [dialog.layersList.item(r).text() for r in range(dialog.layersList.count())]
    assert names == [node.name() for node in QgsProject.instance().layerTreeRoot().findLayers()]  # as the panel
    assert names == ["population_grid_2020", "parks", "roads"]
    assert [layer.name() for layer in dialog.parameters()["LAYERS"]] == ["roads", "parks"]  # bottom first
    dialog.layersList.setCurrentRow(2)
    dialog.upButton.click()
    assert [layer.name() for layer in dialog.parameters()["LAYERS"]] == ["parks", "roads"]  # roads now on top


def test_no_layers_and_no_output_are_reported(dialog, tmp_path):
    dialog.exportButton.click()
    assert dialog.statusLabel.text() == "Tick at least one layer to map."
    dialog.layersList.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.exportButton.click()
    assert "Choose the output file" in dialog.statusLabel.text()


def test_unwritable_output_fails_with_a_message_and_no_crash(dialog, layers, qtbot):
    tick(dialog, layers["parks"])
    dialog.outputEdit.setText("/nonexistent-folder/map.pdf")
    dialog.exportButton.click()
    qtbot.waitUntil(lambda: dialog.run_.done, timeout=30000)
    assert "The export failed" in dialog.statusLabel.text() and "does not exist" in dialog.statusLabel.text()
    assert dialog.exportButton.isEnabled()


def test_layer_removed_from_the_project_leaves_the_list(dialog, layers):
    tick(dialog, layers["roads"])
    QgsProject.instance().removeMapLayer(layers["roads"].id())
    assert dialog.layersList.count() == 2
    assert "removed" in dialog.statusLabel.text()
    assert dialog.checked_layer_ids() == []


def test_extent_scale_and_title_block_choices(dialog, layers, tmp_path, qtbot):
    """A chosen layer's extent at a chosen planning scale, with the title block entries."""
    tick(dialog, layers["parks"], layers["grid"])
    dialog.extentCombo.setCurrentIndex(dialog.extentCombo.findData(layers["parks"].id()))
    dialog.scaleCombo.setCurrentIndex(dialog.scaleCombo.findData("1:10000"))
    dialog.projectEdit.setText("赫尔辛基绿地专项规划")
    dialog.numberEdit.setText("图 2-1")
    dialog.dpiSpin.setValue(72)
    output = tmp_path / "map.pdf"
    dialog.outputEdit.setText(str(output))
    parameters = dialog.parameters()
    assert parameters["EXTENT"].endswith("[EPSG:4326]") and parameters["PLAN_SCALE"] == "1:10000"
    dialog.exportButton.click()
    qtbot.waitUntil(lambda: dialog.run_.done, timeout=30000)
    assert dialog.run_.results["SCALE"] == 10000
    text = unicodedata.normalize(
        "NFKC", subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True).stdout
    )
    assert "赫尔辛基绿地专项规划" in text and "图 2-1" in text and "1:10,000" in text
    dialog.extentCombo.setCurrentIndex(dialog.extentCombo.findData("layers"))
    assert "EXTENT" not in dialog.parameters()
