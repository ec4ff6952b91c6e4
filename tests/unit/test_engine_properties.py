"""Issue 8's property tests across the pure engines: random valid inputs never crash them, areas
are conserved where they must be, network distances form a metric."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely import LineString, box

from urbanization_planning.algorithms import network as nw
from urbanization_planning.algorithms.zoning.codes import CodeTable
from urbanization_planning.algorithms.zoning.conflicts import check
from urbanization_planning.algorithms.zoning.rules import national_rules

lattice_point = st.tuples(st.integers(0, 6), st.integers(0, 6)).map(lambda p: (p[0] * 50.0, p[1] * 50.0))
polylines = st.lists(lattice_point, min_size=2, max_size=4, unique=True).map(LineString)


@settings(max_examples=60, deadline=None)
@given(st.lists(polylines, min_size=1, max_size=12))
def test_network_distances_are_a_metric(lines):
    """On random street sets (shared lattice vertices connect, crossings do not) the network
    distance is symmetric, zero on the diagonal and obeys the triangle inequality."""
    network = nw.build_network(np.array(lines, dtype=object))
    nodes = np.arange(min(network.n_nodes, 25))
    d = nw.distances_from(network, nodes)[:, nodes]
    finite = np.isfinite(d)
    assert np.allclose(np.diag(d), 0.0)
    assert np.array_equal(finite, finite.T) and np.allclose(d[finite], d.T[finite])
    via = d[:, :, None] + d[None, :, :]  # via[a, b, c] = d(a, b) + d(b, c)
    direct = d[:, None, :]
    assert np.all(direct <= via + 1e-6)


rectangles = st.tuples(st.integers(0, 180), st.integers(0, 180), st.integers(1, 60), st.integers(1, 60)).map(
    lambda t: box(t[0], t[1], t[0] + t[2], t[1] + t[3])
)
bow_ties = st.tuples(st.integers(0, 180), st.integers(0, 180), st.integers(2, 40)).map(
    lambda t: shapely.make_valid(
        shapely.Polygon([(t[0], t[1]), (t[0] + t[2], t[1] + t[2]), (t[0] + t[2], t[1]), (t[0], t[1] + t[2])])
    )
)
parcels = st.one_of(rectangles, rectangles, bow_ties)
codes = st.sampled_from(["01", "0101", "03", "07", "0701", "0703", "08", "09", "10", "12", "14", "16", "99", ""])


@pytest.fixture(scope="module")
def rules():
    return national_rules(CodeTable.load())


@settings(max_examples=40, deadline=None)
@given(
    plan=st.lists(st.tuples(parcels, codes), min_size=1, max_size=10),
    red=st.lists(rectangles, max_size=3),
    farm=st.lists(rectangles, max_size=3),
    boundary=st.lists(rectangles, max_size=3),
)
def test_conflict_area_never_exceeds_the_parcel(rules, plan, red, farm, boundary):
    table = CodeTable.load()
    geometry = np.array([p for p, _ in plan], dtype=object)
    plan_codes = np.array([table.normalise_one(c) for _, c in plan], dtype=object)
    lines = {
        "ecological_redline": np.array(red, dtype=object),
        "permanent_farmland": np.array(farm, dtype=object),
        "development_boundary": np.array(boundary, dtype=object),
    }
    result = check(geometry, plan_codes, lines, rules, min_area=0.0, crs="EPSG:4547")
    if len(result.conflicts):
        per_parcel_and_line = result.conflicts.groupby(["row", "control_line"])["plane_area_m2"].sum()
        for (row, _line), area in per_parcel_and_line.items():
            assert area <= shapely.area(geometry[row]) * (1 + 1e-9) + 1e-9
    assert result.conflict_area >= 0
