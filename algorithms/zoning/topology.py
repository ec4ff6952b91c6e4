"""Topology check of a planning layer (规划图斑拓扑检查): invalid geometries, duplicates, overlaps,
gaps, slivers and parcels outside the planning area. Pure.

Definitions (metric CRS; `tolerance` and `sliver_width` in metres):
- invalid: the stored geometry is not valid (OGC); reported with GEOS's reason, and the repaired
  geometry is used for every other check;
- duplicate: two parcels whose outlines are within `tolerance` of each other (Hausdorff distance);
  a duplicate pair is not reported again as an overlap;
- overlap: the shared area of two parcels, where it is wider than `tolerance`;
- gap: an area enclosed by parcels (a hole of their union) or, when a planning boundary is given,
  any part of it no parcel covers; cracks and gaps no wider than `tolerance` are snapping noise
  (closed before the holes are taken) and ignored;
- sliver: a parcel nowhere wider than `sliver_width` (it vanishes under an inward buffer of half
  that width);
- outside_boundary: the part of a parcel outside the planning boundary, wider than `tolerance`.
"Wider than w" is tested the morphological way: the piece survives an inward buffer of w / 2.
Areas: plane_area_m2 in the metric CRS, ellipsoid_area_m2 on the CGCS2000 ellipsoid (given a CRS).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..cancel import checkpoint
from . import overlay
from .ellipsoid import ellipsoidal_area

ERROR_TYPES = ("invalid", "duplicate", "overlap", "gap", "sliver", "outside_boundary")
COLUMNS = ["error_type", "rows", "plane_area_m2", "ellipsoid_area_m2", "detail"]


@dataclass
class TopologyResult:
    errors: gpd.GeoDataFrame  # COLUMNS + geometry; rows is a tuple of plan rows

    def counts(self) -> dict[str, int]:
        found = self.errors["error_type"].value_counts()
        return {t: int(found.get(t, 0)) for t in ERROR_TYPES}


def wider_than(geometries: np.ndarray, width: float) -> np.ndarray:
    """Which geometries are somewhere wider than `width` (survive an inward buffer of width / 2)."""
    geometries = np.asarray(geometries, dtype=object)
    if width <= 0 or len(geometries) == 0:
        return shapely.area(geometries) > 0 if len(geometries) else np.zeros(0, dtype=bool)
    return ~shapely.is_empty(shapely.buffer(geometries, -width / 2.0, quad_segs=2))


def check(
    geometries: np.ndarray,
    boundary: np.ndarray | None = None,
    *,
    tolerance: float = 0.01,
    sliver_width: float = 1.0,
    crs=None,
    progress: Callable[[float], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> TopologyResult:
    """All checks on the plan's `geometries` (as stored, not repaired), optionally against the
    planning `boundary` polygons. Rows in the result refer to positions in `geometries`."""
    geometries = np.asarray(geometries, dtype=object)

    step = checkpoint(progress, is_canceled)  # progress as a 0-1 fraction

    plan, has_area, invalid = repair(geometries, tolerance)
    frames = [invalid]
    step(0.1)

    rows = np.flatnonzero(has_area)
    pair_a, pair_b = _pairs(plan[rows])
    duplicates, overlaps = pair_errors(plan, rows[pair_a], rows[pair_b], tolerance)
    frames.append(duplicates)
    step(0.3)
    frames.append(overlaps)
    step(0.5)

    parts = gap_parts(shapely.union_all(plan[rows]) if len(rows) else None, boundary, tolerance)
    frames.append(gap_errors(parts, plan[rows], rows))
    step(0.7)

    frames.append(sliver_errors(plan, rows, sliver_width))
    if boundary is not None and len(boundary):
        frames.append(outside_errors(plan, has_area, overlay.dissolve(boundary), tolerance))
    step(1.0)
    return TopologyResult(measured(frames, crs))


def measured(frames: list[pd.DataFrame], crs) -> gpd.GeoDataFrame:
    """The error frames as one GeoDataFrame with CGCS2000 ellipsoidal areas (NaN without a CRS)."""
    errors = pd.concat(frames, ignore_index=True)
    geometry = errors["geometry"].to_numpy()
    errors.insert(3, "ellipsoid_area_m2", ellipsoidal_area(geometry, crs) if crs is not None else np.nan)
    return gpd.GeoDataFrame(errors, geometry="geometry", crs=crs)


def repair(geometries: np.ndarray, tolerance: float) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """(each geometry repaired and reduced to its polygonal parts, None where nothing is left;
    which rows have area; the 'invalid' errors, one per invalid input row)."""
    valid = shapely.is_valid(geometries)
    repaired = geometries.copy()
    invalid = _errors("invalid", [], [], [], [])
    if (~valid).any():
        bad = np.flatnonzero(~valid)
        repaired[bad] = shapely.make_valid(geometries[bad])
        shown = overlay.polygonal(repaired[bad])
        shape = shapely.buffer(
            shapely.boundary(geometries[bad]), max(tolerance, 0.05)
        )  # when nothing polygonal is left
        shape[shown.index] = shown.geometry
        reasons = shapely.is_valid_reason(geometries[bad])
        invalid = _errors("invalid", [(int(r),) for r in bad], shapely.area(repaired[bad]), reasons, shape)
    clean = overlay.polygonal(repaired)
    plan = np.full(len(geometries), None, dtype=object)
    plan[clean.index] = clean.geometry
    has_area = np.zeros(len(geometries), dtype=bool)
    has_area[clean.index] = True
    return plan, has_area, invalid


def pair_errors(
    plan: np.ndarray, pair_a: np.ndarray, pair_b: np.ndarray, tolerance: float
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(duplicates, overlaps) among the candidate pairs (rows of `plan` whose interiors may meet);
    a duplicate pair is not an overlap too."""
    duplicate = _duplicates(plan, pair_a, pair_b, tolerance)
    a, b = pair_a[duplicate], pair_b[duplicate]
    duplicates = _errors("duplicate", list(zip(a.tolist(), b.tolist())), shapely.area(plan[a]), [""] * len(a), plan[a])
    a, b = pair_a[~duplicate], pair_b[~duplicate]
    shared = overlay.polygonal(shapely.intersection(plan[a], plan[b]))
    keep = wider_than(shared.geometry, tolerance)
    index = shared.index[keep]
    overlaps = _errors(
        "overlap",
        list(zip(a[index].tolist(), b[index].tolist())),
        shared.area[keep],
        [""] * len(index),
        shared.geometry[keep],
    )
    return duplicates, overlaps


