"""Terrain-aware walking: street edges draped on a DEM, directed walking times from Tobler's
hiking function, expressed as flat-equivalent metres. Pure (numpy).

Why flat-equivalent metres: a service radius R (300 m, 500 m ...) is read as the time to walk R on
flat ground at Tobler's flat speed, 6 exp(-0.175) = 5.036 km/h. An edge's cost is its length
times v_flat / v(s) per draped piece, so every cut-off, distance field and service-area routine of
the network engine works unchanged, and on flat ground the cost is the length exactly.

- Naismith (1892), selectable (`function="naismith"`): 3 miles an hour on the flat plus an hour
  per 2,000 ft of ascent, descents as the flat (the rule as quoted by its modern statements;
  secondary source). Its radius is read at its own flat speed, 4.83 km/h.
- Tobler (1993), "Three presentations on geographical analysis and modeling", NCGIA TR 93-1:
  v = 6 exp(-3.5 |s + 0.05|) km/h, s = dh/dx in the direction of travel (checked against the text
  via secondary sources; the maximum, 6 km/h, is reached at s = -0.05).
- Draping: every edge (a straight segment) is sampled at least once per DEM cell (`Dem.spacing`,
  the ground size of a cell), bilinearly; each piece between samples has its own grade.
- `highway=steps`: stair speeds as shares of the flat speed, 0.35 going up and 0.5 going down
  (the Simulex model as documented in the IES VE user guide, "Walking speeds": "descending a stair
  ... 0.5 times the horizontal velocity. Ascending ... 0.35 times"; secondary source, consistent
  with the 0.4-0.5 m/s horizontal upstairs speeds Kretz et al. 2008 measured on a long stairway).
  The direction is up when the far end is higher (ends equal: up both ways, the slower).
- Tunnels, bridges, `layer` != 0 (`undraped` lines): not draped; every edge of the line takes the
  grade between the line's two end points.
- Nodata along an edge is interpolated over gaps of at most `MAX_GAP_CELLS` cells; an edge with a
  longer gap is walked flat and counted. An edge leaving the DEM is walked flat and counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

#: Tobler's hiking function v = TOBLER_MAX_KMH exp(-TOBLER_K |s + TOBLER_S0|).
TOBLER_MAX_KMH = 6.0
TOBLER_K = 3.5
TOBLER_S0 = 0.05
#: Tobler's speed on flat ground (km/h): 6 exp(-0.175) = 5.0363.
FLAT_KMH = TOBLER_MAX_KMH * float(np.exp(-TOBLER_K * TOBLER_S0))
#: Flat-equivalent metres walked per minute (83.94): divides a cost to give minutes.
FLAT_M_PER_MIN = FLAT_KMH * 1000.0 / 60.0
#: Stair speeds as shares of the flat speed (IES VE / Simulex; see the module docstring).
STAIRS_UP_SHARE = 0.35
STAIRS_DOWN_SHARE = 0.5
#: Nodata gaps along an edge up to this many cells long are interpolated over.
MAX_GAP_CELLS = 3
#: Samples draped at a time (about 2 MB per temporary array).
CHUNK_SAMPLES = 1 << 18

# Edge status after draping.
DRAPED, UNDRAPED, UNCOVERED, NODATA, STEPS = 0, 1, 2, 3, 4


def tobler_factor(slope) -> np.ndarray:
    """Flat-equivalent metres per metre walked at grade `slope` (dh/dx in the direction of
    travel): v_flat / v(s) = exp(3.5 (|s + 0.05| - 0.05)); exactly 1 on the flat."""
    slope = np.asarray(slope, dtype=float)
    return np.exp(TOBLER_K * (np.abs(slope + TOBLER_S0) - TOBLER_S0))


#: Naismith (1892): an hour for every 3 miles forward plus an hour for every 2,000 feet of ascent,
#: i.e. 15,840 ft of flat walking per 2,000 ft climbed (7.92 m per m); descents walk as the flat.
NAISMITH_FLAT_KMH = 3 * 1.609344
NAISMITH_CLIMB = 15840 / 2000


def naismith_factor(slope) -> np.ndarray:
    """Flat-equivalent metres per metre at grade `slope` by Naismith's rule: 1 + 7.92 s uphill,
    1 on the flat and downhill."""
    slope = np.asarray(slope, dtype=float)
    return 1.0 + NAISMITH_CLIMB * np.maximum(slope, 0.0)


#: The walking-speed functions: name -> (flat-equivalent factor of a grade, flat speed in km/h).
FUNCTIONS = {"tobler": (tobler_factor, FLAT_KMH), "naismith": (naismith_factor, NAISMITH_FLAT_KMH)}


def stairs_factor(rise) -> np.ndarray:
    """Flat-equivalent metres per metre of steps climbed (rise > 0) or descended (rise < 0)."""
    rise = np.asarray(rise, dtype=float)
    return np.where(rise < 0, 1.0 / STAIRS_DOWN_SHARE, 1.0 / STAIRS_UP_SHARE)


@dataclass
class Dem:
    """Elevations (metres, NaN nodata) with the affine `transform` of their own CRS; `to_dem` maps
    metric (x, y) arrays into that CRS (None: the same CRS); `bounds` (xmin, ymin, xmax, ymax) the
    whole raster's extent in its CRS (None: the array's), outside which an edge is uncovered;
    `spacing` the ground size of a cell (m): samples along an edge are at most this far apart."""

    elevation: np.ndarray
    transform: object  # affine.Affine
    spacing: float
    to_dem: Callable | None = None
    bounds: tuple | None = None

    def sample(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(elevation, inside) at metric points: bilinear between cell centres (as two lerps, so a
        constant DEM gives its value exactly); where a neighbour is nodata or beyond the array, the
        weights of the others (NaN when all four are missing); `inside` False outside the raster."""
        if self.to_dem is not None:
            x, y = self.to_dem(x, y)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        rows, cols = self.elevation.shape
        inverse = ~self.transform
        col = inverse.a * x + inverse.b * y + inverse.c
        row = inverse.d * x + inverse.e * y + inverse.f
        if self.bounds is None:
            inside = (col >= 0) & (col <= cols) & (row >= 0) & (row <= rows)
        else:
            xmin, ymin, xmax, ymax = self.bounds
            inside = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
        inside &= np.isfinite(col) & np.isfinite(row)
        fc = np.where(inside, col, 0.0) - 0.5
        fr = np.where(inside, row, 0.0) - 0.5
        c0, r0 = np.floor(fc), np.floor(fr)
        tc, tr = fc - c0, fr - r0
        # the four neighbours by flat index, cells beyond the array as nodata; no copy of the DEM
        c0, r0 = c0.astype(np.intp), r0.astype(np.intp)
        cells = self.elevation.ravel()
        interior = c0.size == 0 or (c0.min() >= 0 and c0.max() + 1 < cols and r0.min() >= 0 and r0.max() + 1 < rows)
        if interior:  # the usual case: the window is read with a margin around the network
            upper = r0 * cols + c0
            lower = upper + cols
            v00, v01 = cells.take(upper).astype(float), cells.take(upper + 1).astype(float)
            v10, v11 = cells.take(lower).astype(float), cells.take(lower + 1).astype(float)
        else:
            left, right = np.clip(c0, 0, cols - 1), np.clip(c0 + 1, 0, cols - 1)
            upper, lower = np.clip(r0, 0, rows - 1) * cols, np.clip(r0 + 1, 0, rows - 1) * cols
            v00, v01 = cells.take(upper + left).astype(float), cells.take(upper + right).astype(float)
            v10, v11 = cells.take(lower + left).astype(float), cells.take(lower + right).astype(float)
            edge = np.flatnonzero((c0 < 0) | (c0 + 1 >= cols) | (r0 < 0) | (r0 + 1 >= rows))
            for v, dr, dc in ((v00, 0, 0), (v01, 0, 1), (v10, 1, 0), (v11, 1, 1)):
                r, c = r0[edge] + dr, c0[edge] + dc
                v[edge[(r < 0) | (r >= rows) | (c < 0) | (c >= cols)]] = np.nan
        top = v00 + tc * (v01 - v00)
        bottom = v10 + tc * (v11 - v10)
        elevation = top + tr * (bottom - top)
        gaps = np.flatnonzero(np.isnan(elevation) & inside)
        if gaps.size:  # next to nodata: the weights of the valid neighbours
            a, b = tc[gaps], tr[gaps]
            total = np.zeros(gaps.size)
            weight = np.zeros(gaps.size)
            for v, w in ((v00, (1 - b) * (1 - a)), (v01, (1 - b) * a), (v10, b * (1 - a)), (v11, b * a)):
                value = v[gaps]
                good = ~np.isnan(value) & (w > 0)
                total[good] += w[good] * value[good]
                weight[good] += w[good]
            with np.errstate(invalid="ignore", divide="ignore"):
                elevation[gaps] = np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), np.nan)
        elevation[~inside] = np.nan
        return elevation, inside


