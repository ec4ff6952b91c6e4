"""Land a service area may claim: within the offset of the reached streets, only the land whose
nearest street is reached. Pure.

Why: buffering the reached streets alone claims land across a river, a rail line or a compound
wall from a reached street, land that is walked to from another street that is not reached within
the cut-off. Every piece of land belongs to its nearest street (a frontage plot faces one street),
so the service area keeps, inside the offset buffer of the reached streets, only the land nearer a
reached street point than any street point not reached.

How: points sampled along every street edge (about `offset / SAMPLES_PER_OFFSET` apart, plus two
points just either side of each cut-off on a partly reached edge, so the boundary there is the
perpendicular through the cut) are triangulated (`delaunay.py`); the land of the unreached points
(the union of their Voronoi cells) is bounded by the Voronoi edges between a reached and an
unreached point, which join the circumcentres of the triangles on both sides of each such Delaunay
edge. Those edges form closed rings (unreached land on their left); counter-clockwise rings are
its outer boundaries, clockwise ones its holes, and the buffer less that land is the service area.
No cell is built and nothing is dissolved.

Which points: every reached point, and the unreached points within `2 offset + spacing` of a
reached one (spacing: the widest gap between samples); no other unreached point can own land
within the offset of a reached street, so leaving them out changes no land inside the buffer. The
points are moved near the origin and jittered by `JITTER` (10 micrometres) so that the
triangulation is unique (the land's corners are then placed from the points as given). Without
numba, or should the compiled triangulation ever fail its check, the same land comes from GEOS's
Voronoi diagram (`unreached_land_geos`: the straightforward way, slower; the tests' reference).
"""

from __future__ import annotations

import numpy as np
import shapely
from scipy.spatial import cKDTree

from . import delaunay
from .delaunay import (
    TriangulationError,
    border_rings,
    circumcentres,
    is_delaunay,
    smallest_enclosing_rings,
    triangulate,
)
from .graph import Network

#: Street sample points per offset length (2: every 25 m at the default 50 m offset).
SAMPLES_PER_OFFSET = 2
#: Samples on an edge are at most this many times the nominal spacing apart (counts are rounded).
_SPACING_BOUND = 1.5
#: Two extra points this share of the spacing either side of a cut-off on a partly reached edge.
_CUT_GAP = 0.05
#: Random shift of every point before triangulating (map units; fixed seed): breaks the ties of
#: cocircular and collinear street samples, so the triangulation and its Voronoi edges are unique.
JITTER = 1e-5
#: The land is exact within at most this many extents of the points: a farther frame would leave
#: the flips to rounding (an offset of 1e12 m hung the triangulation and broke GEOS's union).
#: Beyond it the frame may own land, counted as reached: an absurd offset's far edges may stay.
MAX_MARGIN_EXTENTS = 100.0


def reach_fractions(network: Network, distance: np.ndarray, cutoff: float, edges: np.ndarray | None = None):
    """For each edge (all, or `edges`): the fraction reached walking in from u and from v (0-1)."""
    edges = np.arange(network.n_edges) if edges is None else edges
    du = distance[network.u[edges]]
    dv = distance[network.v[edges]]
    # From u the piece is walked towards u (v->u); from v towards v (u->v): the same on an
    # undirected network, the two directed costs on a draped one (distances are trips to sources).
    cost_u = network.cost_reverse[edges]
    cost_u = np.where(cost_u > 0, cost_u, 1e-12)
    cost_v = network.cost[edges]
    cost_v = np.where(cost_v > 0, cost_v, 1e-12)
    with np.errstate(invalid="ignore"):
        from_u = np.clip((cutoff - du) / cost_u, 0, 1)
        from_v = np.clip((cutoff - dv) / cost_v, 0, 1)
    from_u[~np.isfinite(du)] = 0
    from_v[~np.isfinite(dv)] = 0
    return from_u, from_v


def trim(buffers: list, lands: list) -> list:
    """Each buffer less its land of unreached streets (None: nothing to take away)."""
    return [b if land is None else _difference(b, land) for b, land in zip(buffers, lands)]


