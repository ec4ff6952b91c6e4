"""Walking-network engine on small generated grids with hand-checked distances."""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest
import shapely
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.spatial import cKDTree
from shapely.geometry import LineString, Point

from urbanization_planning.algorithms import network as nw
from urbanization_planning.algorithms.cancel import CancelledError

service_area_module = importlib.import_module("urbanization_planning.algorithms.network.service_area")


def grid(n: int = 3, step: float = 100.0) -> list[LineString]:
    """n x n street grid of lines running the full width (vertices at every crossing)."""
    ticks = [i * step for i in range(n)]
    rows = [LineString([(x, y) for x in ticks]) for y in ticks]
    cols = [LineString([(x, y) for y in ticks]) for x in ticks]
    return rows + cols


def test_grid_nodes_and_edges():
    net = nw.build_network(grid(3))
    assert net.n_nodes == 9
    assert net.n_edges == 12
    assert net.total_length == pytest.approx(1200)


def test_point_mid_edge_distances():
    # Origin 30 m along the bottom street; destination at the top-right corner.
    net, (o, d) = nw.with_points(nw.build_network(grid(3)), [Point(30, -4)], [Point(200, 200)], max_distance=10)
    assert o.distance[0] == pytest.approx(4)
    assert tuple(o.xy[0]) == pytest.approx((30, 0))
    result = nw.multi_source(net, o.node)
    # 170 m along the bottom to (200, 0) then 200 m up: 370 (Manhattan distance from (30, 0)).
    assert result.distance[d.node[0]] == pytest.approx(370)
    # Walking back west: 30 m to (0, 0).
    corner = np.flatnonzero((net.xy == [0, 0]).all(axis=1))[0]
    assert result.distance[corner] == pytest.approx(30)


def test_two_points_on_one_edge_share_the_split():
    net, (a, b) = nw.with_points(nw.build_network(grid(2)), [Point(20, 1)], [Point(70, -1), Point(20, 0)])
    result = nw.multi_source(net, a.node)
    assert result.distance[b.node] == pytest.approx([50, 0])
    assert b.node[1] == a.node[0]
    assert net.total_length == pytest.approx(400)


def test_dead_end():
    # A cul-de-sac of 80 m hangs off the middle of the bottom street.
    lines = grid(2) + [LineString([(50, 0), (50, -80)])]
    lines[0] = LineString([(0, 0), (50, 0), (100, 0)])
    net, (o, d) = nw.with_points(nw.build_network(lines), [Point(50, -80)], [Point(100, 100)])
    result = nw.multi_source(net, o.node)
    assert result.distance[d.node[0]] == pytest.approx(80 + 50 + 100)


def test_disconnected_island_and_bridge_that_does_not_connect():
    # A bridge crosses the grid without a shared vertex; an island lies far away.
    bridge = LineString([(50, -50), (50, 150)])
    island = LineString([(1000, 1000), (1100, 1000)])
    net = nw.build_network(grid(2) + [bridge, island])
    net, (o, d) = nw.with_points(net, [Point(0, 0)], [Point(50, 120), Point(1050, 1000), Point(30, 100)])
    result = nw.multi_source(net, o.node)
    assert math.isinf(result.distance[d.node[0]])  # on the bridge: not reachable from the grid
    assert math.isinf(result.distance[d.node[1]])  # island
    assert result.distance[d.node[2]] == pytest.approx(130)  # top street, 30 m from the corner
    report = nw.component_report(net)
    assert report.n_components == 3
    assert report.lengths[0] == pytest.approx(400)
    assert report.on_small_island(d.node).tolist() == [False, False, False]
    assert nw.component_report(net, small_share=0.3).on_small_island(d.node).tolist() == [True, True, False]


def test_tolerance_joins_near_vertices():
    lines = [LineString([(0, 0), (100, 0)]), LineString([(100.3, 0.2), (200, 0)])]
    assert nw.component_report(nw.build_network(lines)).n_components == 2
    assert nw.component_report(nw.build_network(lines, tolerance=0.5)).n_components == 1