@dataclass
class TerrainReport:
    """What draping found: edges draped, taken end to end (tunnel/bridge/layer), uncovered by the
    DEM, with nodata gaps too long, and steps; the input lines holding uncovered edges."""

    draped: int = 0
    undraped: int = 0
    uncovered: int = 0
    nodata: int = 0
    steps: int = 0
    uncovered_lines: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    uncovered_length: float = 0.0
    total_length: float = 0.0

    @property
    def uncovered_share(self) -> float:
        """Share of the network's length the DEM does not cover (0-1)."""
        return self.uncovered_length / self.total_length if self.total_length > 0 else 0.0


@dataclass
class Terrain:
    """A DEM and the per-line rules of a network: `line_grade` (finite: the line is not draped and
    every edge takes this grade along the line's digitised direction), `steps` (the line is
    stairs). Directed costs of any straight piece of a line come from `costs`; the snapping code
    calls it for the pieces of a split edge, so a home's walk is draped from its own position."""

    dem: Dem
    line_grade: np.ndarray
    steps: np.ndarray
    function: str = "tobler"  # a key of FUNCTIONS

    @property
    def factor(self):
        return FUNCTIONS[self.function][0]

    @property
    def flat_m_per_min(self) -> float:
        """Metres walked per minute on the flat: divides a flat-equivalent cost to give minutes."""
        return FUNCTIONS[self.function][1] * 1000.0 / 60.0

    def costs(self, a: np.ndarray, b: np.ndarray, line: np.ndarray, length: np.ndarray):
        """(forward cost a->b, backward cost b->a, status) in flat-equivalent map units of the
        straight pieces a-b (n, 2) of input lines `line` with horizontal `length`."""
        n = len(length)
        forward = np.asarray(length, dtype=float).copy()
        backward = forward.copy()
        status = np.full(n, DRAPED, dtype=np.int8)
        if n == 0:
            return forward, backward, status
        line = np.asarray(line, dtype=np.int64)
        known = line >= 0
        grade = np.full(n, np.nan)
        grade[known] = self.line_grade[line[known]]
        stairs = np.zeros(n, dtype=bool)
        stairs[known] = self.steps[line[known]]
        fixed = np.isfinite(grade)
        draped = np.flatnonzero(~fixed & (length > 0))
        rise = np.zeros(n)
        rise[fixed] = grade[fixed] * length[fixed]
        status[fixed] = UNDRAPED
        if draped.size:
            # in chunks of about CHUNK_SAMPLES samples: small temporaries stay in cache and in the heap
            pieces = np.maximum(1, np.ceil(length[draped] / self.dem.spacing - 1e-9)).astype(np.int64)
            bounds = np.searchsorted(np.cumsum(pieces + 1), np.arange(CHUNK_SAMPLES, (pieces + 1).sum(), CHUNK_SAMPLES))
            parts = [self._drape(a[r], b[r], length[r]) for r in np.split(draped, np.unique(bounds)) if r.size]
            f_sum, b_sum, pieces, end_rise, state = (np.concatenate(p) for p in zip(*parts))
            ok = state == DRAPED
            rows = draped[ok]
            # mean factor over equal pieces; on the flat the sum is the piece count: exactly 1.
            forward[rows] = length[rows] * (f_sum[ok] / pieces[ok])
            backward[rows] = length[rows] * (b_sum[ok] / pieces[ok])
            rise[rows] = end_rise[ok]
            status[draped[~ok]] = state[~ok]
        end = fixed & ~stairs
        forward[end] = length[end] * self.factor(grade[end])
        backward[end] = length[end] * self.factor(-grade[end])
        walked = stairs & (status != UNCOVERED) & (status != NODATA)
        forward[walked] = length[walked] * stairs_factor(np.where(rise[walked] == 0, 1.0, rise[walked]))
        backward[walked] = length[walked] * stairs_factor(np.where(rise[walked] == 0, 1.0, -rise[walked]))
        status[walked] = STEPS
        return forward, backward, status

    def _drape(self, a, b, length):
        """Sums of the forward and backward factors of each edge's pieces, the piece counts, the
        end-to-end rise and the status (DRAPED, UNCOVERED or NODATA)."""
        pieces = np.maximum(1, np.ceil(length / self.dem.spacing - 1e-9)).astype(np.int64)
        samples = pieces + 1
        owner = np.repeat(np.arange(len(length)), samples)
        first = np.cumsum(samples) - samples
        k = np.arange(owner.size) - np.repeat(first, samples)
        t = k / np.repeat(pieces, samples)
        x = np.repeat(a[:, 0], samples) + t * np.repeat(b[:, 0] - a[:, 0], samples)
        y = np.repeat(a[:, 1], samples) + t * np.repeat(b[:, 1] - a[:, 1], samples)
        z, inside = self.dem.sample(x, y)
        state = np.full(len(length), DRAPED, dtype=np.int8)
        if not inside.all():
            state[np.bincount(owner, weights=~inside, minlength=len(length)) > 0] = UNCOVERED
        step = length / pieces
        z = _fill_gaps(z, owner, k, first, samples, MAX_GAP_CELLS * self.dem.spacing / step)
        missing = np.isnan(z)
        if missing.any():
            holes = np.bincount(owner, weights=missing, minlength=len(length)) > 0
            state[holes & (state == DRAPED)] = NODATA
        dz = np.diff(z)
        same = owner[1:] == owner[:-1]  # consecutive samples of one edge make a piece
        slope = np.where(same, dz / np.repeat(step, samples)[1:], 0.0)
        slope = np.where(np.isfinite(slope), slope, 0.0)
        piece_owner = owner[1:][same]
        f_sum = np.bincount(piece_owner, weights=self.factor(slope[same]), minlength=len(length))
        b_sum = np.bincount(piece_owner, weights=self.factor(-slope[same]), minlength=len(length))
        end_rise = z[first + samples - 1] - z[first]
        return f_sum, b_sum, pieces, np.where(np.isfinite(end_rise), end_rise, 0.0), state


