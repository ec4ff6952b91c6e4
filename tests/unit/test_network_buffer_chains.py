"""service_area.buffer_chains: a few chains buffered as one MultiLineString, many buffered one by one
and unioned; both ways give the same land (issue 30: the faster way for a station's bands)."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString

service_area = importlib.import_module("urbanization_planning.algorithms.network.service_area")


def _both_ways(chains, offset=50.0):
    """(one MultiLineString buffered, the chains buffered one by one and unioned)."""
    chains = np.asarray(chains, dtype=object)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service_area, "SINGLE_BUFFER_CHAINS", 10**9)
        single = service_area.buffer_chains(chains, offset)
        patch.setattr(service_area, "SINGLE_BUFFER_CHAINS", -1)
        unioned = service_area.buffer_chains(chains, offset)
    return single, unioned


def test_two_crossing_streets_give_a_cross_of_known_area():
    """Two 200 m streets crossing at right angles, 50 m offset, quad_segs 4: each buffer is a
    200 x 100 rectangle with two caps of 8 sides each (together a regular 16-gon of circumradius
    50: 8 50^2 sin(22.5 deg) = 7,653.67 m2); the cross is two of them less the 100 x 100 square
    they share: 2 (20,000 + 7,653.67) - 10,000 = 45,307.34 m2, either way."""
    chains = [LineString([(-100, 0), (100, 0)]), LineString([(0, -100), (0, 100)])]
    single, unioned = _both_ways(chains)
    expected = 2 * (200 * 100 + 8 * 50**2 * np.sin(np.pi / 8)) - 100 * 100
    assert single.area == pytest.approx(expected, rel=1e-12)
    assert unioned.area == pytest.approx(expected, rel=1e-12)
    assert shapely.equals(single, unioned)


def test_a_chain_line_merge_left_in_parts_is_buffered_whole():
    """line_merge can leave a chain as a MultiLineString: its lines are buffered like the others."""
    chains = [MultiLineString([[(0, 0), (100, 0)], [(300, 0), (400, 0)]]), LineString([(0, 200), (400, 200)])]
    single, unioned = _both_ways(chains)
    assert shapely.get_num_geometries(single) == 3
    assert shapely.area(shapely.symmetric_difference(single, unioned)) <= 1e-6


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 40), st.sampled_from([1.0, 50.0]))
def test_one_buffer_and_the_union_of_buffers_cover_the_same_land(seed, n, offset):
    """Random crooked chains (crossing, touching, overlapping): the two ways differ only by
    rounding, under a micrometre anywhere (Hausdorff) and a nanometre-thin sliver in area."""
    rng = np.random.default_rng(seed)
    chains = [
        LineString(np.cumsum(rng.uniform(-60, 60, (int(rng.integers(2, 6)), 2)), axis=0) + rng.uniform(0, 300, 2))
        for _ in range(n)
    ]
    single, unioned = _both_ways(chains, offset)
    assert shapely.is_valid(single) and shapely.is_valid(unioned)
    assert shapely.hausdorff_distance(single, unioned) <= 1e-6
    assert shapely.area(shapely.symmetric_difference(single, unioned)) <= 1e-9 * shapely.length(single)
