"""The walking network as arrays: nodes at shared vertices, one edge per straight segment. Pure.

Why segments: every line vertex becomes a node, so lines that share a vertex are connected (with a
snapping tolerance, a line end also joins a vertex of another line that close) and lines that merely
cross (bridges, tunnels, OSM ways without a common node) are not, exactly as in QGIS's network
analysis. Straight edges also make partial edges at a cut-off and snapping onto an edge exact and
vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
import shapely
from scipy import sparse
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

#: Road classes a pedestrian cannot use, excluded by default when the class field is `highway`.
DEFAULT_EXCLUDED_HIGHWAYS = ("motorway", "motorway_link", "trunk", "trunk_link")


class NetworkError(ValueError):
    """Input that cannot make a network (no lines, wrong geometry, bad cost values)."""


@dataclass
class Network:
    """A walking network. Nodes `xy` (n, 2); edges `u`, `v` (node ids), `length` (map units),
    `cost` (length unless a cost field was given; distances and cut-offs are in cost units),
    `line` (row position of the input line each edge comes from, -1 for none).
    Undirected unless `cost_back` (the cost of walking v->u) is given: then `cost` is u->v, and
    the searches of paths.py measure trips from every node *to* the sources (terrain.py; the
    `terrain` that draped it recomputes the pieces of an edge split by snapping)."""

    xy: np.ndarray
    u: np.ndarray
    v: np.ndarray
    length: np.ndarray
    cost: np.ndarray
    line: np.ndarray
    excluded_lines: int = 0
    cost_back: np.ndarray | None = None
    terrain: object | None = field(default=None, repr=False, compare=False)  # terrain.Terrain
    _matrix: sparse.csr_matrix | None = field(default=None, repr=False, compare=False)
    _toward: tuple | None = field(default=None, repr=False, compare=False)
    _tree: shapely.STRtree | None = field(default=None, repr=False, compare=False)

    @property
    def n_nodes(self) -> int:
        return len(self.xy)

    @property
    def n_edges(self) -> int:
        return len(self.u)

    @property
    def total_length(self) -> float:
        return float(self.length.sum())

    def matrix(self) -> sparse.csr_matrix:
        """Symmetric CSR adjacency with the cheapest of parallel edges (csr would sum them)."""
        if self._matrix is None:
            a = np.minimum(self.u, self.v)
            b = np.maximum(self.u, self.v)
            order = np.lexsort((self.cost, b, a))
            a, b, w = a[order], b[order], self.cost[order]
            keep = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])] & (a != b)
            a, b, w = a[keep], b[keep], w[keep]
            # scipy treats explicit zeros as missing edges: give zero-cost edges a tiny cost.
            w = np.maximum(w, 1e-12)
            self._matrix = sparse.csr_matrix(
                (np.r_[w, w], (np.r_[a, b], np.r_[b, a])), shape=(self.n_nodes, self.n_nodes)
            )
        return self._matrix

    @property
    def directed(self) -> bool:
        """True when walking an edge costs differently each way (a draped network)."""
        return self.cost_back is not None

    @property
    def cost_reverse(self) -> np.ndarray:
        """The cost of walking each edge v->u (= `cost` when undirected)."""
        return self.cost if self.cost_back is None else self.cost_back

    def search_matrix(self) -> tuple[sparse.csr_matrix, bool]:
        """(matrix, directed) for scipy's Dijkstra from sources. Undirected: `matrix()`. Directed:
        entry [a, b] is the cost of walking b->a (the cheapest parallel edge), so a search from
        the sources measures the trip from each node to them (home to park, home to station)."""
        if not self.directed:
            return self.matrix(), False
        if self._toward is None:
            a = np.r_[self.u, self.v]
            b = np.r_[self.v, self.u]
            w = np.r_[self.cost, self.cost_back]
            length = np.r_[self.length, self.length]
            order = np.lexsort((w, b, a))
            a, b, w, length = a[order], b[order], w[order], length[order]
            keep = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])] & (a != b)
            a, b, w, length = a[keep], b[keep], np.maximum(w[keep], 1e-12), length[keep]
            shape = (self.n_nodes, self.n_nodes)
            # stored as [b, a]: a walk a->b is found searching from b; lengths for walked metres
            self._toward = (
                sparse.csr_matrix((w, (b, a)), shape=shape),
                sparse.csr_matrix((np.maximum(length, 1e-12), (b, a)), shape=shape),
            )
        return self._toward[0], True

    def search_lengths(self) -> sparse.csr_matrix:
        """Horizontal length of the edge each entry of the directed `search_matrix` stands for."""
        self.search_matrix()
        return self._toward[1] if self._toward is not None else self.matrix()

    def edge_lines(self, edges: np.ndarray | None = None) -> np.ndarray:
        """Shapely LineStrings of the given edges (all when None)."""
        edges = np.arange(self.n_edges) if edges is None else np.asarray(edges)
        coords = np.stack([self.xy[self.u[edges]], self.xy[self.v[edges]]], axis=1)
        return shapely.linestrings(coords)

    def edge_tree(self) -> shapely.STRtree:
        if self._tree is None:
            self._tree = shapely.STRtree(self.edge_lines())
        return self._tree

    def edges_in_box(self, low, high) -> np.ndarray:
        """The edges whose bounding box meets the box `low`-`high` (sorted). A box of a quarter of
        the network's extent or more is answered by a scan of every edge (building the tree costs
        20 scans: one city-wide service area); a smaller one by the tree (many stations)."""
        low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
        if self._tree is not None or np.prod(high - low) < 0.25 * np.prod(np.ptp(self.xy, axis=0)):
            return np.sort(self.edge_tree().query(shapely.box(*low, *high)))
        a, b = self.xy[self.u], self.xy[self.v]
        return np.flatnonzero((np.minimum(a, b) <= high).all(axis=1) & (np.maximum(a, b) >= low).all(axis=1))

    def components(self) -> np.ndarray:
        """Component label of every node (connected parts of the undirected network)."""
        return connected_components(self.matrix(), directed=False)[1]

    def to_networkx(self):
        """A networkx.Graph (edge attributes length, cost, line) for small-graph convenience."""
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from((i, {"x": x, "y": y}) for i, (x, y) in enumerate(self.xy))
        for a, b, length, cost, line in zip(self.u, self.v, self.length, self.cost, self.line):
            if not graph.has_edge(a, b) or graph[a][b]["cost"] > cost:
                graph.add_edge(int(a), int(b), length=float(length), cost=float(cost), line=int(line))
        return graph


def _line_parts(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All vertices of every LineString part (vectorised), the vertex count of each part and the
    input row each part came from; parts with fewer than two vertices are dropped."""
    if (shapely.get_type_id(geometries) == 1).all():  # single LineStrings: nothing to split
        parts, rows = geometries, np.arange(len(geometries))
    else:
        parts, rows = shapely.get_parts(geometries, return_index=True)
        lines = np.isin(shapely.get_type_id(parts), (1, 2))  # LineString or LinearRing
        parts, rows = parts[lines], rows[lines]
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    counts = np.bincount(part_of, minlength=len(parts))
    usable = counts >= 2
    if not usable.all():
        coords = coords[usable[part_of]]
    return coords, counts[usable], rows[usable]


