"""service_area.two_point_multilinestrings: the reached pieces' chains as MultiLineStrings, built
without tripping shapely 2.1.0's undersized scratch array (shapely pull request 2291)."""

from __future__ import annotations

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.network.service_area import two_point_multilinestrings


def _segments(count: int) -> np.ndarray:
    """`count` unit segments along y = k: (k, k) to (k + 1, k)."""
    k = np.arange(count, dtype=float)
    return np.stack([np.c_[k, k], np.c_[k + 1, k]], axis=1)


def test_a_chain_longer_than_the_number_of_chains_is_built_whole():
    # 5 segments in 2 chains, the first of 4: the case that wrote past shapely 2.1.0's array
    lines = two_point_multilinestrings(_segments(5), np.array([0, 4, 5]))
    assert [g.wkt for g in lines] == [
        "MULTILINESTRING ((0 0, 1 0), (1 1, 2 1), (2 2, 3 2), (3 3, 4 3))",
        "MULTILINESTRING ((4 4, 5 4))",
    ]


def test_shapely_is_never_asked_for_more_lines_in_one_geometry_than_geometries(monkeypatch):
    seen = []
    real = shapely.from_ragged_array

    def spy(geometry_type, coords, offsets):
        line_offsets, geometry_offsets = offsets
        seen.append((len(geometry_offsets) - 1, int(np.diff(geometry_offsets).max())))
        return real(geometry_type, coords, offsets)

    monkeypatch.setattr(shapely, "from_ragged_array", spy)
    lines = two_point_multilinestrings(_segments(7), np.array([0, 7]))
    assert seen == [(7, 7)]  # padded from 1 geometry to 7 (6 empty ones, dropped again)
    assert len(lines) == 1 and shapely.get_num_geometries(lines[0]) == 7


def test_no_segments_gives_empty_chains():
    lines = two_point_multilinestrings(np.empty((0, 2, 2)), np.array([0, 0]))
    assert len(lines) == 1 and lines[0].is_empty


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 12), min_size=1, max_size=8))
def test_equal_to_multilinestrings_of_linestrings(run_lengths):
    starts = np.r_[0, np.cumsum(run_lengths)]
    segments = _segments(int(starts[-1]))
    expected = shapely.multilinestrings(
        shapely.linestrings(segments), indices=np.repeat(np.arange(len(run_lengths)), run_lengths)
    )
    assert shapely.equals_exact(two_point_multilinestrings(segments, starts), expected, tolerance=0).all()
