"""urbanization:livingspacestructure through Processing on the bundled planning sample, with areas
checked against QGIS's own geometry areas and native:intersection."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from ..conftest import SAMPLE_DATA
from .helpers import memory_layer
from .test_foundation import RecordingFeedback

SAMPLE = SAMPLE_DATA / "planning_sample.gpkg"
PLAN = f"{SAMPLE}|layername=plan_landuse"
ID = "urbanization:livingspacestructure"
CLASS_OF = {
    "07": "living",
    "08": "living",
    "14": "living",
    "09": "production_living",
    "12": "production",
    "17": "ecological",
}  # the default mapping for the classes present in the sample


@pytest.fixture
def utm_plan(run, tmp_path):
    out = run(
        "native:reprojectlayer", {"INPUT": PLAN, "TARGET_CRS": "EPSG:32635", "OUTPUT": str(tmp_path / "plan.gpkg")}
    )
    return QgsVectorLayer(out["OUTPUT"], "plan", "ogr")


def halves(crs="EPSG:32635"):
    """Two units cutting the sample in a west and an east half, and a third one away from it."""
    west = "POLYGON((385000 6671000,385950 6671000,385950 6673500,385000 6673500,385000 6671000))"
    east = "POLYGON((385950 6671000,387000 6671000,387000 6673500,385950 6673500,385950 6671000))"
    away = "POLYGON((390000 6671000,391000 6671000,391000 6672000,390000 6672000,390000 6671000))"
    return memory_layer("Polygon", crs, [west, east, away], {"name": ["西区", "东区", "北区"]})


def cgcs2000_measure(crs: str):
    """QGIS's own ellipsoidal measure on the CGCS2000 ellipsoid (EPSG:1024) for geometries in `crs`."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsDistanceArea, QgsProject

    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem(crs), QgsProject.instance().transformContext())
    assert measure.setEllipsoid("EPSG:1024")
    return measure


def summary_rows(layer) -> dict:
    return {f["unit_name"]: {n: f[n] for n in f.fields().names()} for f in layer.getFeatures()}


def test_whole_plan_areas_match_qgis_ellipsoidal_areas(run, utm_plan):
    """Summary areas are CGCS2000 ellipsoidal: QGIS's QgsDistanceArea on the CGCS2000 ellipsoid
    over the real (OSM) parcels gives the same to 1e-6; the plane (UTM) areas of the pieces are QGIS's
    planar areas."""
    feedback = RecordingFeedback()
    result = run(
        ID, {"PLAN": PLAN, "LANDUSE_FIELD": "DLBM", "OUTPUT": "memory:", "SUMMARY": "memory:"}, feedback=feedback
    )
    measure = cgcs2000_measure("EPSG:32635")
    expected, plane = {}, 0.0
    for f in utm_plan.getFeatures():
        space = CLASS_OF.get(f["DLBM"][:2], "unmapped")
        expected[space] = expected.get(space, 0.0) + measure.measureArea(f.geometry())
        plane += f.geometry().area()
    (row,) = summary_rows(result["SUMMARY"]).values()
    assert row["unit_name"] == "whole plan"
    for space, area in expected.items():
        assert row[f"{space}_ellipsoid_m2"] == pytest.approx(area, rel=1e-6), space
    assert row["total_ellipsoid_m2"] == pytest.approx(sum(expected.values()), rel=1e-6)
    assert sum(f["plane_area_m2"] for f in result["OUTPUT"].getFeatures()) == pytest.approx(plane, rel=1e-6)
    assert abs(plane / row["total_ellipsoid_m2"] - 1) > 1e-4  # UTM's scale error: the two measures differ
    assert expected["unmapped"] > 0  # 15 special and 16 reserved land have no class by default
    assert any("has no space class" in m for m in feedback.messages)
    assert result["OUTPUT"].featureCount() == 237
    assert {f["space_class"] for f in result["OUTPUT"].getFeatures()} == set(expected)


