"""规划图件 conventions on the sheet, in zh-Hans: a 图签 title block (project, drawing, number,
organisation, date, scale), the CRS stated as 2000国家大地坐标系 and 1985国家高程基准 under a DEM,
planning scales, a legend of only the classes on the map, and long names wrapped, not cut."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsProject,
    QgsRasterLayer,
    QgsRendererCategory,
)

from .helpers import memory_layer
from .test_mapping import needs_poppler, pdf_text

GK = "EPSG:4545"  # CGCS2000 / 3-degree Gauss-Kruger CM 108E
X0, Y0 = 500000.0, 2770000.0


def _farmland():
    """Two squares of one class; the renderer also has a class that is not in the data."""
    wkts = [
        f"POLYGON(({X0 + dx} {Y0}, {X0 + dx + 800} {Y0}, {X0 + dx + 800} {Y0 + 800}, {X0 + dx} {Y0 + 800}, {X0 + dx} {Y0}))"
        for dx in (0, 1500)
    ]
    layer = memory_layer(
        "Polygon",
        GK,
        wkts,
        {"kind": ["farmland", "farmland"]},
        name="Permanent basic farmland protection area boundary",
    )
    categories = [
        QgsRendererCategory(
            "farmland",
            QgsFillSymbol.createSimple({"color": "200,230,120"}),
            "Permanent basic farmland within the development boundary of the central city",
        ),
        QgsRendererCategory("wetland", QgsFillSymbol.createSimple({"color": "80,160,220"}), "Wetland (absent)"),
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))
    return layer


def _dem(tmp_path):
    import rasterio
    from rasterio.transform import from_origin

    path = tmp_path / "dem.tif"
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=50,
        height=30,
        count=1,
        dtype="float32",
        crs="EPSG:4545",
        transform=from_origin(X0 - 200, Y0 + 1200, 60, 60),
    ) as dst:
        dst.write(np.linspace(1890, 1950, 1500, dtype="float32").reshape(1, 30, 50))
    layer = QgsRasterLayer(str(path), "高程 DEM")
    assert layer.isValid()
    return layer


@needs_poppler
def test_sheet_follows_planning_drawing_conventions(chinese, tmp_path):
    from urbanization_planning.layers import layout

    project = QgsProject.instance()
    farmland, dem = _farmland(), _dem(tmp_path)
    project.addMapLayers([dem, farmland])
    try:
        content = layout.SheetContent(
            title="永久基本农田与高程现状图",
            project_name="昆明市国土空间总体规划",
            drawing_number="图 3-2",
            planning_unit="昆明市规划设计研究院",
            date="2026-11-29",
        )
        sheet = layout.build_planning_sheet(project, "a4_landscape", [dem, farmland], content)
        assert sheet.scale in layout.PLAN_SCALES
        path = layout.export_sheet(sheet, tmp_path / "sheet.pdf", 100)
        del sheet
        text = pdf_text(path)
        flat = text.replace("\n", " ")
        for heading, entry in (
            ("项目名称", "昆明市国土空间总体规划"),
            ("图名", "永久基本农田与高程现状图"),
            ("图号", "图 3-2"),
            ("编制单位", "昆明市规划设计研究院"),
            ("日期", "2026-11-29"),
        ):
            assert heading in text and entry in text, heading
        assert "2000国家大地坐标系" in text and "1985国家高程基准" in text
        assert "Wetland" not in text  # not on the map: not in the legend
        for word in ("Permanent", "basic", "farmland", "within", "development", "boundary", "central", "city"):
            assert word in flat, word  # wrapped onto lines, not cut at the frame
        assert "图例" in text and "比例尺" in text and "Legend" not in text
    finally:
        project.removeMapLayers([dem.id(), farmland.id()])


def test_chosen_plan_scale_is_used(tmp_path):
    from urbanization_planning.layers import layout

    project = QgsProject.instance()
    farmland = _farmland()
    project.addMapLayer(farmland)
    try:
        sheet = layout.build_planning_sheet(
            project, "a4_landscape", [farmland], layout.SheetContent(title="t", scale=10000)
        )
        assert sheet.scale == 10000
        assert sheet.layout.itemById("title_block_5_1").text() == "1:10,000"
        del sheet
    finally:
        project.removeMapLayer(farmland.id())


@pytest.mark.parametrize("text, width", [("Permanent basic farmland", 20.0), ("永久基本农田保护区范围线", 15.0)])
def test_wrap_text_keeps_every_character(text, width):
    from urbanization_planning.layers.layout import wrap_text

    wrapped = wrap_text(text, width, 9.0)
    assert "\n" in wrapped and wrapped.replace("\n", "").replace(" ", "") == text.replace(" ", "")


def test_long_legend_fits_above_the_title_block_and_single_symbols_are_headings():
    """Eight layers of five classes each: the legend shrinks (or splits) to stay above the 图签,
    and a single-symbol layer gets its own heading instead of a line under the previous one."""
    from qgis.core import QgsLayerTreeLayer, QgsLegendRenderer, QgsLegendStyle, QgsSingleSymbolRenderer

    from urbanization_planning.layers import layout

    project = QgsProject.instance()
    layers = []
    for k in range(8):
        wkts = [
            f"POLYGON(({X0 + 300 * i} {Y0 + 300 * k}, {X0 + 300 * i + 200} {Y0 + 300 * k}, "
            f"{X0 + 300 * i + 200} {Y0 + 300 * k + 200}, {X0 + 300 * i} {Y0 + 300 * k}))"
            for i in range(5)
        ]
        layer = memory_layer(
            "Polygon", GK, wkts, {"kind": [f"c{i}" for i in range(5)]}, name=f"规划图层 {k} Planning layer"
        )
        layer.setRenderer(
            QgsCategorizedSymbolRenderer(
                "kind",
                [
                    QgsRendererCategory(
                        f"c{i}", QgsFillSymbol.createSimple({"color": f"{40 * i},120,200"}), f"第{i}类 class {i}"
                    )
                    for i in range(5)
                ],
            )
        )
        layers.append(layer)
    single = memory_layer(
        "Polygon",
        GK,
        [f"POLYGON(({X0} {Y0}, {X0 + 50} {Y0}, {X0 + 50} {Y0 + 50}, {X0} {Y0}))"],
        name="公园服务盲区 Underserved",
    )
    single.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": "200,0,0"})))
    layers.append(single)
    project.addMapLayers(layers)
    try:
        sheet = layout.build_planning_sheet(project, "a4_landscape", layers, layout.SheetContent(title="t"))
        legend = sheet.layout.itemById("legend")
        block_top = sheet.layout.itemById("title_block_cell_0_0").positionWithUnits().y()
        assert legend.positionWithUnits().y() + legend.sizeWithUnits().height() <= block_top
        node = next(n for n in sheet.legend_root.findLayers() if n.layer() is single)
        assert isinstance(node, QgsLayerTreeLayer)
        assert QgsLegendRenderer.nodeLegendStyle(node, legend.model()) == QgsLegendStyle.Style.Subgroup
        del sheet
    finally:
        project.removeMapLayers([layer.id() for layer in layers])