def test_tolerance_never_chains_a_densely_digitised_arc():
    """Issue 12: a semicircular 31 m arc (radius 10 m, ends 20 m apart) digitised every 0.4 m
    after a 400 m street. Joining vertices transitively at 0.5 m collapsed the arc to one node:
    the 431 m walk became 400 m (the arc's far end, 20 m away, snapped onto that node). Now every
    segment stays: the walk is 400 m + the arc's length, and the ends stay 20 m apart."""
    steps = int(np.ceil(math.pi * 10 / 0.4))
    angle = np.linspace(math.pi, 0, steps + 1)
    arc = LineString(np.c_[410 + 10 * np.cos(angle), 10 * np.sin(angle)])
    assert 0.39 < arc.length / steps < 0.4 and arc.length == pytest.approx(31.4, abs=0.05)
    street = LineString([(0, 0), (400, 0)])
    net, (start, end) = nw.with_points(nw.build_network([street, arc], tolerance=0.5), [Point(0, 0)], [Point(420, 0)])
    assert net.total_length == pytest.approx(400 + arc.length)
    assert nw.multi_source(net, start.node).distance[end.node[0]] == pytest.approx(400 + arc.length)
    assert end.distance[0] == pytest.approx(0) and net.n_nodes == steps + 2


def test_tolerance_joins_within_the_tolerance_only():
    """Three street ends 0.3 m apart in a row (0.6 m end to end) at 0.5 m: the closest pair joins,
    the third end joins neither (it would be 0.6 m from the first)."""
    lines = [LineString([(-100, 0), (0, 0)]), LineString([(0.3, 0), (0.3, 100)]), LineString([(0.6, 0), (100, 0)])]
    net = nw.build_network(lines, tolerance=0.5)
    assert net.n_nodes == 5 and nw.component_report(net).n_components == 2
    assert net.total_length == pytest.approx(100 + math.hypot(0.3, 100) + 99.4)


@st.composite
def dense_polylines(draw):
    """A random walk of 2-8 legs, heading east (it never comes back near itself), digitised
    every 0.05-0.45 m, and the points where it is cut into separate lines (shared ends)."""
    legs = draw(st.lists(st.tuples(st.floats(1, 40), st.floats(-60, 60)), min_size=2, max_size=8))
    xy = np.cumsum(
        np.array(
            [(0.0, 0.0)]
            + [(length * math.cos(math.radians(a)), length * math.sin(math.radians(a))) for length, a in legs]
        ),
        axis=0,
    )
    line = shapely.segmentize(LineString(xy), draw(st.floats(0.05, 0.45)))
    vertices = shapely.get_coordinates(line)
    cuts = sorted(set(draw(st.lists(st.integers(1, len(vertices) - 2), max_size=4))))
    bounds = [0, *cuts, len(vertices) - 1]
    pieces = [LineString(vertices[a : b + 1]) for a, b in zip(bounds[:-1], bounds[1:])]
    return line, pieces


@settings(max_examples=60, deadline=None)
@given(dense_polylines(), st.floats(0.1, 2.0))
def test_dense_lines_keep_their_length_at_any_tolerance(case, tolerance):
    """A line's network length and its end-to-end walk equal its geometric length, whole or cut
    into pieces, however densely it is digitised relative to the tolerance."""
    line, pieces = case
    for lines in ([line], pieces):
        net, (a, b) = nw.with_points(
            nw.build_network(lines, tolerance=tolerance), [Point(line.coords[0])], [Point(line.coords[-1])]
        )
        assert net.total_length == pytest.approx(line.length, rel=1e-9)
        assert nw.multi_source(net, a.node).distance[b.node[0]] == pytest.approx(line.length, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 3), st.floats(0, 3), st.floats(0, 360)), min_size=2, max_size=25),
    st.floats(0.2, 1.5),
)
def test_joined_vertices_are_never_farther_apart_than_the_tolerance(starts, tolerance):
    """Many 10 m streets starting in a 3 x 3 m square: every two line ends on one node lie within
    the tolerance of each other and of the node."""
    lines = [
        LineString([(x, y), (x + 10 * math.cos(math.radians(a)), y + 10 * math.sin(math.radians(a)))])
        for x, y, a in starts
    ]
    net = nw.build_network(lines, tolerance=tolerance)
    assert net.n_edges == len(lines)  # no street loses its segment
    first = np.array([line.coords[0] for line in lines])[net.line]
    last = np.array([line.coords[-1] for line in lines])[net.line]
    ends = np.r_[first, last]
    nodes = np.r_[net.u, net.v]
    assert np.hypot(*(net.xy[nodes] - ends).T).max() <= tolerance + 1e-9
    for node in np.unique(nodes):
        here = ends[nodes == node]
        spread = np.hypot(*(here[:, None, :] - here[None, :, :]).transpose(2, 0, 1))
        assert spread.max() <= tolerance + 1e-9