def build_network(
    lines,
    tolerance: float = 0.0,
    cost: Iterable[float] | None = None,
    excluded: Iterable[bool] | None = None,
) -> Network:
    """Build a Network from line geometries (a GeoSeries, GeoDataFrame or array of shapely lines
    in a metric CRS).

    tolerance: line ends join vertices of other lines closer than this (map units), without
        chaining (see `_join_within_tolerance`); 0: only exactly coincident vertices connect.
    cost: optional per-line cost for the whole line (e.g. minutes); each segment gets the share
        of its length. None: cost = length. Null/negative costs raise NetworkError.
    excluded: optional per-line booleans; True lines are left out (see `excluded_mask`).
    """
    geometries = np.asarray(getattr(lines, "geometry", lines), dtype=object)
    if geometries.size and not np.isin(shapely.get_type_id(geometries), (-1, 1, 2, 5, 7)).all():
        raise NetworkError("the network layer must contain lines (LineString or MultiLineString)")
    n_lines = len(geometries)
    keep = np.ones(n_lines, dtype=bool)
    if excluded is not None:
        keep &= ~np.asarray(list(excluded), dtype=bool)
    keep &= ~shapely.is_missing(geometries)
    line_cost = None
    if cost is not None:
        line_cost = np.asarray(list(cost), dtype=float)
        bad = keep & ~(np.isfinite(line_cost) & (line_cost >= 0))
        if bad.any():
            raise NetworkError(f"{int(bad.sum())} line(s) have a missing or negative cost")
    kept_rows = np.flatnonzero(keep)
    points, counts, owners = _line_parts(geometries[kept_rows])
    owners = kept_rows[owners]
    if len(counts) == 0:
        raise NetworkError("the network has no usable lines")
    # Node ids: exact duplicates merge (as complex numbers the (x, y) pairs sort and compare like
    # rows of np.unique(axis=0), several times faster); then, with a tolerance, line ends join
    # nearby vertices of other lines (`_join_within_tolerance`).
    keys, first_input, node_of = np.unique(points[:, 0] + 1j * points[:, 1], return_index=True, return_inverse=True)
    xy = np.column_stack([keys.real, keys.imag])
    node_of = node_of.ravel()
    # Consecutive vertices of a part make a segment; never across parts.
    starts = np.cumsum(counts) - counts
    is_last = np.zeros(len(points), dtype=bool)
    is_last[starts + counts - 1] = True
    a_idx = np.flatnonzero(~is_last)
    if tolerance > 0:
        node_of = _join_within_tolerance(xy, first_input, node_of, a_idx, np.r_[starts, starts + counts - 1], tolerance)
    u = node_of[a_idx]
    v = node_of[a_idx + 1]
    seg_owner = np.repeat(owners, counts - 1)
    length = np.hypot(*(xy[v] - xy[u]).T)
    valid = u != v
    u, v, length, seg_owner = u[valid], v[valid], length[valid], seg_owner[valid]
    if line_cost is not None:
        total = np.bincount(seg_owner, weights=length, minlength=n_lines)
        share = np.divide(length, total[seg_owner], out=np.zeros_like(length), where=total[seg_owner] > 0)
        edge_cost = line_cost[seg_owner] * share
    else:
        edge_cost = length.copy()
    # Drop nodes no edge uses (vertices of degenerate parts).
    used = np.unique(np.r_[u, v])
    remap = np.full(len(xy), -1)
    remap[used] = np.arange(len(used))
    return Network(
        xy=xy[used],
        u=remap[u],
        v=remap[v],
        length=length,
        cost=edge_cost,
        line=seg_owner,
        excluded_lines=int(n_lines - keep.sum()),
    )


