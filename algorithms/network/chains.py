"""Which reached pieces join into one straight-through chain (service_area._straight_chains): at
every node, the pieces' ends are paired, the most nearly straight continuation first, and pieces
linked by pairs form a chain. Pure: numpy, scipy, and numba when present.

Why two versions: a station's catchment has a few dozen pieces, where the NumPy version's 60-odd
array calls and a sparse-graph component search cost about 1 ms, a third of a catchment's chain
and buffer work; the numba version does the same steps in one compiled loop (tens of
microseconds). Both give the same labels (tests/unit/test_network_chains.py); without numba
(`COMPILED` False) the NumPy one runs.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .delaunay import COMPILED, njit

#: Two pieces meeting at a junction continue one chain when they turn by less than ~45 degrees
#: (the dot product of their outward directions is below this).
STRAIGHT = -0.7
#: Ends are paired with at most this many other ends at their node (all of them at nodes of
#: degree <= 8).
_PARTNERS = 7


def chain_labels(ends_node: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """For n pieces, given for each of their 2 n ends (start, end, start, ...) the node it lies on
    (-1: a cut end, on no node) and its outward unit direction (2 n, 2): a chain label per piece,
    numbered in the order of each chain's first piece. At each node the pair of ends turning least
    is joined first (ties: the earlier pair), every end joined at most once; through a node of
    degree 2 the two ends always join."""
    if COMPILED:
        return _labels_compiled(np.ascontiguousarray(ends_node), np.ascontiguousarray(direction), STRAIGHT)
    return _labels_numpy(ends_node, direction)


def _labels_numpy(ends_node: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """`chain_labels` with array operations: candidate pairs ordered by (node, dot), accepted in
    rounds (each node's best pair of still free ends), pieces joined by scipy's components."""
    n = len(ends_node) // 2
    ends = np.flatnonzero(ends_node >= 0)
    ends = ends[np.argsort(ends_node[ends], kind="stable")]
    node = ends_node[ends]
    start = np.r_[True, node[1:] != node[:-1]]
    group = np.cumsum(start) - 1
    degree = np.bincount(group)[group]
    pairs_a, pairs_b = [], []
    for offset in range(1, _PARTNERS + 1):
        i = np.arange(len(ends) - offset)
        same = node[i] == node[i + offset]
        pairs_a.append(ends[i[same]])
        pairs_b.append(ends[i[same] + offset])
    a = np.concatenate(pairs_a)
    b = np.concatenate(pairs_b)
    dot = np.einsum("ij,ij->i", direction[a], direction[b])
    node_deg = np.zeros(int(node.max()) + 1 if len(node) else 0, dtype=np.int64)
    node_deg[node] = degree
    pair_node = ends_node[a]
    ok = (node_deg[pair_node] == 2) | (dot < STRAIGHT)
    a, b, dot, pair_node = a[ok], b[ok], dot[ok], pair_node[ok]
    used = np.zeros(2 * n, dtype=bool)
    accept_a, accept_b = [], []
    while a.size:
        order = np.lexsort((dot, pair_node))
        a, b, dot, pair_node = a[order], b[order], dot[order], pair_node[order]
        best = np.r_[True, pair_node[1:] != pair_node[:-1]]
        accept_a.append(a[best])
        accept_b.append(b[best])
        used[a[best]] = used[b[best]] = True
        free = ~(used[a] | used[b])
        a, b, dot, pair_node = a[free], b[free], dot[free], pair_node[free]
    if not accept_a:
        return np.arange(n)
    pa = np.concatenate(accept_a) // 2
    pb = np.concatenate(accept_b) // 2
    links = sparse.coo_matrix((np.ones(len(pa)), (pa, pb)), shape=(n, n))
    return connected_components(links, directed=False)[1]


@njit(cache=True, nogil=True)
def _root(parent, i):
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@njit(cache=True, nogil=True)
def _labels_compiled(ends_node, direction, straight):
    """`chain_labels` in one loop: per node, its candidate pairs in the NumPy version's order
    (partner offset, then position), sorted stably by dot, accepted while both ends are free;
    pieces joined by union-find (a chain's root is its first piece), numbered by first piece."""
    n = len(ends_node) // 2
    ends = np.flatnonzero(ends_node >= 0)
    ends = ends[np.argsort(ends_node[ends], kind="mergesort")]
    node = ends_node[ends]
    parent = np.arange(n)
    used = np.zeros(2 * n, dtype=np.bool_)
    k = 0
    while k < len(ends):
        stop = k
        while stop < len(ends) and node[stop] == node[k]:
            stop += 1
        degree = stop - k
        size = degree * (degree - 1) // 2
        pair_a = np.empty(size, dtype=np.int64)
        pair_b = np.empty(size, dtype=np.int64)
        dot = np.empty(size)
        count = 0
        for offset in range(1, _PARTNERS + 1):
            for i in range(k, stop - offset):
                a, b = ends[i], ends[i + offset]
                d = direction[a, 0] * direction[b, 0] + direction[a, 1] * direction[b, 1]
                if degree == 2 or d < straight:
                    pair_a[count], pair_b[count], dot[count] = a, b, d
                    count += 1
        for s in np.argsort(dot[:count], kind="mergesort"):
            a, b = pair_a[s], pair_b[s]
            if used[a] or used[b]:
                continue
            used[a] = used[b] = True
            ra, rb = _root(parent, a // 2), _root(parent, b // 2)
            if ra < rb:
                parent[rb] = ra
            elif rb < ra:
                parent[ra] = rb
        k = stop
    labels = np.empty(n, dtype=np.int64)
    number = np.full(n, -1, dtype=np.int64)
    chains = 0
    for i in range(n):
        r = _root(parent, i)
        if number[r] < 0:
            number[r] = chains
            chains += 1
        labels[i] = number[r]
    return labels
