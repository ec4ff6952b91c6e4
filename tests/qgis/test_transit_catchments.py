"""urbanization:stationcatchments through Processing on the Helsinki OSM streets, metro stations and
population grid; reached network compared with QGIS's native:serviceareafromlayer; bad input."""

from __future__ import annotations

import math

import pytest
import shapely
from qgis.core import QgsProcessingException, QgsVectorLayer

from ..conftest import SAMPLE_DATA
from .helpers import memory_layer

HELSINKI = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
ROADS = f"{HELSINKI}|layername=roads"
STATIONS = f"{HELSINKI}|layername=rail_stations"
GRID = str(SAMPLE_DATA / "helsinki_population_grid_2020.gpkg")


def rows(path) -> list:
    layer = QgsVectorLayer(str(path), "o", "ogr")
    assert layer.isValid()
    return list(layer.getFeatures())


@pytest.fixture(scope="module")
def helsinki(tmp_path_factory):
    return tmp_path_factory.mktemp("catchments")


def run_helsinki(run, folder, allocation, **extra):
    return run(
        "urbanization:stationcatchments",
        {
            "STATIONS": STATIONS,
            "STATION_NAME_FIELD": "name",
            "NETWORK": ROADS,
            "BANDS": "300,500,800",
            "POPULATION": GRID,
            "POPULATION_FIELD": "population",
            "ALLOCATION": allocation,
            "CATCHMENTS": str(folder / f"c_{allocation}.gpkg"),
            "STATION_SUMMARY": str(folder / f"s_{allocation}.gpkg"),
            **extra,
        },
    )


def dissolved_length(lines) -> float:
    """Length of a line set with duplicates dissolved, robustly: native writes each edge once per
    direction walked, with interpolated ends nanometres off the line that a union cannot merge
    (the network engine's own comparison measures the same way: 1 cm flat buffer area / 1 cm)."""
    return shapely.buffer(lines, 0.005, cap_style="flat").area / 0.01


def test_reached_network_agrees_with_native_service_area(run, helsinki):
    """Per station, the street length our 800 m catchment reaches vs. native:serviceareafromlayer
    (shortest path, 800 m, exact vertex topology as OSM ways share nodes) with its lines dissolved: within 1 %."""
    ours = run_helsinki(run, helsinki, "overlapping", TOLERANCE=0)  # native's topology: shared vertices only
    reached = {f["name"]: f["reached_length_m"] for f in rows(ours["CATCHMENTS"]) if f["band_m"] == 800}
    import processing
    from qgis.core import QgsCoordinateReferenceSystem

    roads = processing.run(
        "native:reprojectlayer",
        {"INPUT": ROADS, "TARGET_CRS": QgsCoordinateReferenceSystem("EPSG:3067"), "OUTPUT": "memory:"},
    )["OUTPUT"]
    stations = processing.run(
        "native:reprojectlayer",
        {"INPUT": STATIONS, "TARGET_CRS": QgsCoordinateReferenceSystem("EPSG:3067"), "OUTPUT": "memory:"},
    )["OUTPUT"]
    compared = 0
    for station in stations.getFeatures():
        single = memory_layer("Point", "EPSG:3067", [station.geometry().asWkt()])
        native = processing.run(
            "native:serviceareafromlayer",
            {
                "INPUT": roads,
                "START_POINTS": single,
                "STRATEGY": 0,
                "TRAVEL_COST2": 800,
                "TOLERANCE": 0,
                "OUTPUT_LINES": "memory:",
            },
        )["OUTPUT_LINES"]
        lines = [shapely.from_wkt(f.geometry().asWkt()) for f in native.getFeatures()]
        length = dissolved_length(shapely.union_all(lines)) if lines else 0.0
        if length < 1000:  # a station on a footway island: native and we both reach ~nothing
            assert reached[station["name"]] < 1000
            continue
        assert reached[station["name"]] == pytest.approx(length, rel=0.01), station["name"]
        compared += 1
    assert compared >= 2


