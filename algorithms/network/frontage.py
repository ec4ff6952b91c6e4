"""Land a service area may claim: within the offset of the reached streets, only the land whose
nearest street is reached. Pure.

Why: buffering the reached streets alone claims land across a river, a rail line or a compound
wall from a reached street, land that is walked to from another street that is not reached within
the cut-off. Every piece of land belongs to its nearest street (a frontage plot faces one street),
so the service area keeps, inside the offset buffer of the reached streets, only the land nearer a
reached street point than any street point not reached.

How: points sampled along every street edge (about `offset / SAMPLES_PER_OFFSET` apart, plus two
points just either side of each cut-off on a partly reached edge, so the boundary there is the
perpendicular through the cut) get Voronoi cells; the cells of the unreached points are removed
from the buffer. Only the points near the reached streets take part: unreached points within
`2 offset + spacing` of a reached point (no other can own land within the offset of a reached
street; spacing: the widest gap between samples) and the reached points that can compete with
them. Each unreached cell is cut to the square of half-side `offset + spacing / 2` around its
point (the land it owns inside the buffer lies within that distance), so leaving out the reached
points farther away changes nothing.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from scipy.spatial import cKDTree

from .graph import Network

#: Street sample points per offset length (2: every 25 m at the default 50 m offset).
SAMPLES_PER_OFFSET = 2
#: Samples on an edge are at most this many times the nominal spacing apart (counts are rounded).
_SPACING_BOUND = 1.5
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


def nearest_street_land(network: Network, distance: np.ndarray, cutoffs, buffers, offset: float) -> list:
    """For each cut-off, its buffer (the streets reached within it buffered by `offset`; None or
    empty allowed) less the land nearer a street point not reached within it than any reached one.
    The cut-offs share one Voronoi diagram (a station's bands)."""
    result = list(buffers)
    todo = [i for i, b in enumerate(buffers) if b is not None and not b.is_empty]
    if not todo or offset <= 0:
        return result
    spacing = offset / SAMPLES_PER_OFFSET
    widest = _SPACING_BOUND * spacing  # samples on an edge are at most this far apart
    reach = 2 * offset + widest  # an unreached point farther than this from all reached ones owns no land in a buffer
    own = offset + widest / 2  # no unreached point owns land in a buffer farther than this
    guard = own * (1 + math.sqrt(2))  # reached points farther than this from every such point cannot matter
    bounds = shapely.bounds(np.asarray([buffers[i] for i in todo], dtype=object))
    extent = shapely.box(*(bounds[:, :2].min(axis=0) - reach), *(bounds[:, 2:].max(axis=0) + reach))
    edges = network.edge_tree().query(extent)
    xy, reached = _street_samples(network, distance, [cutoffs[i] for i in todo], edges, spacing)
    rivals = {}  # per cut-off: the unreached points that may own land in its buffer
    relevant = np.zeros(len(xy), dtype=bool)
    for column, i in enumerate(todo):
        r = reached[:, column]
        if not r.any() or r.all():
            continue
        near = np.zeros(len(xy), dtype=bool)
        near[~r] = cKDTree(xy[r]).query(xy[~r], distance_upper_bound=reach)[0] <= reach
        if not near.any():
            continue
        competing = np.zeros(len(xy), dtype=bool)
        competing[r] = cKDTree(xy[near]).query(xy[r], distance_upper_bound=guard)[0] <= guard
        rivals[i] = near
        relevant |= near | competing
    if not rivals:
        return result
    chosen = np.flatnonzero(relevant)
    cells, owner = voronoi_cells(xy[chosen])
    owner = chosen[owner]
    for i, near in rivals.items():
        lost = near[owner]
        result[i] = _without_cells(buffers[i], cells[lost], xy[owner[lost]], own)
    return result


def _without_cells(buffered, cells: np.ndarray, sites: np.ndarray, own: float):
    """`buffered` less the Voronoi `cells` of unreached `sites`, each cut to the square of
    half-side `own` around its site: beyond it a cell could reach past the reached points left out
    of the diagram. Cells inside their square stay whole and form a coverage, unioned fast."""
    x, y = sites.T
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


def _street_samples(network: Network, distance: np.ndarray, cutoffs, edges: np.ndarray, spacing: float):
    """Points along `edges` at most `spacing` apart (none on the nodes, which several edges share),
    two more either side of every cut-off, and whether each is reached within each cut-off
    (points x cut-offs). Duplicates merge (reached when any of them is)."""
    length = network.length[edges]
    # Rounded, not ceiled: an edge a hair longer than a multiple of the spacing (a 100 m block side
    # after a reprojection) keeps its samples, so the land split does not jump. Spacing then stays
    # below 1.5 x `spacing` (`_SPACING_BOUND`).
    count = np.maximum(1, np.rint(length / spacing)).astype(np.int64)
    edge = np.repeat(np.arange(len(edges)), count)
    k = np.arange(len(edge)) - np.repeat(np.cumsum(count) - count, count)
    edge_parts, t_parts = [edge], [(k + 0.5) / count[edge]]
    gap = np.minimum(0.5, _CUT_GAP * spacing / np.maximum(length, 1e-12))
    fractions = [reach_fractions(network, distance, cutoff, edges) for cutoff in cutoffs]
    for from_u, from_v in fractions:
        partial = from_u + from_v < 1
        cut_u = np.flatnonzero(partial & (from_u > 0))
        cut_v = np.flatnonzero(partial & (from_v > 0))
        edge_parts += [cut_u, cut_u, cut_v, cut_v]
        t_parts += [from_u[cut_u] - gap[cut_u], from_u[cut_u] + gap[cut_u],
                    1 - from_v[cut_v] - gap[cut_v], 1 - from_v[cut_v] + gap[cut_v]]
    edge, t = np.concatenate(edge_parts), np.concatenate(t_parts)
    inner = (t > 0) & (t < 1)
    edge, t = edge[inner], t[inner]
    a = network.xy[network.u[edges[edge]]]
    b = network.xy[network.v[edges[edge]]]
    xy = a + t[:, None] * (b - a)
    keys, first, index = np.unique(xy[:, 0] + 1j * xy[:, 1], return_index=True, return_inverse=True)
    index = index.ravel()
    reached = np.zeros((len(keys), len(fractions)), dtype=bool)
    for column, (from_u, from_v) in enumerate(fractions):
        reached[index[(t <= from_u[edge]) | (t >= 1 - from_v[edge])], column] = True
    return xy[first], reached