def land_of_unreached_streets(network: Network, distance: np.ndarray, cutoffs, boxes, offset: float) -> list:
    """For each cut-off whose buffer lies in its box (low x, low y, high x, high y; None for no
    buffer), the land nearer a street point not reached within it than any reached one, exact
    within `offset` of its reached streets; None where no unreached point comes near them. Needs
    only the buffers' extent, so it can run while the buffers are built."""
    result = [None] * len(boxes)
    todo = [i for i, box in enumerate(boxes) if box is not None]
    if not todo or offset <= 0:
        return result
    spacing = offset / SAMPLES_PER_OFFSET
    widest = _SPACING_BOUND * spacing  # samples on an edge are at most this far apart
    reach = 2 * offset + widest  # an unreached point farther than this from all reached ones owns no land in a buffer
    bounds = np.asarray([boxes[i] for i in todo], dtype=float)
    edges = network.edges_in_box(bounds[:, :2].min(axis=0) - reach, bounds[:, 2:].max(axis=0) + reach)
    xy, reached = _street_samples(network, distance, [cutoffs[i] for i in todo], edges, spacing)
    sites = reached.any(axis=1)
    rivals = []  # the cut-offs where some unreached point may own land in the buffer
    for column, i in enumerate(todo):
        r = reached[:, column]
        if not r.any() or r.all():
            continue
        # Only unreached points in the reached points' box widened by `reach` can be that close.
        low, high = xy[r].min(axis=0) - reach, xy[r].max(axis=0) + reach
        ask = ~r & (xy >= low).all(axis=1) & (xy <= high).all(axis=1)
        tree = cKDTree(xy[r], balanced_tree=False, compact_nodes=False)  # built faster, same answers
        # Points already sites (reached within a longer cut-off) need no answer, only whether some
        # unreached point is near at all: asked last, and only until one is.
        fresh = np.flatnonzero(ask & ~sites)
        near = tree.query(xy[fresh], distance_upper_bound=reach)[0] <= reach
        if near.any() or _any_near(tree, xy[ask & sites], reach):
            rivals.append((column, i))
            sites[fresh[near]] = True
    if rivals:
        outside = [~reached[sites, column] for column, _ in rivals]
        for (_, i), land in zip(rivals, unreached_land(xy[sites], outside, margin=offset + widest)):
            result[i] = land
    return result


def _any_near(tree: cKDTree, points: np.ndarray, reach: float, first: int = 32) -> bool:
    """Whether any of `points` lies within `reach` of the tree's points: the `first` points nearest
    the tree's centre asked first (where the border usually is), the rest only if none is."""
    if len(points) == 0:
        return False
    if len(points) > first:
        centre = tree.data.mean(axis=0)
        order = np.argpartition(((points - centre) ** 2).sum(axis=1), first)
        if (tree.query(points[order[:first]], distance_upper_bound=reach)[0] <= reach).any():
            return True
        points = points[order[first:]]
    return bool((tree.query(points, distance_upper_bound=reach)[0] <= reach).any())


def unreached_land(points: np.ndarray, outside: list, margin: float) -> list:
    """For each mask in `outside` (which `points` are unreached), the union of the unreached
    points' Voronoi cells, from one triangulation (`delaunay.py`); exact within `margin` of the
    points (the triangulation's frame stays farther away), at most `MAX_MARGIN_EXTENTS` extents."""
    margin = min(margin, MAX_MARGIN_EXTENTS * (np.ptp(points, axis=0).max() + 1.0))
    if not delaunay.COMPILED:
        return unreached_land_geos(points, outside, margin)
    origin = (points.min(axis=0) + points.max(axis=0)) / 2
    local = points - origin + np.random.default_rng(0).uniform(-JITTER, JITTER, points.shape)
    try:
        corners, triangles, neighbours = triangulate(local, margin)
    except TriangulationError:  # never seen; GEOS then does it
        return unreached_land_geos(points, outside, margin)
    if not is_delaunay(corners, triangles, neighbours):  # never seen; GEOS then does it
        return unreached_land_geos(points, outside, margin)
    corners[: len(points)] = points - origin  # circumcentres of the points as given (see above)
    frame = np.zeros(3, dtype=bool)  # the frame vertices count as reached
    lands = [
        _land_within_rings(corners, local, triangles, neighbours, np.concatenate((mask, frame)), origin)
        for mask in outside
    ]
    if any(land is None for land in lands):
        return unreached_land_geos(points, outside, margin)
    return lands


