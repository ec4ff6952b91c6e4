"""The Planning analysis dialog as a planner uses it on a 1280 x 800 screen: every input box of
every analysis is wide enough to read, enum choices show names, results can be saved as files,
warnings are shown, a failed run clears the previous results, each run's layers form one group."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingParameterDefinition, QgsProject, QgsVectorLayer
from qgis.PyQt.QtWidgets import QApplication, QComboBox

from tests.conftest import SAMPLE_DATA
from tests.qgis.helpers import gpkg_layer, memory_layer

MIN_WIDTH = 200
OSM = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"


@pytest.fixture
def clean_project():
    project = QgsProject.instance()
    before = set(project.mapLayers())
    yield project
    project.removeMapLayers([i for i in project.mapLayers() if i not in before])
    root = project.layerTreeRoot()
    for group in root.findGroups():
        root.removeChildNode(group)


@pytest.fixture
def dialog(provider, qtbot, clean_project):
    from urbanization_planning.ui.planning_analysis_dialog import PlanningAnalysisDialog

    dlg = PlanningAnalysisDialog()
    qtbot.addWidget(dlg)
    dlg.resize(1280, 800)
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg
    if dlg.is_running():
        dlg.cancel()
        qtbot.waitUntil(lambda: dlg.run_.done, timeout=30000)


def test_every_input_is_at_least_200_px_wide_at_1280_x_800(chinese, provider, qtbot, clean_project):
    """Under zh-Hans, the planners' language. At least 200 px, and at least 60 % of the form's
    width: long labels must wrap, not take the row (the offscreen test font is narrower than
    QGIS's on a desktop, where the same layout left 150 px at 1600 px)."""
    from urbanization_planning.ui.planning_analysis_dialog import PlanningAnalysisDialog

    dialog = PlanningAnalysisDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1280 and dialog.height() <= 800
    narrow = []
    for algorithm_id in dialog.algorithm_ids():
        assert dialog.select_algorithm(algorithm_id)
        QApplication.processEvents()
        for parameter in dialog.algorithm.parameterDefinitions():
            if parameter.isDestination() or parameter.flags() & QgsProcessingParameterDefinition.Flag.FlagHidden:
                continue
            widget = dialog.form.widget(parameter.name())
            share = widget.width() / dialog.form.width()
            if widget.isVisibleTo(dialog) and (widget.width() < MIN_WIDTH or share < 0.6):
                narrow.append(f"{algorithm_id} {parameter.name()}: {widget.width()} px of {dialog.form.width()}")
        if getattr(dialog.form, "folder", None) is not None and dialog.form.folder.width() < MIN_WIDTH:
            narrow.append(f"{algorithm_id} output folder: {dialog.form.folder.width()} px")
    assert narrow == []


def test_enum_choices_show_names_and_keep_their_ids(dialog):
    dialog.select_algorithm("urbanization:parkcoverage")
    combo = dialog.form.widget("STANDARD")
    combo = combo if isinstance(combo, QComboBox) else combo.findChildren(QComboBox)[0]
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "garden_city" not in texts and "green300_park500" not in texts
    assert any("GB/T 50563" in t for t in texts)
    combo.setCurrentIndex(0)
    assert dialog.form.values()["STANDARD"] == "garden_city"


def test_results_saved_in_a_folder_grouped_with_warnings_in_the_log(dialog, qtbot, clean_project, tmp_path):
    """Two runs of the coordinates conversion into a folder: files there, one group per run, and
    the warning of a run with an empty-geometry feature in the Log tab."""
    stations = memory_layer("Point", "EPSG:4326", ["POINT(102.7 25.0)", None], {"name": ["a", "b"]}, name="stations")
    clean_project.addMapLayer(stations)
    groups = []
    for _run in range(2):
        dialog.select_algorithm("urbanization:chinacoordinates")
        dialog.form.set_value("INPUT", stations)
        dialog.form.set_output_folder(str(tmp_path))
        assert dialog.form.check() == ""
        dialog.runButton.click()
        qtbot.waitUntil(lambda: dialog.run_.done, timeout=30000)
        assert dialog.run_.feedback.errors == [], dialog.statusLabel.text()
        groups.append(clean_project.layerTreeRoot().children()[0].name())
        [layer_id] = dialog.loaded_layer_ids()
        layer = clean_project.mapLayer(layer_id)
        assert str(tmp_path) in layer.source()
        assert clean_project.layerTreeRoot().findLayer(layer_id).parent().name() == groups[-1]
    assert len(list(tmp_path.glob("chinacoordinates_output_*.gpkg"))) >= 1
    assert groups[0].startswith(dialog.algorithm.displayName())
    assert len(clean_project.layerTreeRoot().findGroups()) >= 2
    if dialog.run_.feedback.warnings:
        assert dialog.run_.feedback.warnings[0] in dialog.logView.toPlainText()
        assert "Log" in dialog.statusLabel.text()


def test_a_failed_run_clears_the_previous_results_and_shows_the_error(dialog, qtbot, clean_project):
    parks = gpkg_layer(OSM, "parks")
    grid = gpkg_layer(GRID, "population_grid_2020")
    points = memory_layer("Point", "EPSG:3067", ["POINT(385000 6672000)"], {"area": [5000.0]}, name="park points")
    for layer in (parks, grid, points):
        clean_project.addMapLayer(layer)
    dialog.select_algorithm("urbanization:parkcoverage")
    dialog.form.set_value("PARKS", parks)
    dialog.form.set_value("RESIDENTIAL", grid)
    dialog.form.set_value("POPULATION_FIELD", "population")
    dialog.runButton.click()
    qtbot.waitUntil(lambda: dialog.run_.done, timeout=60000)
    assert dialog.numbersTable.rowCount() > 0 and dialog.reportButton.isEnabled()
    dialog.select_algorithm("urbanization:parkcoverage")
    dialog.form.set_value("PARKS", points)  # points without the area field: an error, not 0 %
    dialog.form.set_value("RESIDENTIAL", grid)
    dialog.runButton.click()
    qtbot.waitUntil(lambda: dialog.run_.done, timeout=60000)
    assert "park area field" in dialog.statusLabel.text()
    assert "park area field" in dialog.logView.toPlainText()
    assert dialog.numbersTable.rowCount() == 0 and not dialog.reportButton.isEnabled() and dialog.chart is None
    assert isinstance(points, QgsVectorLayer)
