"""Terrain-aware walking (algorithms/network/terrain.py): draping, Tobler times, directed search."""

from __future__ import annotations

import math

import numpy as np
import pytest
from affine import Affine
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point

from urbanization_planning.algorithms import network as nw
from urbanization_planning.algorithms.network import terrain as tr


def centres(transform, cols, rows):
    """Map (x, y) of cell centres (col, row index arrays) of a north-up grid, by the transform's
    coefficients (affine 3 deprecates `*`, affine 2 has no `@`)."""
    return transform.c + (cols + 0.5) * transform.a, transform.f + (rows + 0.5) * transform.e


def plane_dem(grade_y: float = 0.1, cell: float = 5.0, size: int = 300, origin=(-500.0, -500.0), z0=100.0):
    """A DEM of the plane z = z0 + grade_y * y (metres), `cell` m cells, north up."""
    transform = Affine(cell, 0, origin[0], 0, -cell, origin[1] + size * cell)
    rows, cols = np.mgrid[0:size, 0:size]
    x, y = centres(transform, cols, rows)
    return tr.Dem((z0 + grade_y * y).astype(float), transform, cell)


def street_times(lines, dem, park, homes, cutoff=np.inf, **flags):
    """Flat-equivalent metres from each home to the park on the draped network, and walked metres."""
    net = nw.build_network(lines)
    draped, report = tr.drape(net, lines, dem, **flags)
    net2, (p, h) = nw.with_points(draped, [Point(*park)], [Point(*xy) for xy in homes], max_distance=5)
    result = nw.multi_source(net2, p.node, cutoff)
    walked = result.length[h.node] if result.length is not None else None
    return result.distance[h.node], walked, report


def test_tobler_constants():
    # flat: 6 exp(-3.5 * 0.05) = 6 * 0.839457 = 5.03674 km/h; 83.946 m per minute
    assert tr.FLAT_KMH == pytest.approx(5.03674, abs=1e-5)
    assert tr.FLAT_M_PER_MIN == pytest.approx(83.9457, abs=1e-4)
    # up 10 %: 6 exp(-3.5 * 0.15) = 6 exp(-0.525) = 3.54933 km/h
    assert 6 * math.exp(-0.525) == pytest.approx(3.5493, abs=1e-4)
    # flat-equivalent factor uphill: 5.03674 / 3.54933 = exp(0.35) = 1.41907 (the 1.4195
    # comes from the rounded speeds 5.036 / 3.548)
    assert tr.tobler_factor(0.1) == pytest.approx(math.exp(0.35)) == pytest.approx(1.41907, abs=1e-5)
    # down 10 %: |-0.1 + 0.05| = 0.05, the flat speed again: factor exactly 1
    assert tr.tobler_factor(-0.1) == pytest.approx(1.0, abs=1e-12)
    assert tr.tobler_factor(0.0) == 1.0
    # the fastest grade, -5 %: 6 km/h, factor exp(-0.175) = 0.83936
    assert tr.tobler_factor(-0.05) == pytest.approx(math.exp(-0.175))


def test_hand_case_ten_percent_street():
    # A straight street up the y axis on z = 100 + 0.1 y, park at the top (y = 1000).
    street = [LineString([(0, 0), (0, 1000)])]
    dem = plane_dem(0.1, size=400)  # y from -500 to 1500 m: the street lies well inside
    homes = [(0, 1000 - d) for d in (200, 300, 352, 353, 400)]
    cost, walked, report = street_times(street, dem, (0, 1000), homes)
    # uphill 10 %: cost = d * exp(0.35) = 1.41907 d; 500 m radius read as time:
    # covered when 1.41907 d <= 500, i.e. d <= 352.3 m.
    factor = math.exp(0.35)
    assert cost == pytest.approx([d * factor for d in (200, 300, 352, 353, 400)], rel=1e-9)
    assert list(cost <= 500) == [True, True, True, False, False]
    # minutes: 300 m below the park, 300 * 1.41907 / 83.9457 = 5.0714 min (flat: 3.574 min)
    assert cost[1] / tr.FLAT_M_PER_MIN == pytest.approx(5.0714, abs=1e-3)
    assert walked == pytest.approx([200, 300, 352, 353, 400])
    assert report.draped == 1 and report.uncovered == 0
    # A home above the park walks downhill (-10 %) at 5.036 km/h: cost = distance exactly.
    down, _, _ = street_times([LineString([(0, 0), (0, 1000)])], dem, (0, 0), [(0, 300)])
    assert down[0] == pytest.approx(300, rel=1e-12)


