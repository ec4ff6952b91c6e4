"""The per-unit summary table and the development-boundary conflicts of an evaluation, from the
area sums of suitability.evaluate_block. Pure: numpy, pandas, shapely, geopandas.

A cell excluded for two reasons counts once in excluded_m2 and once under each reason's column,
so the reason columns may add up to more than excluded_m2.
"""

from __future__ import annotations

import numpy as np

from . import overlays as ov


def coverage(units, metric_crs, footprint) -> tuple[np.ndarray, np.ndarray]:
    """(CGCS2000 ellipsoidal area, ellipsoidal area outside the DEM's `footprint`) of each unit, m²
    (units and footprint polygon in `metric_crs`)."""
    import shapely

    from ..zoning.ellipsoid import ellipsoidal_area

    geometries = np.asarray(units.geometry.values, dtype=object)
    outside = shapely.difference(geometries, footprint)
    return ellipsoidal_area(geometries, metric_crs), ellipsoidal_area(np.asarray(outside, dtype=object), metric_crs)


def footprint(transform, shape: tuple[int, int], grid_crs, metric_crs):
    """The DEM's rectangle in `metric_crs` (edges densified to 100 points a side before moving)."""
    import geopandas as gpd
    import shapely

    rows, cols = shape
    xs = (transform.c, transform.c + transform.a * cols)
    ys = (transform.f, transform.f + transform.e * rows)
    box = shapely.box(min(xs), min(ys), max(xs), max(ys))
    box = shapely.segmentize(box, max(abs(xs[1] - xs[0]), abs(ys[1] - ys[0])) / 100.0)
    return gpd.GeoSeries([box], crs=grid_crs).to_crs(metric_crs).iloc[0]


def summary_frame(sums: dict, names: list[str], unit_m2=None, outside_m2=None):
    """One row per unit: name, the area sums (m²), the 坝区 and 山区宜建地 shares of the evaluated
    area (%), and with units the unit's area and its area outside the DEM."""
    import pandas as pd

    frame = pd.DataFrame({"eval_unit": names})
    if unit_m2 is not None:
        frame["unit_m2"] = unit_m2
        frame["outside_dem_m2"] = outside_m2
    for name, values in sums.items():
        frame[name] = values
    evaluated = frame["evaluated_m2"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["bazi_pct"] = np.where(evaluated > 0, 100.0 * frame["bazi_m2"] / evaluated, 0.0)
        frame["mountain_pct"] = np.where(evaluated > 0, 100.0 * frame["mountain_m2"] / evaluated, 0.0)
    return frame


def conflicts_frame(conflicts: np.ndarray, names: list[str]):
    """One row per (development boundary feature, exclusion reason) with area on that reason's
    land: feature, reason, reason_zh, area_m2; largest first."""
    import pandas as pd

    rows = []
    for k, name in enumerate(names):
        for r, reason in enumerate(ov.REASONS):
            if conflicts.shape[0] and conflicts[k, r] > 0:
                rows.append((name, reason, ov.REASON_LABELS[reason][1], float(conflicts[k, r])))
    frame = pd.DataFrame(rows, columns=["boundary", "reason", "reason_zh", "area_m2"])
    return frame.sort_values("area_m2", ascending=False, ignore_index=True, kind="stable")
