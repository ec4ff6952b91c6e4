"""urbanization:expressservice through Processing on the bundled Kunming metro sample (line 1 express,
destination 东风广场), checked against the engine's hand-checked run-time model, plus bad input."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from ..conftest import SAMPLE_DATA
from .helpers import gpkg_layer, memory_layer

SAMPLE = SAMPLE_DATA / "kunming_metro_sample.gpkg"
BASE = {
    "STATION_ID_FIELD": "station_id",
    "STATION_NAME_FIELD": "name",
    "LINE_FIELD": "line",
    "ORDER_FIELD": "order",
    "EXPRESS_FIELD": "express",
}


def features(path_or_layer) -> dict:
    layer = (
        path_or_layer if isinstance(path_or_layer, QgsVectorLayer) else QgsVectorLayer(str(path_or_layer), "o", "ogr")
    )
    assert layer.isValid()
    return {f["name"]: f for f in layer.getFeatures()}


@pytest.fixture
def kunming(run, tmp_path):
    before = SAMPLE.read_bytes()
    result = run(
        "urbanization:expressservice",
        {
            "STATIONS": f"{SAMPLE}|layername=stations",
            **BASE,
            "DESTINATION": "东风广场",
            "STATION_TIMES": str(tmp_path / "times.gpkg"),
            "OD_MATRIX": str(tmp_path / "od.gpkg"),
            "REPORT": str(tmp_path / "report.html"),
        },
    )
    assert SAMPLE.read_bytes() == before  # the input is never modified
    return result


def test_kunming_line1_express_saves_minutes_only_where_it_helps(kunming):
    times = features(kunming["STATION_TIMES"])
    assert len(times) == 103
    assert times["东风广场"]["allstop_total_min"] == 0
    # the far end of line 1 gains most; stations the express skips near the centre gain nothing
    assert times["大学城南"]["minutes_saved"] == pytest.approx(kunming["MAX_MINUTES_SAVED"])
    assert 3.0 < times["大学城南"]["minutes_saved"] < 8.0
    assert times["福德"]["minutes_saved"] == pytest.approx(0.0, abs=1e-9)
    assert times["大学城南"]["express_route"] == "1 > 2" and times["大学城南"]["uses_express"]
    for f in times.values():  # the express only adds options: never slower
        assert f["express_total_min"] <= f["allstop_total_min"] + 1e-9
        assert f["allstop_total_min"] == pytest.approx(
            f["allstop_ivt_min"] + f["allstop_wait_min"] + f["allstop_transfer_min"]
        )
    assert kunming["STATIONS_GAINING"] >= 8


def test_kunming_od_matrix_and_report(kunming, tmp_path):
    od = QgsVectorLayer(str(kunming["OD_MATRIX"]), "od", "ogr")
    assert od.featureCount() == 103 * 102  # one connected network
    times = features(kunming["STATION_TIMES"])
    row = next(f for f in od.getFeatures() if f["origin"] == "大学城南" and f["destination"] == "东风广场")
    assert row["express_min"] == pytest.approx(times["大学城南"]["express_total_min"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 2 and "大学城南" in html and "东风广场" in html


def test_line_geometry_gives_distances_along_the_track(run):
    """A 3 km line bent into an L: stations 0 m, 1000 m and 3000 m along it (straight distance
    1000 + 2236 m), cruise 72 km/h, 1 m/s2: times follow the geometry, hand-computed."""
    stations = memory_layer(
        "Point",
        "EPSG:3395",
        ["POINT(0 0)", "POINT(1000 0)", "POINT(2000 2000)"],
        {"station_id": ["a", "b", "c"], "line": ["L", "L", "L"], "express": [1, 0, 1]},
    )
    track = memory_layer("LineString", "EPSG:3395", ["LINESTRING(0 0, 2000 0, 2000 2000)"], {"line": ["L"]})
    result = run(
        "urbanization:expressservice",
        {
            "STATIONS": stations,
            "STATION_ID_FIELD": "station_id",
            "LINE_FIELD": "line",
            "EXPRESS_FIELD": "express",
            "LINES": track,
            "DESTINATION": "a",
            "CRUISE_SPEED": 72,
            "ACCELERATION": 1.0,
            "BRAKING": 1.0,
            "DWELL_TIME": 30,
            "HEADWAY_ALLSTOP": 6,
            "HEADWAY_EXPRESS": 6,
            "TRANSFER_TIME": 4,
            "STATION_TIMES": "memory:",
        },
    )
    times = features(result["STATION_TIMES"])
    # a-b along the track: point b projects at 1000 m; b-c: 1000 + 2000 = 3000 m -> positions 0, 1000, 4000
    run_ab = 40 + 600 / 20  # 1000 m: 20 s + 20 s ramps, 600 m cruising at 20 m/s
    run_bc = 40 + 2600 / 20
    run_ac = 40 + 3600 / 20
    assert times["c"]["allstop_ivt_min"] == pytest.approx((run_ab + 30 + run_bc) / 60)
    assert times["c"]["express_ivt_min"] == pytest.approx(run_ac / 60)
    assert times["c"]["minutes_saved"] == pytest.approx((run_ab + 30 + run_bc - run_ac) / 60)


def test_geographic_input_is_reprojected_and_express_list_by_name(run):
    layer = gpkg_layer(SAMPLE, "stations")
    assert layer.crs().isGeographic()
    result = run(
        "urbanization:expressservice",
        {
            "STATIONS": layer,
            **{**BASE, "EXPRESS_FIELD": None},
            "EXPRESS_STATIONS": "环城南路, 巫家坝，南部汽车站、大学城南",
            "EXPRESS_LINES": "1",
            "DESTINATION": "环城南路",
            "STATION_TIMES": "memory:",
        },
    )
    out = result["STATION_TIMES"]
    assert out.crs().authid() == "EPSG:4326"
    times = features(out)
    assert times["大学城南"]["minutes_saved"] > 0 and times["南部汽车站"]["express_stop"]
    assert not times["福德"]["express_stop"]


def station_layer(orders, lines=("L", "L", "L"), names=("甲", "乙", "丙"), express=(1, 0, 1)):
    return memory_layer(
        "Point",
        "EPSG:3395",
        ["POINT(0 0)", "POINT(1000 0)", "POINT(3000 0)"][: len(orders)],
        {
            "station_id": list(names),
            "name": list(names),
            "line": list(lines),
            "order": list(orders),
            "express": list(express),
        },
    )


def run_small(run, layer, destination="甲", **extra):
    return run(
        "urbanization:expressservice",
        {"STATIONS": layer, **BASE, "DESTINATION": destination, "STATION_TIMES": "memory:", **extra},
    )


def test_duplicated_order_numbers_are_named(run):
    with pytest.raises(
        QgsProcessingException, match=r"line 'L': order number 2 is used by more than one station \(乙, 丙\)"
    ):
        run_small(run, station_layer([1, 2, 2]))


def test_unknown_destination_lists_near_matches(run):
    with pytest.raises(QgsProcessingException, match="There is no station '东风广' .*Near matches: 东风广场"):
        run_small(run, gpkg_layer(SAMPLE, "stations"), destination="东风广")


def test_single_station_line_is_refused(run):
    with pytest.raises(QgsProcessingException, match="line 'M' has only one station \\(丙\\)"):
        run_small(run, station_layer([1, 2, 1], lines=("L", "L", "M"), express=(1, 1, 0)))


def test_express_skipping_the_destination_is_refused(run):
    with pytest.raises(QgsProcessingException, match="passes the destination 乙 without stopping"):
        run_small(run, station_layer([1, 2, 3]), destination="乙")


def test_station_off_the_line_geometry_is_named(run):
    track = memory_layer("LineString", "EPSG:3395", ["LINESTRING(0 500, 3000 500)"], {"line": ["L"]})
    with pytest.raises(QgsProcessingException, match="Station '甲' lies 500 m from the geometry of line 'L'"):
        run_small(run, station_layer([1, 2, 3]), LINES=track)


def test_commute_isochrones_with_walking_network_and_population(run, tmp_path):
    """A 1 km street grid with a 3-station line along its south edge (destination 甲 at the west end);
    2 km of line extends east off the grid to 丙 so that the express saves time there."""
    from .test_transit_catchments import grid_streets

    stations = memory_layer(
        "Point",
        "EPSG:3395",
        ["POINT(0 0)", "POINT(1000 0)", "POINT(1000 1000)"],
        {
            "station_id": ["甲", "乙", "丙"],
            "name": ["甲", "乙", "丙"],
            "line": ["L"] * 3,
            "order": [1, 2, 3],
            "express": [1, 0, 1],
        },
    )
    cells = memory_layer(
        "Polygon",
        "EPSG:3395",
        ["POLYGON((0 0, 1000 0, 1000 500, 0 500, 0 0))", "POLYGON((0 500, 1000 500, 1000 1000, 0 1000, 0 500))"],
        {"people": [2000.0, 6000.0]},
    )
    result = run(
        "urbanization:expressservice",
        {
            "STATIONS": stations,
            **BASE,
            "DESTINATION": "甲",
            "NETWORK": grid_streets(),
            "POPULATION": cells,
            "POPULATION_FIELD": "people",
            "COMMUTE_MINUTES": "5,10,15",
            "HEADWAY_ALLSTOP": 6,
            "HEADWAY_EXPRESS": 2,
            "STATION_TIMES": "memory:",
            "COMMUTE_ISOCHRONES": "memory:",
            "REPORT": str(tmp_path / "r.html"),
        },
    )
    rows = {(f["pattern"], f["minutes"]): f for f in result["COMMUTE_ISOCHRONES"].getFeatures()}
    assert "Door-to-door commute isochrones" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert set(rows) == {(p, m) for p in ("allstop", "express") for m in (5.0, 10.0, 15.0)}
    for minutes in (5.0, 10.0, 15.0):
        assert rows["express", minutes]["population_covered"] >= rows["allstop", minutes]["population_covered"] - 1e-6
        assert rows["express", minutes]["population_gained"] == pytest.approx(
            rows["express", minutes]["population_covered"] - rows["allstop", minutes]["population_covered"]
        )
    assert result["POPULATION_GAINED"] == pytest.approx(rows["express", 10.0]["population_gained"])
    assert rows["allstop", 15.0]["population_covered"] <= 8000 + 1e-6


def test_isochrones_without_network_are_refused(run):
    with pytest.raises(QgsProcessingException, match="Commute isochrones need the walking network"):
        run_small(run, station_layer([1, 2, 3]), COMMUTE_ISOCHRONES="memory:")


def test_bundled_sample_is_wgs84_and_complete():
    """The sample (scripts/make_kunming_sample.py, GCJ-02 -> WGS84 with the toolkit's converter)
    sits within 1 m of the stored WGS84 stations of kunming_metro_osm.gpkg; 103 stations, 7 branches,
    orders 1..n per branch, the documented 9-stop express on line 1."""
    from ..unit.test_chinese_coordinates import metres_between

    sample = gpkg_layer(SAMPLE, "stations")
    reference = {
        f["station_id"]: f.geometry().asPoint()
        for f in gpkg_layer(SAMPLE_DATA / "kunming_metro_osm.gpkg", "stations").getFeatures()
    }
    by_line: dict = {}
    worst = 0.0
    for f in sample.getFeatures():
        by_line.setdefault(f["line"], []).append(f["order"])
        p, q = f.geometry().asPoint(), reference[f["station_id"]]
        worst = max(worst, float(metres_between(*(np.array([v]) for v in (p.x(), p.y(), q.x(), q.y())))[0]))
    assert worst < 1.0
    assert sorted(by_line) == ["1", "1B", "2", "3", "4", "5", "6"]
    assert all(sorted(orders) == list(range(1, len(orders) + 1)) for orders in by_line.values())
    assert sum(f["express"] for f in sample.getFeatures()) == 9