def test_helsinki_catchments_population_and_pedshed(run, helsinki):
    overlapping = run_helsinki(run, helsinki, "overlapping", REPORT=str(helsinki / "report.html"))
    nearest = run_helsinki(run, helsinki, "nearest")
    catchments = rows(overlapping["CATCHMENTS"])
    assert QgsVectorLayer(str(overlapping["CATCHMENTS"]), "c", "ogr").crs().authid() == "EPSG:4326"  # as the input
    assert {f["band_m"] for f in catchments} == {300.0, 500.0, 800.0}
    by_station = {}
    for f in catchments:
        by_station.setdefault(f["name"], {})[f["band_m"]] = f
        assert f["pedshed_ratio"] == pytest.approx(f["area_m2"] / f["circle_m2"])
    for bands in by_station.values():  # nested bands: more area and people further out
        if len(bands) == 3:
            assert bands[300]["area_m2"] <= bands[500]["area_m2"] <= bands[800]["area_m2"]
            assert bands[300]["population"] <= bands[500]["population"] + 1e-6 <= bands[800]["population"] + 2e-6
    # no double counting: overlapping catchments sum to more than the covered population, disjoint
    # nearest catchments sum to it, and both modes cover the same people
    covered = overlapping["POPULATION_COVERED"]
    # (each catchment's nearest-street land comes from its own Voronoi diagram: unions agree to 1e-4)
    assert covered == pytest.approx(nearest["POPULATION_COVERED"], rel=1e-4)
    overlap_sum = sum(f["population"] for f in catchments if f["band_m"] == 800)
    nearest_sum = sum(f["population"] for f in rows(nearest["CATCHMENTS"]) if f["band_m"] == 800)
    assert nearest_sum == pytest.approx(covered, rel=1e-3)
    assert overlap_sum > covered * 1.2
    assert 1000 < covered < 7801  # part of the 7,801 people of the grid
    summary = rows(overlapping["STATION_SUMMARY"])
    assert len(summary) == 3 and all(f["on_network"] for f in summary)
    assert sorted(f["rank_pedshed_800"] for f in summary) == [1, 2, 3]
    html = (helsinki / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Helsinki" in html


def grid_streets(n=11, spacing=100.0):
    """Streets of a square grid, one line per block side (lines meet at shared vertices)."""
    # EPSG:3395 (World Mercator) is true to scale around (0, 0); EPSG:3857 is 0.67 % long north-south
    # there, so the working-CRS rule (algorithms/projection.py) would measure it in a UTM zone
    wkts = [
        f"LINESTRING({spacing * i} {spacing * j}, {spacing * (i + 1)} {spacing * j})"
        for i in range(n - 1)
        for j in range(n)
    ]
    wkts += [
        f"LINESTRING({spacing * j} {spacing * i}, {spacing * j} {spacing * (i + 1)})"
        for i in range(n - 1)
        for j in range(n)
    ]
    return memory_layer("LineString", "EPSG:3395", wkts, {"highway": ["residential"] * len(wkts)})


def test_minutes_bands_and_entrances_on_a_grid(run):
    """A 1 km x 1 km grid of 100 m blocks. 5 minutes at 1 m/s = 300 m. The station sits in a block
    (50 m from the streets); its one entrance stands on a corner, so walks start there."""
    stations = memory_layer("Point", "EPSG:3395", ["POINT(550 550)"], {"sid": ["S"]})
    entrances = memory_layer("Point", "EPSG:3395", ["POINT(500 500)", "POINT(0 0)"], {"station": ["S", "X"]})
    result = run(
        "urbanization:stationcatchments",
        {
            "STATIONS": stations,
            "STATION_ID_FIELD": "sid",
            "ENTRANCES": entrances,
            "ENTRANCE_STATION_FIELD": "station",
            "NETWORK": grid_streets(),
            "BANDS": "5",
            "BAND_UNIT": "minutes",
            "WALK_SPEED": 1.0,
            "CATCHMENTS": "memory:",
            "STATION_SUMMARY": "memory:",
        },
    )
    (feature,) = list(result["CATCHMENTS"].getFeatures())
    assert feature["band_m"] == 300 and feature["band_min"] == pytest.approx(5)
    # from a street corner, 300 m reach the blocks sides between Manhattan levels 0-1 (4), 1-2 (4 axis
    # nodes x 3 = 12) and 2-3 (4 axis nodes x 3 + 4 diagonal nodes x 2 = 20): 36 x 100 m
    assert feature["reached_length_m"] == pytest.approx(3600.0)
    # the polygon is the land nearest those streets: the diamond |x| + |y| <= 300 m, ratio 2 / pi
    assert feature["pedshed_ratio"] == pytest.approx(2 / math.pi, rel=1e-6)
    (summary,) = list(result["STATION_SUMMARY"].getFeatures())
    assert summary["snap_m"] == pytest.approx(0.0) and summary["access_points"] == 1


def test_station_off_the_network_is_reported_and_skipped(run):
    stations = memory_layer("Point", "EPSG:3395", ["POINT(500 500)", "POINT(5000 5000)"], {"name": ["on", "off"]})
    from .test_foundation import RecordingFeedback

    feedback = RecordingFeedback()
    result = run(
        "urbanization:stationcatchments",
        {
            "STATIONS": stations,
            "STATION_NAME_FIELD": "name",
            "NETWORK": grid_streets(),
            "BANDS": "300",
            "CATCHMENTS": "memory:",
            "STATION_SUMMARY": "memory:",
        },
        feedback=feedback,
    )
    assert [f["name"] for f in result["CATCHMENTS"].getFeatures()] == ["on"]
    assert any(
        "1 station(s) lie more than 50 m from the walking network" in m and "off" in m for m in feedback.messages
    )
    summary = {f["name"]: f for f in result["STATION_SUMMARY"].getFeatures()}
    assert not summary["off"]["on_network"]
    with pytest.raises(QgsProcessingException, match="No station of layer .* lies within 50 m"):
        run(
            "urbanization:stationcatchments",
            {
                "STATIONS": memory_layer("Point", "EPSG:3395", ["POINT(5000 5000)"]),
                "NETWORK": grid_streets(),
                "CATCHMENTS": "memory:",
                "STATION_SUMMARY": "memory:",
            },
        )


def test_bad_bands_are_refused(run):
    with pytest.raises(QgsProcessingException, match="Bands '300, abc' cannot be read"):
        run(
            "urbanization:stationcatchments",
            {
                "STATIONS": memory_layer("Point", "EPSG:3395", ["POINT(500 500)"]),
                "NETWORK": grid_streets(),
                "BANDS": "300, abc",
                "CATCHMENTS": "memory:",
                "STATION_SUMMARY": "memory:",
            },
        )
