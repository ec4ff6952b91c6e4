"""Origins and destinations onto the network: each point snaps onto the nearest *edge* (not the
nearest vertex) and that edge is split there, so distances start and end at the true position.
Points farther than `max_distance` from every edge are reported unreachable, never moved. Pure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from .graph import Network

#: Snapped positions this close (map units) to an edge end reuse the end node instead of splitting.
END_TOLERANCE = 1e-6


@dataclass
class SnapResult:
    """Per input point: `node` in the augmented network (-1: unreachable or empty geometry),
    `distance` from the point to the network (NaN when unreachable), `edge` (original edge index,
    -1 when unreachable) and the snapped position `xy` (NaN when unreachable)."""

    node: np.ndarray
    distance: np.ndarray
    edge: np.ndarray
    xy: np.ndarray

    @property
    def reachable(self) -> np.ndarray:
        return self.node >= 0

    @property
    def max_distance(self) -> float:
        """Largest snap distance among reachable points (0 when none)."""
        d = self.distance[self.reachable]
        return float(d.max()) if d.size else 0.0


def _as_points(points) -> np.ndarray:
    """Shapely points from a GeoSeries/array of geometries or an (n, 2) coordinate array."""
    array = np.asarray(getattr(points, "geometry", points))
    if array.dtype != object:
        return shapely.points(array.reshape(-1, 2))
    return array


def with_points(network: Network, *groups, max_distance: float = np.inf) -> tuple[Network, list[SnapResult]]:
    """Insert every point of every group into a copy of `network` and return it with one
    SnapResult per group (same order). Use one call for origins and destinations together, so
    they live in the same augmented network. Non-point geometries are snapped through their
    nearest point to the network."""
    arrays = [_as_points(g) for g in groups]
    all_points = np.concatenate(arrays) if arrays else np.empty(0, dtype=object)
    n = len(all_points)
    edge = np.full(n, -1, dtype=np.int64)
    dist = np.full(n, np.nan)
    t = np.zeros(n)
    present = ~(shapely.is_missing(all_points) | shapely.is_empty(all_points))
    if present.any() and network.n_edges:
        is_point = present & (shapely.get_type_id(all_points) == 0)
        if np.isfinite(max_distance):
            _snap_points_within(network, all_points, np.flatnonzero(is_point), float(max_distance), edge, dist, t)
            rest = np.flatnonzero(present & ~is_point)
        else:
            rest = np.flatnonzero(present)
        _snap_nearest(network, all_points, rest, max_distance, edge, dist, t)
    ok = edge >= 0
    a = network.xy[network.u[edge[ok]]]
    ab = network.xy[network.v[edge[ok]]] - a
    t = t[ok]
    seg_len = network.length[edge[ok]]
    node = np.full(n, -1, dtype=np.int64)
    xy = np.full((n, 2), np.nan)
    xy[ok] = a + t[:, None] * ab
    at_u = t * seg_len <= END_TOLERANCE
    at_v = (1 - t) * seg_len <= END_TOLERANCE
    ok_rows = np.flatnonzero(ok)
    node[ok_rows[at_u]] = network.u[edge[ok_rows[at_u]]]
    node[ok_rows[at_v & ~at_u]] = network.v[edge[ok_rows[at_v & ~at_u]]]
    inner = ~(at_u | at_v)
    augmented, new_nodes = _split(network, edge[ok_rows[inner]], t[inner])
    node[ok_rows[inner]] = new_nodes
    results = []
    start = 0
    for array in arrays:
        stop = start + len(array)
        results.append(SnapResult(node[start:stop], dist[start:stop], edge[start:stop], xy[start:stop]))
        start = stop
    return augmented, results


def _snap_points_within(network: Network, points, rows, max_distance: float, edge, dist, t) -> None:
    """Points within `max_distance` of an edge: candidates from the edge tree by envelope, then
    the exact point-to-segment distance in NumPy (edges are straight segments). Fills `edge`,
    `dist` and `t` (position along the edge) for `rows`; ties go to the lowest edge index."""
    if rows.size == 0:
        return
    xy = shapely.get_coordinates(points[rows])
    d = max_distance
    boxes = shapely.box(xy[:, 0] - d, xy[:, 1] - d, xy[:, 0] + d, xy[:, 1] + d)
    which, candidate = network.edge_tree().query(boxes)
    if which.size == 0:
        return
    p = xy[which]
    a, ab, fraction = _fraction_along(network, candidate, p)
    distance = np.hypot(*(p - (a + fraction[:, None] * ab)).T)
    order = np.lexsort((candidate, distance, which))
    which, candidate, distance, fraction = which[order], candidate[order], distance[order], fraction[order]
    first = np.r_[True, which[1:] != which[:-1]] & (distance <= max_distance)
    target = rows[which[first]]
    edge[target], dist[target], t[target] = candidate[first], distance[first], fraction[first]


def _snap_nearest(network: Network, points, rows, max_distance: float, edge, dist, t) -> None:
    """Any geometry (polygons too): the nearest edge by the tree, the position from the nearest
    point on it. Fills `edge`, `dist` and `t` for `rows`."""
    if rows.size == 0:
        return
    limit = None if not np.isfinite(max_distance) else float(max_distance)
    (pi, ei), d = network.edge_tree().query_nearest(
        points[rows], max_distance=limit, return_distance=True, all_matches=False
    )
    if pi.size == 0:
        return
    target = rows[pi]
    edge[target], dist[target] = ei, d
    # shortest_line runs from the geometry to the edge: its end is the nearest point on the edge.
    near = shapely.get_coordinates(shapely.shortest_line(points[target], network.edge_lines(ei)))[1::2]
    t[target] = _fraction_along(network, ei, near)[2]


def _fraction_along(network: Network, edges: np.ndarray, xy: np.ndarray):
    """(edge start points, edge vectors, fraction 0-1 of each point's projection along its edge)."""
    a = network.xy[network.u[edges]]
    ab = network.xy[network.v[edges]] - a
    denom = np.einsum("ij,ij->i", ab, ab)
    return a, ab, np.clip(np.einsum("ij,ij->i", xy - a, ab) / np.where(denom > 0, denom, 1), 0, 1)


def _split(network: Network, edges: np.ndarray, t: np.ndarray) -> tuple[Network, np.ndarray]:
    """Split `edges` at fractions `t` (points on the same edge at the same place share a node);
    returns the new network and the node id of each split point."""
    if len(edges) == 0:
        return network, np.empty(0, dtype=np.int64)
    t_key = np.round(t, 12)
    pairs, inverse = np.unique(np.c_[edges, t_key], axis=0, return_inverse=True)
    inverse = inverse.ravel()
    e_s = pairs[:, 0].astype(np.int64)
    t_s = pairs[:, 1]
    new_ids = network.n_nodes + np.arange(len(pairs))
    u, v = network.u[e_s], network.v[e_s]
    new_xy = network.xy[u] + t_s[:, None] * (network.xy[v] - network.xy[u])
    first = np.r_[True, e_s[1:] != e_s[:-1]]
    last = np.r_[e_s[1:] != e_s[:-1], True]
    prev_node = np.where(first, u, np.r_[-1, new_ids[:-1]])
    prev_t = np.where(first, 0.0, np.r_[0.0, t_s[:-1]])
    piece_u = np.r_[prev_node, new_ids[last]]
    piece_v = np.r_[new_ids, v[last]]
    piece_edge = np.r_[e_s, e_s[last]]
    piece_frac = np.r_[t_s - prev_t, 1.0 - t_s[last]]
    keep = np.ones(network.n_edges, dtype=bool)
    keep[e_s] = False
    xy = np.vstack([network.xy, new_xy])
    piece_length = network.length[piece_edge] * piece_frac
    piece_cost, piece_back = network.cost[piece_edge] * piece_frac, None
    if network.directed:
        if network.terrain is not None:  # draped: each piece is draped from its own ends
            piece_cost, piece_back, _ = network.terrain.costs(
                xy[piece_u], xy[piece_v], network.line[piece_edge], piece_length
            )
        else:
            piece_back = network.cost_back[piece_edge] * piece_frac
    augmented = Network(
        xy=xy,
        u=np.r_[network.u[keep], piece_u],
        v=np.r_[network.v[keep], piece_v],
        length=np.r_[network.length[keep], piece_length],
        cost=np.r_[network.cost[keep], piece_cost],
        line=np.r_[network.line[keep], network.line[piece_edge]],
        excluded_lines=network.excluded_lines,
        cost_back=None if piece_back is None else np.r_[network.cost_back[keep], piece_back],
        terrain=network.terrain,
    )
    return augmented, new_ids[inverse]
