"""Station catchments engine: hand-checked on a street grid, population apportioning, bands,
nearest allocation without double counting, and hypothesis properties."""

import math

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.transit import catchments as c


def grid(n=11, spacing=100.0):
    """Square grid streets, one line per block side; nodes at multiples of `spacing`."""
    lines = [shapely.LineString([(spacing * i, spacing * j), (spacing * (i + 1), spacing * j)])
             for i in range(n - 1) for j in range(n)]
    lines += [shapely.LineString([(spacing * j, spacing * i), (spacing * j, spacing * (i + 1))])
              for i in range(n - 1) for j in range(n)]
    return np.array(lines, dtype=object)


def test_parse_bands():
    assert c.parse_bands("800, 300，500") == [300.0, 500.0, 800.0]
    assert c.parse_bands("5、10", unit="minutes", walk_speed_ms=1.1) == pytest.approx([330.0, 660.0])
    for bad in ("", "300,x", "-5", "0"):
        with pytest.raises(c.CatchmentInputError):
            c.parse_bands(bad)


def test_apportion_by_area_share():
    cells = [shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)]
    polygons = [shapely.box(50, 0, 150, 100), None, shapely.box(500, 500, 600, 600)]
    assert list(c.apportion(polygons, cells, [100, 40])) == pytest.approx([50 + 20, 0, 0])


def test_grid_catchment_hand_computed():
    """From a street corner on a 100 m grid: 300 m reach 36 block sides (Manhattan levels 0-3),
    an off-centre point 50 m along a block side reaches 50 m more on its own side."""
    result = c.station_catchments(grid(), [shapely.Point(500, 500), shapely.Point(550, 300)], [100, 300])
    rows = result.catchments.set_index(["station", "band_m"])
    assert rows.loc[(0, 100.0), "reached_length_m"] == pytest.approx(400.0)
    assert rows.loc[(0, 300.0), "reached_length_m"] == pytest.approx(3600.0)
    # the 100 m band: a cross of two 200 m streets buffered by 50 m = two capsules (200 x 100 box +
    # a 50 m disc drawn as a 16-gon, area 8 r2 sin(pi/8)) overlapping in the 100 x 100 centre square
    disc = 8 * 50**2 * math.sin(math.pi / 8)
    assert rows.loc[(0, 100.0), "area_m2"] == pytest.approx(2 * (200 * 100 + disc) - 100 * 100)
    assert rows.loc[(0, 300.0), "pedshed_ratio"] == pytest.approx(rows.loc[(0, 300.0), "area_m2"] / (math.pi * 300**2))
    # mid-block start: 50 m to each end, then 250 m onward from both corners
    assert rows.loc[(1, 100.0), "reached_length_m"] == pytest.approx(100 + 6 * 50)
    assert result.stations["on_network"].all() and result.stations["snap_m"].max() == pytest.approx(0)


def test_entrances_replace_the_station_point():
    # the station point is off the grid's reach (snaps 50 m into the block side); its entrance is on a corner
    result = c.station_catchments(grid(), [shapely.Point(550, 550)], [300],
                                  entrance_points=[shapely.Point(500, 500), shapely.Point(0, 0)],
                                  entrance_station=[0, -1])
    assert result.catchments["reached_length_m"].iloc[0] == pytest.approx(3600.0)
    assert result.stations["access_points"].iloc[0] == 1


def test_two_entrances_union_their_reach():
    one = c.station_catchments(grid(), [shapely.Point(300, 500)], [200])
    two = c.station_catchments(grid(), [shapely.Point(500, 500)], [200],
                               entrance_points=[shapely.Point(300, 500), shapely.Point(700, 500)],
                               entrance_station=[0, 0])
    # two corners 400 m apart: their 200 m diamonds touch at one node, so lengths add up
    assert two.catchments["reached_length_m"].iloc[0] == pytest.approx(2 * one.catchments["reached_length_m"].iloc[0])


def test_off_network_station_and_all_off():
    result = c.station_catchments(grid(), [shapely.Point(500, 500), shapely.Point(5000, 5000)], [300], max_snap=100)
    assert list(result.stations["on_network"]) == [True, False]
    assert result.polygons[1] is None and result.catchments["area_m2"].iloc[1] == 0
    with pytest.raises(c.NoStationOnNetworkError):
        c.station_catchments(grid(), [shapely.Point(5000, 5000)], [300], max_snap=100)
    with pytest.raises(c.CatchmentInputError):
        c.station_catchments(grid(), [shapely.Point(500, 500)], [300], allocation="voronoi")


def test_nearest_allocation_does_not_double_count():
    cells = [shapely.box(x, y, x + 250, y + 250) for x in range(0, 1000, 250) for y in range(0, 1000, 250)]
    people = np.arange(1, len(cells) + 1) * 100.0
    stations = [shapely.Point(300, 500), shapely.Point(600, 500)]
    kwargs = {"population_geometries": cells, "population_values": people}
    overlapping = c.station_catchments(grid(), stations, [300, 500], **kwargs)
    nearest = c.station_catchments(grid(), stations, [300, 500], allocation="nearest", **kwargs)
    outer_o = overlapping.catchments[overlapping.catchments["band_m"] == 500]
    outer_n = nearest.catchments[nearest.catchments["band_m"] == 500]
    assert overlapping.population_covered == pytest.approx(nearest.population_covered)
    assert outer_n["population"].sum() == pytest.approx(nearest.population_covered, rel=1e-9)
    assert outer_o["population"].sum() > overlapping.population_covered
    a, b = nearest.polygons[1], nearest.polygons[3]
    assert shapely.intersection(a, b).area == pytest.approx(0, abs=1e-6)
    assert overlapping.covered_area_m2 == pytest.approx(a.area + b.area, rel=1e-9)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.floats(150, 850), st.floats(150, 850)), min_size=1, max_size=4),
       st.lists(st.floats(50, 600), min_size=1, max_size=3, unique=True))
def test_properties_nested_bands_and_coverage_bounds(points, bands):
    """Wider bands reach more; no catchment's population exceeds the covered total, which never
    exceeds the sum over stations nor the whole population."""
    cells = [shapely.box(x, y, x + 200, y + 200) for x in range(0, 1000, 200) for y in range(0, 1000, 200)]
    people = np.full(len(cells), 50.0)
    result = c.station_catchments(grid(), [shapely.Point(p) for p in points], bands,
                                  population_geometries=cells, population_values=people)
    table = result.catchments
    for _, rows in table.groupby("station"):
        rows = rows.sort_values("band_m")
        assert np.all(np.diff(rows["reached_length_m"]) >= -1e-6)
        assert np.all(np.diff(rows["area_m2"]) >= -1e-3)
    outer = table[table["band_m"] == max(bands)]
    assert outer["population"].max() <= result.population_covered + 1e-6
    assert result.population_covered <= outer["population"].sum() + 1e-6
    assert result.population_covered <= people.sum() + 1e-6
