"""Issue 28 (standards fidelity, round 2): the 城市体检 definitions the national list uses, each on a
hand case whose values are worked out in the docstring."""

from dataclasses import replace

import numpy as np
import pytest
from shapely.geometry import box

from urbanization_planning.algorithms.healthcheck import definitions
from urbanization_planning.algorithms.healthcheck.indicators import CityLayers, cluster_size_indicator


def _indicator(key: str, edition: str = "mohurd_2021"):
    return next(i for i in definitions.edition(edition).indicators if i.key == key)


@pytest.mark.parametrize("edition", definitions.EDITIONS)
def test_every_cluster_is_listed_against_50_km2(edition):
    """Two clusters of 30 and 60 km² (item 3). Built-up land: A = 0..5 km x 0..6 km (30 km²), a
    strip A' = 5.05..5.15 km x 0..1 km (0.1 km²) 50 m from A, and B = 6..16 km x 0..6 km (60 km²),
    850 m from A'. With the default gap tolerance of 100 m, A' joins A: clusters 60 km² (B, above
    50: 未达标) and 30.1 km² (A + A', 达标); the value is the largest, 60 km², 未达标. With a gap of
    0 m A' is a cluster of its own: 60, 30 and 0.1 km²."""
    built = np.array([box(0, 0, 5000, 6000), box(5050, 0, 5150, 1000), box(6000, 0, 16000, 6000)], dtype=object)
    indicator = _indicator("cluster_size", edition)
    assert indicator.params["gap_m"] == 100
    result = cluster_size_indicator(indicator, CityLayers(built_up=built))
    assert result.value == pytest.approx(60.0) and result.passed is False
    assert result.items["value"].tolist() == pytest.approx([60.0, 30.1])
    assert result.items["passed"].tolist() == [False, True]
    assert result.map["passed"].tolist() == [False, True]
    joined_none = replace(indicator, params={"gap_m": 0})
    apart = cluster_size_indicator(joined_none, CityLayers(built_up=built))
    assert apart.items["value"].tolist() == pytest.approx([60.0, 30.0, 0.1])
    assert apart.items["passed"].tolist() == [False, True, True]


@pytest.mark.parametrize("edition", definitions.EDITIONS)
def test_road_density_counts_the_gb51328_classes_not_ramps_or_estate_streets(edition):
    """A network with ramps and estate roads (item 4), in a built-up square of 1 km² (0..1000 m):
    a motorway main carriageway along y = 100 (1 000 m, 快速路), its ramp (motorway_link, 300 m), a
    primary road along x = 500 (1 000 m, 主干路), a road coded 支路 (400 m), estate streets tagged
    residential (400 m) and service (200 m). Counted: 1 000 + 1 000 + 400 = 2 400 m, so 2.4 km/km²
    (below 8: 未达标). Without classes every line counts: 3 300 m, 3.3 km/km², and it is screening."""
    from shapely.geometry import LineString

    from urbanization_planning.algorithms.healthcheck.indicators import road_density_indicator

    roads = np.array(
        [
            LineString([(0, 100), (1000, 100)]),
            LineString([(200, 120), (500, 120)]),
            LineString([(500, 0), (500, 1000)]),
            LineString([(100, 600), (500, 600)]),
            LineString([(600, 700), (1000, 700)]),
            LineString([(600, 800), (700, 800), (700, 900)]),
        ],
        dtype=object,
    )
    classes = np.array(["motorway", "motorway_link", "primary", "支路", "residential", "service"], dtype=object)
    built = np.array([box(0, 0, 1000, 1000)], dtype=object)
    indicator = _indicator("road_density", edition)
    result = road_density_indicator(indicator, CityLayers(built_up=built, roads=roads, road_classes=classes))
    assert result.value == pytest.approx(2.4) and result.passed is False
    assert result.basis == "official"
    assert sorted(result.map["grade"]) == ["主干路", "快速路", "支路"]
    unclassed = road_density_indicator(indicator, CityLayers(built_up=built, roads=roads))
    assert unclassed.value == pytest.approx(3.3) and unclassed.basis == "screening"
