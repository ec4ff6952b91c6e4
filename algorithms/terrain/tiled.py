"""城镇建设适宜性评价 of a DEM larger than memory: the tiles of the drainage tiled path (TileGrid,
DemSource, a Dask TileRunner), each read with a halo of half the relief window and evaluated by
suitability.evaluate_block, so every cell equals the whole-raster path's. Tiles hand back their
class and slope blocks (written to the output GeoTIFFs window by window), their area sums and their
class polygons (optional: they grow with the DEM's detail, not with the tile); without polygons,
memory is bounded by the tiles in flight. Pure: numpy, rasterio, shapely, dask.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..cancel import checkpoint
from ..drainage.dem import GDAL_CACHE_MB, DemSource
from ..drainage.tiled.analyses import geotiff_profile, shifted
from ..drainage.tiled.grid import TileGrid
from . import grading as grades_mod
from . import surface
from .overlays import Overlays
from .suitability import (
    Settings,
    SuitabilityResult,
    add_sums,
    block_shapes,
    class_polygons,
    ellipsoidal_row_areas,
    evaluate_block,
)

# peak bytes per cell of a tile in flight: benchmarks/bench_terrain_tiled.py measured about 40 (the
# float32 block, float64 slope terms one neighbour at a time, relief filters, a few masks); with a margin
TILE_BYTES_PER_CELL = 60


def tile_task(source: DemSource, grid: TileGrid, transform, i: int, j: int, rows_m: tuple, overlays, settings):
    """(i, j, classes, slope, sums, conflicts, polygon pieces) of tile (i, j), read with its halo."""
    row0, col0, rows, cols = grid.window(i, j)
    halo = settings.halo
    padded = source.read(row0 - halo, col0 - halo, rows + 2 * halo, cols + 2 * halo)
    dx, dy, areas = (values[row0 : row0 + rows] for values in rows_m)
    window = shifted(transform, col0, row0)
    xs = sorted((window.c, window.c + window.a * cols))
    ys = sorted((window.f, window.f + window.e * rows))
    block = evaluate_block(padded, window, dx, dy, areas, overlays.near((xs[0], ys[0], xs[1], ys[1])), settings)
    seams = (i > 0, i < grid.down - 1, j > 0, j < grid.across - 1)
    pieces = block_shapes(block.classes, window, seams) if settings.polygons else []
    return i, j, block.classes, block.slope, block.sums, block.conflicts, pieces


def evaluate_tiled(
    source: DemSource,
    grid: TileGrid,
    transform,
    crs,
    overlays: Overlays,
    settings: Settings,
    runner,
    *,
    classes_path: str | None = None,
    slope_path: str | None = None,
    raster_crs=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> SuitabilityResult:
    """The evaluation of the DEM `source` (grid `grid`, north-up `transform` in `crs`) tile by tile
    on `runner` (dask_runtime.TileRunner); the class raster (uint8, nodata 255) and the slope
    raster (float32 degrees, nodata -9999) go to the paths given, in `raster_crs` (WKT)."""
    import rasterio
    from rasterio.windows import Window

    step = checkpoint(progress, is_canceled)
    step(0.0)
    rows_m = (*surface.row_cell_metres(crs, transform, grid.shape), ellipsoidal_row_areas(crs, transform, grid.shape))
    state = {"sums": None, "conflicts": None, "pieces": []}
    with rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB):
        classes_out = slope_out = None
        try:
            if classes_path:
                profile = geotiff_profile(grid.shape, transform, raster_crs, grades_mod.NODATA, "uint8")
                classes_out = rasterio.open(classes_path, "w", **profile)
            if slope_path:
                slope_out = rasterio.open(
                    slope_path, "w", **geotiff_profile(grid.shape, transform, raster_crs, -9999.0, "float32")
                )

            def consume(result) -> None:
                i, j, classes, slope, sums, conflicts, pieces = result
                row0, col0, rows, cols = grid.window(i, j)
                if classes_out is not None:
                    classes_out.write(classes, 1, window=Window(col0, row0, cols, rows))
                if slope_out is not None:
                    slope_out.write(
                        np.where(np.isnan(slope), np.float32(-9999.0), slope), 1, window=Window(col0, row0, cols, rows)
                    )
                state["sums"] = add_sums(state["sums"], sums)
                state["conflicts"] = conflicts if state["conflicts"] is None else state["conflicts"] + conflicts
                state["pieces"].extend(pieces)

            tasks = [(source, grid, transform, i, j, rows_m, overlays, settings) for i, j in grid.tiles]
            share = None if progress is None else (lambda fraction: progress(0.8 * fraction))
            runner.stream(tile_task, tasks, consume, progress=share, is_canceled=is_canceled)
        finally:
            for dataset in (classes_out, slope_out):
                if dataset is not None:
                    dataset.close()
    step(0.8)
    polygons = class_polygons([], crs, pieces=state["pieces"]) if settings.polygons else None
    step(1.0)
    return SuitabilityResult(state["sums"], state["conflicts"], polygons)
