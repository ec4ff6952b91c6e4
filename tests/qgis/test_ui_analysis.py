"""The 'Planning analysis' dialog driven as a planner would: pick an analysis, fill the form with
the sample data, run it in the background, wait for the task, check the loaded layers and numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsMapLayerProxyModel,
    QgsProcessingParameterDefinition,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import QWidget

from ..conftest import SAMPLE_DATA

# Inputs per analysis on the bundled sample data: layers (file, layer name or None for rasters)
# and plain values; run only for the analyses that are registered when the tests run.
CASES = {
    "urbanization:chinacoordinates": (
        {"INPUT": ("kunming_metro_osm.gpkg", "stations")},
        {"FROM": "wgs84", "TO": "gcj02"},
    ),
    "urbanization:controllineconflicts": (
        {
            "PLAN": ("planning_sample.gpkg", "plan_landuse"),
            "ECOLOGICAL_REDLINE": ("planning_sample.gpkg", "ecological_redline"),
            "PERMANENT_FARMLAND": ("planning_sample.gpkg", "permanent_farmland"),
            "DEVELOPMENT_BOUNDARY": ("planning_sample.gpkg", "development_boundary"),
        },
        {"LANDUSE_FIELD": "DLBM"},
    ),
    "urbanization:drainagecorridors": ({"DEM": ("bigtujunga.tif", None)}, {}),
    "urbanization:waterloggingspots": ({"DEM": ("bigtujunga.tif", None)}, {}),
    "urbanization:expressservice": (
        {"STATIONS": ("kunming_metro_sample.gpkg", "stations")},
        {
            "STATION_ID_FIELD": "station_id",
            "STATION_NAME_FIELD": "name",
            "LINE_FIELD": "line",
            "ORDER_FIELD": "order",
            "EXPRESS_FIELD": "express",
            "DESTINATION": "东风广场",
        },
    ),
}
OUTPUTS_OFF = {"urbanization:expressservice": ["COMMUTE_ISOCHRONES"]}  # needs a walking network, not given
GEOMETRY_FILTERS = {
    0: QgsMapLayerProxyModel.Filter.PointLayer,
    1: QgsMapLayerProxyModel.Filter.LineLayer,
    2: QgsMapLayerProxyModel.Filter.PolygonLayer,
}


@pytest.fixture
def clean_project():
    project = QgsProject.instance()
    before = set(project.mapLayers())
    yield project
    project.removeMapLayers([i for i in project.mapLayers() if i not in before])


@pytest.fixture
def dialog(provider, qtbot, clean_project):
    from urbanization_planning.ui.planning_analysis_dialog import PlanningAnalysisDialog

    dlg = PlanningAnalysisDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    if dlg.is_running():
        dlg.cancel()
        qtbot.waitUntil(lambda: dlg.run_.done, timeout=30000)


def load(file: str, layer_name: str | None):
    path = SAMPLE_DATA / file
    if layer_name is None:
        layer = QgsRasterLayer(str(path), path.stem)
    else:
        layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
    assert layer.isValid(), path
    QgsProject.instance().addMapLayer(layer)
    return layer


def registered(algorithm_id: str) -> bool:
    return QgsApplication.processingRegistry().algorithmById(algorithm_id) is not None


def test_lists_the_registered_analyses_by_theme_without_the_map_export(dialog, provider):
    ids = dialog.algorithm_ids()
    assert "urbanization:chinacoordinates" in ids
    assert "urbanization:exportplanningmap" not in ids  # it has its own dialog
    expected = {
        a.id()
        for a in provider.algorithms()
        if a.groupId() in ("multiplan", "greencity", "flood", "commuting", "healthcheck", "dataprep")
    }
    assert set(ids) == expected
    themes = [dialog.analysisTree.topLevelItem(i).text(0) for i in range(dialog.analysisTree.topLevelItemCount())]
    assert "Data preparation" in themes


def test_forms_are_built_from_the_parameters_with_filtered_layer_and_field_boxes(dialog):
    """Every registered analysis: one input per visible non-output parameter; layer boxes filtered
    to the parameter's geometry type; field boxes present for field parameters."""
    for algorithm_id in dialog.algorithm_ids():
        assert dialog.select_algorithm(algorithm_id)
        algorithm = dialog.algorithm
        for parameter in algorithm.parameterDefinitions():
            if parameter.isDestination() or parameter.flags() & QgsProcessingParameterDefinition.Flag.FlagHidden:
                continue  # hidden: e.g. renamed parameters kept for saved models, no input
            widget = dialog.form.widget(parameter.name())
            assert widget is not None, (algorithm_id, parameter.name())
            if parameter.type() == "source":
                assert widget.metaObject().className() == "QgsProcessingMapLayerComboBox"
                combo = qgis_widget(widget, QgsMapLayerComboBox)
                if all(t in GEOMETRY_FILTERS for t in parameter.dataTypes()):
                    expected = 0
                    for data_type in parameter.dataTypes():
                        expected |= int(GEOMETRY_FILTERS[data_type])
                    assert int(combo.filters()) == expected, (algorithm_id, parameter.name())
            if parameter.type() == "field":
                assert qgis_widget(widget, QgsFieldComboBox) is not None, (algorithm_id, parameter.name())
        for parameter in algorithm.destinationParameterDefinitions():  # HTML reports are made: the chart
            if parameter.type() == "fileDestination" and parameter.defaultFileExtension() == "html":
                assert dialog.form.outputs[parameter.name()].isChecked(), (algorithm_id, parameter.name())


