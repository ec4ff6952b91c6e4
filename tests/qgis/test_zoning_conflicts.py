"""urbanization:controllineconflicts through Processing: the bundled planning sample compared with
QGIS's own native:intersection / native:difference / native:calculatevectoroverlaps, CGCS2000
geographic input, and every kind of bad input the issue lists."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingException, QgsVectorLayer

from ..conftest import SAMPLE_DATA
from .helpers import gpkg_layer, memory_layer
from .test_foundation import RecordingFeedback

SAMPLE = SAMPLE_DATA / "planning_sample.gpkg"
LINES = {
    "ECOLOGICAL_REDLINE": "ecological_redline",
    "PERMANENT_FARMLAND": "permanent_farmland",
    "DEVELOPMENT_BOUNDARY": "development_boundary",
}
ID = "urbanization:controllineconflicts"


def sample(layer: str) -> str:
    return f"{SAMPLE}|layername={layer}"


def params(**extra) -> dict:
    base = {
        "PLAN": sample("plan_landuse"),
        "LANDUSE_FIELD": "DLBM",
        "CONFLICTS": "memory:",
        "LINE_OVERLAPS": "memory:",
        "SUMMARY": "memory:",
    }
    base.update({k: sample(v) for k, v in LINES.items()})
    base.update(extra)
    return base


@pytest.fixture(scope="module")
def utm_layers(processing_ready, tmp_path_factory):
    """The sample's layers reprojected to the metric CRS the algorithm picks (UTM 35N), for the
    native tools; areas are then planar square metres on both sides."""
    import processing

    folder = tmp_path_factory.mktemp("utm")
    layers = {}
    for name in ("plan_landuse", *LINES.values()):
        out = processing.run(
            "native:reprojectlayer",
            {"INPUT": sample(name), "TARGET_CRS": "EPSG:32635", "OUTPUT": str(folder / f"{name}.gpkg")},
        )["OUTPUT"]
        layers[name] = QgsVectorLayer(out, name, "ogr")
    return layers


_CACHE: dict = {}


@pytest.fixture
def sample_result(run):
    """The sample checked once per module (MIN_AREA 0, like the native tools)."""
    if "result" not in _CACHE:
        _CACHE["result"] = run(ID, params(MIN_AREA=0.0))
    return _CACHE["result"]


def area_by(layer, key=None) -> dict:
    totals = {}
    for feature in layer.getFeatures():
        k = key(feature) if key else None
        totals[k] = totals.get(k, 0.0) + feature.geometry().area()
    return totals


def flagged(line: str, relation: str):
    """Which DLBM codes the national rules report (prohibited or needs approval) for a line."""
    from urbanization_planning.algorithms.zoning.codes import CodeTable
    from urbanization_planning.algorithms.zoning.rules import decide, national_rules

    table = CodeTable.load()
    rules = [r for r in national_rules(table) if r.control_line == line and r.relation == relation]

    def test(code) -> bool:
        _, outcome = decide([table.normalise_one(code)], rules)
        return outcome[0] in ("prohibited", "approval")

    return test


def test_conflicts_agree_with_native_intersection_and_difference(run, sample_result, utm_layers):
    """Per control line, the plane area we report equals QGIS's native overlay of the parcels whose
    code the rules report (the metric CRS the algorithm picks is UTM 35N, as the native layers)."""
    conflicts = sample_result["CONFLICTS"]
    ours = {}
    for f in conflicts.getFeatures():
        ours[f["control_line"]] = ours.get(f["control_line"], 0.0) + f["plane_area_m2"]
    assert sample_result["CONFLICT_COUNT"] == conflicts.featureCount() > 30
    assert sample_result["CONFLICT_AREA_M2"] == pytest.approx(
        sum(f["ellipsoid_area_m2"] for f in conflicts.getFeatures())
    )

    plan = utm_layers["plan_landuse"]
    red = run("native:intersection", {"INPUT": plan, "OVERLAY": utm_layers["ecological_redline"], "OUTPUT": "memory:"})[
        "OUTPUT"
    ]
    farm = run(
        "native:intersection", {"INPUT": plan, "OVERLAY": utm_layers["permanent_farmland"], "OUTPUT": "memory:"}
    )["OUTPUT"]
    outside = run(
        "native:difference", {"INPUT": plan, "OVERLAY": utm_layers["development_boundary"], "OUTPUT": "memory:"}
    )["OUTPUT"]
    native = {
        "ecological_redline": area_by(red, lambda f: flagged("ecological_redline", "inside")(f["DLBM"])).get(True, 0.0),
        "permanent_farmland": area_by(farm, lambda f: flagged("permanent_farmland", "inside")(f["DLBM"])).get(
            True, 0.0
        ),
        "development_boundary": area_by(outside, lambda f: flagged("development_boundary", "outside")(f["DLBM"])).get(
            True, 0.0
        ),
    }
    assert min(native.values()) > 1000
    for line, area in native.items():
        assert ours[line] == pytest.approx(area, rel=1e-4), line  # 0.01 %


def test_per_parcel_areas_agree_with_native_calculatevectoroverlaps(run, sample_result, utm_layers):
    overlaps = run(
        "native:calculatevectoroverlaps",
        {"INPUT": utm_layers["plan_landuse"], "LAYERS": [utm_layers["permanent_farmland"]], "OUTPUT": "memory:"},
    )["OUTPUT"]
    area_field = [f.name() for f in overlaps.fields() if f.name().endswith("_area")][0]
    native = {f["fid"]: f[area_field] for f in overlaps.getFeatures() if f[area_field]}
    ours = {
        f["plan_fid"]: f["plane_area_m2"]
        for f in sample_result["CONFLICTS"].getFeatures()
        if f["control_line"] == "permanent_farmland"
    }
    assert len(ours) >= 20
    assert set(ours) == set(native)
    for fid, area in native.items():
        assert ours[fid] == pytest.approx(area, rel=1e-4, abs=1e-6), fid


def test_line_overlaps_agree_with_native_intersection(run, sample_result, utm_layers):
    native = run(
        "native:intersection",
        {"INPUT": utm_layers["ecological_redline"], "OVERLAY": utm_layers["permanent_farmland"], "OUTPUT": "memory:"},
    )["OUTPUT"]
    ours = sum(
        f["plane_area_m2"]
        for f in sample_result["LINE_OVERLAPS"].getFeatures()
        if {f["line_a"], f["line_b"]} == {"ecological_redline", "permanent_farmland"}
    )
    assert ours == pytest.approx(area_by(native)[None], rel=1e-4) and ours > 1000


def test_summary_report_and_outputs_in_the_plan_crs(run, tmp_path, sample_result):
    report = tmp_path / "conflicts.html"
    result = run(ID, params(REPORT=str(report)))
    assert result["CONFLICTS"].crs().authid() == "EPSG:4326"
    rows = list(result["SUMMARY"].getFeatures())
    assert sum(r["conflict_count"] for r in rows) == result["CONFLICT_COUNT"]
    assert sum(r["ellipsoid_area_m2"] for r in rows) == pytest.approx(result["CONFLICT_AREA_M2"])
    assert {r["control_line"] for r in rows} == set(LINES.values())
    assert {r["outcome"] for r in rows} == {"prohibited", "approval"}
    assert result["PROHIBITED_COUNT"] + result["APPROVAL_COUNT"] == result["CONFLICT_COUNT"]
    html = report.read_text(encoding="utf-8")
    assert "<table>" in html and "<svg" in html and "permanent" not in html.split("<body>")[0]
    # one table per outcome, prohibited first
    assert html.index("prohibited: by control line") < html.index("needs approval: by control line")
    # MIN_AREA 1 m2 drops only slivers
    assert result["CONFLICT_AREA_M2"] == pytest.approx(sample_result["CONFLICT_AREA_M2"], rel=1e-3)


def plane_total(result) -> float:
    """Plane area of all conflicts (these hand cases sit far from any CGCS2000 central meridian,
    where the ellipsoidal area differs from the plane one by the projection's scale)."""
    return sum(f["plane_area_m2"] for f in result["CONFLICTS"].getFeatures())


def cgcs2000_measure():
    """QGIS's ellipsoidal measure on the CGCS2000 ellipsoid (EPSG:1024), for CGCS2000 geometries."""
    from qgis.core import QgsDistanceArea, QgsProject

    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance().transformContext())
    assert measure.setEllipsoid("EPSG:1024")
    return measure


