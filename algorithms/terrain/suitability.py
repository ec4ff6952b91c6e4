"""城镇建设适宜性评价 of a DEM block: terrain derivatives, grades, exclusions and the per-unit area
sums, and the whole-raster path that runs it on a DEM in memory. Pure: numpy, pandas, shapely,
geopandas, rasterio (the tiled path, tiled.py, runs the same `evaluate_block` tile by tile).

Areas are cell areas on the DEM CRS's ellipsoid (CGCS2000/GRS80 for Chinese data): exact by
latitude for a geographic DEM, the nominal cell area divided by the projection's areal scale for a
projected one (`ellipsoidal_row_areas`). A cell counts in an area when its centre lies inside.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..cancel import checkpoint
from . import grading as grades_mod
from . import overlays as ov
from . import surface

SLOPE_CLASSES = (1, 2, 3, 4, 5)


def ellipsoidal_row_areas(crs, transform, shape: tuple[int, int]) -> np.ndarray:
    """m² of one cell per row on the ellipsoid of `crs` (module docstring)."""
    from ..projection import geographic_row_areas, projected_row_areas

    if surface._is_geographic(crs):
        return geographic_row_areas(transform, shape[0], crs)
    return projected_row_areas(crs, transform, shape, exact=True)


@dataclass
class BlockResult:
    """What one block (a tile, or the whole DEM) gives: its rasters and its area sums."""

    slope: np.ndarray  # float32 degrees, NaN nodata
    relief: np.ndarray  # float32 m
    classes: np.ndarray  # uint8 suitability classes (grading module docstring)
    sums: dict  # measure name -> float64 m² per unit, the whole DEM last
    conflicts: np.ndarray  # float64 m² (boundary feature, reason)


@dataclass
class Settings:
    """How cells are graded and measured (the same for every block)."""

    grading: grades_mod.Grading
    scheme: str  # grading.SCHEMES
    relief_cells: int  # odd window of the relief
    polygons: bool = True  # build the dissolved class polygons (they grow with the DEM, not the tile)

    @property
    def halo(self) -> int:
        return surface.halo_for(self.relief_cells)


def evaluate_block(
    padded: np.ndarray,
    transform,
    dx: np.ndarray,
    dy: np.ndarray,
    areas: np.ndarray,
    overlays: ov.Overlays,
    settings: Settings,
) -> BlockResult:
    """Evaluate the inner cells of `padded` (elevation in m, NaN nodata, `settings.halo` cells of
    halo); `transform` is the inner block's, `dx`, `dy`, `areas` its rows' ground sizes and areas."""
    halo = settings.halo
    slope, relief, elevation = surface.derivatives(padded, halo, dx, dy, settings.relief_cells)
    shape = slope.shape
    valid = ~np.isnan(elevation)
    slope_classes = grades_mod.slope_class(slope, settings.grading.slope_breaks)
    grades = grades_mod.grade(slope_classes, relief, elevation, settings.grading)
    bits = ov.exclusion_bits(overlays, transform, shape)
    excluded = (bits != 0) & valid
    classes = grades_mod.suitability(settings.scheme, grades, slope, excluded, settings.grading)

    sums, conflicts = _area_sums(
        overlays, transform, shape, np.asarray(areas, dtype=np.float64), valid, excluded, bits, slope,
        slope_classes, grades, settings.grading, elevation,
    )  # fmt: skip
    return BlockResult(slope, relief, classes, sums, conflicts)


def _area_sums(
    overlays, transform, shape, areas, valid, excluded, bits, slope, slope_classes, grades, grading, elevation
):
    """({measure: m² per unit, the whole DEM last}, m² per (boundary feature, reason)) of a block.
    Each measure's mask is made, summed and dropped in turn, so a block holds a few masks at a time."""
    weights = np.broadcast_to(areas[:, None], shape)
    units = overlays.units + 1  # the units, then the whole DEM
    layers = [(indices, indices >= 0) for indices in ov.unit_indices(overlays, transform, shape)]
    sums: dict[str, np.ndarray] = {}

    def add(name: str, mask: np.ndarray) -> None:
        total = np.zeros(units)
        for indices, inside in layers:
            pick = mask & inside
            total += np.bincount(indices[pick], weights=weights[pick], minlength=units)
        total[-1] = float(np.count_nonzero(mask, axis=1) @ areas)
        sums[name] = total

    add("evaluated_m2", valid)
    add("nodata_m2", ~valid)
    for k in SLOPE_CLASSES:
        add(f"slope{k}_m2", slope_classes == k)
    for k in SLOPE_CLASSES:
        add(f"grade{k}_m2", (grades == k) & ~excluded)
    add("excluded_m2", excluded)
    for reason in ov.REASONS:
        add(f"excl_{reason}_m2", ((bits & ov.bit(reason)) != 0) & valid)
    bazi = grades_mod.bazi(slope, grading) & valid
    mountain = grades_mod.mountain(slope, excluded, grading) & valid
    add("bazi_m2", bazi)
    add("mountain_m2", mountain)
    if grading.elevation_bands:
        band = np.searchsorted(np.asarray(grading.elevation_bands), elevation, side="right")
        for k in range(len(grading.elevation_bands) + 1):
            add(f"elev{k + 1}_m2", (band == k) & valid)
        del band
    if overlays.cropland is not None:
        cropland = ov.cropland_mask(overlays, transform, shape) & valid
        add("cropland_m2", cropland)
        add("bazi_cropland_m2", bazi & cropland)
        add("mountain_cropland_m2", mountain & cropland)
    del bazi, mountain
    conflicts = np.zeros((overlays.boundaries, len(ov.REASONS)))
    if overlays.boundaries:
        boundary = ov.boundary_indices(overlays, transform, shape)
        inside = (boundary >= 0) & valid
        add("dev_m2", inside)
        for k in SLOPE_CLASSES:
            add(f"dev_slope{k}_m2", inside & (slope_classes == k))
        add("dev_excluded_m2", inside & excluded)
        for r, reason in enumerate(ov.REASONS):
            pick = inside & ((bits & ov.bit(reason)) != 0)
            add(f"dev_excl_{reason}_m2", pick)
            conflicts[:, r] = np.bincount(boundary[pick], weights=weights[pick], minlength=overlays.boundaries)
    return sums, conflicts


