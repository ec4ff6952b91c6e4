"""Input hygiene shared by the green-city engines: duplicate geometries, population values,
district membership. Pure."""

from __future__ import annotations

import numpy as np
import shapely

OUTSIDE = "(outside districts)"
ALL = "(all)"


def duplicate_mask(geometries) -> np.ndarray:
    """True for every geometry that repeats an earlier one exactly (same shape after
    normalisation): a duplicated park or block would count its area twice."""
    geometries = np.asarray(geometries, dtype=object)
    keys = shapely.to_wkb(shapely.normalize(geometries))
    _, first = np.unique(keys, return_index=True)
    mask = np.ones(len(geometries), dtype=bool)
    mask[first] = False
    return mask


def clean_population(values) -> tuple[np.ndarray, int, int]:
    """Population as floats: nulls and non-numbers become 0 (counted), negatives become 0
    (counted). Returns (population, n_null, n_negative)."""
    raw = np.array([_number(v) for v in values], dtype=float)
    null = ~np.isfinite(raw)
    negative = np.isfinite(raw) & (raw < 0)
    clean = np.where(null | negative, 0.0, raw)
    return clean, int(null.sum()), int(negative.sum())


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def district_of(points, districts, names) -> np.ndarray:
    """Name of the district polygon containing each point (first match), OUTSIDE when none."""
    points = np.asarray(points, dtype=object)
    result = np.full(len(points), OUTSIDE, dtype=object)
    if districts is None or len(districts) == 0 or len(points) == 0:
        return result
    districts = np.asarray(districts, dtype=object)
    names = np.asarray([OUTSIDE if n is None else str(n) for n in names], dtype=object)
    tree = shapely.STRtree(districts)
    point_index, district_index = tree.query(points, predicate="intersects")
    order = np.lexsort((district_index, point_index))
    point_index, district_index = point_index[order], district_index[order]
    first = np.r_[True, point_index[1:] != point_index[:-1]] if point_index.size else np.zeros(0, bool)
    result[point_index[first]] = names[district_index[first]]
    return result


def covered_share(geometries, covered) -> tuple[np.ndarray, np.ndarray]:
    """Share of each polygon's area inside `covered` (a polygon or None; points: 1 inside, else 0)
    and the uncovered part of each geometry (None when wholly covered). The overlay runs only
    for polygons crossing the covered boundary, against their own small intersection, so a large
    covered area costs one prepared predicate per feature."""
    geometries = np.asarray(geometries, dtype=object)
    share = np.zeros(len(geometries))
    rest = geometries.copy()
    if covered is None or shapely.is_empty(covered) or len(geometries) == 0:
        return share, rest
    shapely.prepare(covered)
    area = shapely.area(geometries)
    polygon = area > 0
    inside = shapely.contains_properly(covered, geometries)
    share[inside] = 1.0
    rest[inside] = None
    touching = polygon & ~inside & shapely.intersects(covered, geometries)
    if touching.any():
        part = shapely.intersection(geometries[touching], covered)
        share[touching] = shapely.area(part) / area[touching]
        rest[touching] = shapely.difference(geometries[touching], part)
    points = ~polygon & ~inside
    hit = shapely.intersects(covered, geometries[points])
    share[points] = hit.astype(float)
    rest[np.flatnonzero(points)[hit]] = None
    return np.clip(share, 0.0, 1.0), rest