def kunming_square(x0, y0, size=100.0):
    """WKT of a size x size square at GK (CGCS2000 CM 102E) x0, y0, in CGCS2000 longitude/latitude."""
    from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsProject

    geometry = QgsGeometry.fromWkt(
        f"POLYGON(({x0} {y0},{x0 + size} {y0},{x0 + size} {y0 + size},{x0} {y0 + size},{x0} {y0}))"
    )
    geometry.densifyByCount(10)
    geometry.transform(
        QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:4543"), QgsCoordinateReferenceSystem("EPSG:4490"), QgsProject.instance()
        )
    )
    return geometry.asWkt(12)


def test_cgcs2000_geographic_input_is_measured_in_square_metres(run):
    x, y = 570000.0, 2770000.0  # near Kunming
    plan = memory_layer(
        "Polygon", "EPSG:4490", [kunming_square(x, y), kunming_square(x + 200, y)], {"DLBM": ["0701", 1001]}
    )
    red = memory_layer("Polygon", "EPSG:4490", [kunming_square(x + 50, y, 200.0)])
    result = run(
        ID,
        {
            "PLAN": plan,
            "LANDUSE_FIELD": "DLBM",
            "ECOLOGICAL_REDLINE": red,
            "MIN_AREA": 0.0,
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
        },
    )
    areas = sorted(f["plane_area_m2"] for f in result["CONFLICTS"].getFeatures())
    assert areas == pytest.approx([5000.0, 5000.0], rel=1e-5)
    assert result["CONFLICTS"].crs().authid() == "EPSG:4490"
    # the ellipsoidal areas are QGIS's own ellipsoidal measure on the CGCS2000 ellipsoid
    measure = cgcs2000_measure()
    for feature in result["CONFLICTS"].getFeatures():
        assert feature["ellipsoid_area_m2"] == pytest.approx(measure.measureArea(feature.geometry()), rel=1e-6)