def test_units_in_another_crs_agree_with_native_intersection(run, utm_plan, tmp_path):
    units = halves()
    reprojected = run("native:reprojectlayer", {"INPUT": units, "TARGET_CRS": "EPSG:3067", "OUTPUT": "memory:"})[
        "OUTPUT"
    ]
    report = tmp_path / "space.html"
    result = run(
        ID,
        {
            "PLAN": PLAN,
            "LANDUSE_FIELD": "DLBM",
            "UNITS": reprojected,
            "UNIT_NAME_FIELD": "name",
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
            "REPORT": str(report),
        },
    )
    native = run(
        "native:intersection",
        {"INPUT": utm_plan, "OVERLAY": units, "OVERLAY_FIELDS_PREFIX": "unit_", "OUTPUT": "memory:"},
    )["OUTPUT"]
    expected = {}
    measure = cgcs2000_measure("EPSG:32635")
    for f in native.getFeatures():
        key = (f["unit_name"], CLASS_OF.get(f["DLBM"][:2], "unmapped"))
        expected[key] = expected.get(key, 0.0) + measure.measureArea(f.geometry())
    rows = summary_rows(result["SUMMARY"])
    assert list(rows) == ["西区", "东区", "北区", "whole plan"]
    for (unit, space), area in expected.items():
        assert rows[unit][f"{space}_ellipsoid_m2"] == pytest.approx(area, rel=1e-4), (unit, space)
    assert rows["西区"]["total_ellipsoid_m2"] + rows["东区"]["total_ellipsoid_m2"] == pytest.approx(
        rows["whole plan"]["total_ellipsoid_m2"]
    )
    assert rows["北区"]["total_ellipsoid_m2"] == 0
    assert sum(
        rows["东区"][f"{c}_pct"] for c in ("production", "living", "ecological", "production_living", "unmapped")
    ) == pytest.approx(100)
    assert {f["unit"] for f in result["OUTPUT"].getFeatures()} == {"西区", "东区"}
    html = report.read_text(encoding="utf-8")
    assert "<svg" in html and "西区" in html and "#59a14f" in html


def test_mapping_files_and_bad_input(run, tmp_path):
    good = tmp_path / "map.csv"
    good.write_text("code,space_class\n14,ecological\n0701,living\n", encoding="utf-8")
    result = run(
        ID,
        {
            "PLAN": PLAN,
            "LANDUSE_FIELD": "DLBM",
            "MAPPING": "file",
            "MAPPING_FILE": str(good),
            "OUTPUT": "memory:",
            "SUMMARY": "memory:",
        },
    )
    classes = {(f["code"][:2], f["space_class"]) for f in result["OUTPUT"].getFeatures()}
    assert ("14", "ecological") in classes and ("09", "unmapped") in classes
    bad = tmp_path / "bad.csv"
    bad.write_text("code,space_class\n14,ecological\n99,living\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"bad.csv: line 3: unknown land-use code '99'"):
        run(
            ID,
            {
                "PLAN": PLAN,
                "LANDUSE_FIELD": "DLBM",
                "MAPPING": "file",
                "MAPPING_FILE": str(bad),
                "OUTPUT": "memory:",
                "SUMMARY": "memory:",
            },
        )
    with pytest.raises(QgsProcessingException, match="choose a mapping file"):
        run(ID, {"PLAN": PLAN, "LANDUSE_FIELD": "DLBM", "MAPPING": "file", "OUTPUT": "memory:", "SUMMARY": "memory:"})
    lines = memory_layer("LineString", "EPSG:32635", ["LINESTRING(385000 6671000,386000 6672000)"])
    with pytest.raises(QgsProcessingException, match="Planning units' holds lines"):
        run(ID, {"PLAN": PLAN, "LANDUSE_FIELD": "DLBM", "UNITS": lines, "OUTPUT": "memory:", "SUMMARY": "memory:"})


def test_null_codes_and_geometries_in_cgcs2000(run):
    plan = memory_layer(
        "Polygon",
        "EPSG:4490",
        [
            "POLYGON((102.70 25.00,102.701 25.00,102.701 25.001,102.70 25.001,102.70 25.00))",
            "POLYGON((102.71 25.00,102.711 25.00,102.711 25.001,102.71 25.001,102.71 25.00))",
            None,
        ],
        {"code": [None, 3, 7]},
    )
    result = run(ID, {"PLAN": plan, "LANDUSE_FIELD": "code", "OUTPUT": "memory:", "SUMMARY": "memory:"})
    (row,) = summary_rows(result["SUMMARY"]).values()
    assert row["unmapped_ellipsoid_m2"] == pytest.approx(row["ecological_ellipsoid_m2"], rel=1e-3)
    assert 10_000 < row["ecological_ellipsoid_m2"] < 12_000  # 0.001 degree squares near Kunming, about 101 x 111 m
    assert row["living_ellipsoid_m2"] == 0
