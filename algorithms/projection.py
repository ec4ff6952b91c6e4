"""Choosing a metric CRS for data given in longitude/latitude. Pure."""

from __future__ import annotations

import math


def inside_china_bbox(lon: float, lat: float) -> bool:
    """The rough rectangle used to decide that a place is in China (Gauss-Kruger zones apply)."""
    return 73.0 <= lon <= 135.5 and 18.0 <= lat <= 53.6


def metric_epsg_for(lon: float, lat: float) -> int:
    """EPSG code of a metric CRS fitting (lon, lat): inside China the CGCS2000 3-degree
    Gauss-Kruger zone by central meridian (EPSG:4534-4554, CM 75E-135E, no zone prefix, the
    convention of Chinese planning data), elsewhere the WGS84 UTM zone."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError("a finite longitude and latitude are needed to choose a metric CRS")
    if inside_china_bbox(lon, lat):
        central_meridian_index = round((lon - 75.0) / 3.0)
        return 4534 + min(max(central_meridian_index, 0), 20)
    zone = min(max(int((lon + 180.0) // 6.0) + 1, 1), 60)
    return (32600 if lat >= 0 else 32700) + zone
