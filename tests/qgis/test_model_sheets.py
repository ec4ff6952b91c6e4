"""Issue 23, styled sheets everywhere: a model's intermediate outputs (memory layers of the run)
reach its map sheet with their domain style, so the legend lists classes, not one random swatch per
layer; `path|layername=X` inputs are named X on the legend, not after the file; a CGCS2000 sheet
under zh-Hans states its CRS in Chinese only."""

from __future__ import annotations

import re
import shutil

import pytest

from ..conftest import SAMPLE_DATA
from .test_mapping_models import pdf_text

pytestmark = [
    pytest.mark.usefixtures("provider"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]
HELSINKI = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
KUNMING = SAMPLE_DATA / "kunming_metro_sample.gpkg"
ENGLISH_CRS_WORDS = re.compile(r"degree|Gauss|Kruger|\bCM\b|zone|UTM|CGCS", re.IGNORECASE)


def test_health_check_model_sheet_shows_the_classes_of_its_intermediate_outputs(tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    sheet = tmp_path / "check.pdf"
    results = processing.run(
        "urbanization:cityhealthcheckmap",
        {
            "built_up": f"{SAMPLE_DATA}/planning_sample.gpkg|layername=development_boundary",
            "residential": str(SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"),
            "parks": f"{HELSINKI}|layername=parks",
            "network": f"{HELSINKI}|layername=roads",
            "stations": f"{HELSINKI}|layername=rail_stations",
            "cityhealthcheck:Health check indicators": str(tmp_path / "indicators.gpkg"),
            "exportplanningmap:Map sheet": str(sheet),
        },
        context=QgsProcessingContext(),  # no project, as qgis_process
        feedback=QgsProcessingFeedback(),
    )
    assert results["exportplanningmap:Map sheet"] == str(sheet)
    text = pdf_text(sheet)
    # the graduated classes of the park service areas and the station catchments, under their names
    assert "Park service areas" in text and "Station walking catchments" in text
    assert "<= 300 m" in text and "300-500 m" in text and "500 - 800 m" in text
    assert "城市体检空间指标图" in text  # the model's default title, although qgis_process-style runs leave it out


def test_layername_inputs_are_named_after_the_layer_and_the_crs_line_is_chinese(run, chinese, tmp_path):
    sheet = tmp_path / "metro.pdf"
    results = run(
        "urbanization:exportplanningmap",
        {
            "LAYERS": [
                f"{KUNMING}|layername=stations",
                f"{SAMPLE_DATA}/kunming_metro_osm.gpkg|layername=lines_schematic",
            ],
            "TITLE": "昆明轨道交通示意图",
            "DPI": 72,
            "OUTPUT": str(sheet),
        },
        context=None,
    )
    assert results["CRS"] == "EPSG:4543"  # CGCS2000 / 3-degree Gauss-Kruger CM 102E, Kunming's zone
    text = pdf_text(sheet)
    legend = text.split("图例", 1)[1]
    assert "stations" in legend and "lines_schematic" in legend
    assert "kunming_metro" not in legend
    crs_line = next(line for line in text.splitlines() if "坐标系" in line)
    assert "2000国家大地坐标系 3度带高斯-克吕格投影 中央经线102°E(EPSG:4543)" in crs_line, crs_line  # NFKC
    assert not ENGLISH_CRS_WORDS.search(crs_line), crs_line


def test_crs_statements_in_words(chinese):
    from qgis.core import QgsCoordinateReferenceSystem

    from urbanization_planning.layers.layout import crs_statement

    def statement(authid):
        return crs_statement(QgsCoordinateReferenceSystem(authid))

    assert statement("EPSG:4543") == "2000国家大地坐标系 3度带高斯-克吕格投影 中央经线102°E（EPSG:4543）"
    assert statement("EPSG:4513") == "2000国家大地坐标系 3度带高斯-克吕格投影 第25带（EPSG:4513）"
    assert statement("EPSG:4490") == "2000国家大地坐标系（EPSG:4490）"
    assert statement("EPSG:32649") == "WGS 84 通用横轴墨卡托投影 第49带（北半球）（EPSG:32649）"


def test_raster_legend_in_the_users_language(run, chinese, tmp_path):
    sheet = tmp_path / "dem.pdf"
    run(
        "urbanization:exportplanningmap",
        {"LAYERS": [str(SAMPLE_DATA / "bigtujunga.tif")], "TITLE": "高程", "DPI": 50, "OUTPUT": str(sheet)},
    )
    legend = pdf_text(sheet).split("图例", 1)[1]
    assert "第1波段" in legend and "Band" not in legend and "Gray" not in legend
