"""Issue 28, item 8, through Processing: a GBK Shapefile without a .cpg file, whose DLMC names
QGIS reads as mojibake, gets a warning that says so and how to set the layer's encoding."""

from __future__ import annotations

import geopandas as gpd
from qgis.core import QgsVectorLayer
from shapely import box

from .test_foundation import RecordingFeedback


def test_gbk_shapefile_without_cpg_is_explained(run, tmp_path):
    """Two parcels named 水田 and 旱地 in GBK, no .cpg: the names arrive as mojibake (as Latin-1,
    'Ë®Ìï', or as UTF-8 with U+FFFD marks, as QGIS 3.22 reads them here), no code is recognised
    (2 of 2 unknown, more than half), and the warning shows the stored text (and, read as Latin-1,
    what it says in GBK) and names the setting (数据源编码 GBK)."""
    names = ["水田", "旱地"]
    path = tmp_path / "dltb.shp"
    frame = gpd.GeoDataFrame(
        {"DLMC": [n.encode("gbk").decode("latin-1") for n in names]},
        geometry=[box(500000, 2770000, 500100, 2770100), box(500100, 2770000, 500200, 2770100)],
        crs="EPSG:4543",
    )
    frame.to_file(path, driver="ESRI Shapefile", encoding="ISO-8859-1", engine="fiona")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    layer = QgsVectorLayer(str(path), "dltb", "ogr")
    seen = [f["DLMC"] for f in layer.getFeatures()]  # as a planner sees them: mojibake, never 水田
    latin1 = seen == [n.encode("gbk").decode("latin-1") for n in names]
    assert latin1 or all("\ufffd" in v for v in seen), seen  # OGR read the bytes as Latin-1 or as UTF-8
    farmland = gpd.GeoDataFrame(geometry=[box(500000, 2770000, 500200, 2770100)], crs="EPSG:4543")
    farmland.to_file(tmp_path / "farmland.gpkg", driver="GPKG", engine="fiona")
    feedback = RecordingFeedback()
    result = run(
        "urbanization:controllineconflicts",
        {
            "PLAN": layer,
            "LANDUSE_FIELD": "DLMC",
            "CLASSIFICATION": "sandiao",
            "PERMANENT_FARMLAND": str(tmp_path / "farmland.gpkg"),
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
        },
        feedback=feedback,
    )
    assert result["UNKNOWN_CODE_COUNT"] == 2
    warning = next(m for m in feedback.messages if "read with the wrong encoding" in m)
    assert (f"'{seen[0]}' = '水田'" if latin1 else f"'{seen[0]}'") in warning and "数据源编码 GBK" in warning
    # the fix the warning names: the layer's data source encoding set to GBK
    layer.setProviderEncoding("GBK")
    assert [f["DLMC"] for f in layer.getFeatures()] == names
    fixed = run(
        "urbanization:controllineconflicts",
        {
            "PLAN": layer,
            "LANDUSE_FIELD": "DLMC",
            "CLASSIFICATION": "sandiao",
            "PERMANENT_FARMLAND": str(tmp_path / "farmland.gpkg"),
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
        },
    )
    assert fixed["UNKNOWN_CODE_COUNT"] == 0 and fixed["CONFLICT_COUNT"] == 0  # paddy and dry land: cropland
