"""The hydrology primitives behind the drainage algorithms, wrapped so the engine can change.

Everything that touches pyflwdir (Deltares, MIT) lives in this module: flow accumulation, Strahler
order and stream segments. Depressions are filled by the tiled path's priority flood
(tiled.kernels.fill_depressions: one set of kernels for both paths, faster than pyflwdir's and
leaving every filled cell exactly at its spill level, as the tiles do). On sloping ground
the directions are the steepest descent (steepest_descent, numpy), which is what makes a tilted
plane drain straight downhill and brings the stream cells within one cell of GRASS r.watershed -s;
on flats they take the shortest way to the nearest lower cell (tiled.kernels.drain_flats, the same
routing the tiled path uses for DEMs larger than memory, so both paths give the same directions).
The rest of the domain sees numpy arrays and index lists only. Pure: numpy and pyflwdir.

Nodata cells (NaN) are outside the terrain: every valid cell next to nodata or on the raster edge
is a potential outlet, so the sea or the area beyond a clipped DEM drains the land, never the
other way round.
"""

from __future__ import annotations

import ctypes
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from ..cancel import cancellable, checkpoint
from ..projection import geographic_row_areas, metres_per_degree
from .tiled.kernels import (
    UNRESOLVED,
    accumulate_in_place,
    counts_to_area,
    drain_flats,
    fill_depressions,
    flow_ranks,
    nan_where,
    steepest_codes,
)

D8_NODATA = 247  # pyflwdir's D8 code for cells outside the terrain; 0 marks an outlet (pit)
# Peak bytes per DEM cell, the DEM read included, with a margin of a quarter or more: measured by
# benchmarks/bench_drainage.py on 19.2 million cells at 23.0-23.3 (corridors) and 51.0 (depressions,
# which keep the filled surface, the depth grid and the labels).
BYTES_PER_CELL = {"corridors": 40, "depressions": 64}


class DrainageInputError(ValueError):
    """The DEM cannot be analysed (too small, no valid cell); the message says why."""


class MemoryEstimateError(MemoryError):
    """The DEM needs more memory than is available; raised before any large allocation."""

    def __init__(self, cells: int, needed: int, available: int):
        self.cells, self.needed, self.available = cells, needed, available
        super().__init__(f"{cells:,} cells need about {needed / 2**30:.1f} GiB, {available / 2**30:.1f} GiB available")


def memory_estimate(cells: int, task: str = "corridors") -> int:
    """Bytes the analysis of a DEM of `cells` cells needs at its peak (the DEM read included)."""
    return int(cells) * BYTES_PER_CELL[task]