def qgis_widget(widget, cls):
    """`widget` or its child of QGIS class `cls` (Processing's wrappers are typed as plain Qt in Python)."""
    name = cls.__name__
    found = (
        widget
        if widget.metaObject().className() == name
        else next((c for c in widget.findChildren(QWidget) if c.metaObject().className() == name), None)
    )
    return sip.cast(found, cls) if found is not None else None


def fill_and_run(dialog, qtbot, algorithm_id):
    layers, values = CASES[algorithm_id]
    loaded = {name: load(*spec) for name, spec in layers.items()}
    assert dialog.select_algorithm(algorithm_id)
    for name, layer in loaded.items():
        dialog.form.set_value(name, layer)
    for name, value in values.items():
        dialog.form.set_value(name, value)
    for name in OUTPUTS_OFF.get(algorithm_id, []):
        if name in dialog.form.outputs:
            dialog.form.set_output(name, False)
    assert dialog.form.check() == ""
    dialog.runButton.click()
    assert not dialog.runButton.isEnabled() and dialog.cancelButton.isEnabled()
    qtbot.waitUntil(lambda: dialog.run_.done, timeout=30000)
    return loaded


def table_rows(dialog) -> dict[str, str]:
    table = dialog.numbersTable
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def test_china_coordinates_runs_in_the_background_and_loads_its_output(dialog, qtbot, clean_project):
    loaded = fill_and_run(dialog, qtbot, "urbanization:chinacoordinates")
    assert dialog.progressBar.value() == 100
    assert "1 layer(s) added" in dialog.statusLabel.text()
    [layer_id] = dialog.loaded_layer_ids()
    output = clean_project.mapLayer(layer_id)
    assert output.featureCount() == 103
    rows = table_rows(dialog)
    assert rows[f"{output.name()}: features"] == "103"
    # the stations moved by the GCJ-02 offset (a few hundred metres, about 0.002-0.005 degrees)
    source = {f["station_id"]: f.geometry().asPoint() for f in loaded["INPUT"].getFeatures()}
    moved = {f["station_id"]: f.geometry().asPoint() for f in output.getFeatures()}
    shift = (
        abs(moved["1-01"].x() - source["1-01"].x())
        if "1-01" in source
        else max(abs(moved[k].x() - source[k].x()) for k in source)
    )
    assert 0.001 < shift < 0.01
    assert dialog.tabs.currentWidget() is dialog.resultsTab
    assert dialog.exportButton.isEnabled() and dialog.processingButton.isEnabled()


