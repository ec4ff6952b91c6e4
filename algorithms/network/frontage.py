"""Land a service area may claim: within the offset of the reached streets, only the land whose
nearest street is reached. Pure.

Why: buffering the reached streets alone claims land across a river, a rail line or a compound
wall from a reached street, land that is walked to from another street that is not reached within
the cut-off. Every piece of land belongs to its nearest street (a frontage plot faces one street),
so the service area keeps, inside the offset buffer of the reached streets, only the land nearer a
reached street point than any street point not reached.

How: points sampled along every street edge (at most `offset / SAMPLES_PER_OFFSET` apart, plus two
points just either side of each cut-off on a partly reached edge, so the boundary there is the
perpendicular through the cut) get Voronoi cells; the cells of the unreached points are removed
from the buffer. Only the points near the reached streets take part: unreached points within
`2 offset + spacing` of a reached point (no other can own land within the offset of a reached
street) and the reached points that can compete with them. Each unreached cell is cut to the
square of half-side `offset + spacing / 2` around its point (the land it owns inside the buffer
lies within that distance), so leaving out the reached points farther away changes nothing.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from scipy.spatial import cKDTree

from .graph import Network

#: Street sample points per offset length (2: every 25 m at the default 50 m offset).
SAMPLES_PER_OFFSET = 2
#: Two extra points this share of the spacing either side of a cut-off on a partly reached edge.
_CUT_GAP = 0.05


def reach_fractions(network: Network, distance: np.ndarray, cutoff: float, edges: np.ndarray | None = None):
    """For each edge (all, or `edges`): the fraction reached walking in from u and from v (0-1)."""
    edges = np.arange(network.n_edges) if edges is None else edges
    du = distance[network.u[edges]]
    dv = distance[network.v[edges]]
    cost = network.cost[edges]
    cost = np.where(cost > 0, cost, 1e-12)
    with np.errstate(invalid="ignore"):
        from_u = np.clip((cutoff - du) / cost, 0, 1)
        from_v = np.clip((cutoff - dv) / cost, 0, 1)
    from_u[~np.isfinite(du)] = 0
    from_v[~np.isfinite(dv)] = 0
    return from_u, from_v


def nearest_street_land(network: Network, distance: np.ndarray, cutoff: float, buffered, offset: float):
    """`buffered` (the reached streets buffered by `offset`) less the land nearer a street point
    not reached within `cutoff` than any reached one."""
    if buffered is None or buffered.is_empty or offset <= 0:
        return buffered
    spacing = offset / SAMPLES_PER_OFFSET
    reach = 2 * offset + spacing  # an unreached point farther than this from all reached ones owns no land in the buffer
    xmin, ymin, xmax, ymax = shapely.bounds(buffered)
    extent = shapely.box(xmin - reach, ymin - reach, xmax + reach, ymax + reach)
    edges = network.edge_tree().query(extent)
    xy, reached = _street_samples(network, distance, cutoff, edges, spacing)
    if not reached.any() or reached.all():
        return buffered
    near_reached = cKDTree(xy[reached]).query(xy[~reached], distance_upper_bound=reach)[0] <= reach
    unreached_xy = xy[~reached][near_reached]
    if len(unreached_xy) == 0:
        return buffered
    own = offset + spacing / 2  # no unreached point owns land in the buffer farther than this
    guard = own * (1 + math.sqrt(2))  # reached points farther than this from every such point cannot matter
    competing = cKDTree(unreached_xy).query(xy[reached], distance_upper_bound=guard)[0] <= guard
    points = np.concatenate([unreached_xy, xy[reached][competing]])
    cells, owner = voronoi_cells(points)
    lost = owner < len(unreached_xy)
    cells, owner = cells[lost], owner[lost]
    x, y = unreached_xy[owner].T
    # Cut each cell to its square: beyond it the cell could reach past the reached points left out.
    # Cells inside their square stay whole and form a coverage (one Voronoi diagram), unioned fast.
    bounds = shapely.bounds(cells)
    oversized = (bounds[:, 0] < x - own) | (bounds[:, 1] < y - own) | (bounds[:, 2] > x + own) | (bounds[:, 3] > y + own)
    kept = shapely.difference(buffered, _coverage_union(cells[~oversized]))
    shapely.prepare(buffered)
    cut = np.flatnonzero(oversized)
    cut = cut[shapely.intersects(buffered, cells[cut])]  # only those reaching into the buffer matter
    if len(cut):
        squares = shapely.box(x[cut] - own, y[cut] - own, x[cut] + own, y[cut] + own)
        # (one that rounding bent is repaired first)
        kept = shapely.difference(kept, shapely.union_all(shapely.intersection(shapely.make_valid(cells[cut]), squares)))
    return kept


def voronoi_cells(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Voronoi cells (Polygons) of distinct points and the index of each cell's point (cells of the
    outermost points end at a box well beyond them). GEOS computes each cell's corners on its own,
    so neighbours may disagree in the last bits: corners are rounded to 0.1 mm, which lets GEOS's
    coverage union dissolve the cells (`_coverage_union` falls back to an overlay union if not);
    cells that rounding collapses are dropped."""
    lo, hi = points.min(axis=0), points.max(axis=0)
    margin = np.ptp(points, axis=0).max() + 1.0
    frame = shapely.box(*(lo - margin), *(hi + margin))
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame))
    corners, cell_of = shapely.get_coordinates(cells, return_index=True)
    corners = np.round(corners, 4)
    cells = shapely.set_coordinates(cells, corners)
    # The mean of a cell's corners lies inside it (cells are convex): its nearest point is the cell's own.
    count = np.bincount(cell_of, minlength=len(cells))
    inside = np.c_[np.bincount(cell_of, corners[:, 0], len(cells)), np.bincount(cell_of, corners[:, 1], len(cells))] / count[:, None]
    owner = cKDTree(points).query(inside)[1]
    real = shapely.area(cells) > 1e-6  # not a sliver that rounding collapsed
    return cells[real], owner[real]