def test_flat_dem_equals_no_dem_exactly():
    lines = [LineString([(0, 0), (0, 400), (300, 400)]), LineString([(0, 200), (250, 200)])]
    flat = nw.build_network(lines)
    draped, report = tr.drape(flat, lines, plane_dem(0.0))
    assert not draped.directed and np.array_equal(draped.cost, flat.cost)
    assert report.draped == flat.n_edges


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-400, 400), st.floats(-400, 400)), min_size=3, max_size=6, unique=True),
    st.floats(-0.3, 0.3),
    st.floats(-0.3, 0.3),
)
def test_never_faster_than_six_kmh(points, gx, gy):
    # Tobler's maximum is 6 km/h: a flat-equivalent cost never falls below length * 5.036 / 6.
    line = LineString(points)
    dem = plane_dem(0.0)
    rows, cols = np.mgrid[0:300, 0:300]
    x, y = centres(dem.transform, cols, rows)
    dem = tr.Dem(100 + gx * x + gy * y + 5 * np.sin(x / 37.0), dem.transform, 5.0)
    net = nw.build_network([line])
    draped, _ = tr.drape(net, [line], dem)
    floor = net.length * tr.FLAT_KMH / tr.TOBLER_MAX_KMH
    assert (draped.cost >= floor * (1 - 1e-12)).all()
    assert (draped.cost_reverse >= floor * (1 - 1e-12)).all()


@settings(max_examples=30, deadline=None)
@given(st.floats(0.02, 0.3), st.floats(50, 400))
def test_symmetric_hill_swaps_up_and_down(grade, half):
    # A ridge z = 100 + grade * (half - |x|) crossed from x = -half to x = +half and back: the
    # outward trip climbs then descends; reversing the route swaps the two halves' times, and by
    # symmetry each way costs the same; up one half and down the other add to the total.
    transform = Affine(5, 0, -500, 0, -5, 500)
    rows, cols = np.mgrid[0:200, 0:200]
    x, _ = centres(transform, cols, rows)
    dem = tr.Dem(100 + grade * (half - np.abs(x)), transform, 5.0)
    line = [LineString([(-half, 0), (0, 0), (half, 0)])]
    draped, _ = tr.drape(nw.build_network(line), line, dem)
    left = np.flatnonzero(draped.xy[draped.u][:, 0] < 0)[0]
    right = np.flatnonzero(draped.xy[draped.u][:, 0] >= 0)[0]
    # left edge runs uphill (-half -> 0), right edge downhill (0 -> half)
    assert draped.cost[left] == pytest.approx(draped.cost_back[right], rel=1e-6)
    assert draped.cost[right] == pytest.approx(draped.cost_back[left], rel=1e-6)
    there = draped.cost.sum()
    back = draped.cost_back.sum()
    assert there == pytest.approx(back, rel=1e-6)
    assert draped.cost[left] > draped.cost_back[left]


