"""Ellipsoidal areas on the CGCS2000 ellipsoid, the areas official 三调 statistics use (图斑椭球面积),
without QGIS. Pure (pyproj, shapely 2).

Polygons in any projected or geographic CRS are taken to CGCS2000 longitude/latitude (EPSG:4490)
and measured with pyproj.Geod on the CGCS2000 ellipsoid (a = 6 378 137 m, 1/f = 298.257222101,
GB 22021-2008 / EPSG:1024). Plane areas in a Gauss-Kruger CRS differ from these by the projection's
scale error (up to about 0.1 % at a 3-degree zone's edge), which is why both are reported.
"""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

CGCS2000_A = 6378137.0
CGCS2000_RF = 298.257222101
CGCS2000_GEOGRAPHIC = "EPSG:4490"
GEOD = pyproj.Geod(a=CGCS2000_A, rf=CGCS2000_RF)


def to_cgcs2000_lonlat(geometries: np.ndarray, crs) -> np.ndarray:
    """`geometries` (in `crs`, anything pyproj.CRS accepts) as CGCS2000 longitude/latitude."""
    geometries = np.asarray(geometries, dtype=object)
    source = pyproj.CRS.from_user_input(crs)
    if source.equals(pyproj.CRS.from_user_input(CGCS2000_GEOGRAPHIC), ignore_axis_order=True):
        return geometries
    transformer = pyproj.Transformer.from_crs(source, CGCS2000_GEOGRAPHIC, always_xy=True)
    return shapely.transform(geometries, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def ellipsoidal_area(geometries: np.ndarray, crs) -> np.ndarray:
    """Area (m²) of each polygonal geometry on the CGCS2000 ellipsoid; 0 for empty or None."""
    lonlat = to_cgcs2000_lonlat(geometries, crs)
    areas = np.zeros(len(lonlat), dtype=float)
    parts, index = shapely.get_parts(lonlat, return_index=True)
    polygon = shapely.get_type_id(parts) == shapely.GeometryType.POLYGON
    for part, row in zip(parts[polygon], index[polygon]):
        areas[row] += _polygon_area(part)
    return areas


def _polygon_area(polygon) -> float:
    """Shell minus holes; Geod's sign depends on ring orientation, so absolute values are used."""
    area = abs(_ring_area(polygon.exterior))
    for hole in polygon.interiors:
        area -= abs(_ring_area(hole))
    return max(area, 0.0)


def _ring_area(ring) -> float:
    coords = np.asarray(ring.coords)
    if len(coords) < 4:
        return 0.0
    area, _ = GEOD.polygon_area_perimeter(coords[:, 0], coords[:, 1])
    return float(area)