def available_memory() -> int | None:
    """Bytes of physical memory available now, or None where the platform does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import psutil  # Windows and macOS, when installed

        return int(psutil.virtual_memory().available)
    except ImportError:
        return None


def check_memory(shape: tuple[int, int], task: str = "corridors", available: int | None = None) -> int:
    """Raise MemoryEstimateError when a DEM of `shape` would not fit; returns the estimate."""
    cells = int(shape[0]) * int(shape[1])
    needed = memory_estimate(cells, task)
    available = available_memory() if available is None else available
    if available is not None and needed > available:
        raise MemoryEstimateError(cells, needed, available)
    return needed


def check_shape(dem: np.ndarray) -> None:
    """A DEM needs at least 3 x 3 cells and one valid cell to have a flow network."""
    if dem.ndim != 2 or dem.shape[0] < 3 or dem.shape[1] < 3:
        raise DrainageInputError(
            f"the DEM has {dem.shape[0]} x {dem.shape[1] if dem.ndim > 1 else 1} cells; at least 3 x 3 are needed"
        )
    if not np.isfinite(dem).any():
        raise DrainageInputError("the DEM holds only nodata cells")
    if dem.size >= 2**31:  # the fill's queue indexes cells with int32
        raise DrainageInputError(f"the DEM has {dem.size:,} cells: run it tile by tile (install dask)")


def row_cell_areas(transform, shape: tuple[int, int], latlon: bool) -> np.ndarray:
    """Cell area in m2 for every row, the grid's units taken as metres: constant for a projected
    grid, by latitude on the GRS80 (CGCS2000) ellipsoid for a geographic one. The processing layer
    passes its own `row_areas` instead when the CRS says more (feet, Web Mercator's scale)."""
    if not latlon:
        return np.full(shape[0], abs(transform.a * transform.e), dtype=np.float64)
    return geographic_row_areas(transform, shape[0])


@dataclass
class FlowModel:
    """Conditioned terrain: D8 directions over the filled surface, and the flow graph on top."""

    d8: np.ndarray  # uint8 pyflwdir/ESRI D8 codes, 0 outlet, 247 nodata
    filled: np.ndarray | None  # float32 depression-filled elevation (kept only when asked for)
    transform: object  # affine.Affine
    latlon: bool
    row_areas: np.ndarray  # float64 m2 of one cell in each row
    _flw: object  # pyflwdir.FlwdirRaster

    @property
    def shape(self) -> tuple[int, int]:
        return self.d8.shape

    def accumulation_m2(self) -> np.ndarray:
        """Contributing area of every cell in m2 (the cell itself included), float32, NaN outside.
        pyflwdir's accumulation (the same loop, the same order) done in place: one array a cell."""
        areas = self.row_areas
        flw = self._flw
        d8 = self.d8.ravel()
        if np.ptp(areas) <= 1e-9 * areas.max():  # one cell size: count cells, then scale
            counts = np.ones(d8.size, dtype=np.int32)
            accumulate_in_place(flw.idxs_ds, flw.idxs_seq, counts, -9999)
            result = counts.view(np.float32)
            counts_to_area(counts, result, np.float32(areas[0]), d8, np.uint8(D8_NODATA))
            del counts
        else:  # cell area varies by row (latitude, or a projection's scale)
            result = np.repeat(areas.astype(np.float32), self.shape[1])
            accumulate_in_place(flw.idxs_ds, flw.idxs_seq, result, -9999)
            nan_where(result, d8, np.uint8(D8_NODATA))
        return result.reshape(self.shape)

    def strahler_order(self, mask: np.ndarray) -> np.ndarray:
        """Strahler order of the network of `mask` cells (headwater cells of the network are 1),
        uint8, 0 outside the network."""
        return self._flw.stream_order(type="strahler", mask=mask)

    def segments(self, mask: np.ndarray) -> list[np.ndarray]:
        """Stream segments of the `mask` network as arrays of flat cell indices from upstream to
        downstream; each segment ends on the first cell of the segment below (the confluence), so
        consecutive segments share a vertex."""
        import pyflwdir.streams as pstreams

        return pstreams.streams(self._flw.idxs_ds, self._flw.idxs_seq, mask=mask.ravel(), max_len=0, mv=self._flw._mv)

    def cell_centres(self, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rows, cols = np.divmod(np.asarray(indices), self.shape[1])
        t = self.transform
        return t.c + (cols + 0.5) * t.a + (rows + 0.5) * t.b, t.f + (cols + 0.5) * t.d + (rows + 0.5) * t.e


# D8 codes (pyflwdir/ESRI) by (row offset, column offset)
D8_CODES = {(0, 1): 1, (1, 1): 2, (1, 0): 4, (1, -1): 8, (0, -1): 16, (-1, -1): 32, (-1, 0): 64, (-1, 1): 128}


def steepest_descent(filled: np.ndarray, d8: np.ndarray, cell_x: float, cell_y: float) -> None:
    """Point every cell that has a strictly lower neighbour on the filled surface to the steepest
    one (drop over distance), in place; cells on flats keep the direction they have,
    except on the DEM's boundary (raster edge or next to nodata), where they become outlets.

    The flood order alone lets flow drift along ties (a tilted plane would drain into one column);
    steepest descent is what GRASS and the textbooks use where the surface slopes. Every direction
    points to a strictly lower cell; flats are routed afterwards (tiled.kernels.drain_flats).
    One pass of a numba kernel (tiled.kernels.steepest_codes), no temporaries."""
    inverse = np.array(
        [
            np.float32(1.0 / (math.hypot(cell_x, cell_y) if dr and dc else (cell_x if dr == 0 else cell_y)))
            for dr, dc in D8_CODES
        ],
        dtype=np.float32,
    )
    surface = np.ascontiguousarray(filled, dtype=np.float32)
    steepest_codes(surface, surface.view(np.uint32), d8, inverse)


def cell_distances(
    transform, shape: tuple[int, int], latlon: bool, cell_metres: tuple[float, float] | None = None
) -> tuple[float, float]:
    """Ground width and height of a cell in metres, for the slope weights: `cell_metres` when
    given, else the transform's (degrees converted at the DEM's mid-latitude). Shared with the
    tiled path, which must weigh slopes alike."""
    if cell_metres is not None:
        return float(cell_metres[0]), float(cell_metres[1])
    cell_x, cell_y = abs(transform.a), abs(transform.e)
    if latlon:  # metres per degree at the DEM's mid-latitude: the slope weights need true distances
        along_parallel, along_meridian = metres_per_degree(transform.f + transform.e * shape[0] / 2.0)
        cell_x, cell_y = cell_x * along_parallel, cell_y * along_meridian
    return cell_x, cell_y


def release_freed_memory() -> None:
    """Hand the heap pages the fill and the flat routing freed back to the system: glibc keeps
    them otherwise, about 3 bytes a cell on top of the flow ordering's peak that follows. Linux
    only (a no-op elsewhere, where allocators return large blocks themselves)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # not glibc (musl): nothing to trim
        pass


def order_cells(flw) -> None:
    """pyflwdir's order_cells(method="sort") (cells from down- to upstream by their rank, the same
    argsort, so the same order and the same segments), without holding the ranks and a copy of
    the order at once: 8 bytes a cell less at the run's peak ("walk" would be faster but takes
    32 bytes a cell more, and orders ties differently). It sets the attributes pyflwdir's own
    order_cells sets; a pyflwdir without them orders its own way (the same order, more memory)."""
    if not all(hasattr(flw, name) for name in ("_mv", "_seq", "_nnodes")):
        flw.order_cells(method="sort")
        return
    ranks, count = flow_ranks(flw.idxs_ds, flw._mv)  # pyflwdir.core.rank's ranks, in linear time
    order = np.argsort(ranks)
    del ranks
    flw._seq = order[-count:].astype(flw.idxs_ds.dtype)
    flw._nnodes = flw._seq.size


def condition(
    dem: np.ndarray,
    transform,
    latlon: bool = False,
    keep_filled: bool = False,
    is_canceled: Callable[[], bool] | None = None,
    row_areas: np.ndarray | None = None,
    cell_metres: tuple[float, float] | None = None,
    progress: Callable[[float], None] | None = None,
) -> FlowModel:
    """Fill depressions (every one, to its spill level), derive D8 directions (steepest descent on
    the filled surface; on flats the shortest way to the nearest lower cell) and the flow graph.

    `dem`: float32 (or float64) array with NaN for nodata; it is not modified. `row_areas`: m2 of
    one cell per row (default: row_cell_areas, the grid's units taken as metres); `cell_metres`:
    ground width and height of a cell, for the slopes (default: from the transform, degrees
    converted at the DEM's mid-latitude). `progress` gets the fraction done (0-1); `is_canceled`
    stops the run between its stages (CancelledError)."""
    import pyflwdir

    step = checkpoint(progress, is_canceled)
    check_shape(dem)
    if row_areas is None:
        row_areas = row_cell_areas(transform, dem.shape, latlon)
    row_areas = np.asarray(row_areas, dtype=np.float64)
    if row_areas.shape != (dem.shape[0],) or not (np.isfinite(row_areas).all() and (row_areas > 0).all()):
        raise DrainageInputError("one positive, finite cell area per DEM row is needed")
    elevation = dem if dem.dtype == np.float32 else dem.astype(np.float32)
    # pyflwdir's and our numba kernels compile (or load their cache) on a session's first run, for
    # seconds: as cancellable calls, a cancel stops the run meanwhile (issue 23)
    filled = cancellable(partial(fill_depressions, elevation), is_canceled)
    step(0.5)
    cell_x, cell_y = cell_distances(transform, dem.shape, latlon, cell_metres)
    d8 = np.full(dem.shape, UNRESOLVED, dtype=np.uint8)  # flats: routed below, as the tiled path routes them
    d8[np.isnan(filled)] = D8_NODATA
    steepest_descent(filled, d8, cell_x, cell_y)
    step(0.6)
    cancellable(partial(drain_flats, filled, d8), is_canceled)
    if not keep_filled:
        del filled
        filled = None
    if dem.size >= 1 << 22:  # a large DEM's peak follows; on a small one the trim would cost more than it saves
        release_freed_memory()
    step(0.9)
    flw = pyflwdir.from_array(d8, ftype="d8", check_ftype=False, transform=transform, latlon=latlon, cache=False)
    cancellable(partial(order_cells, flw), is_canceled)
    step(1.0)
    return FlowModel(d8=d8, filled=filled, transform=transform, latlon=latlon, row_areas=row_areas, _flw=flw)
