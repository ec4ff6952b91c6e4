"""Issue 23: each bundled model driven through its Processing dialog (processing.gui.AlgorithmDialog)
with the sample layers and nothing else set gives the stand-alone algorithms' figures with the right
fields, or refuses with a message naming the layer; never the form's first field (`fid`)."""

from __future__ import annotations

import importlib

import pytest
from qgis.core import NULL, QgsProject, QgsRasterLayer, QgsVectorLayer
from qgis.PyQt.QtCore import QEventLoop, QTimer
from qgis.PyQt.QtWidgets import QMessageBox, QTextEdit

from ..conftest import SAMPLE_DATA

pytestmark = pytest.mark.usefixtures("provider")

HELSINKI = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"
EXTENT = "24.9351837,24.9534132,60.1641581,60.1791074 [EPSG:4326]"  # scripts/demo.d/60_healthcheck.sh


class _Answers:
    """QMessageBox stand-in for the dialog: a CRS question is answered yes, a warning recorded."""

    Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    warnings: list[str] = []

    @staticmethod
    def question(*args, **kwargs):
        return QMessageBox.StandardButton.Yes

    @classmethod
    def warning(cls, parent, title, text, *args):
        cls.warnings.append(text)


@pytest.fixture
def project_layers():
    """Layers added to the project under their names; afterwards the project holds again only what it
    held before (the dialogs also load the runs' results into it, as for a planner)."""
    project = QgsProject.instance()
    before = set(project.mapLayers())

    def _add(layer):
        assert layer.isValid(), layer.source()
        project.addMapLayer(layer)
        return layer

    yield _add
    project.removeMapLayers([layer_id for layer_id in project.mapLayers() if layer_id not in before])


def _through_dialog(monkeypatch, algorithm_id: str, layers: dict) -> tuple[bool, dict, str]:
    """Open the algorithm's Processing dialog, set only `layers`, press Run; (ok, results, log)."""
    from processing.tools import dataobjects
    from qgis.core import QgsApplication

    dialog_module = importlib.import_module("processing.gui.AlgorithmDialog")
    panel_module = importlib.import_module("processing.gui.ParametersPanel")
    monkeypatch.setattr(dialog_module, "QMessageBox", _Answers)
    monkeypatch.setattr(panel_module, "iface", None)  # pytest-qgis's iface has no browser model
    _Answers.warnings.clear()
    dialog = dialog_module.AlgorithmDialog(QgsApplication.processingRegistry().algorithmById(algorithm_id).create())
    panel, context = dialog.mainWidget(), dataobjects.createContext()
    for name, layer in layers.items():
        panel.wrappers[name].setParameterValue(layer, context)
    population = panel.wrappers.get("population_field")
    if population is not None:  # once its layer is chosen: empty (found by name at run time), never `fid`
        assert not population.parameterValue(), population.parameterValue()
    finished: list = []
    loop = QEventLoop()
    dialog.algorithmFinished.connect(lambda ok, results: (finished.append((ok, results)), loop.quit()))
    dialog.runAlgorithm()
    if not finished and not _Answers.warnings and not dialog.messageBar().items():  # else refused before running
        QTimer.singleShot(600_000, loop.quit)
        loop.exec()
    log = "\n".join(
        [dialog.findChild(QTextEdit, "txtLog").toPlainText(), *_Answers.warnings]
        + [item.text() for item in dialog.messageBar().items()]
    )
    ok, results = finished[0] if finished else (False, {})
    dialog.close()
    return ok, dict(results), log


def _indicators(value) -> dict:
    layer = value if isinstance(value, QgsVectorLayer) else QgsProject.instance().mapLayer(value)
    layer = layer or QgsVectorLayer(value)
    return {(f["scope"], f["indicator"]): None if f["value"] == NULL else f["value"] for f in layer.getFeatures()}


def test_city_health_check_model_from_its_dialog_equals_the_check_alone(run, monkeypatch, project_layers):
    cells = run("native:extractbyextent", {"INPUT": str(GRID), "CLIP": False, "EXTENT": EXTENT, "OUTPUT": "memory:"})
    districts = run(
        "native:creategrid",
        {"TYPE": 2, "EXTENT": EXTENT, "HSPACING": 0.0092, "VSPACING": 0.0075, "CRS": "EPSG:4326", "OUTPUT": "memory:"},
    )
    layers = {
        "built_up": QgsVectorLayer(f"{SAMPLE_DATA}/planning_sample.gpkg|layername=development_boundary", "建成区"),
        "districts": districts["OUTPUT"],
        "residential": cells["OUTPUT"],
        "parks": QgsVectorLayer(f"{HELSINKI}|layername=parks", "parks"),
        "network": QgsVectorLayer(f"{HELSINKI}|layername=roads", "roads"),
        "stations": QgsVectorLayer(f"{HELSINKI}|layername=rail_stations", "rail_stations"),
    }
    layers["residential"].setName("homes")
    for layer in layers.values():
        project_layers(layer)
    assert [f.name() for f in layers["residential"].fields()][0] == "fid"  # the form's first field
    ok, results, log = _through_dialog(monkeypatch, "urbanization:cityhealthcheckmap", layers)
    assert ok, log
    assert "Population field of layer 'homes': population" in log  # the field the model chose, in the log
    alone = run(
        "urbanization:cityhealthcheck",
        {
            "EDITION": "mohurd_2023",
            "BUILT_UP": layers["built_up"],
            "DISTRICTS": layers["districts"],
            "RESIDENTIAL": layers["residential"],
            "POPULATION_FIELD": "population",
            "PARKS": layers["parks"],
            "NETWORK": layers["network"],
            "STATIONS": layers["stations"],
            "INDICATORS": "memory:",
        },
    )
    by_dialog = _indicators(results["cityhealthcheck:Health check indicators"])
    by_itself = _indicators(alone["INDICATORS"])
    assert by_dialog.keys() == by_itself.keys()
    for key, value in by_itself.items():
        assert by_dialog[key] == (pytest.approx(value) if value is not None else None), key
    assert by_dialog[("(all)", "station_commute")] == pytest.approx(42.04, abs=0.005)
    assert results["cityhealthcheck:Report"] and results["exportplanningmap:Map sheet"]  # the report is on


