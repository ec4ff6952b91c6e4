"""Distances between facilities (parks, schools, ...) and homes, along the walking network or,
without one, as the crow flies. Pure.

Both models answer the same three questions so the coverage, living-circle and equity engines do
not care which is used (every output carries the `mode`, "network" or "euclidean"):
- `nearest(selected, cutoff)`: per home, the nearest selected facility and its distance;
- `pairs(selected, cutoffs)`: every (facility, home, distance) within each facility's cut-off;
- `area(selected, cutoff, offset)`: the land served, as one polygon.

Network model: a facility is entered at its access points (entrances, or points derived along a
park's boundary where it lies within the snap distance of a street); a home at its snapped
position. Straight-line model: distance from the home to the facility's geometry (0 inside).
"""

from __future__ import annotations

import numpy as np
import shapely

from ..network import (
    DEFAULT_OFFSET,
    Network,
    catchments,
    multi_source,
    service_area,
    with_points,
)

#: Spacing (m) of candidate access points along a park boundary when no entrances are given.
BOUNDARY_SPACING = 25.0


def boundary_points(geometries, spacing: float = BOUNDARY_SPACING) -> tuple[np.ndarray, np.ndarray]:
    """Candidate access points: points stay as they are; polygons and lines give points every
    `spacing` along their boundary (at least one). Returns (points, owner index)."""
    geometries = np.asarray(geometries, dtype=object)
    type_id = shapely.get_type_id(geometries)
    is_point = np.isin(type_id, (0, 4))
    polygon = np.isin(type_id, (3, 6))
    rings = geometries.copy()  # lines are walked along themselves, polygons along their boundary
    rings[polygon] = shapely.boundary(geometries[polygon])
    lengths = np.where(is_point, 0.0, shapely.length(rings))
    counts = np.where(is_point, 1, np.maximum(1, np.ceil(lengths / spacing))).astype(np.int64)
    owner = np.repeat(np.arange(len(geometries)), counts)
    step = np.repeat(np.where(counts > 0, lengths / counts, 0), counts)
    position = (np.arange(owner.size) - np.repeat(np.cumsum(counts) - counts, counts)) * step
    points = np.empty(owner.size, dtype=object)
    point_rows = is_point[owner]
    points[point_rows] = geometries[owner[point_rows]]
    other = ~point_rows
    if other.any():
        points[other] = shapely.line_interpolate_point(rings[owner[other]], position[other])
    return points, owner