def sliver_errors(plan: np.ndarray, rows: np.ndarray, sliver_width: float) -> pd.DataFrame:
    thin = rows[~wider_than(plan[rows], sliver_width)]
    return _errors("sliver", [(int(r),) for r in thin], shapely.area(plan[thin]), [""] * len(thin), plan[thin])


def outside_errors(
    plan: np.ndarray, has_area: np.ndarray, boundary_parts: np.ndarray, tolerance: float
) -> pd.DataFrame:
    """The parts of parcels outside the dissolved planning boundary, wider than the tolerance."""
    out = overlay.outside(plan, boundary_parts, has_area)
    keep = wider_than(out.geometry, tolerance)
    return _errors(
        "outside_boundary",
        [(int(r),) for r in out.index[keep]],
        out.area[keep],
        [""] * int(keep.sum()),
        out.geometry[keep],
    )


def _pairs(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of geometries whose interiors may meet (STRtree + intersects)."""
    if len(geometries) < 2:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    tree = shapely.STRtree(geometries)
    a, b = tree.query(geometries, predicate="intersects")
    keep = a < b
    return a[keep].astype(np.int64), b[keep].astype(np.int64)


def _duplicates(plan: np.ndarray, a: np.ndarray, b: np.ndarray, tolerance: float) -> np.ndarray:
    if len(a) == 0:
        return np.zeros(0, dtype=bool)
    bounds_a, bounds_b = shapely.bounds(plan[a]), shapely.bounds(plan[b])
    near = np.all(np.abs(bounds_a - bounds_b) <= tolerance, axis=1)
    result = np.zeros(len(a), dtype=bool)
    if near.any():
        result[near] = shapely.hausdorff_distance(plan[a[near]], plan[b[near]]) <= tolerance
    return result


def gap_parts(union, boundary: np.ndarray | None, tolerance: float) -> np.ndarray:
    """Gap polygons from the union of all parcels: its holes or, with a planning boundary, the
    boundary's parts it does not cover; cracks no wider than the tolerance closed first."""
    if union is None:
        return np.array([], dtype=object)
    if tolerance > 0:  # close cracks narrower than the tolerance (reprojected shared edges rarely match exactly)
        union = shapely.buffer(
            shapely.buffer(union, tolerance / 2.0, join_style="mitre"), -tolerance / 2.0, join_style="mitre"
        )
    if boundary is not None and len(boundary):
        holes = shapely.difference(shapely.union_all(overlay.dissolve(boundary)), union)
        parts, _ = overlay.polygon_parts(np.array([holes], dtype=object))
    else:
        outer, _ = overlay.polygon_parts(np.array([union], dtype=object))
        rings, owner = shapely.get_rings(outer, return_index=True)
        exterior = np.r_[True, owner[1:] != owner[:-1]] if len(owner) else np.zeros(0, dtype=bool)
        parts = shapely.polygons(rings[~exterior])
    return parts[wider_than(parts, tolerance)]


def gap_neighbours(parts: np.ndarray, geometries: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(gap index, row) of every parcel (`geometries`, with their `rows`) touching a gap part."""
    if len(parts) == 0 or len(geometries) == 0:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    gap_index, plan_index = shapely.STRtree(geometries).query(parts, predicate="intersects")
    return gap_index.astype(np.int64), np.asarray(rows)[plan_index].astype(np.int64)


def gap_errors(parts: np.ndarray, geometries: np.ndarray, rows: np.ndarray) -> pd.DataFrame:
    """The 'gap' errors, each with the sorted rows of the parcels around it."""
    if len(parts) == 0:
        return _errors("gap", [], [], [], [])
    gap_index, plan_rows = gap_neighbours(parts, geometries, rows)
    return gap_frame(parts, gap_index, plan_rows)


def gap_frame(parts: np.ndarray, gap_index: np.ndarray, plan_rows: np.ndarray) -> pd.DataFrame:
    neighbours = pd.Series(plan_rows).groupby(gap_index).apply(lambda s: tuple(sorted(set(s.tolist()))))
    involved = [neighbours.get(i, ()) for i in range(len(parts))]
    return _errors("gap", involved, shapely.area(parts), [""] * len(parts), parts)


def _errors(kind: str, rows, area, detail, geometry) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "error_type": kind,
            "rows": pd.Series(list(rows), dtype=object),
            "plane_area_m2": np.asarray(area, dtype=float),
            "detail": pd.Series(list(detail), dtype=object),
            "geometry": pd.Series(list(geometry), dtype=object),
        }
    )