def test_tunnel_ignores_terrain_over_it():
    # A tunnel through a hill: a 60 m ridge between its portals at equal height; not draped, so
    # its grade is the 0 between its ends: the flat time. The same street draped climbs the hill.
    transform = Affine(5, 0, -500, 0, -5, 500)
    rows, cols = np.mgrid[0:200, 0:200]
    x, _ = centres(transform, cols, rows)
    dem = tr.Dem(100 + np.maximum(0, 60 - 0.3 * np.abs(x)), transform, 5.0)
    line = [LineString([(-300, 0), (-100, 0), (100, 0), (300, 0)])]
    tunnel, report = tr.drape(nw.build_network(line), line, dem, undraped=[True])
    assert not tunnel.directed and tunnel.cost == pytest.approx(tunnel.length)
    assert report.undraped == 3
    street, _ = tr.drape(nw.build_network(line), line, dem)
    assert street.cost.sum() > 1.1 * street.length.sum()


def test_bridge_takes_end_to_end_grade():
    # A bridge from z = 100 + 0.1 * (-200) = 80 to 120 over 400 m: grade 0.1 on every edge.
    dem = plane_dem(0.0)
    rows, cols = np.mgrid[0:300, 0:300]
    x, _ = centres(dem.transform, cols, rows)
    dem = tr.Dem(100 + 0.1 * x - 50 * (np.abs(x) < 100), dem.transform, 5.0)  # a valley under it
    line = [LineString([(-200, 0), (0, 0), (200, 0)])]
    bridge, _ = tr.drape(nw.build_network(line), line, dem, undraped=[True])
    assert bridge.cost == pytest.approx(bridge.length * math.exp(0.35), rel=1e-9)
    assert bridge.cost_back == pytest.approx(bridge.length * 1.0, rel=1e-9)


def test_steps_use_stair_speeds():
    # Steps 20 m long climbing 10 m: up at 0.35 x flat -> cost 20 / 0.35 = 57.14; down 20 / 0.5 = 40.
    line = [LineString([(0, 0), (0, 20)])]
    draped, report = tr.drape(nw.build_network(line), line, plane_dem(0.5), steps=[True])
    assert draped.cost[0] == pytest.approx(20 / 0.35)
    assert draped.cost_back[0] == pytest.approx(40.0)
    assert report.steps == 1


def test_uncovered_and_nodata_edges_walk_flat_and_are_counted():
    dem = plane_dem(0.1, size=100)  # covers x, y in [-500, 0]
    elevation = dem.elevation.copy()
    elevation[:, 20:21] = np.nan  # one nodata column at x in [-400, -395]: interpolated over
    elevation[:, 40:50] = np.nan  # ten nodata columns at x in [-300, -250]: too long a gap
    dem = tr.Dem(elevation, dem.transform, 5.0)
    lines = [
        LineString([(-450, -450), (-350, -350)]),  # crosses the 1-cell gap: draped
        LineString([(-320, -400), (-230, -300)]),  # crosses the 10-cell gap: flat, counted
        LineString([(-100, -100), (100, 100)]),  # leaves the DEM: flat, counted
    ]
    draped, report = tr.drape(nw.build_network(lines), lines, dem)
    assert (report.draped, report.nodata, report.uncovered) == (1, 1, 1)
    assert list(report.uncovered_lines) == [2]
    assert report.uncovered_share == pytest.approx(math.hypot(200, 200) / draped.total_length)
    assert draped.cost[1] == draped.length[1] and draped.cost[2] == draped.length[2]
    # the draped one: 0.1 * dy / length = grade 0.0707 along it: factor exp(3.5 * 0.0707)
    assert draped.cost[0] == pytest.approx(draped.length[0] * math.exp(3.5 * 0.1 / math.sqrt(2)), rel=1e-6)


def test_feet_elevations_give_the_same_times():
    # The same hill with elevations in feet and a factor of 0.3048 m per foot (the drainage DEM rule).
    metres = plane_dem(0.1)
    feet = tr.Dem(metres.elevation / 0.3048 * 0.3048, metres.transform, 5.0)
    line = [LineString([(0, 0), (0, 600)])]
    a, _ = tr.drape(nw.build_network(line), line, metres)
    b, _ = tr.drape(nw.build_network(line), line, feet)
    assert b.cost == pytest.approx(a.cost, rel=1e-12)


