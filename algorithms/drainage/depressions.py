"""Waterlogging-prone depressions (易涝点): closed hollows of the terrain where runoff ponds before it
can spill, as objects with depth, volume, spill level, contributing area and exposure.
Pure: numpy, scipy, shapely, geopandas, rasterio (raster to polygons).

The depth grid is the depression-filled surface minus the DEM (priority flood, every hollow filled
to its spill level). Each 8-connected patch of positive depth is one depression; it is kept when
its deepest point reaches the screening depth (default 0.15 m, borrowed from the 15 cm lane depth of
GB 51222-2017 Table 3.2.3; a screening threshold, not that standard's criterion, which is about the
design storm's water on a lane) and its area reaches the minimum area.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..cancel import checkpoint
from .hydrology import condition


class DepressionTotals:
    """The totals of a result with a `depressions` frame (whole-DEM or tiled)."""

    @property
    def count(self) -> int:
        return len(self.depressions)

    @property
    def total_volume_m3(self) -> float:
        return float(self.depressions["volume_m3"].sum())


@dataclass
class DepressionResult(DepressionTotals):
    depth: np.ndarray  # float32 filled minus original (0 outside hollows, NaN outside the DEM)
    depressions: object  # GeoDataFrame ranked by volume (see find_depressions)
    candidates: int  # hollows before the depth and area thresholds


def ranked_with_exposure(frame, metric_crs, roads, buildings):
    """Depressions (north to south) in `metric_crs`, with the roads and buildings inside, their
    ids (north to south) and ranks by volume, largest first. Shared by the whole-DEM and tiled paths."""
    if metric_crs is not None and frame.crs is not None and frame.crs != metric_crs:
        frame = frame.to_crs(metric_crs)
    road_length, building_count = exposure(frame.geometry.values, roads, buildings)
    frame["road_length_m"] = road_length
    frame["buildings"] = building_count
    frame.insert(0, "depression_id", np.arange(1, len(frame) + 1, dtype="int64"))
    frame = frame.sort_values("volume_m3", ascending=False, kind="stable").reset_index(drop=True)
    frame.insert(1, "rank", np.arange(1, len(frame) + 1, dtype="int64"))
    frame["cells"] = frame["cells"].astype("int64")
    return frame


def depression_table(
    depth: np.ndarray,
    filled: np.ndarray,
    accumulation: np.ndarray,
    cell_areas: np.ndarray,
    min_depth: float,
    min_area_m2: float,
):
    """Label hollows and measure them. Returns (labels, table dict of arrays for kept hollows,
    number of hollows before the thresholds); labels of dropped hollows are set to 0."""
    from scipy import ndimage

    labels, count = ndimage.label(np.nan_to_num(depth, nan=0.0) > 0, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return labels, None, 0
    index = np.arange(1, count + 1)
    area_grid = np.broadcast_to(cell_areas[:, None], depth.shape)
    area = ndimage.sum_labels(area_grid, labels, index)
    volume = ndimage.sum_labels(np.nan_to_num(depth, nan=0.0) * area_grid, labels, index)
    max_depth = ndimage.maximum(depth, labels, index)
    spill = ndimage.maximum(filled, labels, index)
    upstream = ndimage.maximum(np.nan_to_num(accumulation, nan=0.0), labels, index)
    cells = ndimage.sum_labels(np.ones(depth.shape, dtype=np.int32), labels, index)
    keep = (max_depth >= min_depth) & (area >= min_area_m2)
    new_ids = np.zeros(count + 1, dtype=np.int32)
    new_ids[1:][keep] = np.arange(1, int(keep.sum()) + 1, dtype=np.int32)
    labels = new_ids[labels]
    table = {
        "area_m2": area[keep],
        "volume_m3": volume[keep],
        "max_depth_m": max_depth[keep],
        "mean_depth_m": volume[keep] / area[keep],
        "spill_elev_m": spill[keep],
        "upstream_km2": upstream[keep] / 1e6,
        "cells": cells[keep].astype("int64"),
    }
    return labels, table, count


def label_polygons(labels: np.ndarray, transform, count: int) -> list:
    """One (multi)polygon per label 1..count, from the cell outlines."""
    import shapely
    from rasterio import features

    pieces: list[list] = [[] for _ in range(count)]
    for geometry, value in features.shapes(labels, mask=labels > 0, transform=transform, connectivity=8):
        pieces[int(value) - 1].append(shapely.geometry.shape(geometry))
    return [shapely.union_all(p) if len(p) > 1 else p[0] for p in pieces]


def exposure(polygons, roads, buildings) -> tuple[np.ndarray, np.ndarray]:
    """Road length (m) and number of buildings inside each depression polygon."""
    import shapely

    n = len(polygons)
    road_length = np.zeros(n)
    building_count = np.zeros(n, dtype="int64")
    if roads is not None and len(roads) and n:
        poly_idx, road_idx = shapely.STRtree(roads.geometry.values).query(polygons, predicate="intersects")
        lengths = shapely.length(shapely.intersection(polygons[poly_idx], roads.geometry.values[road_idx]))
        np.add.at(road_length, poly_idx, lengths)
    if buildings is not None and len(buildings) and n:
        poly_idx, _ = shapely.STRtree(buildings.geometry.values).query(polygons, predicate="intersects")
        np.add.at(building_count, poly_idx, 1)
    return road_length, building_count


def find_depressions(
    dem: np.ndarray,
    transform,
    *,
    crs=None,
    metric_crs=None,
    latlon: bool = False,
    row_areas: np.ndarray | None = None,
    cell_metres: tuple[float, float] | None = None,
    min_depth: float = 0.15,
    min_area_m2: float = 0.0,
    roads=None,
    buildings=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> DepressionResult:
    """Depressions of `dem` (float32, NaN nodata; not modified) ranked by volume (rank 1 = the
    largest store of ponding water), with exposure of roads and buildings (in `metric_crs`).
    Elevations in metres; `row_areas`, `cell_metres`: true cell
    areas and sizes (see hydrology.condition). `progress` gets the fraction done (0-1)."""
    import geopandas as gpd

    if min_depth < 0 or min_area_m2 < 0:
        raise ValueError("the minimum depth and area cannot be negative")
    step = checkpoint(progress, is_canceled)  # raises CancelledError at the next step once cancelled
    step(0.0)
    model = condition(
        dem,
        transform,
        latlon=latlon,
        keep_filled=True,
        is_canceled=is_canceled,
        row_areas=row_areas,
        cell_metres=cell_metres,
    )
    step(0.45)
    accumulation = model.accumulation_m2()
    depth = model.filled - dem.astype(np.float32, copy=False)
    depth[depth < 0] = 0.0  # float rounding only: filling never lowers a cell
    step(0.60)
    areas = model.row_areas
    labels, table, candidates = depression_table(depth, model.filled, accumulation, areas, min_depth, min_area_m2)
    del accumulation
    model.filled = None
    step(0.75)
    count = 0 if table is None else len(table["area_m2"])
    polygons = np.array(label_polygons(labels, transform, count), dtype=object) if count else np.array([], dtype=object)
    del labels
    frame = gpd.GeoDataFrame(
        table
        or {
            k: np.array([])
            for k in ("area_m2", "volume_m3", "max_depth_m", "mean_depth_m", "spill_elev_m", "upstream_km2", "cells")
        },
        geometry=polygons,
        crs=crs,
    )
    step(0.90)
    frame = ranked_with_exposure(frame, metric_crs, roads, buildings)
    step(1.0)
    return DepressionResult(depth=depth, depressions=frame, candidates=candidates)