def test_control_line_in_another_crs_gives_the_same_answer(run, sample_result, tmp_path):
    import processing

    red_gk = processing.run(
        "native:reprojectlayer",
        {"INPUT": sample("ecological_redline"), "TARGET_CRS": "EPSG:3067", "OUTPUT": str(tmp_path / "red.gpkg")},
    )["OUTPUT"]
    result = run(
        ID, params(ECOLOGICAL_REDLINE=red_gk, PERMANENT_FARMLAND=None, DEVELOPMENT_BOUNDARY=None, MIN_AREA=0.0)
    )
    expected = sum(
        f["ellipsoid_area_m2"]
        for f in sample_result["CONFLICTS"].getFeatures()
        if f["control_line"] == "ecological_redline"
    )
    assert result["CONFLICT_AREA_M2"] == pytest.approx(expected, rel=1e-4)


def test_null_and_unknown_codes_are_their_own_class(run):
    wkts = [
        "POLYGON((0 0,10 0,10 10,0 10,0 0))",
        "POLYGON((20 0,30 0,30 10,20 10,20 0))",
        "POLYGON((40 0,50 0,50 10,40 10,40 0))",
    ]
    plan = memory_layer("Polygon", "EPSG:4543", wkts, {"code": [None, "xyz", "居住用地"]})
    red = memory_layer("Polygon", "EPSG:4543", ["POLYGON((0 0,100 0,100 100,0 100,0 0))"])
    feedback = RecordingFeedback()
    result = run(
        ID,
        {
            "PLAN": plan,
            "LANDUSE_FIELD": "code",
            "ECOLOGICAL_REDLINE": red,
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
        },
        feedback=feedback,
    )
    rows = sorted((f["landuse"] or "", f["rule_id"], f["class_code"]) for f in result["CONFLICTS"].getFeatures())
    assert rows == [
        ("", "unknown_code", "unknown"),
        ("xyz", "unknown_code", "unknown"),
        ("居住用地", "eco_construction", "07"),
    ]
    assert result["UNKNOWN_CODE_COUNT"] == 2
    assert any("2 of 3 parcels have an empty or unknown land-use code in field 'code'" in m for m in feedback.messages)


def test_invalid_and_null_geometries_are_repaired_and_skipped(run):
    bowtie = "POLYGON((0 0,10 10,10 0,0 10,0 0))"  # self-intersecting: two triangles of 25 m2
    plan = memory_layer("Polygon", "EPSG:3395", [bowtie, None], {"code": ["0701", "0701"]})
    red = memory_layer("Polygon", "EPSG:3395", ["POLYGON((0 0,100 0,100 100,0 100,0 0))"])
    feedback = RecordingFeedback()
    result = run(
        ID,
        {
            "PLAN": plan,
            "LANDUSE_FIELD": "code",
            "ECOLOGICAL_REDLINE": red,
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
        },
        feedback=feedback,
    )
    assert plane_total(result) == pytest.approx(50.0)
    assert any("repaired 1 invalid" in m for m in feedback.messages)
    assert any("skipped 1 feature(s) without geometry" in m for m in feedback.messages)


