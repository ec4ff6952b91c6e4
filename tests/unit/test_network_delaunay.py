"""The compiled Delaunay triangulation (network/delaunay.py) and the land of a set of its points
(network/frontage.unreached_land): checked by brute force, against SciPy's Qhull triangulation and
against GEOS's Voronoi diagram."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial import Delaunay

from urbanization_planning.algorithms.network import delaunay, frontage


def _jittered(points, seed=0):
    return points + np.random.default_rng(seed).uniform(-frontage.JITTER, frontage.JITTER, points.shape)


def _brute_force_delaunay(corners, triangles):
    """No vertex strictly inside any triangle's circumcircle (every triangle against every vertex)."""
    a, b, c = (corners[triangles[:, k]] for k in range(3))
    centre = delaunay.circumcentres(corners, triangles)
    radius = np.hypot(*(a - centre).T)
    gap = np.hypot(corners[None, :, 0] - centre[:, None, 0], corners[None, :, 1] - centre[:, None, 1]) - radius[:, None]
    return gap.min() > -1e-9 * max(radius.max(), 1.0)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 150), st.sampled_from(["random", "grid", "line"]))
def test_triangulation_is_delaunay_by_brute_force(seed, n, layout):
    """Random points, exact grids (every four neighbours cocircular) and points on one line: 2 n + 1
    counter-clockwise triangles with mutual neighbour links, no vertex inside any circumcircle."""
    rng = np.random.default_rng(seed)
    if layout == "random":
        points = rng.uniform(-500, 500, (n, 2))
    elif layout == "grid":
        side = int(np.ceil(np.sqrt(n)))
        points = np.stack(np.meshgrid(np.arange(side), np.arange(side)), -1).reshape(-1, 2)[:n] * 25.0
    else:
        points = np.c_[np.arange(n) * 26.7, np.arange(n) * 13.1]
    points = _jittered(np.unique(points, axis=0), seed)
    corners, triangles, neighbours = delaunay.triangulate(points, 50.0)
    assert len(triangles) == 2 * len(points) + 1
    assert np.array_equal(corners[: len(points)], points)
    assert delaunay.is_delaunay(corners, triangles, neighbours)
    assert _brute_force_delaunay(corners, triangles)
    used = np.zeros(len(corners), dtype=bool)
    used[triangles.ravel()] = True
    assert used.all()


def test_triangulation_has_the_triangles_of_qhull():
    """Points in general position have one Delaunay triangulation: ours has SciPy's (Qhull's)
    triangles, except those whose circle holds one of our far frame vertices (thin ones along
    the hull), and no triangle among the points that Qhull has not."""
    points = np.random.default_rng(1).uniform(0, 1000, (3000, 2))
    corners, triangles, _ = delaunay.triangulate(points, 10.0)
    ours = {tuple(sorted(t)) for t in triangles.tolist() if max(t) < len(points)}
    qhull = np.sort(Delaunay(points).simplices, axis=1)
    theirs = {tuple(t) for t in qhull.tolist()}
    assert ours <= theirs
    missing = np.array(sorted(theirs - ours))
    a, b, c = (points[missing[:, k]] for k in range(3))
    clockwise = (b[:, 0] - a[:, 0]) * (c[:, 1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (c[:, 0] - a[:, 0]) < 0
    missing[clockwise] = missing[clockwise][:, ::-1]
    centre = delaunay.circumcentres(points, missing)
    radius = np.hypot(*(points[missing[:, 0]] - centre).T)
    frame = corners[len(points) :]
    holds_frame = (
        np.hypot(frame[None, :, 0] - centre[:, None, 0], frame[None, :, 1] - centre[:, None, 1]) < radius[:, None]
    ).any(axis=1)
    assert len(missing) < 0.01 * len(theirs) and holds_frame.all()


def test_check_rejects_a_triangulation_that_is_not_delaunay():
    """is_delaunay is a real check: the triangulation of a quadrilateral stays a valid one when two
    of its corners move, but its diagonal is then the wrong one, and the check says so."""
    points = np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 10.5], [0.0, 9.7]])
    corners, triangles, neighbours = delaunay.triangulate(points, 10.0)
    assert delaunay.is_delaunay(corners, triangles, neighbours)
    moved = corners.copy()
    moved[2], moved[3] = (10.0, 9.7), (0.0, 10.5)  # mirrored: the other diagonal is Delaunay now
    assert not delaunay.is_delaunay(moved, triangles, neighbours)
    assert delaunay.is_delaunay(*delaunay.triangulate(moved[:4], 10.0))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(3, 400), st.floats(0.05, 0.95))