def _fill_gaps(z, owner, k, first, samples, max_gap_samples):
    """Linear interpolation over NaN runs inside one edge's samples whose valid neighbours are at
    most `max_gap_samples` (per edge) + 1 samples apart; other NaN stay."""
    missing = np.isnan(z)
    if not missing.any():
        return z
    index = np.arange(len(z))
    valid = np.where(~missing, index, -1)
    prev = np.maximum.accumulate(valid)
    nxt = np.where(~missing, index, len(z))
    nxt = np.minimum.accumulate(nxt[::-1])[::-1]
    edge_start = first[owner]
    edge_end = edge_start + samples[owner] - 1
    fill = missing & (prev >= edge_start) & (nxt <= edge_end)
    fill &= (nxt - prev) <= np.floor(max_gap_samples[owner]) + 1
    out = z.copy()
    p, q = prev[fill], nxt[fill]
    w = (index[fill] - p) / (q - p)
    out[fill] = z[p] + w * (z[q] - z[p])
    return out


def line_grades(lines, undraped: np.ndarray, dem: Dem) -> tuple[np.ndarray, np.ndarray]:
    """End-to-end grade (rise / horizontal length) of every line flagged `undraped`, NaN for the
    others; and a mask of the undraped lines whose ends the DEM cannot give (taken flat: grade 0)."""
    import shapely

    lines = np.asarray(lines, dtype=object)
    undraped = np.asarray(undraped, dtype=bool)
    grade = np.full(len(lines), np.nan)
    flat = np.zeros(len(lines), dtype=bool)
    rows = np.flatnonzero(undraped & ~shapely.is_missing(lines))
    if rows.size == 0:
        return grade, flat
    merged = shapely.line_merge(lines[rows])
    start = shapely.get_coordinates(shapely.get_point(shapely.get_geometry(merged, 0), 0))
    end = shapely.get_coordinates(shapely.get_point(shapely.get_geometry(merged, -1), -1))
    ok = (len(start) == rows.size) and (len(end) == rows.size)
    if not ok:  # rings or empty parts: fall back to the first and last coordinate of the geometry
        coords, which = shapely.get_coordinates(lines[rows], return_index=True)
        first = np.searchsorted(which, np.arange(rows.size))
        last = np.searchsorted(which, np.arange(rows.size), side="right") - 1
        start, end = coords[first], coords[last]
    z0, in0 = dem.sample(start[:, 0], start[:, 1])
    z1, in1 = dem.sample(end[:, 0], end[:, 1])
    length = shapely.length(lines[rows])
    with np.errstate(invalid="ignore", divide="ignore"):
        g = (z1 - z0) / length
    bad = ~(in0 & in1 & np.isfinite(g))
    grade[rows] = np.where(bad, 0.0, g)
    flat[rows[bad]] = True
    return grade, flat