def test_dem_in_another_crs_through_to_dem():
    # DEM grid in feet (x, y in feet), network in metres: to_dem maps metres -> feet.
    metres = plane_dem(0.1)
    ft = 0.3048
    transform = Affine(5 / ft, 0, -500 / ft, 0, -5 / ft, 1000 / ft)
    feet = tr.Dem(metres.elevation, transform, 5.0, to_dem=lambda x, y: (np.asarray(x) / ft, np.asarray(y) / ft))
    line = [LineString([(0, 0), (0, 600)])]
    a, _ = tr.drape(nw.build_network(line), line, metres)
    b, _ = tr.drape(nw.build_network(line), line, feet)
    assert b.cost == pytest.approx(a.cost, rel=1e-9)


def test_service_area_on_a_slope_reaches_farther_downhill():
    # Park in the middle of a 10 % street: a 500 m radius reaches 500 m of the street above
    # (walked down at the flat speed) and 500 / 1.41907 = 352.3 m below (walked up).
    street = [LineString([(0, -800), (0, 800)])]
    net, _ = tr.drape(nw.build_network(street), street, plane_dem(0.1, size=400, origin=(-1000, -1000)))
    net2, (p,) = nw.with_points(net, [Point(0, 0)], max_distance=5)
    distance = nw.multi_source(net2, p.node, 500).distance
    reached = nw.reached_segments(net2, distance, 500)
    assert reached.total_length == pytest.approx(500 + 500 / math.exp(0.35), rel=1e-6)


def test_park_coverage_flat_vs_terrain_hand_case():
    # Park at the top of a 10 % street (y = 1000); homes 200, 300, 400 m below and 300 m above
    # it (the street runs on to y = 1400). 500 m radius read as time:
    #   200 m up: 200 * exp(0.35) = 283.8 <= 500 covered; 300 m up: 425.7 covered;
    #   400 m up: 567.6 > 500 not covered (the standard's 400 m covers it: it loses coverage);
    #   300 m down: 300 * 1 = 300 covered. Walked metres = the street distances.
    import geopandas as gpd

    from urbanization_planning.algorithms.greenspace import coverage, rules

    lines = [LineString([(0, 0), (0, 1400)])]
    flat = nw.build_network(lines)
    draped, _ = tr.drape(flat, lines, plane_dem(0.1, size=500, origin=(-500, -500)))
    parks = gpd.GeoDataFrame({"park_id": [1], "name": ["Hilltop"]}, geometry=[Point(0, 1000)], crs=4543)
    homes = gpd.GeoDataFrame(geometry=[Point(3, 800), Point(3, 700), Point(3, 600), Point(3, 1300)], crs=4543)
    pop = np.array([10.0, 20.0, 30.0, 40.0])
    rule = rules.parse_rules("0:500:park")
    result = coverage.park_coverage(parks, homes, rule, network=flat, snap_distance=10, population=pop, draped=draped)
    r = result.residential
    assert r["covered"].tolist() == [True, True, True, True]
    assert r["covered_terrain"].tolist() == [True, True, False, True]
    assert r["loses_coverage"].tolist() == [False, False, True, False]
    factor = math.exp(0.35)
    assert r["flat_equivalent_m"].tolist() == pytest.approx([200 * factor, 300 * factor, 400 * factor, 300])
    assert r["walk_m"].tolist() == pytest.approx([200, 300, 400, 300])
    assert r["walk_min"].tolist() == pytest.approx([x / tr.FLAT_M_PER_MIN for x in r["flat_equivalent_m"]])
    assert r["distance_m"].tolist() == pytest.approx([200, 300, 400, 300])  # the standard's figure
    assert result.terrain["homes_losing_coverage"] == 1
    assert result.terrain["population_losing_coverage"] == 30
    assert result.terrain["rate_population_terrain"] == pytest.approx(70 / 100)
    assert result.rate_population == pytest.approx(1.0)
    # no DEM: the same columns as today, nothing added
    plain = coverage.park_coverage(parks, homes, rule, network=flat, snap_distance=10, population=pop)
    assert "walk_m" not in plain.residential and plain.terrain is None
    assert "homes_covered_terrain" not in plain.summary