class EuclideanAccess:
    """Straight-line distances from each home to each facility geometry."""

    mode = "euclidean"

    def __init__(self, facilities, homes):
        self.facilities = np.asarray(facilities, dtype=object)
        self.homes = np.asarray(homes, dtype=object)
        self.home_reachable = np.ones(len(self.homes), dtype=bool)
        self.home_snap = np.zeros(len(self.homes))
        self.facility_reachable = np.ones(len(self.facilities), dtype=bool)

    def nearest(self, selected: np.ndarray, cutoff: float = np.inf) -> tuple[np.ndarray, np.ndarray]:
        index = np.flatnonzero(selected)
        best = np.full(len(self.homes), -1, dtype=np.int64)
        distance = np.full(len(self.homes), np.inf)
        if index.size == 0 or len(self.homes) == 0:
            return best, distance
        tree = shapely.STRtree(self.facilities[index])
        limit = float(cutoff) if np.isfinite(cutoff) else None
        (home, fac), d = tree.query_nearest(self.homes, max_distance=limit, return_distance=True, all_matches=False)
        best[home] = index[fac]
        distance[home] = d
        return best, distance

    def pairs(self, selected: np.ndarray, cutoffs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        index = np.flatnonzero(selected)
        if index.size == 0 or len(self.homes) == 0:
            return _empty_pairs()
        tree = shapely.STRtree(self.facilities[index])
        home, fac = tree.query(self.homes, predicate="dwithin", distance=float(np.max(cutoffs[index])))
        fac = index[fac]
        d = shapely.distance(self.homes[home], self.facilities[fac])
        ok = d <= cutoffs[fac]
        return fac[ok], home[ok], d[ok]

    def area(self, selected: np.ndarray, cutoff: float, offset: float = DEFAULT_OFFSET):
        index = np.flatnonzero(selected)
        if index.size == 0:
            return None
        return shapely.union_all(shapely.buffer(self.facilities[index], cutoff, quad_segs=8))


class NetworkAccess:
    """Network distances between facility access points and homes; a facility's distance is that
    of its nearest access point. Access points and homes farther than `snap_distance` from every street
    are unreachable (reported, never moved)."""

    mode = "network"

    def __init__(self, network: Network, access_points, access_owner, n_facilities: int, homes, snap_distance: float):
        self.network, (access, home) = with_points(network, access_points, homes, max_distance=snap_distance)
        owner = np.asarray(access_owner, dtype=np.int64)
        ok = access.reachable
        # One source per (facility, node): entrances snapping to the same spot add nothing.
        pairs = np.unique(np.c_[owner[ok], access.node[ok]], axis=0) if ok.any() else np.empty((0, 2), dtype=np.int64)
        self.owner = pairs[:, 0].astype(np.int64)
        self.nodes = pairs[:, 1].astype(np.int64)
        self.access_snap = access.distance
        self.access_owner = owner
        self.facility_reachable = np.bincount(self.owner, minlength=n_facilities) > 0
        self.home_nodes = home.node
        self.home_snap = home.distance
        self.home_reachable = home.reachable

    def nearest(self, selected: np.ndarray, cutoff: float = np.inf) -> tuple[np.ndarray, np.ndarray]:
        return self.nearest_walk(selected, cutoff)[:2]

    def nearest_walk(self, selected: np.ndarray, cutoff: float = np.inf):
        """`nearest` and the horizontal metres walked (NaN when not reached; on an undirected
        network the distance itself)."""
        use = selected[self.owner]
        best = np.full(len(self.home_nodes), -1, dtype=np.int64)
        distance = np.full(len(self.home_nodes), np.inf)
        walked = np.full(len(self.home_nodes), np.nan)
        if not use.any():  # no selected facility reaches the network: nothing is near any home
            return best, distance, walked
        result = multi_source(self.network, self.nodes[use], cutoff)
        ok = self.home_reachable
        label = result.source[self.home_nodes[ok]]
        distance[ok] = np.where(label >= 0, result.distance[self.home_nodes[ok]], np.inf)
        best[ok] = np.where(label >= 0, self.owner[use][np.maximum(label, 0)], -1)
        lengths = result.distance if result.length is None else result.length
        walked[ok] = np.where(label >= 0, lengths[self.home_nodes[ok]], np.nan)
        return best, distance, walked

    def pairs(self, selected: np.ndarray, cutoffs: np.ndarray, progress=None, is_canceled=None):
        use = np.flatnonzero(selected[self.owner])
        if use.size == 0:
            return _empty_pairs()
        found = catchments(
            self.network,
            self.nodes[use],
            self.home_nodes,
            cutoffs[self.owner[use]],
            progress=progress,
            is_canceled=is_canceled,
        )
        fac = self.owner[use][found.source]
        # Keep the nearest access point of each facility for each home.
        order = np.lexsort((found.distance, found.target, fac))
        fac, home, d = fac[order], found.target[order], found.distance[order]
        first = np.r_[True, (fac[1:] != fac[:-1]) | (home[1:] != home[:-1])] if fac.size else np.zeros(0, bool)
        return fac[first], home[first], d[first]

    def area(self, selected: np.ndarray, cutoff: float, offset: float = DEFAULT_OFFSET):
        use = selected[self.owner]
        if not use.any():
            return None
        result = multi_source(self.network, self.nodes[use], cutoff)
        return service_area(self.network, result.distance, cutoff, offset)


def _empty_pairs():
    return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0)
