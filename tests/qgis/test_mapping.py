"""urbanization:exportplanningmap on the Helsinki sample: a real PDF/PNG sheet, checked with
poppler (pdfinfo/pdftotext) and Qt, plus the bad inputs of the issue."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from qgis.core import Qgis, QgsProcessingException, QgsProject, QgsRectangle, QgsReferencedRectangle
from qgis.PyQt.QtGui import QColor, QImage

from ..conftest import SAMPLE_DATA
from .helpers import gpkg_layer, memory_layer

TITLE = "赫尔辛基中心区公园绿地规划图"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.fixture
def helsinki_layers():
    """Population grid, parks and roads of the sample, in the project (as a planner would have them)."""
    grid = gpkg_layer(SAMPLE_DATA / "helsinki_population_grid_2020.gpkg", "population_grid_2020")
    parks = gpkg_layer(SAMPLE_DATA / "helsinki_osm_layers.gpkg", "parks")
    roads = gpkg_layer(SAMPLE_DATA / "helsinki_osm_layers.gpkg", "roads")
    layers = [grid, parks, roads]
    QgsProject.instance().addMapLayers(layers)
    yield layers
    QgsProject.instance().removeMapLayers([layer.id() for layer in layers])


def pdf_text(path) -> str:
    """pdftotext output, NFKC-normalised: Qt writes some CJK glyphs shared with Kangxi radicals
    (U+2F00 block) under the radical's code point, which NFKC maps back to the ideograph."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", text)


