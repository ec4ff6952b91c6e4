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