def _land_within_rings(corners, jittered, triangles, neighbours, inside, origin):
    """The union of the cells of the `inside` vertices: a MultiPolygon whose outer rings are the
    counter-clockwise border rings and whose holes are the clockwise ones, each in the smallest
    outer ring holding it (None if one is in none). Corners are the circumcentres of the
    triangles' points as given (land split exactly where it is split on paper); of the `jittered`
    points where those are collinear. Points cocircular as given make two circumcentres one,
    where two rings (or two stretches of one) touch or, by rounding, cross: such land is
    repaired."""
    sequence, starts = border_rings(triangles, neighbours, inside)
    if len(sequence) == 0:
        return shapely.MultiPolygon()
    xy = circumcentres(corners, triangles[sequence])
    flat = ~np.isfinite(xy).all(axis=1)
    if flat.any():
        xy[flat] = circumcentres(np.r_[jittered, corners[len(jittered) :]], triangles[sequence[flat]])
    ring = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    following = np.arange(1, len(sequence) + 1)
    following[starts[1:] - 1] = starts[:-1]
    area = np.bincount(ring, xy[:, 0] * xy[following, 1] - xy[following, 0] * xy[:, 1]) / 2
    holes = np.flatnonzero(area < 0)
    polygon_of = np.where(area > 0, np.arange(len(area)), -1)
    if len(holes):
        polygon_of[holes] = smallest_enclosing_rings(xy, starts, area, holes)
        if (polygon_of[holes] < 0).any():  # a hole in no outer ring: never seen
            return None
    rings = shapely.linearrings(xy + origin, indices=ring)
    order = np.lexsort((area < 0, polygon_of))[np.count_nonzero(polygon_of < 0) :]  # each outer ring before its holes
    _, polygon = np.unique(polygon_of[order], return_inverse=True)
    land = shapely.multipolygons(shapely.polygons(rings[order], indices=polygon.ravel()))
    return land if shapely.is_valid(land) else shapely.make_valid(land)


def unreached_land_geos(points: np.ndarray, outside: list, margin: float) -> list:
    """`unreached_land` the straightforward way: GEOS's Voronoi diagram of the points and the
    union of the unreached points' cells. Four reached corners well beyond the points close the
    diagram (GEOS gives overlapping cells where the outermost points are collinear)."""
    lo, hi = points.min(axis=0), points.max(axis=0)
    far = np.ptp(points, axis=0).max() + 2 * margin + 1.0
    corners = np.array(
        [[lo[0] - far, lo[1] - far], [hi[0] + far, lo[1] - far], [hi[0] + far, hi[1] + far], [lo[0] - far, hi[1] + far]]
    )
    sites = np.r_[points, corners]
    frame = shapely.box(*(lo - 2 * far), *(hi + 2 * far))
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(sites), extend_to=frame))
    xy, cell_of = shapely.get_coordinates(cells, return_index=True)
    count = np.bincount(cell_of, minlength=len(cells))
    mean = (
        np.c_[np.bincount(cell_of, xy[:, 0], len(cells)), np.bincount(cell_of, xy[:, 1], len(cells))] / count[:, None]
    )
    owner = cKDTree(sites).query(mean)[1]  # the mean of a (convex) cell's corners lies in it
    frame_sites = np.zeros(4, dtype=bool)
    return [shapely.union_all(shapely.make_valid(cells[np.r_[mask, frame_sites][owner]])) for mask in outside]


def _difference(buffered, land):
    """`buffered` less `land` (repaired first should rounding have made it invalid)."""
    try:
        return shapely.difference(buffered, land)
    except shapely.errors.GEOSException:
        return shapely.difference(buffered, shapely.make_valid(land))


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
        t_parts += [
            from_u[cut_u] - gap[cut_u],
            from_u[cut_u] + gap[cut_u],
            1 - from_v[cut_v] - gap[cut_v],
            1 - from_v[cut_v] + gap[cut_v],
        ]
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
