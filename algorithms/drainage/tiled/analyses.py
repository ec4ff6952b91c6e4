"""Drainage corridors and waterlogging-prone depressions of a DEM larger than memory, on the tiled
conditioning (flow.condition_tiled). Same outputs as corridors.identify_corridors and
depressions.find_depressions, except that the rasters are written to files window by window
instead of being returned as arrays. Pure: numpy, scipy, shapely, geopandas, rasterio, dask.

Corridors: the stream cells (contributing area at least the threshold) are few next to the DEM;
they are gathered from the tiles as one sparse network (memory grows with the network, not the
DEM), where Strahler order and segments are computed as pyflwdir does on a whole DEM.
Depressions: every tile labels its hollows; hollows that touch across a tile border are joined
(8-connected, as the untiled labelling), and their area, volume, depth, spill level and
contributing area combined: a hollow crossing tile borders is measured whole.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ...cancel import checkpoint
from ..corridors import (
    CorridorSettingsError,
    CorridorTotals,
    buildings_in_zones,
    corridor_zones,
    lines_frame,
    road_crossings,
)
from ..dem import GDAL_CACHE_MB, DemSource
from ..depressions import DepressionTotals, ranked_with_exposure
from ..hydrology import D8_NODATA
from . import kernels
from .flow import TiledFlow, condition_tiled
from .grid import Scratch, TileGrid, perimeter

# peak bytes per cell of one tile in flight (its arrays, the ring, the flood's FIFO and heap, the
# accumulation's float64 totals): benchmarks/bench_drainage_tiled.py measured the tile stages of the
# 400M run at 1.17 GiB with two 4096 x 4096 tiles in flight over a process of 0.41 GiB (24 B/cell);
# with a margin for the client's rings and stream cells
TILE_BYTES_PER_CELL = 40
# bytes per DEM cell the scratch folder holds at most: the filled surface (4), local fill and labels
# while filling (8), directions (1-2), accumulation (4), depth and hollow labels (8, depressions);
# with the output GeoTIFFs written beside them, rounded up
SCRATCH_BYTES_PER_CELL = 24


def _share(progress: Callable[[float], None] | None, start: float, span: float) -> Callable[[float], None] | None:
    """`progress` for a stage that makes up `span` of the run from `start` (fractions 0-1)."""
    return None if progress is None else (lambda fraction: progress(start + span * fraction))


def tile_cells_for(memory_budget: int, workers: int) -> int:
    """Cells per tile so that `workers` tiles in flight stay within `memory_budget` bytes."""
    return max(512 * 512, int(memory_budget / max(1, workers) / TILE_BYTES_PER_CELL))


def geotiff_profile(shape: tuple[int, int], transform, crs, nodata: float, dtype: str) -> dict:
    """Creation options of the output rasters: tiled, fast deflate (level 1) on all cores, the
    options layers.raster.write_geotiff uses for the whole-DEM path."""
    return {
        "driver": "GTiff",
        "height": shape[0],
        "width": shape[1],
        "count": 1,
        "dtype": dtype,
        "crs": crs,
        "transform": transform,
        "nodata": nodata,
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
        "compress": "deflate",
        "zlevel": 1,
        "num_threads": "ALL_CPUS",
        "BIGTIFF": "IF_SAFER",
    }


def write_tiles(flow: TiledFlow, name: str, path: str, crs, nodata: float, dtype: str) -> str:
    """Write the per-tile arrays `name` into one GeoTIFF (`geotiff_profile`), window by window."""
    import rasterio
    from rasterio.windows import Window

    grid = flow.grid
    with (
        rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB),
        rasterio.open(path, "w", **geotiff_profile(grid.shape, flow.transform, crs, nodata, dtype)) as out,
    ):
        for i, j in grid.tiles:
            row0, col0, rows, cols = grid.window(i, j)
            block = flow.load(name, i, j)
            if block.dtype.kind == "f":
                block[np.isnan(block)] = nodata
            out.write(block.astype(dtype, copy=False), 1, window=Window(col0, row0, cols, rows))
    return path


# ---------------------------------------------------------------------------------------------
# corridors


@dataclass
class TiledCorridorResult(CorridorTotals):
    """corridors.CorridorResult without the rasters (they are written to files)."""

    lines: object
    zones: object
    crossings: object
    buildings: object
    threshold_m2: float
    flat_rounds: int


def network_lines(network: tuple, transform, shape: tuple[int, int], crs, metric_crs):
    """Corridor segments of a sparse stream network (global index, downstream index, accumulation,
    elevation) as lines with Strahler order, contributing area, length and slope, like
    corridors.corridor_lines on a whole DEM."""
    import shapely

    own, downstream, accumulation, elevation = network
    order = np.argsort(own)
    own, downstream, accumulation, elevation = own[order], downstream[order], accumulation[order], elevation[order]
    down = np.searchsorted(own, downstream)
    if own.size and (
        down.max(initial=0) >= own.size or not np.array_equal(own[np.minimum(down, own.size - 1)], downstream)
    ):
        raise RuntimeError("a stream cell drains to a cell outside the stream network")
    pits = down == np.arange(own.size)
    upstream_first = kernels.topological_order(np.where(pits, -1, down))
    strahler, upstream = kernels.strahler_and_segments(down, upstream_first)
    starts = upstream_first[upstream[upstream_first] != 1]
    cells, offsets = kernels.segment_cells(down, upstream, starts)
    rows, cols = np.divmod(own, shape[1])
    t = transform
    xs = t.c + (cols + 0.5) * t.a + (rows + 0.5) * t.b
    ys = t.f + (cols + 0.5) * t.d + (rows + 0.5) * t.e
    records, geometries = [], []
    for s in range(starts.size):
        segment = cells[offsets[s] : offsets[s + 1]]
        if segment.size < 2 or segment[0] == segment[-1]:
            continue  # an outlet's own stub
        geometries.append(shapely.linestrings(np.column_stack([xs[segment], ys[segment]])))
        own_last = segment[-1] if pits[segment[-1]] else segment[-2]
        records.append(
            (
                int(strahler[segment[0]]),
                float(accumulation[own_last]) / 1e6,
                float(elevation[segment[0]]),
                float(elevation[segment[-1]]),
            )
        )
    lines = lines_frame(records, geometries, crs, metric_crs)
    return lines, strahler, own


def identify_corridors_tiled(
    source: DemSource,
    grid: TileGrid,
    transform,
    runner,
    *,
    crs=None,
    metric_crs=None,
    latlon: bool = False,
    row_areas: np.ndarray | None = None,
    cell_metres=None,
    min_area_m2: float,
    widths: dict[int, float],
    roads=None,
    buildings=None,
    road_name_column: str | None = None,
    accumulation_path: str | None = None,
    direction_path: str | None = None,
    raster_crs=None,
    scratch_dir: str | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> TiledCorridorResult:
    """corridors.identify_corridors for a DEM on disk, tile by tile; the accumulation (m2, float32,
    nodata -9999) and D8 rasters go to `accumulation_path` / `direction_path` when given."""
    if not min_area_m2 > 0:
        raise CorridorSettingsError("the minimum contributing area must be above 0")
    step = checkpoint(progress, is_canceled)  # raises CancelledError at the next step once cancelled
    with tempfile.TemporaryDirectory(prefix="drainage-tiles-", dir=scratch_dir) as folder:
        flow = condition_tiled(
            source,
            grid,
            Scratch(folder),
            transform,
            runner,
            latlon=latlon,
            row_areas=row_areas,
            cell_metres=cell_metres,
            threshold_m2=float(min_area_m2),
            progress=_share(progress, 0.0, 0.80),
            is_canceled=is_canceled,
        )
        if accumulation_path:
            write_tiles(flow, "acc", accumulation_path, raster_crs, -9999.0, "float32")
        if direction_path:
            write_tiles(flow, "d8_final", direction_path, raster_crs, D8_NODATA, "uint8")
    step(0.80)
    lines, _, _ = network_lines(flow.network, transform, grid.shape, crs, metric_crs)
    step(0.85)
    zones = corridor_zones(lines, widths)
    step(0.90)
    crossings = road_crossings(lines, roads, road_name_column)
    flagged = buildings_in_zones(zones, buildings)
    step(1.0)
    return TiledCorridorResult(
        lines=lines,
        zones=zones,
        crossings=crossings,
        buildings=flagged,
        threshold_m2=float(min_area_m2),
        flat_rounds=flow.flat_rounds,
    )


# ---------------------------------------------------------------------------------------------
# depressions


def depression_tile_task(grid: TileGrid, scratch: Scratch, source: DemSource, i: int, j: int, areas: np.ndarray):
    """Depth, hollow labels and per-hollow sums of one tile. Returns (label count, stats dict of
    arrays indexed by label - 1, perimeter of the labels)."""
    from scipy import ndimage

    row0, col0, rows, cols = grid.window(i, j)
    filled = scratch.load("filled", i, j)
    depth = filled - source.read(row0, col0, rows, cols)
    depth[depth < 0] = 0.0
    scratch.save("depth", i, j, depth)
    labels, count = ndimage.label(np.nan_to_num(depth, nan=0.0) > 0, structure=np.ones((3, 3), dtype=bool))
    scratch.save("hollows", i, j, labels)
    if count == 0:
        return 0, None, perimeter(labels)
    index = np.arange(1, count + 1)
    area_grid = np.broadcast_to(areas[:, None], depth.shape)
    accumulation = np.nan_to_num(scratch.load("acc", i, j), nan=0.0)
    first = ndimage.minimum(np.arange(depth.size, dtype=np.int64).reshape(depth.shape), labels, index).astype(np.int64)
    fr, fc = np.divmod(first, cols)
    stats = {
        "area": ndimage.sum_labels(area_grid, labels, index),
        "volume": ndimage.sum_labels(np.nan_to_num(depth, nan=0.0) * area_grid, labels, index),
        "max_depth": ndimage.maximum(depth, labels, index),
        "spill": ndimage.maximum(filled, labels, index),
        "upstream": ndimage.maximum(accumulation, labels, index),
        "cells": ndimage.sum_labels(np.ones(depth.shape, dtype=np.int64), labels, index),
        "first": (row0 + fr) * grid.shape[1] + col0 + fc,
    }
    return count, stats, perimeter(labels)


def join_hollows(grid: TileGrid, counts: dict, edges: dict) -> tuple[dict, int]:
    """Join hollows that touch across tile borders: {tile: group of every local label (index 0
    unused)}, number of groups."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    offsets, total = {}, 0
    for tile in grid.tiles:
        offsets[tile] = total - 1  # local label L >= 1 -> node offset + L
        total += counts[tile]
    a_nodes, b_nodes = [], []

    def touch(labels_a, labels_b, ta, tb, shifts=(-1, 0, 1)):
        for shift in shifts:
            a = slice(max(0, -shift), min(labels_a.size, labels_b.size - shift))
            b = slice(a.start + shift, a.stop + shift)
            la, lb = labels_a[a], labels_b[b]
            hit = (la > 0) & (lb > 0)
            a_nodes.append(offsets[ta] + la[hit].astype(np.int64))
            b_nodes.append(offsets[tb] + lb[hit].astype(np.int64))

    for i, j in grid.tiles:
        if grid.exists(i, j + 1):
            touch(edges[(i, j)][3], edges[(i, j + 1)][2], (i, j), (i, j + 1))
        if grid.exists(i + 1, j):
            touch(edges[(i, j)][1], edges[(i + 1, j)][0], (i, j), (i + 1, j))
        if grid.exists(i + 1, j + 1):
            touch(edges[(i, j)][1][-1:], edges[(i + 1, j + 1)][0][:1], (i, j), (i + 1, j + 1), (0,))
        if grid.exists(i + 1, j - 1):
            touch(edges[(i, j)][1][:1], edges[(i + 1, j - 1)][0][-1:], (i, j), (i + 1, j - 1), (0,))
    a = np.concatenate(a_nodes) if a_nodes else np.array([], dtype=np.int64)
    b = np.concatenate(b_nodes) if b_nodes else np.array([], dtype=np.int64)
    graph = coo_matrix((np.ones(a.size, dtype=np.int8), (a, b)), shape=(total, total))
    groups, group_of = connected_components(graph, directed=False) if total else (0, np.array([], dtype=np.int64))
    out = {}
    for tile in grid.tiles:
        lookup = np.zeros(counts[tile] + 1, dtype=np.int64)
        lookup[1:] = group_of[offsets[tile] + 1 : offsets[tile] + 1 + counts[tile]]
        out[tile] = lookup
    return out, int(groups)


