"""Slope (Horn's method, degrees) and relief (elevation range in a moving square window) of a DEM
block with a halo, on true ground cell sizes. Pure: numpy, scipy.

Both paths call `derivatives` on a block padded with NaN where the DEM ends: the whole-raster path
pads the whole array, the tiled path reads each tile with its halo (DemSource.read gives NaN
outside the raster), so a cell sees the same neighbours on both paths.
Missing neighbours (nodata or outside the DEM) take the centre cell's value, as `gdaldem slope
-compute_edges` does; a nodata centre has no slope and no relief.
"""

from __future__ import annotations

import numpy as np

from ..projection import cell_size_metres, metres_per_degree


def row_cell_metres(crs, transform, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Ground width and height (m) of a cell in each row of a north-up grid in `crs`: per row on the
    ellipsoid for a geographic grid (a degree of longitude shrinks with cos φ), the centre cell's
    ground size (the CRS's unit and scale, projection.cell_size_metres) for a projected one."""
    rows = shape[0]
    if _is_geographic(crs):
        lats = transform.f + transform.e * (np.arange(rows) + 0.5)
        sizes = np.array([metres_per_degree(float(lat), crs) for lat in lats], dtype=np.float64)
        return abs(transform.a) * sizes[:, 0], abs(transform.e) * sizes[:, 1]
    width, height = cell_size_metres(crs, transform, shape)
    return np.full(rows, width), np.full(rows, height)


def _is_geographic(crs) -> bool:
    from pyproj import CRS

    return CRS.from_user_input(crs).is_geographic


def window_cells(window_m: float, cell_m: float) -> int:
    """The odd number of cells (3 at least) closest to a `window_m` wide window of `cell_m` cells."""
    count = max(1, round(window_m / cell_m))
    return max(3, count if count % 2 else count + 1)


def halo_for(relief_cells: int) -> int:
    """Cells of halo a block needs around it for slope (1) and relief (half the window)."""
    return max(1, relief_cells // 2)


def horn_slope(padded: np.ndarray, halo: int, dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Slope in degrees of the inner cells of `padded` (`halo` cells around them), Horn (1981):
    dz/dx = ((c + 2f + i) - (a + 2d + g)) / 8dx, dz/dy = ((g + 2h + i) - (a + 2b + c)) / 8dy with
    dx, dy the row's ground cell sizes (m). float32, NaN where the centre is nodata."""
    rows, cols = padded.shape[0] - 2 * halo, padded.shape[1] - 2 * halo
    centre = padded[halo : halo + rows, halo : halo + cols].astype(np.float64)

    def add(total: np.ndarray | None, dr: int, dc: int, weight: float) -> np.ndarray:
        """total + weight x neighbour (dr, dc), a missing neighbour taking the centre's value; one
        neighbour at a time, so a block needs about four float64 arrays, not nine."""
        term = padded[halo + dr : halo + dr + rows, halo + dc : halo + dc + cols].astype(np.float64)
        np.copyto(term, centre, where=np.isnan(term))
        if weight != 1.0:
            term *= weight
        if total is None:
            return term
        total += term
        return total

    dzdx = None
    for dr, dc, weight in ((-1, 1, 1.0), (0, 1, 2.0), (1, 1, 1.0), (-1, -1, -1.0), (0, -1, -2.0), (1, -1, -1.0)):
        dzdx = add(dzdx, dr, dc, weight)
    dzdx /= 8.0 * np.asarray(dx, dtype=np.float64)[:, None]
    dzdy = None
    for dr, dc, weight in ((1, -1, 1.0), (1, 0, 2.0), (1, 1, 1.0), (-1, -1, -1.0), (-1, 0, -2.0), (-1, 1, -1.0)):
        dzdy = add(dzdy, dr, dc, weight)
    dzdy /= 8.0 * np.asarray(dy, dtype=np.float64)[:, None]
    slope = np.hypot(dzdx, dzdy, out=dzdx)
    del dzdy
    return np.degrees(np.arctan(slope, out=slope), out=slope).astype(np.float32)


def relief(padded: np.ndarray, halo: int, window: int) -> np.ndarray:
    """地形起伏度: highest minus lowest elevation (m) among the valid cells of the `window` x `window`
    square centred on each inner cell (odd `window`, halo >= window // 2). float32, NaN where the
    centre is nodata."""
    from scipy import ndimage

    if window % 2 == 0 or window // 2 > halo:
        raise ValueError(f"relief window must be odd and at most {2 * halo + 1} cells, got {window}")
    valid = ~np.isnan(padded)
    high = ndimage.maximum_filter(np.where(valid, padded, -np.inf), size=window, mode="constant", cval=-np.inf)
    low = ndimage.minimum_filter(np.where(valid, padded, np.inf), size=window, mode="constant", cval=np.inf)
    inner = (slice(halo, padded.shape[0] - halo), slice(halo, padded.shape[1] - halo))
    out = (high[inner].astype(np.float64) - low[inner]).astype(np.float32)
    out[~valid[inner]] = np.nan
    return out


def derivatives(padded: np.ndarray, halo: int, dx: np.ndarray, dy: np.ndarray, window: int):
    """(slope in degrees, relief in m, elevation in m) of the inner cells of `padded`."""
    inner = padded[halo : padded.shape[0] - halo, halo : padded.shape[1] - halo]
    return horn_slope(padded, halo, dx, dy), relief(padded, halo, window), inner


def pad(elevation: np.ndarray, halo: int) -> np.ndarray:
    """`elevation` inside a NaN frame `halo` cells wide (the whole-raster path's block)."""
    return np.pad(elevation.astype(np.float32, copy=False), halo, mode="constant", constant_values=np.nan)
