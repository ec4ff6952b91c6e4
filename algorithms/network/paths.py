"""Shortest walking distances on a Network with scipy.sparse.csgraph (C Dijkstra). Pure.

- `multi_source`: distance from every node to its nearest source and that source's label.
- `catchments`: per-source distances to a set of target nodes within a cut-off, as sparse
  (source, target, distance) triples, computed in chunks so memory stays bounded.
- `distances_from`: the dense per-source distance rows for a few sources (per-source polygons).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy.sparse.csgraph import dijkstra

from ..cancel import checkpoint
from .graph import Network


@dataclass
class MultiSourceResult:
    """`distance[node]` to the nearest source (inf beyond the cut-off or unreachable) and
    `source[node]`: index into the `sources` array given (-1 where not reached). On a directed
    (draped) network also `length[node]`: the horizontal metres of that walk (NaN not reached)."""

    distance: np.ndarray
    source: np.ndarray
    length: np.ndarray | None = None


@dataclass
class Catchments:
    """Triples of reached (source index, target index, distance), sorted by source then target.
    Indices refer to the positions in the `sources` and `targets` arrays given."""

    source: np.ndarray
    target: np.ndarray
    distance: np.ndarray


def multi_source(network: Network, sources, cutoff: float = np.inf) -> MultiSourceResult:
    """Nearest-source distances and labels. `sources`: node ids (negative ids, i.e. unreachable
    snaps, are ignored). Several sources may share a node; the first one is labelled."""
    sources = np.asarray(sources, dtype=np.int64)
    valid = np.flatnonzero(sources >= 0)
    distance = np.full(network.n_nodes, np.inf)
    label = np.full(network.n_nodes, -1, dtype=np.int64)
    if valid.size == 0 or network.n_nodes == 0:
        return MultiSourceResult(distance, label)
    nodes, first = np.unique(sources[valid], return_index=True)
    matrix, directed = network.search_matrix()
    distance, predecessor, nearest = dijkstra(
        matrix,
        directed=directed,
        indices=nodes,
        min_only=True,
        limit=cutoff,
        return_predecessors=True,
    )
    reached = nearest >= 0
    # nearest holds the source *node*; map it back to the first input index at that node.
    label[reached] = _map(nearest[reached], nodes, valid[first])
    distance[~reached] = np.inf
    walked = _walked_lengths(network, predecessor, reached) if directed else None
    return MultiSourceResult(distance, label, walked)


def _walked_lengths(network: Network, predecessor: np.ndarray, reached: np.ndarray) -> np.ndarray:
    """Horizontal length of each node's walk along the shortest-path tree (pointer jumping:
    log2(depth) vectorised passes)."""
    parent = np.where(reached & (predecessor >= 0), predecessor, -1).astype(np.int64)
    step = np.zeros(network.n_nodes)
    child = np.flatnonzero(parent >= 0)
    if child.size:
        step[child] = np.asarray(network.search_lengths()[parent[child], child]).ravel()
    while (parent >= 0).any():
        has = parent >= 0
        step = step + np.where(has, step[np.maximum(parent, 0)], 0.0)
        parent = np.where(has, parent[np.maximum(parent, 0)], -1)
    return np.where(reached, step, np.nan)


def _map(values: np.ndarray, keys: np.ndarray, mapped: np.ndarray) -> np.ndarray:
    """Vectorised dictionary lookup: keys must be sorted (np.unique output)."""
    return mapped[np.searchsorted(keys, values)]


def distances_from(network: Network, sources, cutoff: float = np.inf) -> np.ndarray:
    """Dense (len(sources), n_nodes) distances, inf beyond the cut-off; rows for negative source
    ids are all inf. Memory grows with sources x nodes: use for tens of sources, or chunk."""
    sources = np.asarray(sources, dtype=np.int64)
    out = np.full((len(sources), network.n_nodes), np.inf)
    valid = np.flatnonzero(sources >= 0)
    if valid.size:
        matrix, directed = network.search_matrix()
        out[valid] = np.atleast_2d(dijkstra(matrix, directed=directed, indices=sources[valid], limit=cutoff))
    return out


def catchments(
    network: Network,
    sources,
    targets,
    cutoff: float,
    chunk: int = 64,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> Catchments:
    """For every source, the targets within `cutoff` and their distances (one Dijkstra per source,
    bounded by the cut-off, run `chunk` sources at a time). Negative source/target ids are skipped.
    `cutoff` may be a scalar or one value per source."""
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    cutoffs = np.broadcast_to(np.asarray(cutoff, dtype=float), sources.shape)
    valid_targets = np.flatnonzero(targets >= 0)
    target_nodes = targets[valid_targets]
    valid_sources = np.flatnonzero(sources >= 0)
    parts_s, parts_t, parts_d = [], [], []
    matrix, directed = network.search_matrix()
    report = checkpoint(progress, is_canceled)
    for start in range(0, len(valid_sources), chunk):
        report(start / len(valid_sources))
        batch = valid_sources[start : start + chunk]
        limits = cutoffs[batch]
        rows = np.atleast_2d(dijkstra(matrix, directed=directed, indices=sources[batch], limit=float(limits.max())))[
            :, target_nodes
        ]
        hit_r, hit_c = np.nonzero(rows <= limits[:, None])
        parts_s.append(batch[hit_r])
        parts_t.append(valid_targets[hit_c])
        parts_d.append(rows[hit_r, hit_c])
    report(1.0)
    if not parts_s:
        empty = np.empty(0)
        return Catchments(empty.astype(np.int64), empty.astype(np.int64), empty)
    return Catchments(np.concatenate(parts_s), np.concatenate(parts_t), np.concatenate(parts_d))
