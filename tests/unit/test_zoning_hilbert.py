"""The Hilbert key that orders parcels into partitions: a hand-checked small curve, a bijection
on every grid, neighbours along the curve are neighbours on the grid."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.zoning.hilbert import grid_cells, hilbert_key


def test_order_two_curve_by_hand():
    """The 4 x 4 curve: the lower-left quadrant transposed, the two upper ones as the order-1 curve
    (up, right, down), the lower-right one reflected on the anti-diagonal, ending at (3, 0)."""
    path = [
        (0, 0),
        (1, 0),
        (1, 1),
        (0, 1),
        (0, 2),
        (0, 3),
        (1, 3),
        (1, 2),
        (2, 2),
        (2, 3),
        (3, 3),
        (3, 2),
        (3, 1),
        (2, 1),
        (2, 0),
        (3, 0),
    ]
    x, y = np.array(path).T
    assert hilbert_key(x, y, 2).tolist() == list(range(16))
    assert hilbert_key(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 0]), 1).tolist() == [0, 1, 2, 3]


@settings(max_examples=12, deadline=None)
@given(st.integers(1, 7))
def test_a_bijection_whose_steps_are_neighbours(level):
    side = 2**level
    x, y = (a.ravel() for a in np.meshgrid(np.arange(side), np.arange(side)))
    key = hilbert_key(x, y, level)
    assert sorted(key.tolist()) == list(range(side * side))
    order = np.argsort(key)
    steps = np.abs(np.diff(x[order])) + np.abs(np.diff(y[order]))
    assert (steps == 1).all()


def test_the_largest_grid_fits():
    last = 2**16 - 1
    assert hilbert_key(np.array([0, last]), np.array([0, 0]), 16).tolist() == [0, 4**16 - 1]
    with pytest.raises(ValueError):
        hilbert_key(np.array([0]), np.array([0]), 17)


def test_grid_cells_spread_values_over_the_grid_and_clip():
    cells = grid_cells(np.array([-1.0, 0.0, 5.0, 10.0, 11.0]), 0.0, 10.0, 2)
    assert cells.tolist() == [0, 0, 1, 3, 3]


def test_partitions_are_ordered_as_geopandas_orders_them():
    """The order of the parcels (hence every partition) is GeoPandas' public hilbert_distance over
    the square around the box centres, which the partitioned path used before this key."""
    import geopandas as gpd
    import shapely

    from urbanization_planning.algorithms.zoning.hilbert import hilbert_distance

    rng = np.random.default_rng(7)
    low = rng.random((3000, 2)) * [50_000.0, 20_000.0] + [500_000.0, 2_800_000.0]
    bounds = np.hstack([low, low + rng.random((3000, 2)) * 300.0])
    centres = (bounds[:, :2] + bounds[:, 2:]) / 2.0
    side = (centres.max(axis=0) - centres.min(axis=0)).max()
    square = (*centres.min(axis=0), *(centres.min(axis=0) + side))
    expected = gpd.GeoSeries(shapely.box(*bounds.T)).hilbert_distance(total_bounds=square, level=16)
    assert (hilbert_distance(bounds) == expected.to_numpy()).all()