def test_excluded_classes_and_cost():
    lines = [LineString([(0, 0), (100, 0)]), LineString([(100, 0), (300, 0)])]
    drop = nw.excluded_mask(["footway", " Motorway "], nw.DEFAULT_EXCLUDED_HIGHWAYS)
    assert drop.tolist() == [False, True]
    odd = nw.excluded_mask([None, float("nan"), "trunk", ["motorway", "x"], 3], nw.DEFAULT_EXCLUDED_HIGHWAYS)
    assert odd.tolist() == [False, False, True, False, False]  # list values (unhashable) compared as text
    net = nw.build_network(lines, excluded=drop)
    assert net.total_length == pytest.approx(100) and net.excluded_lines == 1
    timed = nw.build_network(lines, cost=[2.0, 1.0])
    assert sorted(timed.cost.tolist()) == pytest.approx([1.0, 2.0])
    with pytest.raises(nw.NetworkError, match="cost"):
        nw.build_network(lines, cost=[1.0, float("nan")])


def test_points_are_not_a_network():
    with pytest.raises(nw.NetworkError, match="lines"):
        nw.build_network([Point(0, 0), Point(1, 1)])
    with pytest.raises(nw.NetworkError, match="no usable"):
        nw.build_network([None])


def test_far_points_are_unreachable_not_moved():
    net, (snap,) = nw.with_points(nw.build_network(grid(2)), [Point(50, 30), Point(50, 300), None], max_distance=50)
    assert snap.node[1] == -1 and snap.node[2] == -1 and np.isnan(snap.distance[1])
    assert snap.reachable.tolist() == [True, False, False]
    assert snap.max_distance == pytest.approx(30)


def test_multi_source_labels_and_cutoff():
    net, (src, homes) = nw.with_points(
        nw.build_network([LineString([(0, 0), (1000, 0)])]),
        [Point(0, 0), Point(1000, 0)],
        [Point(100, 0), Point(700, 0), Point(500, 0)],
    )
    result = nw.multi_source(net, src.node, cutoff=400)
    assert result.source[homes.node].tolist() == [0, 1, -1]
    assert result.distance[homes.node[:2]] == pytest.approx([100, 300])


def test_partial_edges_and_service_area():
    line = nw.build_network([LineString([(0, 0), (1000, 0)])])
    net, (src,) = nw.with_points(line, [Point(400, 0)])
    result = nw.multi_source(net, src.node, cutoff=300)
    segments = nw.reached_segments(net, result.distance, 300)
    assert segments.total_length == pytest.approx(600)
    polygon = nw.service_area(net, result.distance, 300, offset=10)
    # the street runs on beyond both cut-offs: the land past them is that unreached street's
    assert polygon.bounds == pytest.approx((100, -10, 700, 10))
    # An edge reached from both ends without the stretches meeting gives two pieces.
    loop, (s,) = nw.with_points(
        nw.build_network([LineString([(0, 0), (0, 100), (100, 100), (100, 0), (0, 0)])]), [Point(0, 0)]
    )
    d = nw.multi_source(loop, s.node).distance
    assert nw.reached_segments(loop, d, 170).total_length == pytest.approx(340)
    assert nw.reached_segments(loop, d, 250).total_length == pytest.approx(400)