def test_land_of_some_points_equals_the_union_of_their_geos_cells(seed, n, share):
    """The border rings of random labels give the union of the labelled points' Voronoi cells that
    GEOS gives, within the margin of the points (the two close their diagrams with different far
    frames, which own land only beyond it)."""
    rng = np.random.default_rng(seed)
    points = np.unique(rng.uniform(0, 1000, (n, 2)).round(3), axis=0)
    outside = rng.random(len(points)) < share
    fast = frontage.unreached_land(points, [outside], margin=100.0)[0]
    slow = frontage.unreached_land_geos(points, [outside], margin=100.0)[0]
    assert shapely.is_valid(fast)
    near = shapely.buffer(shapely.multipoints(points), 100.0)  # where both diagrams are exact
    assert fast.intersection(near).symmetric_difference(slow.intersection(near)).area == pytest.approx(0, abs=1e-6)


def test_land_with_islands_in_lakes_in_islands():
    """Rings of points labelled out, in, out, in from the centre: the land of the 'out' points is a
    disc and an annulus (a hole holding an island): every ring goes to the right polygon."""
    angle = np.linspace(0, 2 * np.pi, 40, endpoint=False)
    radii = [100.0, 200.0, 300.0, 400.0]
    points = np.concatenate([np.c_[r * np.cos(angle + k), r * np.sin(angle + k)] for k, r in enumerate(radii)])
    outside = np.repeat([True, False, True, False], len(angle))
    land = frontage.unreached_land(points, [outside], margin=50.0)[0]
    slow = frontage.unreached_land_geos(points, [outside], margin=50.0)[0]
    assert shapely.is_valid(land) and shapely.get_num_geometries(land) == 2
    assert sorted(shapely.get_num_interior_rings(shapely.get_parts(land)).tolist()) == [0, 1]
    window = shapely.box(-450, -450, 450, 450)
    assert land.intersection(window).symmetric_difference(slow.intersection(window)).area == pytest.approx(0, abs=1e-6)
    for r, inside in ((0, True), (105, True), (195, False), (305, True), (395, False), (520, False)):
        assert land.contains(shapely.Point(r, 0)) == inside


def test_the_network_engine_loads_without_numba():
    """numba comes with pyflwdir, which the green-city and transit tools do not need: without it
    the network engine still loads (and frontage.py asks GEOS)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['numba'] = None\n"
        "from urbanization_planning.algorithms.network import delaunay, service_area\n"
        "assert not delaunay.COMPILED\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)


def test_land_with_an_absurd_margin_stays_exact_near_the_points():
    """An offset of 1e12 m (the reliability matrix's hostile number) hung the triangulation on the
    Helsinki streets: its frame lay so far out that rounding decided the flips. Now the margin is
    capped at MAX_MARGIN_EXTENTS extents and a lost walk stops (GEOS then answers): the run ends
    and the land near the points is still GEOS's."""
    rng = np.random.default_rng(4)
    points = np.unique(rng.uniform(0, 1000, (2000, 2)).round(2), axis=0)
    outside = rng.random(len(points)) < 0.4
    land = frontage.unreached_land(points, [outside], margin=1e12)[0]
    slow = frontage.unreached_land_geos(points, [outside], margin=100.0)[0]
    near = shapely.buffer(shapely.multipoints(points), 100.0)
    assert land.intersection(near).symmetric_difference(slow.intersection(near)).area == pytest.approx(0, abs=1e-6)
