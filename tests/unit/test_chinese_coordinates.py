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