def test_naismith_rule_on_the_ten_percent_street():
    # Naismith: 3 mph (4.828 km/h) plus an hour per 2,000 ft climbed = 15,840 ft flat per 2,000 ft
    # up: factor 1 + 7.92 s. 300 m up 10 %: 300 * (1 + 0.792) = 537.6 flat-equivalent metres,
    # 537.6 / 80.467 m/min = 6.68 min; 300 m down: 300 m exactly (descents walk as the flat).
    street = [LineString([(0, 0), (0, 1000)])]
    net = nw.build_network(street)
    draped, _ = tr.drape(net, street, plane_dem(0.1, size=400), function="naismith")
    net2, (p, h) = nw.with_points(draped, [Point(0, 1000), Point(0, 700)], [Point(0, 700)], max_distance=5)
    up = nw.multi_source(net2, p.node[:1]).distance[h.node[0]]
    assert up == pytest.approx(300 * 1.792, rel=1e-9)
    assert draped.terrain.flat_m_per_min == pytest.approx(80.4672)
    assert up / draped.terrain.flat_m_per_min == pytest.approx(6.681, abs=1e-3)
    net3, (top, home) = nw.with_points(draped, [Point(0, 400)], [Point(0, 700)], max_distance=5)
    down = nw.multi_source(net3, top.node).distance[home.node[0]]
    assert down == pytest.approx(300, rel=1e-12)
    with pytest.raises(ValueError, match="unknown walking-speed function"):
        tr.drape(net, street, plane_dem(0.1), function="bicycle")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(-40, 40), st.integers(-40, 40)), min_size=2, max_size=5, unique=True),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.tuples(st.floats(-400, 400), st.floats(-400, 400)), min_size=1, max_size=5),
    st.floats(-50, 3000),
)
def test_flat_dem_gives_exactly_the_no_dem_distances(lines, points, level):
    # Any network, any homes: on a flat DEM (any level) the distances and service areas are the
    # no-DEM ones to the last bit.
    geometries = [LineString([(10.0 * x, 10.0 * y) for x, y in line]) for line in lines]
    net = nw.build_network(geometries, tolerance=0.5)
    dem = plane_dem(0.0, z0=level)
    draped, _ = tr.drape(net, geometries, dem)
    homes = [Point(x, y) for x, y in points]
    a, (pa, ha) = nw.with_points(net, homes[:1], homes, max_distance=100)
    b, (pb, hb) = nw.with_points(draped, homes[:1], homes, max_distance=100)
    da = nw.multi_source(a, pa.node).distance
    db = nw.multi_source(b, pb.node).distance
    assert np.array_equal(da, db)
    assert nw.reached_segments(a, da, 150).total_length == nw.reached_segments(b, db, 150).total_length


def test_draping_in_chunks_gives_the_same_costs(monkeypatch):
    # Chunks of 7 samples (each 300 m edge takes 61 on 5 m cells: one chunk per edge): the same costs.
    lines = [LineString([(x, -300), (x, 0), (x, 300)]) for x in range(-300, 301, 80)]
    dem = plane_dem(0.0)
    rows, cols = np.mgrid[0:300, 0:300]
    x, y = centres(dem.transform, cols, rows)
    dem = tr.Dem(100 + 20 * np.sin(x / 90.0) + 0.05 * y, dem.transform, 5.0)
    whole, _ = tr.drape(nw.build_network(lines), lines, dem)
    monkeypatch.setattr(tr, "CHUNK_SAMPLES", 7)
    chunked, _ = tr.drape(nw.build_network(lines), lines, dem)
    assert np.array_equal(whole.cost, chunked.cost) and np.array_equal(whole.cost_back, chunked.cost_back)