@pytest.mark.parametrize("algorithm_id", [k for k in CASES if k != "urbanization:chinacoordinates"])
def test_other_registered_analyses_run_from_the_dialog(dialog, qtbot, clean_project, algorithm_id):
    if not registered(algorithm_id):
        pytest.skip(f"{algorithm_id} is not registered yet")
    fill_and_run(dialog, qtbot, algorithm_id)
    assert dialog.run_.feedback.errors == [] and dialog.progressBar.value() == 100, dialog.statusLabel.text()
    assert dialog.loaded_layer_ids()
    rows = table_rows(dialog)
    numbers = [o.description() for o in dialog.algorithm.outputDefinitions() if o.type() == "outputNumber"]
    assert any(n in rows for n in numbers)  # the key numbers of the run
    if dialog.report is not None and "<svg" in Path(dialog.report).read_text(encoding="utf-8"):
        assert dialog.chart is not None and dialog.chart.renderer().isValid()


def test_cancel_stops_the_run_and_loads_nothing(dialog, qtbot, clean_project):
    algorithm_id = (
        "urbanization:drainagecorridors"
        if registered("urbanization:drainagecorridors")
        else "urbanization:chinacoordinates"
    )
    layers, values = CASES[algorithm_id]
    loaded = {name: load(*spec) for name, spec in layers.items()}
    dialog.select_algorithm(algorithm_id)
    for name, layer in loaded.items():
        dialog.form.set_value(name, layer)
    for name, value in values.items():
        dialog.form.set_value(name, value)
    before = set(clean_project.mapLayers())
    dialog.runButton.click()
    dialog.cancelButton.click()
    qtbot.waitUntil(lambda: dialog.run_.done, timeout=30000)
    assert "Cancelled" in dialog.statusLabel.text()
    assert set(clean_project.mapLayers()) == before
    assert dialog.runButton.isEnabled()


def test_outputs_are_check_boxes_mandatory_ones_always_on(dialog):
    dialog.select_algorithm("urbanization:chinacoordinates")
    box = dialog.form.outputs["OUTPUT"]
    assert box.isChecked() and not box.isEnabled()
    dialog.form.set_output("OUTPUT", False)
    assert "OUTPUT" in dialog.form.values()


def test_missing_input_is_reported_before_running(dialog):
    dialog.select_algorithm("urbanization:chinacoordinates")  # no layer in the project
    dialog.runButton.click()
    assert dialog.run_ is None
    assert "valid value" in dialog.statusLabel.text() and "Input layer" in dialog.statusLabel.text()


def test_layer_removed_while_the_dialog_is_open_is_not_run(dialog, clean_project):
    stations = load("kunming_metro_osm.gpkg", "stations")
    dialog.select_algorithm("urbanization:chinacoordinates")
    dialog.form.set_value("INPUT", stations)
    clean_project.removeMapLayer(stations.id())
    dialog.runButton.click()
    assert dialog.run_ is None and "valid value" in dialog.statusLabel.text()


def test_export_and_processing_buttons_follow_up_on_the_run(dialog, qtbot, clean_project, monkeypatch):
    import processing

    fill_and_run(dialog, qtbot, "urbanization:chinacoordinates")
    export = dialog.export_map()
    qtbot.addWidget(export)
    assert export.checked_layer_ids() == dialog.loaded_layer_ids()
    assert export.titleEdit.text() == dialog.algorithm.displayName()
    # QGIS's Processing dialog needs the desktop's iface (the screenshots show it there): record the call
    calls = []
    monkeypatch.setattr(processing, "createAlgorithmDialog", lambda alg_id, params: calls.append((alg_id, params)))
    dialog.processingButton.click()
    [(alg_id, params)] = calls
    assert alg_id == "urbanization:chinacoordinates"
    assert params["FROM"] == "wgs84" and params["TO"] == "gcj02" and "OUTPUT" not in params
