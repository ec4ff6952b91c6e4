"""GCJ-02 / BD-09 conversion against real Kunming metro stations and round-trip properties."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.coordinates.chinese import convert, inside_china
from urbanization_planning.algorithms.coordinates.geometry import convert_geometries

from ..conftest import DATA

EARTH_RADIUS = 6371008.8


def metres_between(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Haversine distance in metres (accurate to far below the 1 m the tests need)."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS * np.arcsin(np.sqrt(a))


def kunming_stations():
    with open(DATA / "kunming_stations_wgs84_gcj02.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {k: np.array([float(r[k]) for r in rows]) for k in ("wgs84_lon", "wgs84_lat", "gcj02_lon", "gcj02_lat")}


def test_gcj02_to_wgs84_matches_the_stored_kunming_stations_within_one_metre():
    s = kunming_stations()
    lon, lat = convert(s["gcj02_lon"], s["gcj02_lat"], "gcj02", "wgs84")
    error = metres_between(lon, lat, s["wgs84_lon"], s["wgs84_lat"])
    assert len(error) == 103
    assert error.max() < 1.0


def test_offset_in_kunming_is_the_known_few_hundred_metres():
    # Kunming's GCJ-02 offset is about 150 m east and 330 m south of WGS84 (seen in the data).
    s = kunming_stations()
    lon, lat = convert(s["wgs84_lon"], s["wgs84_lat"], "wgs84", "gcj02")
    shift = metres_between(s["wgs84_lon"], s["wgs84_lat"], lon, lat)
    assert 250 < shift.min() and shift.max() < 500
    assert np.all(lon > s["wgs84_lon"]) and np.all(lat < s["wgs84_lat"])


def test_bd09_of_a_known_point():
    # Baidu's offset adds (0.0065, 0.006) degrees plus a small rotation to GCJ-02.
    lon, lat = convert([102.719515], [25.038227], "gcj02", "bd09")
    assert lon[0] - 102.719515 == pytest.approx(0.0065, abs=0.0005)
    assert lat[0] - 25.038227 == pytest.approx(0.006, abs=0.0005)


def test_points_outside_china_are_unchanged():
    lon, lat = convert([24.94, 139.7, 102.7], [60.17, 35.7, 25.0], "wgs84", "bd09")
    assert lon[:2].tolist() == [24.94, 139.7] and lat[:2].tolist() == [60.17, 35.7]
    assert lon[2] != 102.7


def test_unknown_system_is_rejected():
    with pytest.raises(ValueError, match="unknown coordinate system"):
        convert([100.0], [30.0], "wgs84", "cgcs")


def test_geometries_of_every_type_are_converted_and_outside_features_counted():
    geometries = np.array(
        [
            shapely.Point(102.7, 25.0),
            shapely.LineString([(102.7, 25.0), (102.8, 25.1)]),
            shapely.Polygon([(102.7, 25.0), (102.8, 25.0), (102.8, 25.1)]),
            shapely.Point(24.9, 60.2),  # Helsinki
            None,
        ],
        dtype=object,
    )
    result = convert_geometries(geometries, "wgs84", "gcj02")
    assert result.outside_china == 1
    assert result.geometries[4] is None
    assert result.geometries[3].equals(geometries[3])
    assert shapely.get_num_coordinates(result.geometries[2]) == 4
    assert not result.geometries[0].equals(geometries[0])


china_lon = st.floats(min_value=73.0, max_value=135.0)
china_lat = st.floats(min_value=18.0, max_value=53.0)
systems = st.sampled_from(["wgs84", "gcj02", "bd09"])


@settings(max_examples=300, deadline=None)
@given(lon=china_lon, lat=china_lat, source=systems, target=systems)
def test_round_trip_within_half_a_metre(lon, lat, source, target):
    there = convert([lon], [lat], source, target)
    back = convert(there[0], there[1], target, source)
    assert metres_between(back[0], back[1], np.array([lon]), np.array([lat]))[0] < 0.5


@settings(max_examples=200, deadline=None)
@given(lon=china_lon, lat=china_lat)
def test_gcj02_offset_is_bounded(lon, lat):
    # The published offset never exceeds about 700 m anywhere in China.
    glon, glat = convert([lon], [lat], "wgs84", "gcj02")
    assert metres_between(np.array([lon]), np.array([lat]), glon, glat)[0] < 1000
    assert inside_china(np.array([lon]), np.array([lat]))[0]
    assert math.isfinite(glon[0]) and math.isfinite(glat[0])


# --- independent references ---------------------------------------------------------------------
def _prcoords_convert(lon, lat, source, target):
    """The same conversion through prcoords (Mingye Wang, CC0), written independently of ours:
    per-point Python, offsets in metres of arc, its own fixed-point inverse ('bored' functions)."""
    import prcoords

    functions = {
        ("wgs84", "gcj02"): prcoords.wgs_gcj,
        ("gcj02", "wgs84"): prcoords.gcj_wgs_bored,
        ("gcj02", "bd09"): prcoords.gcj_bd,
        ("bd09", "gcj02"): prcoords.bd_gcj_bored,
        ("wgs84", "bd09"): prcoords.wgs_bd,
        ("bd09", "wgs84"): prcoords.bd_wgs_bored,
    }
    points = [functions[(source, target)](prcoords.Coords(la, lo)) for lo, la in zip(lon, lat)]
    return np.array([p.lon for p in points]), np.array([p.lat for p in points])


def _across_china():
    rng = np.random.default_rng(12)
    stations = kunming_stations()
    return (
        np.concatenate([rng.uniform(75.0, 134.0, 400), stations["wgs84_lon"]]),
        np.concatenate([rng.uniform(18.0, 53.0, 400), stations["wgs84_lat"]]),
    )


@pytest.mark.parametrize(("source", "target"), [("wgs84", "gcj02"), ("gcj02", "bd09"), ("wgs84", "bd09")])
def test_forward_agrees_with_an_independent_implementation_across_china(source, target):
    lon, lat = _across_china()
    ours = convert(lon, lat, source, target)
    theirs = _prcoords_convert(lon, lat, source, target)
    assert metres_between(ours[0], ours[1], theirs[0], theirs[1]).max() < 0.001  # 1 mm


@pytest.mark.parametrize(("source", "target"), [("gcj02", "wgs84"), ("bd09", "gcj02"), ("bd09", "wgs84")])
def test_inverse_is_undone_by_the_independent_forward(source, target):
    """Our inverse, fed through prcoords' forward, gives the input back within 1 mm; prcoords' own
    iterative inverse stops earlier (within 2 cm of ours)."""
    lon, lat = _across_china()
    back = convert(lon, lat, source, target)
    again = _prcoords_convert(back[0], back[1], target, source)
    assert metres_between(again[0], again[1], lon, lat).max() < 0.001
    theirs = _prcoords_convert(lon, lat, source, target)
    assert metres_between(back[0], back[1], theirs[0], theirs[1]).max() < 0.02


def test_published_pairs_of_the_map_services():
    """Pairs the services computed themselves (tests/data/china_coordinate_pairs.csv, sources in
    tests/data/SOURCES.md): AMap's GPS-to-AMap conversion to 4 cm, Alibaba Cloud's GCJ-02 to BD-09
    to 0.15 m (6 decimals), and its WGS84, a one-step inverse, within 2 m of our exact one."""
    with open(DATA / "china_coordinate_pairs.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["source"] for r in rows} == {"amap_convert", "aliyun_transfercoord"}
    for row in rows:
        lon, lat = convert([float(row["from_lon"])], [float(row["from_lat"])], row["from"], row["to"])
        error = metres_between(lon, lat, float(row["to_lon"]), float(row["to_lat"]))[0]
        assert error < float(row["tolerance_m"]), f"{row['place']}: {error:.3f} m"
    # the one-step inverse 2 g - f(g) through our forward formula gives Alibaba Cloud's WGS84 value
    g_lon, g_lat = np.array([120.026268]), np.array([30.279164])
    f_lon, f_lat = convert(g_lon, g_lat, "wgs84", "gcj02")
    assert metres_between(2 * g_lon - f_lon, 2 * g_lat - f_lat, 120.021519, 30.281543)[0] < 0.1