def drape(network, lines, dem: Dem, undraped=None, steps=None, progress=None, function: str = "tobler"):
    """The network with directed terrain costs (`cost` u->v, `cost_back` v->u, flat-equivalent
    map units) and `terrain` set, and a TerrainReport. `lines`: the input line geometries the
    network was built from (row positions = `network.line`); `undraped`, `steps`: per-line flags
    (tunnel/bridge/layer != 0; highway=steps); `function`: a key of FUNCTIONS ("tobler", the
    default, or "naismith"). Costs are from lengths: a network built with a per-line cost field
    gets terrain times instead."""
    from dataclasses import replace

    from ..cancel import checkpoint

    report = checkpoint(progress)
    n_lines = len(lines)
    undraped = np.zeros(n_lines, dtype=bool) if undraped is None else np.asarray(undraped, dtype=bool)
    steps = np.zeros(n_lines, dtype=bool) if steps is None else np.asarray(steps, dtype=bool)
    grade, flat_ends = line_grades(lines, undraped, dem)
    report(0.2)
    if function not in FUNCTIONS:
        raise ValueError(f"unknown walking-speed function '{function}' (one of {', '.join(FUNCTIONS)})")
    terrain = Terrain(dem, grade, steps, function)
    a, b = network.xy[network.u], network.xy[network.v]
    forward, backward, status = terrain.costs(a, b, network.line, network.length)
    report(0.9)
    flat_undraped = np.zeros(network.n_edges, dtype=bool)
    known = network.line >= 0
    flat_undraped[known] = flat_ends[network.line[known]]
    uncovered = (status == UNCOVERED) | flat_undraped
    result = TerrainReport(
        draped=int((status == DRAPED).sum()),
        undraped=int((status == UNDRAPED).sum()),
        uncovered=int(uncovered.sum()),
        nodata=int((status == NODATA).sum()),
        steps=int((status == STEPS).sum()),
        uncovered_lines=np.unique(network.line[uncovered & known]),
        uncovered_length=float(network.length[uncovered].sum()),
        total_length=network.total_length,
    )
    report(1.0)
    if np.array_equal(forward, backward) and np.array_equal(forward, network.length):
        # flat everywhere: the undirected network, so every result is exactly the flat one
        return replace(network, cost=forward, terrain=terrain, _matrix=None, _toward=None, _tree=network._tree), result
    return replace(
        network, cost=forward, cost_back=backward, terrain=terrain, _matrix=None, _toward=None, _tree=None
    ), result