def test_catchments_match_dense_distances():
    net, (src, tgt) = nw.with_points(
        nw.build_network(grid(4)),
        [Point(0, 0), Point(300, 300), Point(5000, 5000)],
        [Point(150, 0), Point(300, 150), Point(0, 300)],
        max_distance=100,
    )
    result = nw.catchments(net, src.node, tgt.node, cutoff=300, chunk=1)
    triples = sorted(zip(result.source.tolist(), result.target.tolist(), result.distance.tolist()))
    assert triples == [(0, 0, 150.0), (0, 2, 300.0), (1, 1, 150.0), (1, 2, 300.0)]
    per_source = nw.catchments(net, src.node, tgt.node, cutoff=[150, 300, 300])
    assert sorted(zip(per_source.source.tolist(), per_source.target.tolist())) == [(0, 0), (1, 1), (1, 2)]


def test_service_areas_per_source_and_cancel():
    net, (src,) = nw.with_points(
        nw.build_network([LineString([(0, 0), (1000, 0)])]), [Point(0, 0), Point(500, 0), None]
    )
    polygons, lengths = nw.service_areas_per_source(net, src.node, 100, offset=5)
    assert lengths.tolist() == pytest.approx([100, 200, 0])
    assert polygons[2] is None and polygons[1].bounds == pytest.approx((400, -5, 600, 5))
    with pytest.raises(CancelledError):
        nw.catchments(net, src.node, src.node, 100, is_canceled=lambda: True)


def test_to_networkx_agrees():
    import networkx as nx

    net, (a, b) = nw.with_points(nw.build_network(grid(3)), [Point(30, 0)], [Point(170, 200)])
    graph = net.to_networkx()
    expected = nx.shortest_path_length(graph, int(a.node[0]), int(b.node[0]), weight="length")
    assert nw.multi_source(net, a.node).distance[b.node[0]] == pytest.approx(expected)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-50, 450), st.floats(-50, 450)), min_size=1, max_size=6),
    st.floats(10, 800),
)
def test_properties_against_networkx(points, cutoff):
    """Distances equal networkx Dijkstra; reached length grows with the cut-off and never exceeds
    the network; total length is preserved by splitting."""
    import networkx as nx

    base = nw.build_network(grid(5))
    net, (snap,) = nw.with_points(base, [Point(p) for p in points])
    assert net.total_length == pytest.approx(base.total_length)
    assert np.all(snap.distance <= 50 * math.sqrt(2) + 1e-6)
    result = nw.multi_source(net, snap.node, cutoff=cutoff)
    graph = net.to_networkx()
    truth = nx.multi_source_dijkstra_path_length(graph, set(snap.node.tolist()), weight="length")
    for node, dist in truth.items():
        if dist <= cutoff:
            assert result.distance[node] == pytest.approx(dist)
        else:
            assert math.isinf(result.distance[node]) or result.distance[node] > cutoff - 1e-9
    # The service area keeps, within 20 m of the reached pieces, exactly the land nearer a reached
    # street point than an unreached one (checked by brute force away from the boundaries).
    polygon = nw.service_area(net, result.distance, cutoff, offset=20)
    _check_nearest_street_land(net, result.distance, cutoff, 20, polygon, np.random.default_rng(len(points)))
    small = nw.reached_segments(net, result.distance, cutoff / 2).total_length
    large = nw.reached_segments(net, result.distance, cutoff).total_length
    assert small <= large + 1e-6 <= net.total_length + 2e-6


