"""Vectorised conversion between WGS84, GCJ-02 (AMap, Tencent) and BD-09 (Baidu) lon/lat.

GCJ-02 is WGS84 plus a published, deliberately non-linear offset that is defined only inside
China; BD-09 is GCJ-02 with a further rotation and shift. The reverse directions have no closed
form, so they are solved by fixed-point iteration to well below a millimetre. Pure: numpy only.
"""

from __future__ import annotations

import numpy as np

from ..projection import inside_china  # the one China rectangle (the GCJ-02 offset's domain)

SYSTEMS = ("wgs84", "gcj02", "bd09")

_A = 6378245.0  # semi-major axis of the Krasovsky ellipsoid the GCJ-02 offset is defined on
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = np.pi * 3000.0 / 180.0
_TOLERANCE_DEG = 1e-10  # about 0.01 mm: the iterative inverses stop below this
_MAX_ITERATIONS = 30


def _offset_lat(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _wgs84_to_gcj02_everywhere(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    return lon + dlon, lat + dlat


def _gcj02_to_bd09_everywhere(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def _invert(forward, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve forward(x) = (lon, lat) for x by fixed-point iteration (the offsets are small)."""
    x, y = lon.copy(), lat.copy()
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(x, y)
        dx, dy = lon - fx, lat - fy
        x += dx
        y += dy
        if np.all(np.abs(dx) < _TOLERANCE_DEG) and np.all(np.abs(dy) < _TOLERANCE_DEG):
            break
    return x, y


def _gcj02_to_wgs84_everywhere(lon, lat):
    return _invert(_wgs84_to_gcj02_everywhere, lon, lat)


def _bd09_to_gcj02_everywhere(lon, lat):
    return _invert(_gcj02_to_bd09_everywhere, lon, lat)


def _to_gcj02(system: str, lon, lat):
    if system == "wgs84":
        return _wgs84_to_gcj02_everywhere(lon, lat)
    if system == "bd09":
        return _bd09_to_gcj02_everywhere(lon, lat)
    return lon, lat


def _from_gcj02(system: str, lon, lat):
    if system == "wgs84":
        return _gcj02_to_wgs84_everywhere(lon, lat)
    if system == "bd09":
        return _gcj02_to_bd09_everywhere(lon, lat)
    return lon, lat


def convert(lon, lat, source: str, target: str) -> tuple[np.ndarray, np.ndarray]:
    """Convert lon/lat arrays from one system to another; points outside China pass unchanged."""
    for name in (source, target):
        if name not in SYSTEMS:
            raise ValueError(f"unknown coordinate system {name!r}; expected one of {SYSTEMS}")
    lon = np.array(lon, dtype=float, copy=True)
    lat = np.array(lat, dtype=float, copy=True)
    if source == target or lon.size == 0:
        return lon, lat
    inside = inside_china(lon, lat)
    if not inside.any():
        return lon, lat
    glon, glat = _to_gcj02(source, lon[inside], lat[inside])
    tlon, tlat = _from_gcj02(target, glon, glat)
    lon[inside], lat[inside] = tlon, tlat
    return lon, lat


def convert_xy(coords: np.ndarray, source: str, target: str) -> np.ndarray:
    """Convert an (n, 2) array of lon/lat pairs; the shape `shapely.transform` passes and expects."""
    coords = np.asarray(coords, dtype=float)
    lon, lat = convert(coords[:, 0], coords[:, 1], source, target)
    return np.column_stack([lon, lat])
