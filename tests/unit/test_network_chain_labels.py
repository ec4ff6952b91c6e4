"""network.chains.chain_labels: which reached pieces join into one straight-through chain; the
compiled (numba) and the NumPy version give the same labels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.network import chains

EAST, WEST, NORTH, SOUTH = (1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)


def _both(ends_node, direction):
    ends_node = np.asarray(ends_node, dtype=np.int64)
    direction = np.asarray(direction, dtype=float)
    numpy_labels = chains._labels_numpy(ends_node, direction)
    if chains.COMPILED:
        compiled = chains._labels_compiled(ends_node, direction, chains.STRAIGHT)
        assert compiled.tolist() == numpy_labels.tolist()
    return numpy_labels.tolist()


def test_a_crossing_joins_the_straight_pairs():
    # Four pieces end at node 7: from the west (piece 0, its end leaves node 7 westwards), east (1),
    # south (2), north (3); their far ends are cut (-1). West-east and south-north are straight
    # (dot -1 < -0.7); west-south turns 90 degrees (dot 0): not joined.
    ends_node = [-1, 7, -1, 7, -1, 7, -1, 7]
    direction = [EAST, WEST, WEST, EAST, NORTH, SOUTH, SOUTH, NORTH]
    assert _both(ends_node, direction) == [0, 0, 1, 1]


def test_a_corner_of_degree_two_always_joins_and_a_tee_leaves_its_stem():
    # Node 1: two pieces turning 90 degrees (degree 2: joined). Node 2: a tee, west-east straight
    # joined, the stem (piece 4) alone.
    ends_node = [-1, 1, 1, -1, -1, 2, 2, -1, 2, -1]
    direction = [EAST, WEST, NORTH, SOUTH, EAST, WEST, EAST, WEST, SOUTH, NORTH]
    assert _both(ends_node, direction) == [0, 0, 1, 1, 2]


def test_no_pair_leaves_every_piece_its_own_chain():
    assert _both([-1, -1, -1, -1], [EAST, WEST, NORTH, SOUTH]) == [0, 1]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.lists(st.integers(-1, 6), min_size=2 * n, max_size=2 * n),
            st.lists(
                st.sampled_from([EAST, WEST, NORTH, SOUTH, (0.6, 0.8), (-0.8, -0.6)]), min_size=2 * n, max_size=2 * n
            ),
        )
    )
)
def test_compiled_and_numpy_labels_agree(case):
    # Few nodes, so nodes of high degree (more than 8 ends) occur; axis directions make exact ties.
    ends_node, direction = case
    _both(ends_node, direction)


@pytest.mark.skipif(not chains.COMPILED, reason="numba not installed")
def test_chain_labels_uses_the_compiled_version():
    ends_node = np.array([-1, 7, -1, 7], dtype=np.int64)
    direction = np.array([EAST, WEST, WEST, EAST])
    assert chains.chain_labels(ends_node, direction).tolist() == [0, 0]