def _street_points(net, distance, step=0.5):
    """Points every `step` along every edge and their walking distance from the sources."""
    count = np.maximum(1, np.ceil(net.length / step)).astype(int)
    edge = np.repeat(np.arange(net.n_edges), count)
    t = (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + 0.5) / count[edge]
    a, b = net.xy[net.u[edge]], net.xy[net.v[edge]]
    walk = np.minimum(distance[net.u[edge]] + t * net.cost[edge], distance[net.v[edge]] + (1 - t) * net.cost[edge])
    return a + t[:, None] * (b - a), walk


def _check_nearest_street_land(net, distance, cutoff, offset, polygon, rng, n=600):
    """Random land points: inside the service area exactly when the nearest street point is reached
    and within `offset`, except where the two nearest distances (or the offset) are too close to
    call at the engine's sampling (half its spacing, plus the reference's own 0.25 m)."""
    from urbanization_planning.algorithms.network.frontage import _SPACING_BOUND, SAMPLES_PER_OFFSET

    street, walk = _street_points(net, distance)
    reached = walk <= cutoff
    if not reached.any():
        return
    land = rng.uniform(street.min(axis=0) - 2 * offset, street.max(axis=0) + 2 * offset, (n, 2))
    to_reached = cKDTree(street[reached]).query(land)[0]
    to_other = cKDTree(street[~reached]).query(land)[0] if (~reached).any() else np.full(n, np.inf)
    expected = (to_reached < to_other) & (to_reached <= offset)
    margin = _SPACING_BOUND * offset / SAMPLES_PER_OFFSET / 2 + 0.5
    clear = (np.abs(to_reached - to_other) > margin) & (np.abs(to_reached - offset) > 0.03 * offset + 0.5)
    inside = shapely.contains_xy(polygon, land[:, 0], land[:, 1]) if polygon is not None else np.zeros(n, bool)
    assert inside[clear].tolist() == expected[clear].tolist()


def test_service_area_leaves_the_other_street_its_land():
    """Issue 12: two parallel streets 60 m apart, not joined; only the southern one is reached.
    Buffering it by 50 m claimed a 20 m strip of the northern street's side. Now the land is split
    where it is nearer the other street (y = 30 m), the reached street keeps its 50 m to the
    south, and its ends keep their round frontage only on its side of that line."""
    lines = [LineString([(0, 0), (1000, 0)]), LineString([(0, 60), (1000, 60)])]
    net, (src,) = nw.with_points(nw.build_network(lines), [Point(500, 0)])
    distance = nw.multi_source(net, src.node).distance
    polygon = nw.service_area(net, distance, 600, offset=50)
    assert nw.reached_segments(net, distance, 600).total_length == pytest.approx(1000)
    assert polygon.bounds[3] == pytest.approx(30) and polygon.bounds[1] == pytest.approx(-50)
    assert polygon.contains(Point(500, 29)) and not polygon.contains(Point(500, 31))
    # the rectangle 1000 x 80 m and two 50 m end caps: a half disc south, the slice up to y = 30 north
    cap = shapely.buffer(Point(0, 0), 50, quad_segs=4).intersection(shapely.box(-50, -50, 0, 30)).area
    assert polygon.area == pytest.approx(1000 * 80 + 2 * cap, rel=1e-6)
    _check_nearest_street_land(net, distance, 600, 50, polygon, np.random.default_rng(1))


def test_service_area_cuts_partly_reached_edges_at_the_cut_off():
    """A street crossing the reached one: the crossing street reached 30 m each way keeps the land
    up to the perpendicular through its cut-offs, whatever the sample spacing."""
    lines = [LineString([(0, 0), (200, 0), (400, 0)]), LineString([(200, -300), (200, 0), (200, 300)])]
    net, (src,) = nw.with_points(nw.build_network(lines), [Point(0, 0)])
    distance = nw.multi_source(net, src.node).distance
    polygon = nw.service_area(net, distance, 230, offset=50)
    assert polygon.intersection(shapely.box(190, 30.5, 210, 300)).area == pytest.approx(0, abs=1e-6)
    assert polygon.contains(Point(205, 29.5)) and polygon.contains(Point(195, -29.5))
    assert not polygon.contains(Point(205, 31)) and not polygon.contains(Point(195, -31))
    _check_nearest_street_land(net, distance, 230, 50, polygon, np.random.default_rng(2))


