"""What a set of node distances reaches: reached segments (whole edges, and the partial pieces at
the cut-off), their total length, and service-area polygons. Pure.

An edge (u, v) of cost c is walked from both ends: from u up to cost `cutoff - d[u]`, from v up
to `cutoff - d[v]`; when the two stretches meet the edge is wholly reached. Costs are turned
into positions along the (straight) edge in proportion to length.

Polygon offset: the reached lines are buffered by `offset` map units (default
`DEFAULT_OFFSET` = 50 m), i.e. the service area is "land within 50 m of a street you can reach
within the cut-off": about the depth of a frontage plot, so homes and parks facing a reached
street fall inside while the far side of a large block does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import shapely

from ..cancel import checkpoint
from .chains import chain_labels
from .frontage import land_of_unreached_streets, reach_fractions, trim
from .graph import Network
from .paths import distances_from
from .threads import in_background, thread_map, workers

DEFAULT_OFFSET = 50.0


@dataclass
class ReachedSegments:
    """Reached pieces: `edge` (edge index), start/end fractions `t0`, `t1` along u->v, and their
    `length` (map units). An edge reached from both ends without meeting gives two pieces."""

    edge: np.ndarray
    t0: np.ndarray
    t1: np.ndarray
    length: np.ndarray

    @property
    def total_length(self) -> float:
        return float(self.length.sum())


def reached_segments(
    network: Network, distance: np.ndarray, cutoff: float, touched: np.ndarray | None = None
) -> ReachedSegments:
    """Pieces of edges within `cutoff` of the sources that produced `distance` (node distances).
    `touched`: the edges with an end at a finite distance (`touched_edges`), when already known."""
    touched = touched_edges(network, distance) if touched is None else touched
    from_u, from_v = reach_fractions(network, distance, cutoff, touched)
    whole = from_u + from_v >= 1
    part_u = ~whole & (from_u > 0)
    part_v = ~whole & (from_v > 0)
    edge = touched[np.concatenate([np.flatnonzero(whole), np.flatnonzero(part_u), np.flatnonzero(part_v)])]
    start = np.concatenate([np.zeros(whole.sum()), np.zeros(part_u.sum()), 1 - from_v[part_v]])
    end = np.concatenate([np.ones(whole.sum()), from_u[part_u], np.ones(part_v.sum())])
    return ReachedSegments(edge, start, end, network.length[edge] * (end - start))


def touched_edges(network: Network, distance: np.ndarray) -> np.ndarray:
    """Edges with at least one end at a finite distance: the only ones any cut-off can reach."""
    return np.flatnonzero(np.isfinite(distance[network.u]) | np.isfinite(distance[network.v]))


def segment_lines(network: Network, segments: ReachedSegments) -> np.ndarray:
    """Shapely LineStrings of reached pieces."""
    return shapely.linestrings(_segment_ends(network, segments))


def _segment_ends(network: Network, segments: ReachedSegments) -> np.ndarray:
    """Start and end of each reached piece, (n, 2, 2)."""
    a = network.xy[network.u[segments.edge]]
    b = network.xy[network.v[segments.edge]]
    return np.stack([a + segments.t0[:, None] * (b - a), a + segments.t1[:, None] * (b - a)], axis=1)


def service_area(
    network: Network, distance: np.ndarray, cutoff: float, offset: float = DEFAULT_OFFSET, quad_segs: int = 4
):
    """One (Multi)Polygon: within `offset` of the reached network, the land whose nearest street is
    reached (`frontage.py`); None when nothing is reached. Reached nodes count even when no edge
    piece has length (a source on an isolated node: a disc around it)."""
    return service_areas(network, distance, [cutoff], offset, quad_segs)[0]


def service_areas(
    network: Network, distance: np.ndarray, cutoffs, offset: float = DEFAULT_OFFSET, quad_segs: int = 4
) -> list:
    """`service_area` for several cut-offs of the same node distances (a station's bands): their
    nearest-street land comes from one triangulation, computed (for a city-wide area, on a second
    thread) while the reached streets are buffered."""
    return service_areas_and_lengths(network, distance, cutoffs, offset, quad_segs)[0]


def service_areas_and_lengths(
    network: Network, distance: np.ndarray, cutoffs, offset: float = DEFAULT_OFFSET, quad_segs: int = 4
) -> tuple[list, list[float]]:
    """`service_areas` and, for each cut-off, the reached network length (`reached_segments`'
    total_length) from the same reached pieces, found once. A cut-off within `SAME_CUTOFF_M` of an
    earlier one gets that one's area and length (cut points a rounding error apart on one street
    would make the trim's triangulation degenerate)."""
    distinct, which = _distinct_cutoffs([float(c) for c in cutoffs])
    if len(distinct) < len(which):
        areas, lengths = service_areas_and_lengths(network, distance, distinct, offset, quad_segs)
        return [areas[k] for k in which], [lengths[k] for k in which]
    pieces, lengths = [], []
    touched = touched_edges(network, distance)  # the same for every cut-off: found once
    for cutoff in cutoffs:
        segments = reached_segments(network, distance, cutoff, touched)
        lengths.append(segments.total_length)
        keep = segments.length > 0
        pieces.append(
            ReachedSegments(*(a[keep] for a in (segments.edge, segments.t0, segments.t1, segments.length)))
            if keep.any()
            else None
        )
    boxes = [None if p is None else _buffer_box(network, p, offset) for p in pieces]
    lands = in_background(
        lambda: land_of_unreached_streets(network, distance, list(cutoffs), boxes, offset),
        sum(len(p.edge) for p in pieces if p is not None) >= BACKGROUND_TRIM_PIECES,
    )
    buffers = []
    for cutoff, piece in zip(cutoffs, pieces):
        if piece is not None:
            buffers.append(buffer_chains(_straight_chains(network, piece), offset, quad_segs))
            continue
        reached = np.isfinite(distance) & (distance <= cutoff)
        buffers.append(
            shapely.buffer(shapely.multipoints(network.xy[reached]), offset, quad_segs=quad_segs)
            if reached.any()
            else None
        )
    return trim(buffers, lands()), lengths


#: Cut-offs closer than this (metres) are one cut-off: a micrometre is no walking distance.
SAME_CUTOFF_M = 1e-6


def _distinct_cutoffs(cutoffs: list[float]) -> tuple[list[float], list[int]]:
    """The cut-offs more than `SAME_CUTOFF_M` apart (first seen kept), and for each given cut-off
    the index of the one that stands for it."""
    distinct: list[float] = []
    which = []
    for cutoff in cutoffs:
        if not any(abs(cutoff - kept) <= SAME_CUTOFF_M for kept in distinct):
            distinct.append(cutoff)
        which.append(next(k for k, kept in enumerate(distinct) if abs(cutoff - kept) <= SAME_CUTOFF_M))
    return distinct, which


#: Up to this many chains are buffered as one MultiLineString (GEOS nodes their offset curves
#: together), more are buffered one by one and unioned: on the benchmark grids one buffer takes
#: half the time at 10-20 chains, 0.7 at 40, and is slower from about 60 on (2.0x at 640).
SINGLE_BUFFER_CHAINS = 48


def buffer_chains(chains: np.ndarray, offset: float, quad_segs: int = 4):
    """The union of the chains' buffers. A few long chains overlay far faster than one buffer per
    segment; a few tens are faster still buffered as one MultiLineString (the same land: the same
    offset curves, their crossings found in one pass instead of pair by pair, so only rounding
    differs), thousands much faster buffered one by one and unioned (cascaded, `union_in_halves`)."""
    if len(chains) <= SINGLE_BUFFER_CHAINS:
        # (a chain line_merge could not make one line is a MultiLineString: its lines go in)
        return shapely.buffer(shapely.multilinestrings(shapely.get_parts(chains)), offset, quad_segs=quad_segs)
    return union_in_halves(shapely.buffer(chains, offset, quad_segs=quad_segs))


#: Service areas of this many reached pieces or more find their nearest-street land on a second
#: thread while the buffers are built (a station's bands, already one thread per station, do not).
BACKGROUND_TRIM_PIECES = 5_000


def _buffer_box(network: Network, segments: ReachedSegments, offset: float) -> np.ndarray:
    """Bounds (low x, low y, high x, high y) of the reached pieces buffered by `offset`."""
    ends = _segment_ends(network, segments).reshape(-1, 2)
    return np.concatenate((ends.min(axis=0) - offset, ends.max(axis=0) + offset))


#: Polygons with fewer vertices than this in all are unioned in one call; more are split in two
#: halves unioned side by side in two threads (GEOS releases the GIL), then joined: about 1.4x
#: faster on two cores.
PARALLEL_UNION_VERTICES = 20_000


def union_in_halves(polygons):
    """shapely.union_all of many polygons, the west and east halves (by centroid) in parallel."""
    polygons = np.asarray(polygons, dtype=object)
    # The cheap tests first: asking for the cores costs more than counting a few polygons' vertices.
    if len(polygons) < 4 or shapely.get_num_coordinates(polygons).sum() < PARALLEL_UNION_VERTICES or workers() < 2:
        return shapely.union_all(polygons)
    x = shapely.get_x(shapely.centroid(polygons))
    west = x < np.median(x)
    return shapely.union_all(thread_map(shapely.union_all, (polygons[west], polygons[~west])))


def _straight_chains(network: Network, segments: ReachedSegments) -> np.ndarray:
    """Reached pieces joined into chains: through every node of degree 2, and at junctions pairing
    the most nearly straight continuations first (the way a street runs on; `chains.py`). Returns
    LineStrings."""
    n = len(segments.edge)
    coords = _segment_ends(network, segments)
    ends_node = np.empty(2 * n, dtype=np.int64)
    ends_node[0::2] = np.where(segments.t0 == 0, network.u[segments.edge], -1)
    ends_node[1::2] = np.where(segments.t1 == 1, network.v[segments.edge], -1)
    direction = np.empty((2 * n, 2))
    vector = (coords[:, 1] - coords[:, 0]) / segments.length[:, None]
    direction[0::2] = vector
    direction[1::2] = -vector
    chain = chain_labels(ends_node, direction)
    order = np.argsort(chain, kind="stable")
    sorted_chain = chain[order]
    chain_start = np.flatnonzero(np.concatenate(([True], sorted_chain[1:] != sorted_chain[:-1], [True])))
    return shapely.line_merge(two_point_multilinestrings(coords[order], chain_start))


def two_point_multilinestrings(segments: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """One MultiLineString per run of `segments` ((n, 2, 2) start and end points) between
    consecutive `starts` (offsets, 0 ... n), built straight from the coordinates (making a
    LineString per segment first costs more than the merge that follows).

    shapely 2.1.0 (Debian 13's, so QGIS 3.40's) sized a scratch array by the number of geometries
    rather than of lines, and wrote past it whenever one geometry had more lines than there are
    geometries, corrupting the heap (QGIS aborted later, somewhere else; shapely pull request 2291,
    fixed in 2.1.1). Empty geometries pad the call up to the longest run, then are dropped."""
    count = len(starts) - 1
    if len(segments) == 0:
        return np.array([shapely.MultiLineString()] * count, dtype=object)
    longest = int(np.diff(starts).max())
    padded = np.concatenate((starts, np.full(max(longest - count, 0), starts[-1])))
    lines = shapely.from_ragged_array(
        shapely.GeometryType.MULTILINESTRING, segments.reshape(-1, 2), (np.arange(0, 2 * len(segments) + 1, 2), padded)
    )
    return lines[:count]


def service_areas_per_source(
    network: Network,
    sources,
    cutoff: float,
    offset: float = DEFAULT_OFFSET,
    chunk: int = 32,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """One service-area polygon per source (None for unreachable sources, negative ids) and the
    reached network length per source, e.g. a catchment per metro station."""
    sources = np.asarray(sources, dtype=np.int64)
    polygons = np.full(len(sources), None, dtype=object)
    lengths = np.zeros(len(sources))
    report = checkpoint(progress, is_canceled)
    for start in range(0, len(sources), chunk):
        report(start / len(sources))
        rows = distances_from(network, sources[start : start + chunk], cutoff)
        for k, row in enumerate(rows):
            if sources[start + k] < 0:
                continue
            (polygons[start + k],), (lengths[start + k],) = service_areas_and_lengths(network, row, [cutoff], offset)
    report(1.0)
    return polygons, lengths
