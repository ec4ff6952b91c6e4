"""ui/task_runner.py loads a run's results through public API only: the layers the run marked for
loading on completion reach the project, named by the algorithm and styled by its post-processor
(the .qml of layers/styles), on every QGIS the suite runs on (3.22 and 3.40)."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsVectorLayer,
)

from ..conftest import SAMPLE_DATA


@pytest.fixture
def clean_project():
    project = QgsProject.instance()
    before = set(project.mapLayers())
    yield project
    project.removeMapLayers([i for i in project.mapLayers() if i not in before])


def _style_renderer_type(style: str) -> str:
    """The renderer type a layers/styles .qml sets, read from the file itself."""
    import re

    from urbanization_planning.layers.styling import STYLES

    return re.search(r'<renderer-v2[^>]*\btype="([^"]+)"', (STYLES / f"{style}.qml").read_text(encoding="utf-8")).group(
        1
    )


def test_background_run_loads_named_and_styled_layers(provider, qtbot, clean_project):
    from urbanization_planning.ui.task_runner import AlgorithmRun

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("urbanization:waterloggingspots")
    depressions = QgsProcessingOutputLayerDefinition(QgsProcessing.TEMPORARY_OUTPUT, clean_project)
    depth = QgsProcessingOutputLayerDefinition(QgsProcessing.TEMPORARY_OUTPUT, clean_project)
    parameters = {
        "DEM": str(SAMPLE_DATA / "bigtujunga.tif"),
        "DEPRESSIONS": depressions,
        "DEPTH": depth,
        "REPORT": QgsProcessing.TEMPORARY_OUTPUT,
    }
    before = set(clean_project.mapLayers())
    run = AlgorithmRun(algorithm, parameters, clean_project)
    seen = []
    run.finished.connect(lambda ok, results: seen.append((ok, results)))
    run.start()
    qtbot.waitUntil(lambda: run.done, timeout=60000)
    [(ok, results)] = seen
    assert ok, run.feedback.errors
    assert run.feedback.errors == []
    assert set(clean_project.mapLayers()) - before == set(run.loaded_layer_ids)
    layers = {clean_project.mapLayer(i).name(): clean_project.mapLayer(i) for i in run.loaded_layer_ids}
    assert len(layers) == 2, layers
    # the vector output: named and styled by the algorithm's post-processor (styling.style_output)
    vector = layers["Waterlogging-prone depressions"]
    assert isinstance(vector, QgsVectorLayer) and vector.featureCount() == results["DEPRESSION_COUNT"] > 0
    assert vector.renderer().type() == _style_renderer_type("drainage_depressions")
    # the raster output: loaded too, named as Processing names it
    raster = next(layer for name, layer in layers.items() if layer is not vector)
    assert raster.isValid() and raster.width() > 0
    assert Path(results["REPORT"]).is_file()


def test_loading_twice_adds_nothing_more(provider, clean_project):
    """load_outputs empties the context's list: a second call (e.g. a signal delivered twice)
    adds no duplicate layers."""
    from urbanization_planning.ui.task_runner import load_outputs

    context = QgsProcessingContext()
    context.setProject(clean_project)
    feedback = QgsProcessingFeedback()
    output = QgsProcessingOutputLayerDefinition(QgsProcessing.TEMPORARY_OUTPUT, clean_project)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("urbanization:chinacoordinates")
    _, ok = algorithm.run(
        {  # as the task runs it (processing.run would take the layer itself)
            "INPUT": f"{SAMPLE_DATA / 'kunming_metro_osm.gpkg'}|layername=stations",
            "FROM": "wgs84",
            "TO": "gcj02",
            "OUTPUT": output,
        },
        context,
        feedback,
    )
    assert ok
    first = load_outputs(context, feedback)
    assert len(first) == 1 and clean_project.mapLayer(first[0]).featureCount() == 103
    assert load_outputs(context, feedback) == []