def _straightforward_land(network, distance, cutoffs, boxes, offset):
    """`frontage.land_of_unreached_streets` the slow, obvious way: the union of GEOS's Voronoi
    cells of the unreached samples among *all* samples of the network (no points left out, no
    triangulation of our own); None, as there, where no sample or every sample is reached."""
    from urbanization_planning.algorithms.network import frontage

    xy, reached = frontage._street_samples(
        network, distance, cutoffs, np.arange(network.n_edges), offset / frontage.SAMPLES_PER_OFFSET
    )
    lands = frontage.unreached_land_geos(xy, [~reached[:, k] for k in range(len(cutoffs))], 2 * offset)
    return [
        None if box is None or not reached[:, k].any() or reached[:, k].all() else land
        for k, (box, land) in enumerate(zip(boxes, lands))
    ]


def _random_streets(seed: int, n: int, step: float, wobble: float, gaps: float):
    """An n x n grid of streets `step` apart, corners moved up to `wobble`, a share `gaps` of the
    blocks' sides missing (wobble 0: an exact grid, every junction's samples cocircular)."""
    rng = np.random.default_rng(seed)
    xy = np.stack(np.meshgrid(np.arange(n), np.arange(n)), -1).reshape(-1, 2) * step
    xy = xy + rng.uniform(-wobble, wobble, (n * n, 2))
    pairs = [(i, i + 1) for i in range(n * n) if (i + 1) % n] + [(i, i + n) for i in range(n * n - n)]
    return [LineString([xy[a], xy[b]]) for a, b in pairs if rng.random() >= gaps], rng


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(4, 12),
    st.sampled_from([0.0, 0.3]),
    st.floats(0, 0.3),
    st.floats(0.0, 0.25),
    st.lists(st.floats(40, 700), min_size=1, max_size=3),
    st.booleans(),
)
# bands a rounding error apart cut one street twice, 1e-15 m apart (found by hypothesis): one band
@example(0, 4, 0.3, 0.0, 0.0, [40.0, 40.00000000000001], False)
@example(4, 4, 0.3, 0.0, 0.25, [40.0, 40.00000000000001], True)
def test_fast_service_areas_equal_the_straightforward_ones(seed, n, wobble, gaps, scatter, bands, background):
    """Issue 4: the triangulation's border rings (frontage.unreached_land, only the points that can
    matter; on a second thread while the buffers are built, or not) give the same land as the
    union of GEOS's Voronoi cells of every unreached sample, on random street grids (exact ones,
    with their cocircular junctions, and crooked ones, with gaps) and random sources and bands,
    to within 1 mm anywhere."""
    step = 80.0
    lines, rng = _random_streets(seed, n, step, wobble * step, gaps)
    net = nw.build_network(lines)
    starts = rng.uniform(0, (n - 1) * step, (2, 2))
    net, (src,) = nw.with_points(net, [Point(p) for p in starts + scatter * rng.normal(0, step, (2, 2))])
    if not src.reachable.any():
        return
    distance = nw.multi_source(net, src.node[src.reachable]).distance
    bands = sorted(set(bands))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service_area_module, "BACKGROUND_TRIM_PIECES", 0 if background else 10**9)
        patch.setattr("urbanization_planning.algorithms.network.threads.workers", lambda: 2)
        fast = nw.service_areas(net, distance, bands)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service_area_module, "land_of_unreached_streets", _straightforward_land)
        slow = nw.service_areas(net, distance, bands)
    for a, b in zip(fast, slow):
        if a is None or b is None:
            assert a is None and b is None
            continue
        assert shapely.is_valid(a)
        # every piece of land on one side only is a sliver under 1 mm wide (GEOS places the far
        # ends of long Voronoi edges, out at the buffer's edge, a few tenths of a mm off)
        pieces = shapely.get_parts(a.symmetric_difference(b))
        assert (shapely.area(pieces) <= 1e-3 * shapely.length(pieces) / 2).all()


