"""urbanization:plantopology through Processing: hand-built errors in CGCS2000 longitude/latitude,
and the real OSM land use of the planning sample checked against QGIS's own geometry operations
(pairwise QgsGeometry intersections, native:checkvalidity, native:difference)."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeatureRequest, QgsProcessingException, QgsSpatialIndex, QgsVectorLayer

from ..conftest import SAMPLE_DATA
from .helpers import memory_layer

SAMPLE = SAMPLE_DATA / "planning_sample.gpkg"
PLAN = f"{SAMPLE}|layername=plan_landuse"
ID = "urbanization:plantopology"


def gk_wkt(boxes):
    """Rectangles given in GK metres (CGCS2000 CM 102E) as CGCS2000 longitude/latitude WKT."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject

    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4543"), QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance()
    )
    wkts = []
    for x0, y0, x1, y1 in boxes:
        x0, x1, y0, y1 = x0 + 570000, x1 + 570000, y0 + 2770000, y1 + 2770000
        geometry = QgsGeometry.fromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")
        geometry.transform(transform)
        wkts.append(geometry.asWkt(12))
    return wkts


def test_hand_built_errors_in_cgcs2000(run):
    wkts = gk_wkt(
        [
            (0, 0, 10, 10),
            (10, 0, 20, 10),
            (18, 0, 28, 10),
            (0, 0, 10, 10),
            (0, 20, 30, 20.5),
            (40, 40, 70, 50),
            (40, 60, 70, 70),
            (40, 50, 50, 60),
            (60, 50, 70, 60),
        ]
    )
    wkts.append("POLYGON((102.80 25.00,102.81 25.01,102.81 25.00,102.80 25.01,102.80 25.00))")  # bow-tie
    wkts.append(None)
    plan = memory_layer("Polygon", "EPSG:4490", wkts, {"name": [str(i) for i in range(len(wkts))]})
    result = run(ID, {"PLAN": plan, "ERRORS": "memory:"})
    assert {
        k: result[k]
        for k in (
            "OVERLAP_COUNT",
            "GAP_COUNT",
            "SLIVER_COUNT",
            "INVALID_COUNT",
            "DUPLICATE_COUNT",
            "OUTSIDE_BOUNDARY_COUNT",
        )
    } == {
        "OVERLAP_COUNT": 1,
        "GAP_COUNT": 1,
        "SLIVER_COUNT": 1,
        "INVALID_COUNT": 1,
        "DUPLICATE_COUNT": 1,
        "OUTSIDE_BOUNDARY_COUNT": 0,
    }
    errors = {f["error_type"]: f for f in result["ERRORS"].getFeatures()}
    assert errors["overlap"]["plane_area_m2"] == pytest.approx(20.0, rel=1e-4)
    assert errors["overlap"]["feature_ids"] == "2;3"  # memory layer feature ids start at 1
    assert errors["gap"]["plane_area_m2"] == pytest.approx(100.0, rel=1e-4)
    assert errors["gap"]["feature_ids"] == "6;7;8;9" and errors["gap"]["n_features"] == 4
    assert errors["duplicate"]["feature_ids"] == "1;4"
    assert "Self-intersection" in errors["invalid"]["detail"]
    assert result["ERRORS"].crs().authid() == "EPSG:4490"


@pytest.fixture
def utm_plan(run, tmp_path):
    out = run(
        "native:reprojectlayer", {"INPUT": PLAN, "TARGET_CRS": "EPSG:32635", "OUTPUT": str(tmp_path / "plan.gpkg")}
    )
    return QgsVectorLayer(out["OUTPUT"], "plan", "ogr")


def qgis_pairwise_overlap_area(layer) -> float:
    """Sum of QgsGeometry.intersection areas over all pairs, with a QgsSpatialIndex."""
    features = {f.id(): f.geometry().makeValid() for f in layer.getFeatures()}
    index = QgsSpatialIndex(layer.getFeatures(QgsFeatureRequest()))
    total = 0.0
    for fid, geometry in features.items():
        for other in index.intersects(geometry.boundingBox()):
            if other > fid and not geometry.isGeosEqual(features[other]):
                total += geometry.intersection(features[other]).area()
    return total


def test_sample_overlaps_and_validity_agree_with_qgis(run, utm_plan):
    result = run(ID, {"PLAN": PLAN, "TOLERANCE": 0.0, "SLIVER_WIDTH": 1.0, "ERRORS": "memory:"})
    ours = sum(f["plane_area_m2"] for f in result["ERRORS"].getFeatures() if f["error_type"] == "overlap")
    assert result["OVERLAP_COUNT"] > 0
    assert ours == pytest.approx(qgis_pairwise_overlap_area(utm_plan), rel=1e-4)
    validity = run(
        "qgis:checkvalidity",
        {
            "INPUT_LAYER": PLAN,
            "METHOD": 2,
            "VALID_OUTPUT": "memory:",
            "INVALID_OUTPUT": "memory:",
            "ERROR_OUTPUT": "memory:",
        },
    )
    assert result["INVALID_COUNT"] == validity["INVALID_COUNT"]
    assert result["ERROR_COUNT"] == result["ERRORS"].featureCount()


def test_outside_the_boundary_agrees_with_native_difference(run, utm_plan):
    boundary = f"{SAMPLE}|layername=development_boundary"
    result = run(ID, {"PLAN": PLAN, "BOUNDARY": boundary, "TOLERANCE": 0.0, "ERRORS": "memory:"})
    ours = sum(f["plane_area_m2"] for f in result["ERRORS"].getFeatures() if f["error_type"] == "outside_boundary")
    utm_boundary = run("native:reprojectlayer", {"INPUT": boundary, "TARGET_CRS": "EPSG:32635", "OUTPUT": "memory:"})[
        "OUTPUT"
    ]
    native = run("native:difference", {"INPUT": utm_plan, "OVERLAY": utm_boundary, "OUTPUT": "memory:"})["OUTPUT"]
    expected = sum(f.geometry().area() for f in native.getFeatures())
    assert result["OUTSIDE_BOUNDARY_COUNT"] > 10
    assert ours == pytest.approx(expected, rel=1e-4)
    assert result["GAP_COUNT"] > 0  # the OSM land use does not cover the streets between blocks


def test_wrong_geometry_type_and_empty_layers(run):
    lines = memory_layer("LineString", "EPSG:4543", ["LINESTRING(0 0,10 10)"])
    with pytest.raises(QgsProcessingException, match="Planning layer' holds lines, but this input needs polygons"):
        run(ID, {"PLAN": lines, "ERRORS": "memory:"})
    empty = memory_layer("Polygon", "EPSG:4543", [])
    with pytest.raises(QgsProcessingException, match="Planning layer' has no features"):
        run(ID, {"PLAN": empty, "ERRORS": "memory:"})
    plan = memory_layer("Polygon", "EPSG:4543", ["POLYGON((0 0,10 0,10 10,0 10,0 0))"])
    with pytest.raises(QgsProcessingException, match="Planning area boundary' has no features"):
        run(ID, {"PLAN": plan, "BOUNDARY": empty, "ERRORS": "memory:"})