def shifted(transform, col0: int, row0: int):
    """The transform of a window whose first cell is (row0, col0), composed by hand: affine 3.1
    deprecates `*` between transforms and affine 2 (Debian 12) has no `@`."""
    a, b, c, d, e, f = transform[:6]
    return type(transform)(a, b, c + a * col0 + b * row0, d, e, f + d * col0 + e * row0)


def polygons_tile_task(grid: TileGrid, scratch: Scratch, transform, i: int, j: int, relabel: np.ndarray):
    """Outlines of the kept hollows in one tile: {depression id: [polygons]}."""
    import shapely
    from rasterio import features

    row0, col0, _, _ = grid.window(i, j)
    ids = relabel[scratch.load("hollows", i, j)].astype(np.int32)
    scratch.drop("hollows", i, j)
    pieces: dict[int, list] = {}
    if not ids.any():
        return pieces
    tile_transform = shifted(transform, col0, row0)
    for geometry, value in features.shapes(ids, mask=ids > 0, transform=tile_transform, connectivity=8):
        pieces.setdefault(int(value), []).append(shapely.geometry.shape(geometry))
    return pieces


@dataclass
class TiledDepressionResult(DepressionTotals):
    """depressions.DepressionResult without the depth raster (it is written to a file)."""

    depressions: object
    candidates: int
    flat_rounds: int