def add_sums(total: dict | None, part: dict) -> dict:
    """`total` plus the block sums `part` (a new dict when `total` is None)."""
    if total is None:
        return {name: values.copy() for name, values in part.items()}
    for name, values in part.items():
        total[name] += values
    return total


@dataclass
class SuitabilityResult:
    """The evaluation of a DEM: per-unit sums, boundary conflicts and (whole path) the rasters."""

    sums: dict
    conflicts: np.ndarray
    polygons: object = None  # GeoDataFrame (class, geometry) in the DEM's CRS
    classes: np.ndarray | None = None
    slope: np.ndarray | None = None
    relief: np.ndarray | None = None
    notes: list = field(default_factory=list)


def evaluate(
    elevation: np.ndarray,
    transform,
    crs,
    overlays: ov.Overlays,
    settings: Settings,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> SuitabilityResult:
    """The whole-raster path: `elevation` (m, NaN nodata) of a north-up DEM in `crs`."""
    shape = elevation.shape
    step = checkpoint(progress, is_canceled)
    step(0.0)
    dx, dy = surface.row_cell_metres(crs, transform, shape)
    areas = ellipsoidal_row_areas(crs, transform, shape)
    block = evaluate_block(surface.pad(elevation, settings.halo), transform, dx, dy, areas, overlays, settings)
    step(0.5)
    polygons = class_polygons([(block.classes, transform)], crs) if settings.polygons else None
    step(1.0)
    return SuitabilityResult(block.sums, block.conflicts, polygons, block.classes, block.slope, block.relief)


def block_shapes(classes: np.ndarray, transform, seams=(False, False, False, False)) -> list[tuple]:
    """(class, polygon, on a seam) pieces of a class block (rasterio's polygonisation of equal
    cells, 4-connected); `seams` says which block sides (top, bottom, left, right) border another
    tile, where a piece may continue in the neighbour and must be merged with it."""
    import shapely
    from rasterio import features
    from shapely.geometry import shape as to_shape

    mask = classes != grades_mod.NODATA
    pieces = [(int(v), to_shape(g)) for g, v in features.shapes(classes, mask=mask, transform=transform)]
    if not pieces or not any(seams):
        return [(v, g, False) for v, g in pieces]
    rows, cols = classes.shape
    xs = sorted((transform.c, transform.c + transform.a * cols))
    ys = sorted((transform.f, transform.f + transform.e * rows))
    bounds = shapely.bounds(np.array([g for _, g in pieces], dtype=object))
    tolerance = 1e-6 * max(abs(transform.a), abs(transform.e))
    top, bottom, left, right = seams
    north, south = (ys[1], ys[0]) if transform.e < 0 else (ys[0], ys[1])
    on_seam = np.zeros(len(pieces), dtype=bool)
    if top:
        on_seam |= np.abs(bounds[:, 3 if transform.e < 0 else 1] - north) < tolerance
    if bottom:
        on_seam |= np.abs(bounds[:, 1 if transform.e < 0 else 3] - south) < tolerance
    if left:
        on_seam |= np.abs(bounds[:, 0] - xs[0]) < tolerance
    if right:
        on_seam |= np.abs(bounds[:, 2] - xs[1]) < tolerance
    return [(v, g, bool(s)) for (v, g), s in zip(pieces, on_seam)]


def class_polygons(blocks, crs, pieces: list | None = None):
    """GeoDataFrame (class, geometry) with one (multi)polygon per class of the blocks
    [(classes, transform)] (or of the given (class, polygon, on a seam) `pieces` of tiles): pieces
    on a tile seam are merged, the others are whole regions already and only gathered."""
    import geopandas as gpd
    import shapely

    pieces = list(pieces or [])
    for classes, transform in blocks:
        pieces.extend(block_shapes(classes, transform))
    by_class: dict[int, tuple[list, list]] = {}
    for value, polygon, on_seam in pieces:
        by_class.setdefault(value, ([], []))[int(on_seam)].append(polygon)
    codes = sorted(by_class)
    geometries = []
    for code in codes:
        whole, seam = by_class[code]
        parts = list(whole)
        if seam:
            merged = shapely.union_all(seam)
            parts.extend(shapely.get_parts(merged).tolist())
        geometries.append(shapely.multipolygons(parts))
    return gpd.GeoDataFrame({"class": codes}, geometry=geometries, crs=crs)
