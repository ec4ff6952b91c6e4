"""Delaunay triangulation of points in the plane and the Voronoi border between two sets of them,
compiled with numba (which pyflwdir already brings). Pure: numpy and numba.

Why: the nearest-street trim (`frontage.py`) needs, for 100,000+ street points, the border between
the Voronoi cells of the reached and of the unreached points. GEOS builds a Voronoi diagram or a
triangulation of that many points in about 5 us a point; this incremental triangulation (points
inserted along a Hilbert curve, each located by walking from the last one, Lawson flips) takes
under 1 us a point, and the border comes straight from it: the Voronoi edge between two points
joins the circumcentres of the two triangles on their Delaunay edge.

Without numba (`COMPILED` False) nothing here is used: the caller gets the same land from GEOS.

Numbers: the caller moves the points near the origin and jitters them by a few micrometres, so no
four points are cocircular and no three collinear (street samples are both, on a grid exactly).
The predicates are then decided by the jitter by many orders of magnitude more than rounding can
change them; `is_delaunay` checks every triangle and edge after the fact, and the caller falls
back to GEOS if it ever says no.

The triangulation includes three frame vertices (indices n, n + 1, n + 2) of a triangle holding
all points `FRAME_SCALE` x their extent (plus a margin) away: every hull edge of the points gets a
second triangle, so every Voronoi edge between two points is finite. The frame vertices are
sites of the diagram too; the caller keeps them far enough away to own none of the land it asks
about.
"""

from __future__ import annotations

import numpy as np

try:
    from numba import njit

    COMPILED = True
except ImportError:  # numba comes with pyflwdir; without it frontage.py asks GEOS (slower, same land)
    COMPILED = False

    def njit(**_options):
        return lambda function: function


#: The frame triangle's vertices lie about this many extents away from the points.
FRAME_SCALE = 30.0