def _combine(grid: TileGrid, results: dict, joined: dict, groups: int) -> dict:
    """Per-group sums and extremes of the tiles' per-hollow statistics."""
    combined = {
        "area": np.zeros(groups),
        "volume": np.zeros(groups),
        "cells": np.zeros(groups, dtype=np.int64),
        "max_depth": np.full(groups, -np.inf),
        "spill": np.full(groups, -np.inf),
        "upstream": np.full(groups, -np.inf),
        "first": np.full(groups, np.iinfo(np.int64).max),
    }
    for tile in grid.tiles:
        count, stats = results[tile][0], results[tile][1]
        if not count:
            continue
        group = joined[tile][1:]
        for key in ("area", "volume", "cells"):
            np.add.at(combined[key], group, stats[key])
        for key in ("max_depth", "spill", "upstream"):
            np.maximum.at(combined[key], group, stats[key])
        np.minimum.at(combined["first"], group, stats["first"])
    return combined


def find_depressions_tiled(
    source: DemSource,
    grid: TileGrid,
    transform,
    runner,
    *,
    crs=None,
    metric_crs=None,
    latlon: bool = False,
    row_areas: np.ndarray | None = None,
    cell_metres=None,
    min_depth: float = 0.15,
    min_area_m2: float = 0.0,
    roads=None,
    buildings=None,
    depth_path: str | None = None,
    raster_crs=None,
    scratch_dir: str | None = None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> TiledDepressionResult:
    """depressions.find_depressions for a DEM on disk, tile by tile; the depth raster (m, float32,
    nodata -9999) goes to `depth_path` when given."""
    import geopandas as gpd
    import shapely

    if min_depth < 0 or min_area_m2 < 0:
        raise ValueError("the minimum depth and area cannot be negative")

    step = checkpoint(progress, is_canceled)  # raises CancelledError at the next step once cancelled
    report = checkpoint(progress)  # inside runner.map: the runner itself stops a cancelled map safely
    with tempfile.TemporaryDirectory(prefix="drainage-tiles-", dir=scratch_dir) as folder:
        scratch = Scratch(folder)
        flow = condition_tiled(
            source,
            grid,
            scratch,
            transform,
            runner,
            latlon=latlon,
            row_areas=row_areas,
            cell_metres=cell_metres,
            progress=_share(progress, 0.0, 0.70),
            is_canceled=is_canceled,
        )
        tiles = grid.tiles
        areas = flow.row_areas
        results = dict(
            zip(
                tiles,
                runner.map(
                    depression_tile_task,
                    [
                        (grid, scratch, source, i, j, areas[grid.window(i, j)[0] :][: grid.window(i, j)[2]])
                        for i, j in tiles
                    ],
                    progress=lambda fraction: report(0.70 + 0.15 * fraction),
                    is_canceled=is_canceled,
                ),
            )
        )
        if depth_path:
            write_tiles(flow, "depth", depth_path, raster_crs, -9999.0, "float32")
        joined, groups = join_hollows(grid, {t: results[t][0] for t in tiles}, {t: results[t][2] for t in tiles})
        stats = _combine(grid, results, joined, groups)
        keep = (stats["max_depth"] >= min_depth) & (stats["area"] >= min_area_m2)
        kept = np.flatnonzero(keep)
        kept = kept[np.argsort(stats["first"][kept], kind="stable")]  # north to south, as the untiled labels
        new_id = np.zeros(groups, dtype=np.int64)
        new_id[kept] = np.arange(1, kept.size + 1)
        relabel = {t: np.concatenate([[0], new_id[joined[t][1:]]]) for t in tiles}
        pieces = runner.map(
            polygons_tile_task,
            [(grid, scratch, transform, i, j, relabel[(i, j)]) for i, j in tiles],
            progress=lambda fraction: report(0.85 + 0.10 * fraction),
            is_canceled=is_canceled,
        )
    gathered: dict[int, list] = {}
    for part in pieces:
        for key, polygons in part.items():
            gathered.setdefault(key, []).extend(polygons)
    polygons = np.array([shapely.union_all(gathered[k]) for k in range(1, kept.size + 1)], dtype=object)
    table = {
        "area_m2": stats["area"][kept],
        "volume_m3": stats["volume"][kept],
        "max_depth_m": stats["max_depth"][kept].astype(np.float32),
        "mean_depth_m": stats["volume"][kept] / stats["area"][kept],
        "spill_elev_m": stats["spill"][kept].astype(np.float32),
        "upstream_km2": stats["upstream"][kept] / 1e6,
        "cells": stats["cells"][kept].astype("int64"),
    }
    frame = ranked_with_exposure(gpd.GeoDataFrame(table, geometry=polygons, crs=crs), metric_crs, roads, buildings)
    step(1.0)
    return TiledDepressionResult(depressions=frame, candidates=groups, flat_rounds=flow.flat_rounds)
