"""Hilbert-curve keys of points on a square grid, to order parcels into spatially compact
partitions (partitioned.make_partitions). Pure numpy.

The curve is the one dask-geopandas and GeoPandas' `hilbert_distance` draw (starting at the
grid's lower-left corner, first step along y), so partitions stay as they were when this project
used their private functions.
"""

from __future__ import annotations

import numpy as np

MAX_LEVEL = 16  # 2 x 16 bits: keys fit an unsigned 32-bit integer


def grid_cells(values: np.ndarray, low: float, high: float, level: int) -> np.ndarray:
    """Integer cells 0 .. 2**level - 1 of `values` spread over [low, high] (clipped to the grid)."""
    last = 2**level - 1
    cells = (np.asarray(values, dtype=float) - low) * (last / (high - low))
    np.clip(cells, 0, last, out=cells)
    return cells.astype(np.uint32)


def hilbert_key(x: np.ndarray, y: np.ndarray, level: int) -> np.ndarray:
    """Position along the Hilbert curve of order `level` of each grid cell (x, y), as int64.

    The curve is walked from its coarsest quadrant down: at each level the quadrant's number
    along the curve (0..3) is added, then the cell is turned into the quadrant's own frame
    (the lower quadrants are reflected on a diagonal), as in Hilbert's construction."""
    if not 1 <= level <= MAX_LEVEL:
        raise ValueError(f"level {level} is out of range 1..{MAX_LEVEL}")
    x = np.asarray(x, dtype=np.int64).copy()
    y = np.asarray(y, dtype=np.int64).copy()
    key = np.zeros(x.shape, dtype=np.int64)
    side = 1 << level
    half = side >> 1
    while half > 0:
        right = (x & half) > 0
        upper = (y & half) > 0
        key += half * half * ((3 * right) ^ upper)
        # lower-left quadrant: swap x and y; lower-right: reflect on the anti-diagonal, then swap
        lower = ~upper
        flip = lower & right
        x[flip] = side - 1 - x[flip]
        y[flip] = side - 1 - y[flip]
        x[lower], y[lower] = y[lower], x[lower].copy()
        half >>= 1
    return key


LEVEL = 16  # 2**16 cells a side: the order dask-geopandas' default level gives


def hilbert_distance(bounds: np.ndarray) -> np.ndarray:
    """Distance along a Hilbert curve of each box centre over the boxes' total extent."""
    if len(bounds) == 0:
        return np.empty(0, dtype=np.int64)
    centre_x = (bounds[:, 0] + bounds[:, 2]) / 2.0
    centre_y = (bounds[:, 1] + bounds[:, 3]) / 2.0
    # a square over the centres (the curve's cells square, so runs are compact), never of zero size
    side = max(centre_x.max() - centre_x.min(), centre_y.max() - centre_y.min())
    side = max(side, 1e-9 * max(1.0, abs(centre_x.min()), abs(centre_y.min())))
    x = grid_cells(centre_x, centre_x.min(), centre_x.min() + side, LEVEL)
    y = grid_cells(centre_y, centre_y.min(), centre_y.min() + side, LEVEL)
    return hilbert_key(x, y, LEVEL)