def _coverage_union(cells: np.ndarray):
    """Union of Voronoi cells of one diagram: GEOS's coverage union (linear, several times faster
    than an overlay union), or the overlay union where rounding left two shared edges unequal."""
    if len(cells) == 0:
        return shapely.Polygon()
    try:
        return shapely.coverage_union_all(cells)
    except shapely.errors.GEOSException:
        return shapely.union_all(shapely.make_valid(cells))


def _street_samples(network: Network, distance: np.ndarray, cutoff: float, edges: np.ndarray, spacing: float):
    """Points along `edges` at most `spacing` apart (none on the nodes, which several edges share),
    two more either side of every cut-off, and whether each is reached. Duplicates merge (reached
    when any of them is)."""
    length = network.length[edges]
    count = np.maximum(1, np.ceil(length / spacing)).astype(np.int64)
    edge = np.repeat(np.arange(len(edges)), count)
    k = np.arange(len(edge)) - np.repeat(np.cumsum(count) - count, count)
    t = (k + 0.5) / count[edge]
    from_u, from_v = reach_fractions(network, distance, cutoff, edges)
    partial = from_u + from_v < 1
    gap = np.minimum(0.5, _CUT_GAP * spacing / np.maximum(length, 1e-12))
    cut_u = np.flatnonzero(partial & (from_u > 0))
    cut_v = np.flatnonzero(partial & (from_v > 0))
    edge = np.concatenate([edge, cut_u, cut_u, cut_v, cut_v])
    t = np.concatenate([t, from_u[cut_u] - gap[cut_u], from_u[cut_u] + gap[cut_u],
                        1 - from_v[cut_v] - gap[cut_v], 1 - from_v[cut_v] + gap[cut_v]])
    inner = (t > 0) & (t < 1)
    edge, t = edge[inner], t[inner]
    reached = (t <= from_u[edge]) | (t >= 1 - from_v[edge])
    a = network.xy[network.u[edges[edge]]]
    b = network.xy[network.v[edges[edge]]]
    xy = a + t[:, None] * (b - a)
    keys, first, index = np.unique(xy[:, 0] + 1j * xy[:, 1], return_index=True, return_inverse=True)
    any_reached = np.zeros(len(keys), dtype=bool)
    any_reached[index.ravel()[reached]] = True
    return xy[first], any_reached