def test_empty_control_layers(run):
    plan = memory_layer("Polygon", "EPSG:3395", ["POLYGON((0 0,10 0,10 10,0 10,0 0))"], {"code": ["07"]})
    empty = memory_layer("Polygon", "EPSG:3395", [])
    red = memory_layer("Polygon", "EPSG:3395", ["POLYGON((0 0,5 0,5 5,0 5,0 0))"])
    feedback = RecordingFeedback()
    result = run(
        ID,
        {
            "PLAN": plan,
            "LANDUSE_FIELD": "code",
            "ECOLOGICAL_REDLINE": red,
            "PERMANENT_FARMLAND": empty,
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
        },
        feedback=feedback,
    )
    assert plane_total(result) == pytest.approx(25.0)
    assert any("Permanent basic farmland' has no features" in m for m in feedback.messages)
    assert any(
        "Rule 'farmland_other_use' is not checked: no Permanent basic farmland layer" in m for m in feedback.messages
    )
    with pytest.raises(QgsProcessingException, match="at least one control line layer"):
        run(
            ID,
            {
                "PLAN": plan,
                "LANDUSE_FIELD": "code",
                "PERMANENT_FARMLAND": empty,
                "CONFLICTS": "memory:",
                "LINE_OVERLAPS": "memory:",
                "SUMMARY": "memory:",
            },
        )
    with pytest.raises(QgsProcessingException, match="at least one control line layer"):
        run(
            ID,
            {
                "PLAN": plan,
                "LANDUSE_FIELD": "code",
                "CONFLICTS": "memory:",
                "LINE_OVERLAPS": "memory:",
                "SUMMARY": "memory:",
            },
        )


def test_lines_or_points_where_polygons_are_expected(run):
    plan = memory_layer("Polygon", "EPSG:4543", ["POLYGON((0 0,10 0,10 10,0 10,0 0))"], {"code": ["07"]})
    lines = memory_layer("LineString", "EPSG:4543", ["LINESTRING(0 0,10 10)"], {"code": ["07"]})
    points = memory_layer("Point", "EPSG:4543", ["POINT(1 1)"])
    with pytest.raises(QgsProcessingException, match="Planned land use' holds lines, but this input needs polygons"):
        run(
            ID,
            {
                "PLAN": lines,
                "LANDUSE_FIELD": "code",
                "ECOLOGICAL_REDLINE": plan,
                "CONFLICTS": "memory:",
                "LINE_OVERLAPS": "memory:",
                "SUMMARY": "memory:",
            },
        )
    with pytest.raises(QgsProcessingException, match="red line' holds points, but this input needs polygons"):
        run(
            ID,
            {
                "PLAN": plan,
                "LANDUSE_FIELD": "code",
                "ECOLOGICAL_REDLINE": points,
                "CONFLICTS": "memory:",
                "LINE_OVERLAPS": "memory:",
                "SUMMARY": "memory:",
            },
        )


def test_rules_files_good_and_bad(run, tmp_path):
    good = tmp_path / "rules.csv"
    good.write_text(
        "id,control_line,relation,codes,except,text\nno_parks,ecological_redline,inside,14,,no parks\n",
        encoding="utf-8",
    )
    result = run(ID, params(RULES="file", RULES_FILE=str(good), PERMANENT_FARMLAND=None, DEVELOPMENT_BOUNDARY=None))
    assert {f["rule_id"] for f in result["CONFLICTS"].getFeatures()} == {"no_parks"}
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"rules": [\n  {"id": "a", "control_line": "ecological_redline",\n   "codes": ["07",]}\n]}', encoding="utf-8"
    )
    with pytest.raises(QgsProcessingException, match=r"broken.json: line 3, column"):
        run(ID, params(RULES="file", RULES_FILE=str(broken)))
    unknown = tmp_path / "unknown.json"
    unknown.write_text(
        json.dumps(
            {
                "rules": [
                    {"id": "a", "control_line": "ecological_redline", "codes": ["07"]},
                    {"id": "b", "control_line": "ecological_redline", "codes": ["77"]},
                ]
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        QgsProcessingException, match=r"unknown.json: line \d+ \(rule 'b'\): unknown land-use code '77'"
    ):
        run(ID, params(RULES="file", RULES_FILE=str(unknown)))
    with pytest.raises(QgsProcessingException, match="choose a rules file"):
        run(ID, params(RULES="file"))


def test_inputs_are_not_modified(run):
    before = SAMPLE.read_bytes()
    run(ID, params())
    assert SAMPLE.read_bytes() == before
    assert gpkg_layer(SAMPLE, "plan_landuse").featureCount() == 237


def test_3d_polygons_are_checked_in_2d(run):
    plan = memory_layer("PolygonZ", "EPSG:3395", ["POLYGON Z((0 0 5,10 0 5,10 10 6,0 10 6,0 0 5))"], {"code": ["0701"]})
    red = memory_layer("PolygonZ", "EPSG:3395", ["POLYGON Z((5 0 1,20 0 1,20 20 1,5 20 1,5 0 1))"])
    result = run(
        ID,
        {
            "PLAN": plan,
            "LANDUSE_FIELD": "code",
            "ECOLOGICAL_REDLINE": red,
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": "memory:",
        },
    )
    assert plane_total(result) == pytest.approx(50.0)
    assert result["CONFLICTS"].featureCount() == 1