def _join_within_tolerance(xy, first_input, node_of, segment_start, end_vertices, tolerance):
    """Join vertices closer than `tolerance` without chaining: returns the node of every vertex.

    What the tolerance is for: closing digitising gaps where a line should meet another. Rules:
    - a join involves a line end (first or last vertex of a part): inner vertices of two lines
      never join, as lines that cross without a shared vertex stay unconnected;
    - two vertices join only when the lines do not already link them by a walk at most `tolerance`
      longer than the gap between them: a densely digitised line, whole or cut into pieces, keeps
      every segment, so its network length and end-to-end walk stay its geometric length;
    - every two vertices of one node lie within `tolerance` of each other (complete linkage: no
      chain of close pairs fuses far-apart vertices); closest pairs join first.
    A node sits at its vertex that comes first in the input."""
    tree = cKDTree(xy)
    pairs = tree.query_pairs(tolerance, output_type="ndarray")
    is_end = np.zeros(len(xy), dtype=bool)
    is_end[node_of[end_vertices]] = True
    pairs = pairs[is_end[pairs[:, 0]] | is_end[pairs[:, 1]]] if len(pairs) else pairs
    if not len(pairs):
        return node_of
    gap = np.hypot(*(xy[pairs[:, 0]] - xy[pairs[:, 1]]).T)
    walk = _walks_between(tree, node_of[segment_start], node_of[segment_start + 1], pairs, 2 * tolerance)
    keep = walk > gap + tolerance
    pairs, gap = pairs[keep], gap[keep]
    allowed = set(map(tuple, pairs.tolist()))
    members: dict[int, list[int]] = {}
    for a, b in pairs[np.argsort(gap, kind="stable")].tolist():  # few: line ends near other lines
        group_a, group_b = members.get(a, [a]), members.get(b, [b])
        if group_a is group_b:
            continue
        if len(group_a) + len(group_b) > 2 and not all(
            (min(i, j), max(i, j)) in allowed for i in group_a for j in group_b
        ):
            continue
        joined = group_a + group_b
        for k in joined:
            members[k] = joined
    label = np.arange(len(xy))
    for group in {id(g): g for g in members.values()}.values():
        label[group] = group[int(np.argmin(first_input[group]))]
    return label[node_of]


