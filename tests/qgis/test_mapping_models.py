"""The two graphical models of resources/models/ run end to end with processing.run on the sample
data, the planning map sheet being the model's last step."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from qgis.core import Qgis, QgsApplication, QgsProcessingModelAlgorithm, QgsVectorLayer

from ..conftest import ROOT, SAMPLE_DATA
from .helpers import gpkg_layer

MODELS = ROOT / "resources" / "models"
OSM = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"


def load_model(name: str) -> QgsProcessingModelAlgorithm:
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODELS / name)), name
    return model


def needs(*algorithm_ids):
    missing = [a for a in algorithm_ids if QgsApplication.processingRegistry().algorithmById(a) is None]
    if missing:
        pytest.skip(f"not registered yet: {', '.join(missing)}")


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", text)


def test_models_open_and_chain_their_algorithms(provider):
    for name, chain in (
        ("green_city_assessment.model3", ["parkcoverage", "facilitycoverage", "exportplanningmap"]),
        ("flood_corridor_check.model3", ["drainagecorridors", "waterloggingspots", "exportplanningmap"]),
    ):
        model = load_model(name)
        assert sorted(model.childAlgorithms()) == sorted(chain)
        assert model.childAlgorithm("exportplanningmap").algorithmId() == "urbanization:exportplanningmap"
        # the map export depends on both analyses, the second analysis runs after the first
        assert set(model.dependsOnChildAlgorithms("exportplanningmap")) == set(chain[:2])
        assert chain[0] in model.dependsOnChildAlgorithms(chain[1])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_green_city_assessment_runs_on_the_helsinki_sample(run, tmp_path):
    needs("urbanization:parkcoverage", "urbanization:facilitycoverage")
    sheet = tmp_path / "green.pdf"
    results = run(
        load_model("green_city_assessment.model3"),
        {
            "parks": gpkg_layer(OSM, "parks"),
            "network": gpkg_layer(OSM, "roads"),
            "residential": gpkg_layer(GRID, "population_grid_2020"),
            "population_field": "population",
            "facilities": gpkg_layer(OSM, "landuse"),
            "type_field": "landuse",
            "type_mapping": "retail = market\ncivil = community_service",
            "title": "赫尔辛基绿色城市评估图",
            "parkcoverage:Park service areas": str(tmp_path / "service.gpkg"),
            "parkcoverage:Residential park coverage": str(tmp_path / "homes_parks.gpkg"),
            "facilitycoverage:Living circle coverage": str(tmp_path / "homes_circle.gpkg"),
            "exportplanningmap:Map sheet": str(sheet),
        },
    )
    assert results["exportplanningmap:Map sheet"] == str(sheet)
    assert QgsVectorLayer(results["facilitycoverage:Living circle coverage"]).featureCount() == 22
    assert QgsVectorLayer(results["parkcoverage:Residential park coverage"]).featureCount() == 22
    text = pdf_text(sheet)
    assert "赫尔辛基绿色城市评估图" in text and "OpenStreetMap contributors" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_flood_corridor_check_runs_on_the_big_tujunga_dem(run, tmp_path):
    needs("urbanization:drainagecorridors", "urbanization:waterloggingspots")
    sheet = tmp_path / "flood.pdf"
    results = run(
        load_model("flood_corridor_check.model3"),
        {
            "dem": str(SAMPLE_DATA / "bigtujunga.tif"),
            "min_area": 100,
            "title": "大图洪加流域排涝通道核查图",
            "drainagecorridors:Drainage corridors": str(tmp_path / "corridors.gpkg"),
            "drainagecorridors:Corridor zones": str(tmp_path / "zones.gpkg"),
            "waterloggingspots:Waterlogging-prone depressions": str(tmp_path / "spots.gpkg"),
            "exportplanningmap:Map sheet": str(sheet),
        },
    )
    assert QgsVectorLayer(results["drainagecorridors:Drainage corridors"]).featureCount() > 0
    assert QgsVectorLayer(results["waterloggingspots:Waterlogging-prone depressions"]).featureCount() > 0
    text = pdf_text(sheet)
    assert "大图洪加流域排涝通道核查图" in text and "SRTM" in text  # the DEM's attribution
    # about 36 km of map on 211 mm: 1:171,000 fits, the planning series' next scale is 1:250,000
    assert results["CHILD_RESULTS"]["exportplanningmap"]["SCALE"] == 250000
    # QGIS 3.40 writes the scale bar's last number so that pdftotext cannot read it (see test_mapping)
    assert re.search(r"0\s+5\s+10 km" if Qgis.QGIS_VERSION_INT < 34000 else r"0\s+5\s+.*?\bkm\b", text, re.S), text
    assert "1985" not in text  # a US DEM: no Chinese height datum claimed


def test_models_are_algorithms_of_the_provider_with_their_own_ids(provider):
    """In the toolbox on any profile: the provider itself offers them (no Processing setting)."""
    registry = QgsApplication.processingRegistry()
    green = registry.algorithmById("urbanization:greencityassessment")
    flood = registry.algorithmById("urbanization:floodcorridorcheck")
    assert green is not None and flood is not None
    assert green.provider().id() == "urbanization" and green.groupId() == "greencity" and flood.groupId() == "flood"
    assert isinstance(green.create(), QgsProcessingModelAlgorithm)
    assert "exportplanningmap" in green.create().childAlgorithms()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_model_by_id_without_a_project_styles_and_names_its_intermediate_layers(provider, tmp_path):
    """The map step runs without a project (as from qgis_process); the file outputs carry their
    domain style and name, so the legend reads 'Park service areas', not 'service'."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    context = QgsProcessingContext()  # no project, as qgis_process without --PROJECT_PATH
    assert context.project() is None
    sheet = tmp_path / "green.pdf"
    processing.run(
        "urbanization:greencityassessment",
        {
            "parks": str(OSM) + "|layername=parks",
            "network": str(OSM) + "|layername=roads",
            "residential": str(GRID) + "|layername=population_grid_2020",
            "population_field": "population",
            "facilities": str(OSM) + "|layername=landuse",
            "type_field": "landuse",
            "type_mapping": "retail = market\ncivil = community_service",
            "title": "绿色城市评估图",
            "parkcoverage:Park service areas": str(tmp_path / "service.gpkg"),
            "parkcoverage:Residential park coverage": str(tmp_path / "homes_parks.gpkg"),
            "facilitycoverage:Living circle coverage": str(tmp_path / "homes_circle.gpkg"),
            "exportplanningmap:Map sheet": str(sheet),
        },
        context=context,
        feedback=QgsProcessingFeedback(),
    )
    text = pdf_text(sheet)
    assert "Park service areas" in text and "Living circle coverage" in text
    assert "homes_parks" not in text and "service\n" not in text
    stored = QgsVectorLayer(str(tmp_path / "service.gpkg"))
    assert stored.renderer().type() != "singleSymbol"  # the graded/categorised domain style