def pdf_page_size_pt(path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    line = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, _x, height = line.split()[2:5]
    return float(width), float(height)


@needs_poppler
@pytest.mark.parametrize("template, size_mm", [("a4_landscape", (297, 210)), ("a3_portrait", (297, 420))])
def test_pdf_sheet_has_page_size_chinese_title_and_attributions(run, tmp_path, helsinki_layers, template, size_mm):
    output = tmp_path / "sheet.pdf"
    result = run(
        "urbanization:exportplanningmap",
        {
            "LAYERS": helsinki_layers,
            "TITLE": TITLE,
            "SUBTITLE": "公园绿地服务半径覆盖率 示例",
            "UNIT": "昆明市规划设计研究院",
            "TEMPLATE": template,
            "DPI": 96,
            "OUTPUT": str(output),
        },
    )
    assert result["OUTPUT"] == str(output)
    assert output.read_bytes()[:5] == b"%PDF-"
    width, height = pdf_page_size_pt(output)
    mm = 72 / 25.4
    assert width == pytest.approx(size_mm[0] * mm, abs=1.5) and height == pytest.approx(size_mm[1] * mm, abs=1.5)
    text = pdf_text(output)
    assert TITLE in text
    assert "公园绿地服务半径覆盖率" in text
    assert "昆明市规划设计研究院" in text
    assert '"(c) OpenStreetMap contributors"' in text  # parks and roads (ODbL)
    assert "Helsinki Region Environmental Services (HSY)" in text  # population grid (CC BY 4.0)
    for name in ("parks", "roads", "population_grid_2020"):  # the legend holds the given layers
        assert name in text
    # metric map: Helsinki gets UTM 35N, and a round planning scale
    assert result["CRS"] == "EPSG:32635"
    assert result["SCALE"] in (5000, 10000, 20000, 25000, 50000)
    assert "EPSG:32635" in text
    # scale bar in metres; QGIS 3.40 writes the last label's number so that pdftotext cannot read it
    # (the sheet shows it: seen on 3.40.6), so there only the first labels and the unit are checked
    last = r"(200|400|500|1,000) m" if Qgis.QGIS_VERSION_INT < 34000 else r".*?\bm\b"
    assert re.search(r"0\s+(100|200|250|500)\s+" + last, text, re.S), text


def test_png_sheet_has_the_pixel_size_of_the_page(run, tmp_path, helsinki_layers):
    output = tmp_path / "sheet.png"
    run(
        "urbanization:exportplanningmap",
        {"LAYERS": helsinki_layers[1:], "TITLE": TITLE, "TEMPLATE": "a4_portrait", "DPI": 50, "OUTPUT": str(output)},
    )
    image = QImage(str(output))
    assert not image.isNull()
    assert image.width() == pytest.approx(210 / 25.4 * 50, abs=1)
    assert image.height() == pytest.approx(297 / 25.4 * 50, abs=1)
    # the map (10-200 mm across, 30-205 mm down) is drawn: parks and roads colour part of it
    white = QColor("white").rgb()
    pixels = [image.pixel(x, y) for x in range(25, 390, 3) for y in range(65, 400, 3)]
    drawn = sum(p != white for p in pixels) / len(pixels)
    assert 0.02 < drawn < 0.9


@needs_poppler
def test_legend_lists_only_the_given_layers_and_layer_attribution_is_used(run, tmp_path, helsinki_layers):
    stations = gpkg_layer(SAMPLE_DATA / "kunming_metro_osm.gpkg", "stations")  # in the project, not given
    QgsProject.instance().addMapLayer(stations)
    parks = helsinki_layers[1]
    parks.setAttribution("赫尔辛基市 公园普查")
    try:
        output = tmp_path / "parks.pdf"
        run(
            "urbanization:exportplanningmap",
            {"LAYERS": [parks], "TITLE": "公园", "SOURCES": "现场踏勘", "OUTPUT": str(output)},
        )
        text = pdf_text(output)
        assert "stations" not in text and "roads" not in text
        assert "赫尔辛基市 公园普查" in text and "现场踏勘" in text
    finally:
        parks.setAttribution("")
        QgsProject.instance().removeMapLayer(stations.id())


def test_given_extent_in_another_crs_sets_the_map(run, tmp_path, helsinki_layers):
    extent = QgsReferencedRectangle(QgsRectangle(24.935, 60.160, 24.945, 60.165), helsinki_layers[0].crs())
    result = run(
        "urbanization:exportplanningmap",
        {"LAYERS": helsinki_layers, "TITLE": "局部", "EXTENT": extent, "DPI": 50, "OUTPUT": str(tmp_path / "part.png")},
    )
    # about 555 m of width on 211 mm of map: 1:2,630 rounds up to 1:5,000
    assert result["SCALE"] == 5000


def test_the_layout_module_builds_and_exports_as_a_model_step_would(tmp_path, helsinki_layers):
    from urbanization_planning.layers import layout

    sheet = layout.build_planning_sheet(
        QgsProject.instance(), "a3_landscape", helsinki_layers, layout.SheetContent(title=TITLE, date="2026-06-18")
    )
    assert sheet.layout.itemById("map").layers()[-1].name() == "population_grid_2020"  # first given: bottom
    assert [n.name() for n in sheet.legend_root.findLayers()] == ["roads", "parks", "population_grid_2020"]
    assert "2026-06-18" in sheet.layout.itemById("crs_date").text()
    assert layout.export_sheet(sheet, tmp_path / "x.pdf", 72).stat().st_size > 10_000


def test_plan_scales_and_nice_lengths():
    from urbanization_planning.layers.layout import nice_length, plan_scale

    # the planning series 1:500, 1:1000, 1:2000, 1:5000, 1:10000, 1:25000, 1:50000, 1:100000 ...
    assert [plan_scale(s) for s in (1800, 2630, 5000, 10001, 15309, 40000, 60000)] == [
        2000,
        5000,
        5000,
        25000,
        25000,
        50000,
        100000,
    ]
    assert [nice_length(v) for v in (0.7, 1, 3, 180, 999)] == [0.5, 1, 2, 100, 500]


@pytest.mark.parametrize(
    "parameters, message",
    [
        ({"LAYERS": []}, "No layers to map"),
        ({"OUTPUT": "/nonexistent-folder/sheet.pdf"}, "does not exist"),
        (
            {"OUTPUT": "/proc/sheet.pdf"},
            "read-only|could not write the map sheet /proc/sheet.pdf",
        ),  # root: os.access says yes
        ({"OUTPUT": "sheet.docx"}, "must end in .pdf or .png"),
        ({"EXTENT": "385000,385000,6670000,6671000 [EPSG:32635]"}, "zero width or height"),
    ],
)
def test_bad_input_gives_clear_messages(run, tmp_path, helsinki_layers, parameters, message):
    full = {"LAYERS": helsinki_layers[1:2], "TITLE": "x", "OUTPUT": str(tmp_path / "sheet.pdf"), **parameters}
    if full["OUTPUT"] == "sheet.docx":
        full["OUTPUT"] = str(tmp_path / "sheet.docx")
    with pytest.raises(QgsProcessingException, match=message):
        run("urbanization:exportplanningmap", full)


def test_empty_layer_and_missing_template_are_reported(tmp_path, monkeypatch):
    from urbanization_planning.layers import layout

    empty = memory_layer("Polygon", "EPSG:4326", [])
    with pytest.raises(QgsProcessingException, match="extent is empty|empty layer|no features"):
        layout.build_planning_sheet(QgsProject.instance(), "a4_landscape", [empty], layout.SheetContent("t"))
    monkeypatch.setattr(layout, "TEMPLATES_DIR", tmp_path)
    point = memory_layer("Point", "EPSG:32635", ["POINT(385000 6671000)"])
    with pytest.raises(QgsProcessingException, match="template 'a4_landscape' is missing"):
        layout.build_planning_sheet(QgsProject.instance(), "a4_landscape", [point], layout.SheetContent("t"))
    (tmp_path / "broken.qpt").write_text("<Layout><Items/></Layout>", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="lacks the items map, title"):
        layout.build_planning_sheet(QgsProject.instance(), tmp_path / "broken.qpt", [point], layout.SheetContent("t"))


def test_single_point_layer_gets_a_map_around_it(tmp_path):
    from urbanization_planning.layers import layout

    point = memory_layer("Point", "EPSG:32635", ["POINT(385000 6671000)"], name="站点")
    sheet = layout.build_planning_sheet(QgsProject.instance(), "a4_landscape", [point], layout.SheetContent("t"))
    assert sheet.layout.itemById("map").extent().contains(QgsRectangle(384800, 6670800, 385200, 6671200))


def test_a_web_mercator_project_gets_a_true_to_scale_sheet(helsinki_layers):
    """Web Mercator "metres" are twice too long in Helsinki (sec 60°): the sheet's map, and so its
    scale bar and plan scale, use the working CRS (UTM 35N there) instead; a true-to-scale project
    CRS is kept."""
    from qgis.core import QgsCoordinateReferenceSystem

    from urbanization_planning.layers.layout import map_crs_for

    project = QgsProject.instance()
    before = project.crs()
    try:
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        assert map_crs_for(project, helsinki_layers).authid() == "EPSG:32635"
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:3067"))  # ETRS-TM35FIN: true to scale there
        assert map_crs_for(project, helsinki_layers).authid() == "EPSG:3067"
    finally:
        project.setCrs(before)
