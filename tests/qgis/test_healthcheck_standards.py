"""Issue 28 through Processing: urbanization:cityhealthcheck with the layers the official forms
count (commute lines, communities, blocks) on the hand cases of tests/unit/test_healthcheck_standards.py,
every cluster listed in the report, and the official / screening label per indicator."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, box

from .helpers import memory_layer
from .test_healthcheck import _city_values, _features

pytestmark = pytest.mark.usefixtures("provider")
CRS = "EPSG:4547"
X, Y = 500_000.0, 2_770_000.0


def _at(geometry):
    from shapely import affinity

    return affinity.translate(geometry, X, Y)


def _layer(kind, geometries, fields=None, name="layer"):
    return memory_layer(kind, CRS, [_at(g).wkt for g in geometries], fields or {}, name=name)


def test_official_forms_and_every_cluster_through_processing(run, tmp_path):
    """By hand (see the unit tests): commute lines (home -> work, weights 1, 1, 1, 2) around a
    station at (0, 0): 60 %. Three communities with markets in two: 66.7 %. Blocks 0..200 x 0..200
    (500 people: 12 500 /km²) and 300..400 x 0..100 (200 people: 20 000 /km²): 0.01 km² above
    15 000 /km². Built-up: two clusters of 30 and 60 km² (1 km apart): both listed, 60 未达标.
    The three indicators computed in their official form say so; the clusters come out each."""
    built = [box(0, 0, 5000, 6000), box(6000, 0, 16000, 6000)]  # 30 and 60 km², the cases inside the first
    commutes = [
        LineString([(100, 0), (500, 0)]),
        LineString([(100, 0), (2000, 0)]),
        LineString([(1000, 0), (0, 300)]),
        LineString([(0, 700), (700, 0)]),
    ]
    report = tmp_path / "check.html"
    result = run(
        "urbanization:cityhealthcheck",
        {
            "EDITION": "mohurd_2021",
            "BUILT_UP": _layer("Polygon", built, name="built"),
            "STATIONS": _layer("Point", [Point(0, 0)], name="stations"),
            "COMMUTES": _layer("LineString", commutes, {"n": [1.0, 1.0, 1.0, 2.0]}, name="commutes"),
            "COMMUTE_WEIGHT_FIELD": "n",
            "RESIDENTIAL": _layer(
                "Polygon", [box(50, 50, 150, 150), box(320, 20, 380, 80)], {"pop": [500.0, 200.0]}, name="homes"
            ),
            "POPULATION_FIELD": "pop",
            "BLOCKS": _layer("Polygon", [box(0, 0, 200, 200), box(300, 0, 400, 100)], name="blocks"),
            "FACILITIES": _layer(
                "Point", [Point(50, 50), Point(150, 50), Point(250, 50)], {"kind": ["market", "market", "x"]}
            ),
            "FACILITY_TYPE_FIELD": "kind",
            "COMMUNITIES": _layer(
                "Polygon", [box(0, 0, 100, 100), box(100, 0, 200, 100), box(200, 0, 300, 100)], name="communities"
            ),
            "INDICATORS": "memory:",
            "CLUSTERS": "memory:",
            "REPORT": str(report),
        },
    )
    rows = _features(result, "INDICATORS")
    values = _city_values(rows)
    basis = {r["indicator"]: r["basis"] for r in rows if r["scope"] == "(all)"}
    assert values["station_commute"] == pytest.approx(60.0)
    assert values["community_commerce"] == pytest.approx(200 / 3)
    assert values["dense_land"] == pytest.approx(0.01)
    assert values["cluster_size"] == pytest.approx(60.0)
    assert {k: basis[k] for k in ("station_commute", "community_commerce", "dense_land", "cluster_size")} == {
        k: "official" for k in ("station_commute", "community_commerce", "dense_land", "cluster_size")
    }
    clusters = sorted((round(f["area_km2"], 6), f["passed"]) for f in _features(result, "CLUSTERS"))
    assert clusters == [(30.0, True), (60.0, False)]
    html = report.read_text(encoding="utf-8")
    assert "every cluster against the target" in html and "official definition" in html