def _walks_between(tree: cKDTree, u, v, pairs, limit, chunk=1024):
    """Walking distance along the segments (u, v) between the two vertices of every pair (vertex
    positions: `tree.data`), inf beyond `limit`. A walk within `limit` stays within `limit` of its
    start, so each Dijkstra runs on the segments near a chunk of start vertices only."""
    xy = tree.data
    starts = np.unique(pairs[:, 0])
    row_of = np.searchsorted(starts, pairs[:, 0])
    walk = np.full(len(pairs), np.inf)
    local = np.full(len(xy), -1)
    for first in range(0, len(starts), chunk):
        here = starts[first : first + chunk]
        near = np.unique(np.concatenate(tree.query_ball_point(xy[here], limit, return_sorted=False)).astype(np.int64))
        local[near] = np.arange(len(near))
        inside = (local[u] >= 0) & (local[v] >= 0) & (u != v)
        a, b = local[u[inside]], local[v[inside]]
        w = np.maximum(np.hypot(*(xy[u[inside]] - xy[v[inside]]).T), 1e-12)
        graph = sparse.csr_matrix((np.r_[w, w], (np.r_[a, b], np.r_[b, a])), shape=(len(near), len(near)))
        rows = dijkstra(graph, directed=False, indices=local[here], limit=limit)
        mine = (row_of >= first) & (row_of < first + chunk)
        walk[mine] = rows[row_of[mine] - first, local[pairs[mine, 1]]]
        local[near] = -1
    return walk


def excluded_mask(values: Iterable, excluded_values: Iterable[str]) -> np.ndarray:
    """True where a line's class value (e.g. OSM `highway`) is in `excluded_values` (compared as
    stripped lower-case text; nulls are kept)."""
    import pandas as pd

    excluded = {str(v).strip().lower() for v in excluded_values if str(v).strip()}
    # Judge each distinct value once (a network holds few road classes); nulls get code -1.
    values = np.asarray(list(values) + [None], dtype=object)[:-1]  # 1-D even for list values
    try:
        codes, distinct = pd.factorize(values)
    except TypeError:  # unhashable values (a list field): compare their text
        codes, distinct = pd.factorize(np.array([None if v is None else str(v) for v in values], dtype=object))
    verdict = np.array([str(v).strip().lower() in excluded for v in distinct] + [False], dtype=bool)
    return verdict[codes]
