"""Door-to-door commute isochrones (walk + metro) on a street grid, hand-checked."""

import numpy as np
import pytest
import shapely

from urbanization_planning.algorithms.transit.isochrones import commute_isochrones

from .test_transit_catchments import grid


def test_grid_isochrones_hand_computed():
    """11 x 11 nodes, 100 m blocks, walking 1 m/s (60 m/min). Destination station D at corner (0, 0)
    (0 min); station S at the far corner (1000, 1000): 10 min by all-stop, 4 min with the express.
    Within 15 min: from D 900 m of walking reach the corner quadrant's levels 0-9 (sum 2(d+1),
    d = 0..8: 90 block sides = 9000 m); from S the all-stop leaves 300 m (12 sides = 1200 m), the
    express 660 m (levels 0-6: 42 sides, plus 60 m on each of the 14 sides to level 7 = 5040 m)."""
    stations = [shapely.Point(0, 0), shapely.Point(1000, 1000)]
    cells = [shapely.box(0, 0, 500, 1000), shapely.box(500, 0, 1000, 1000)]
    result = commute_isochrones(
        grid(),
        stations,
        {"allstop": np.array([0.0, 10.0]), "express": np.array([0.0, 4.0])},
        [15],
        1.0,
        population_geometries=cells,
        population_values=[1000.0, 3000.0],
    )
    table = result.table.set_index("pattern")
    assert table.loc["allstop", "reached_length_m"] == pytest.approx(10200.0)
    assert table.loc["express", "reached_length_m"] == pytest.approx(14040.0)
    assert table.loc["express", "population_gained"] > 0
    assert table.loc["express", "population_gained"] == pytest.approx(
        table.loc["express", "population"] - table.loc["allstop", "population"]
    )
    allstop, express = result.polygons
    assert shapely.difference(allstop, express).area == pytest.approx(0, abs=1e-3)  # the express only adds area
    assert result.off_network == []


def test_unreachable_and_far_stations_are_skipped():
    stations = [shapely.Point(0, 0), shapely.Point(5000, 5000), shapely.Point(1000, 1000)]
    result = commute_isochrones(grid(), stations, {"allstop": np.array([0.0, 1.0, np.nan])}, [5], 1.0)
    assert result.off_network == [1]
    # only D walks: 300 m from a corner = 12 block sides
    assert result.table["reached_length_m"].iloc[0] == pytest.approx(1200.0)
    assert np.isnan(result.table["population"].iloc[0])