@pytest.mark.parametrize("why", ["check fails", "no numba"])
def test_service_areas_fall_back_to_geos(monkeypatch, why):
    """Without numba (it comes with pyflwdir), or should the compiled triangulation ever fail its
    Delaunay check, the land comes from GEOS's Voronoi diagram of the same points: the same land."""
    from urbanization_planning.algorithms.network import delaunay, frontage

    lines, _ = _random_streets(7, 10, 60.0, 12.0, 0.15)
    net, (src,) = nw.with_points(nw.build_network(lines), [Point(300, 300), Point(150, 400)])
    distance = nw.multi_source(net, src.node[src.reachable]).distance
    bands = [150.0, 300.0]
    fast = nw.service_areas(net, distance, bands)
    used = []
    real = frontage.unreached_land_geos
    monkeypatch.setattr(frontage, "unreached_land_geos", lambda *a: used.append(1) or real(*a))
    if why == "no numba":
        monkeypatch.setattr(delaunay, "COMPILED", False)
    else:
        monkeypatch.setattr(frontage, "is_delaunay", lambda *a: False)
    fallback = nw.service_areas(net, distance, bands)
    assert used == [1]
    for band, a, b in zip(bands, fast, fallback):
        assert a.symmetric_difference(b).area <= 1e-6 * a.length
        _check_nearest_street_land(net, distance, band, nw.DEFAULT_OFFSET, a, np.random.default_rng(int(band)))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-80, 480), st.floats(-80, 480)), min_size=1, max_size=20),
    st.floats(1, 120),
)
def test_snapping_within_a_distance_agrees_with_the_nearest_edge(points, limit):
    """The NumPy snapping used with a maximum distance finds the same snap distance and position as
    the tree's nearest-edge search, and leaves exactly the farther points unreachable."""
    base = nw.build_network(grid(5) + [LineString([(30, 30), (170, 90)])])
    _, (bounded,) = nw.with_points(base, [Point(p) for p in points], max_distance=limit)
    _, (free,) = nw.with_points(base, [Point(p) for p in points])
    within = free.distance <= limit
    clear = np.abs(free.distance - limit) > 1e-9  # exactly at the limit either rounding may win
    assert bounded.reachable[clear].tolist() == within[clear].tolist()
    within &= bounded.reachable
    assert bounded.distance[within] == pytest.approx(free.distance[within], abs=1e-9)
    # the snapped position lies at that distance (on ties the two may pick different edges)
    gap = np.hypot(*(np.array(points)[within] - bounded.xy[within]).T)
    assert gap == pytest.approx(bounded.distance[within], abs=1e-6)


def test_union_in_halves_equals_one_union():
    rng = np.random.default_rng(3)
    polygons = shapely.buffer(shapely.points(rng.uniform(0, 5000, (1500, 2))), rng.uniform(20, 200, 1500), quad_segs=8)
    from urbanization_planning.algorithms.network.service_area import PARALLEL_UNION_VERTICES

    assert shapely.get_num_coordinates(polygons).sum() > PARALLEL_UNION_VERTICES
    halves = nw.union_in_halves(polygons)
    whole = shapely.union_all(polygons)
    assert halves.symmetric_difference(whole).area < 1e-6 * whole.area


def test_cutoffs_a_rounding_error_apart_are_one():
    """Bands within a micrometre of each other get one service area and one length (the first
    given stands for the others); bands further apart keep their own."""
    lines, _ = _random_streets(0, 4, 80.0, 24.0, 0.0)
    net, (src,) = nw.with_points(nw.build_network(lines), [Point(100, 100)])
    distance = nw.multi_source(net, src.node[src.reachable]).distance
    areas, lengths = nw.service_areas_and_lengths(net, distance, [40.0, 40.00000000000001, 40.1])
    assert areas[0] is areas[1] and lengths[0] == lengths[1]
    assert areas[2] is not areas[0] and lengths[2] > lengths[0]