def test_city_health_check_model_refuses_a_layer_without_population(run, monkeypatch, project_layers):
    homes = run("native:retainfields", {"INPUT": str(GRID), "FIELDS": ["id"], "OUTPUT": "memory:"})["OUTPUT"]
    homes.setName("homes_without_population")
    layers = {
        "built_up": QgsVectorLayer(f"{SAMPLE_DATA}/planning_sample.gpkg|layername=development_boundary", "建成区"),
        "residential": homes,
        "parks": QgsVectorLayer(f"{HELSINKI}|layername=parks", "parks"),
        "network": QgsVectorLayer(f"{HELSINKI}|layername=roads", "roads"),
        "stations": QgsVectorLayer(f"{HELSINKI}|layername=rail_stations", "rail_stations"),
    }
    for layer in layers.values():
        project_layers(layer)
    ok, _, log = _through_dialog(monkeypatch, "urbanization:cityhealthcheckmap", layers)
    assert not ok
    assert "homes_without_population" in log and "population" in log


def test_green_city_model_from_its_dialog_refuses_without_a_type_field(monkeypatch, project_layers):
    """Only the layers set: the facility types cannot be guessed, so the run stops and says what is missing."""
    layers = {
        "parks": QgsVectorLayer(f"{HELSINKI}|layername=parks", "parks"),
        "network": QgsVectorLayer(f"{HELSINKI}|layername=roads", "roads"),
        "residential": QgsVectorLayer(str(GRID), "population_grid"),
        "facilities": QgsVectorLayer(f"{HELSINKI}|layername=landuse", "landuse"),
    }
    for layer in layers.values():
        project_layers(layer)
    ok, _, log = _through_dialog(monkeypatch, "urbanization:greencityassessment", layers)
    assert not ok
    assert "type mapping" in log.lower() or ("landuse" in log and "type field" in log.lower()), log
    assert "Traceback" not in log


def _alone(run, algorithm_id: str, parameters: dict) -> dict:
    """`algorithm_id` run by itself, every required output a temporary one."""
    from qgis.core import QgsApplication, QgsProcessingParameterDefinition

    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    for definition in algorithm.destinationParameterDefinitions():
        if not definition.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional:
            parameters.setdefault(definition.name(), "TEMPORARY_OUTPUT")
    return run(algorithm_id, parameters)


def test_flood_model_from_its_dialog_equals_the_algorithms_alone(run, monkeypatch, project_layers):
    dem = project_layers(QgsRasterLayer(str(SAMPLE_DATA / "bigtujunga.tif"), "bigtujunga"))
    ok, results, log = _through_dialog(monkeypatch, "urbanization:floodcorridorcheck", {"dem": dem})
    assert ok, log
    corridors = _alone(run, "urbanization:drainagecorridors", {"DEM": dem, "MIN_CONTRIBUTING_AREA": 100})
    spots = _alone(run, "urbanization:waterloggingspots", {"DEM": dem})
    children = results["CHILD_RESULTS"]
    assert children["drainagecorridors"]["TOTAL_LENGTH_KM"] == pytest.approx(corridors["TOTAL_LENGTH_KM"])
    assert children["waterloggingspots"]["DEPRESSION_COUNT"] == spots["DEPRESSION_COUNT"]
    assert children["waterloggingspots"]["TOTAL_VOLUME_M3"] == pytest.approx(spots["TOTAL_VOLUME_M3"])


def test_models_list_layers_then_fields_then_options_with_chinese_labels(chinese):
    from qgis.core import QgsApplication

    from urbanization_planning.processing_models import PARAMETER_ORDER

    for algorithm_id, stem in (
        ("greencityassessment", "green_city_assessment"),
        ("floodcorridorcheck", "flood_corridor_check"),
        ("cityhealthcheckmap", "city_health_check"),
    ):
        model = QgsApplication.processingRegistry().algorithmById(f"urbanization:{algorithm_id}").create()
        inputs = [d for d in model.parameterDefinitions() if not d.isDestination()]
        assert [d.name() for d in inputs] == PARAMETER_ORDER[stem]
        for definition in inputs:  # Chinese first: no English word before the first Chinese character
            assert "\u4e00" <= definition.description()[0] <= "\u9fff", definition.description()
        assert all(d.createByDefault() for d in model.destinationParameterDefinitions())
        assert "编辑模型" not in model.shortHelpString()
