"""The model 城镇上山适宜性与图件 (resources/models/mountain_town_suitability.model3): it chains
urbanization:constructionsuitability into the planning map sheet, is offered by the provider under its
own id, and runs end to end on the crop of the bundled DEM with an exclusion and a boundary."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from qgis.core import QgsApplication, QgsProcessingModelAlgorithm, QgsVectorLayer

from ..conftest import ROOT, SAMPLE_DATA
from .helpers import memory_layer

MODEL = ROOT / "resources" / "models" / "mountain_town_suitability.model3"
X0, Y0 = 394313.655454263498541, 3800417.827628375496715  # a point inside the bundled DEM (EPSG:32611)


def test_model_chains_the_evaluation_into_the_sheet(provider):
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    assert sorted(model.childAlgorithms()) == ["constructionsuitability", "exportplanningmap"]
    assert model.dependsOnChildAlgorithms("exportplanningmap") == {"constructionsuitability"}
    offered = QgsApplication.processingRegistry().algorithmById("urbanization:mountaintownsuitability")
    assert offered is not None and offered.groupId() == "multiplan"
    assert offered.shortHelpString().startswith("<p><b>Mountain town suitability")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_model_runs_on_the_dem_crop(run, tmp_path):
    sheet = tmp_path / "mountain.pdf"
    red = memory_layer(
        "Polygon",
        "EPSG:32611",
        [f"POLYGON(({X0 + 300} {Y0 - 900}, {X0 + 1200} {Y0 - 900}, {X0 + 1200} {Y0 - 300}, {X0 + 300} {Y0 - 900}))"],
        name="red line",
    )
    results = run(
        "urbanization:mountaintownsuitability",
        {
            "dem": str(SAMPLE_DATA / "bigtujunga.tif"),  # 1197 x 643 cells of 30 m
            "red_line": red,
            "scheme": "yunnan",
            "title": "城镇上山建设适宜性评价图",
            "constructionsuitability:Suitability summary by unit": str(tmp_path / "summary.gpkg"),
            "exportplanningmap:Map sheet": str(sheet),
        },
    )
    summary = QgsVectorLayer(results["constructionsuitability:Suitability summary by unit"])
    row = next(summary.getFeatures())
    assert row["excluded_m2"] > 0 and row["evaluated_m2"] > row["mountain_m2"] > 0
    text = unicodedata.normalize(
        "NFKC", subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert "城镇上山建设适宜性评价图" in text and "SRTM" in text  # the DEM's attribution
    assert "山区宜建地" in text  # the class legend on the sheet


def test_model_form_lists_layers_then_fields_then_options_in_chinese(provider, chinese):
    from urbanization_planning.processing_models import PARAMETER_ORDER

    QgsApplication.processingRegistry().providerById("urbanization").refreshAlgorithms()
    model = QgsApplication.processingRegistry().algorithmById("urbanization:mountaintownsuitability").create()
    inputs = [d for d in model.parameterDefinitions() if not d.isDestination()]
    assert [d.name() for d in inputs] == PARAMETER_ORDER["mountain_town_suitability"]
    for definition in inputs:  # Chinese first: no English word before the first Chinese character
        assert "\u4e00" <= definition.description()[0] <= "\u9fff", definition.description()
    assert all(d.createByDefault() for d in model.destinationParameterDefinitions())
    assert model.displayName() == "城镇上山适宜性与图件"