def triangulate(points: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Delaunay triangulation of `points` (n, 2; distinct) and a frame triangle at least `margin`
    plus `FRAME_SCALE` half-extents away. Returns the vertex coordinates (n + 3, 2: the points,
    then the frame), the triangles' vertex indices (2 n + 1, 3; counter-clockwise) and their
    neighbours (across the edge opposite each vertex; -1 on the frame's outer edges). Raises
    TriangulationError if it loses its way (never seen with the margins frontage.py gives)."""
    x = np.ascontiguousarray(points[:, 0], dtype=np.float64)
    y = np.ascontiguousarray(points[:, 1], dtype=np.float64)
    cx, cy = (x.min() + x.max()) / 2, (y.min() + y.max()) / 2
    h = max(np.ptp(x), np.ptp(y)) / 2 + margin
    s = FRAME_SCALE * h
    vx = np.concatenate((x, [cx - s, cx + s, cx]))
    vy = np.concatenate((y, [cy - s / 3, cy - s / 3, cy + s]))
    order = np.argsort(_hilbert_keys(x, y), kind="stable")
    vertices, neighbours, finished = _insert_all(vx, vy, order)
    if not finished:
        raise TriangulationError("the triangulation went astray (rounding at this scale)")
    return np.stack((vx, vy), axis=1), vertices, neighbours


class TriangulationError(ValueError):
    """The incremental triangulation lost its way: a walk or a chain of flips ran far longer than
    any triangulation needs (rounding with coordinates of very different magnitudes)."""


@njit(cache=True, nogil=True)
def _hilbert_keys(x, y):
    """Position of each point along a Hilbert curve over the points' bounding box (16 bits a side):
    inserting in this order keeps each walk from the last inserted point short."""
    side = 1 << 16
    x0, y0 = x.min(), y.min()
    scale = (side - 1) / max(x.max() - x0, y.max() - y0, 1e-12)
    keys = np.empty(len(x), dtype=np.int64)
    for k in range(len(x)):
        xi = int((x[k] - x0) * scale)
        yi = int((y[k] - y0) * scale)
        d = 0
        s = side >> 1
        while s > 0:
            rx = 1 if xi & s else 0
            ry = 1 if yi & s else 0
            d += s * s * ((3 * rx) ^ ry)
            if ry == 0:
                if rx == 1:
                    xi = s - 1 - (xi & (s - 1))
                    yi = s - 1 - (yi & (s - 1))
                xi, yi = yi, xi
            s >>= 1
        keys[k] = d
    return keys


@njit(cache=True, nogil=True, inline="always")
def _orient(ax, ay, bx, by, cx, cy):
    """Twice the signed area of a, b, c: > 0 when counter-clockwise."""
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)


@njit(cache=True, nogil=True, inline="always")
def _incircle(ax, ay, bx, by, cx, cy, dx, dy):
    """> 0 when d lies inside the circle through the counter-clockwise a, b, c."""
    adx, ady = ax - dx, ay - dy
    bdx, bdy = bx - dx, by - dy
    cdx, cdy = cx - dx, cy - dy
    return (
        (adx * adx + ady * ady) * (bdx * cdy - bdy * cdx)
        + (bdx * bdx + bdy * bdy) * (cdx * ady - cdy * adx)
        + (cdx * cdx + cdy * cdy) * (adx * bdy - ady * bdx)
    )


@njit(cache=True, nogil=True)
def _replace_neighbour(neighbours, t, old, new):
    if t >= 0:
        for j in range(3):
            if neighbours[t, j] == old:
                neighbours[t, j] = new


@njit(cache=True, nogil=True)
def _insert_all(x, y, order):
    """Insert the points `order` (indices into x, y) into the frame triangle (the last three
    vertices). Triangle t has vertices V[t] counter-clockwise and N[t, i] across the edge opposite
    V[t, i]. Returns V, N and whether it finished within its budget of steps."""
    n = len(order)
    frame = len(x) - 3
    V = np.empty((2 * n + 1, 3), dtype=np.int64)
    N = np.full((2 * n + 1, 3), -1, dtype=np.int64)
    V[0, 0], V[0, 1], V[0, 2] = frame, frame + 1, frame + 2
    count = 1
    t = 0
    stack = np.empty(64, dtype=np.int64)
    budget = 100 * n + 1000  # walk steps and flips: a few per point in any triangulation
    for k in range(n):
        p = order[k]
        px, py = x[p], y[p]
        # Walk from the last triangle towards p (turning the first edge to test each step, so
        # the walk cannot cycle).
        step = 0
        moved = True
        while moved:
            moved = False
            for s in range(3):
                i = (s + step) % 3
                a, b = V[t, (i + 1) % 3], V[t, (i + 2) % 3]
                if _orient(x[a], y[a], x[b], y[b], px, py) < 0:
                    t = N[t, i]
                    moved = True
                    break
            step += 1
            budget -= 1
            if t < 0 or budget < 0:
                return V, N, False
        # Split t = (a0, a1, a2) into (p, a1, a2), (p, a2, a0), (p, a0, a1).
        a0, a1, a2 = V[t, 0], V[t, 1], V[t, 2]
        n0, n1, n2 = N[t, 0], N[t, 1], N[t, 2]
        t1, t2 = count, count + 1
        count += 2
        V[t, 0], V[t, 1], V[t, 2] = p, a1, a2
        V[t1, 0], V[t1, 1], V[t1, 2] = p, a2, a0
        V[t2, 0], V[t2, 1], V[t2, 2] = p, a0, a1
        N[t, 0], N[t, 1], N[t, 2] = n0, t1, t2
        N[t1, 0], N[t1, 1], N[t1, 2] = n1, t2, t
        N[t2, 0], N[t2, 1], N[t2, 2] = n2, t, t1
        _replace_neighbour(N, n1, t, t1)
        _replace_neighbour(N, n2, t, t2)
        stack[0], stack[1], stack[2] = t, t1, t2
        top = 3
        # Lawson flips: an edge opposite p whose far vertex lies inside the circle is flipped.
        while top > 0:
            top -= 1
            ti = stack[top]
            ip = 0
            while V[ti, ip] != p:
                ip += 1
            nb = N[ti, ip]
            if nb < 0:
                continue
            xv, yv = V[ti, (ip + 1) % 3], V[ti, (ip + 2) % 3]
            jq = 0
            while N[nb, jq] != ti:
                jq += 1
            q = V[nb, jq]
            if _incircle(px, py, x[xv], y[xv], x[yv], y[yv], x[q], y[q]) <= 0:
                continue
            budget -= 1
            if budget < 0:
                return V, N, False
            # ti = (p, xv, yv), nb = (q, yv, xv) -> (p, xv, q), (p, q, yv)
            across_xv, across_yv = N[ti, (ip + 1) % 3], N[ti, (ip + 2) % 3]
            across_yv_nb, across_xv_nb = N[nb, (jq + 1) % 3], N[nb, (jq + 2) % 3]
            V[ti, 0], V[ti, 1], V[ti, 2] = p, xv, q
            N[ti, 0], N[ti, 1], N[ti, 2] = across_yv_nb, nb, across_yv
            V[nb, 0], V[nb, 1], V[nb, 2] = p, q, yv
            N[nb, 0], N[nb, 1], N[nb, 2] = across_xv_nb, across_xv, ti
            _replace_neighbour(N, across_yv_nb, nb, ti)
            _replace_neighbour(N, across_xv, ti, nb)
            if top + 2 > len(stack):
                bigger = np.empty(2 * len(stack), dtype=np.int64)
                bigger[:top] = stack[:top]
                stack = bigger
            stack[top], stack[top + 1] = ti, nb
            top += 2
    return V, N, True


@njit(cache=True, nogil=True)
def is_delaunay(points, vertices, neighbours) -> bool:
    """Every triangle counter-clockwise, every neighbour link mutual, and no vertex inside the
    circle of a neighbouring triangle (which, for a triangulation, makes it the Delaunay one)."""
    x, y = points[:, 0], points[:, 1]
    for t in range(len(vertices)):
        a, b, c = vertices[t, 0], vertices[t, 1], vertices[t, 2]
        if _orient(x[a], y[a], x[b], y[b], x[c], y[c]) <= 0:
            return False
        for i in range(3):
            nb = neighbours[t, i]
            if nb < 0:
                continue
            far = -1
            for j in range(3):
                if neighbours[nb, j] == t:
                    far = vertices[nb, j]
            if far < 0 or _incircle(x[a], y[a], x[b], y[b], x[c], y[c], x[far], y[far]) > 0:
                return False
    return True


@njit(cache=True, nogil=True)
def border_rings(vertices, neighbours, inside):
    """The border of the union of the Voronoi cells of the `inside` vertices, as closed rings of
    triangles (each triangle standing for its circumcentre) with the inside cells on the left.
    A triangle with vertices on both sides has two border edges, one entering and one leaving its
    circumcentre, so the border edges form disjoint cycles. Returns the triangles of all rings one
    after the other and where each ring starts (plus the end)."""
    m = len(vertices)
    following = np.full(m, -1, dtype=np.int64)
    for t in range(m):
        for i in range(3):
            a, b = vertices[t, (i + 1) % 3], vertices[t, (i + 2) % 3]
            # Going from this circumcentre to the neighbour's across a -> b, b is on the left.
            if inside[b] and not inside[a]:
                following[t] = neighbours[t, i]
    sequence = np.empty(m, dtype=np.int64)
    starts = [0]
    length = 0
    for t in range(m):
        if following[t] < 0:
            continue
        current = t
        while following[current] >= 0:
            sequence[length] = current
            length += 1
            nxt = following[current]
            following[current] = -1
            current = nxt
        starts.append(length)
    return sequence[:length], np.array(starts, dtype=np.int64)


@njit(cache=True, nogil=True)
def smallest_enclosing_rings(xy, starts, area, queries):
    """For each ring in `queries`, the ring of positive `area` holding its first vertex that has the
    smallest area (-1: none). Rings are runs of `xy` (ring k: starts[k] to starts[k + 1]) that
    neither cross nor touch, so one vertex tells where the whole ring lies."""
    n = len(starts) - 1
    low = np.empty((n, 2))
    high = np.empty((n, 2))
    for k in range(n):
        low[k, 0] = xy[starts[k] : starts[k + 1], 0].min()
        low[k, 1] = xy[starts[k] : starts[k + 1], 1].min()
        high[k, 0] = xy[starts[k] : starts[k + 1], 0].max()
        high[k, 1] = xy[starts[k] : starts[k + 1], 1].max()
    result = np.full(len(queries), -1, dtype=np.int64)
    for q in range(len(queries)):
        px, py = xy[starts[queries[q]], 0], xy[starts[queries[q]], 1]
        best = np.inf
        for k in range(n):
            if area[k] <= 0 or area[k] >= best or k == queries[q]:
                continue
            if px < low[k, 0] or px > high[k, 0] or py < low[k, 1] or py > high[k, 1]:
                continue
            inside = False
            j = starts[k + 1] - 1
            for i in range(starts[k], starts[k + 1]):
                if (xy[i, 1] > py) != (xy[j, 1] > py):
                    cross = xy[j, 0] + (py - xy[j, 1]) * (xy[i, 0] - xy[j, 0]) / (xy[i, 1] - xy[j, 1])
                    if px < cross:
                        inside = not inside
                j = i
            if inside:
                best = area[k]
                result[q] = k
    return result


def circumcentres(points: np.ndarray, triangles: np.ndarray) -> np.ndarray:
    """Circumcentre of each triangle (rows of vertex indices into `points`); NaN where the
    triangle is not counter-clockwise at these coordinates (flat or turned over)."""
    a = points[triangles[:, 0]]
    b = points[triangles[:, 1]] - a
    c = points[triangles[:, 2]] - a
    d = 2 * (b[:, 0] * c[:, 1] - b[:, 1] * c[:, 0])
    bb = np.einsum("ij,ij->i", b, b)
    cc = np.einsum("ij,ij->i", c, c)
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = a + np.stack(((c[:, 1] * bb - b[:, 1] * cc) / d, (b[:, 0] * cc - c[:, 0] * bb) / d), axis=1)
    centre[d <= 0] = np.nan
    return centre
