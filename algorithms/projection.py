"""The working-CRS rule: in which CRS lengths and areas are measured. Pure: numpy and pyproj.

A layer's own CRS is used only when it is projected, in metres, and its scale error over the
data's extent is below MAX_SCALE_ERROR (0.1 %): the scale along both grid axes (from the
projection's Jacobian on the ellipsoid, see point_scales) is checked at the corners, edge
midpoints and centre of the extent.
Otherwise (geographic data, feet, Web Mercator, a Gauss-Kruger zone far from its central meridian)
the work is done in the CGCS2000 3-degree Gauss-Kruger zone of the extent's centre inside China, or
in the WGS84 UTM zone elsewhere. Within ±1.5° of its central meridian a 3-degree zone has a scale
error below 0.035 % (1 + (Δλ·cos φ)²/2), so CGCS2000 Gauss-Kruger data stays as it is; a UTM zone
(k0 = 0.9996) stays within 0.1 % of 1 across its 6° as well.
"""

from __future__ import annotations

import math

import numpy as np

MAX_SCALE_ERROR = 0.001  # 0.1 %: above it a CRS's "metres" are not metres on the ground
# The one rectangle that says "in China": the GCJ-02 offset's domain as every public implementation
# writes it (the coordinate conversion must agree with them), also where Gauss-Kruger zones apply.
CHINA_LON = (72.004, 137.8347)
CHINA_LAT = (0.8293, 55.8271)


class WorkingCrsError(ValueError):
    """The CRS cannot be understood or measured (pyproj could not read it); the message says why."""


def inside_china(lon, lat) -> np.ndarray:
    """True where (lon, lat) lies in the China rectangle (vectorised; scalars give a 0-d array)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    return (lon >= CHINA_LON[0]) & (lon <= CHINA_LON[1]) & (lat >= CHINA_LAT[0]) & (lat <= CHINA_LAT[1])


# every code metric_epsg_for can return: CGCS2000 3-degree GK zones CM 75E-135E, WGS84 UTM north and south
METRIC_EPSG_CODES = (*range(4534, 4555), *range(32601, 32661), *range(32701, 32761))


def metric_epsg_for(lon: float, lat: float) -> int:
    """EPSG code of a metric CRS fitting (lon, lat): inside China the CGCS2000 3-degree
    Gauss-Kruger zone by central meridian (EPSG:4534-4554, CM 75E-135E, no zone prefix, the
    convention of Chinese planning data), elsewhere the WGS84 UTM zone."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError("a finite longitude and latitude are needed to choose a metric CRS")
    if bool(inside_china(lon, lat)):
        central_meridian_index = round((lon - 75.0) / 3.0)
        return 4534 + min(max(central_meridian_index, 0), 20)
    zone = min(max(int((lon + 180.0) // 6.0) + 1, 1), 60)
    return (32600 if lat >= 0 else 32700) + zone


def _pyproj(crs):
    from pyproj import CRS

    try:
        return CRS.from_user_input(crs)
    except Exception as error:  # noqa: BLE001 (pyproj raises CRSError, TypeError, ...)
        raise WorkingCrsError(f"pyproj cannot read the CRS: {error}") from error


def horizontal_unit_metres(crs) -> float:
    """Metres per unit of the CRS's first axis (1 for metres, 0.3048006096 for US survey feet).
    Raises WorkingCrsError for a geographic CRS (degrees are not a length) or an unknown unit."""
    crs = _pyproj(crs)
    if crs.is_geographic:
        raise WorkingCrsError("a geographic CRS has no linear unit")
    factor = crs.axis_info[0].unit_conversion_factor if crs.axis_info else None
    if not factor or not math.isfinite(factor) or factor <= 0:
        raise WorkingCrsError(f"the CRS's axis unit is unknown: {crs.name}")
    return float(factor)


def extent_samples(bounds: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    """The corners, edge midpoints and centre of (xmin, ymin, xmax, ymax): 9 points."""
    xmin, ymin, xmax, ymax = bounds
    xs, ys = np.meshgrid([xmin, (xmin + xmax) / 2, xmax], [ymin, (ymin + ymax) / 2, ymax])
    return xs.ravel(), ys.ravel()


def point_scales(crs, xs, ys) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(scale along the x axis, along the y axis, areal scale) of the projected `crs` at points
    given in its own coordinates, its unit included: a scale of 1 means one CRS unit, read in its
    unit's metres, is one metre on the ellipsoid (areal: one unit² is that many m²). NaN where the
    projection is undefined.

    Computed from the projection's Jacobian (central differences of the inverse projection, with
    the ellipsoid's radii of curvature M and N cos φ), not from Proj.get_factors: Web Mercator
    (EPSG:3857) projects the ellipsoid's coordinates with the sphere's formulas, and get_factors
    reports the sphere's factors (equal in both directions), while on the ground its north-south
    scale is 0.5 % larger than its east-west scale at 25° N."""
    from pyproj import Transformer

    crs = _pyproj(crs)
    unit = horizontal_unit_metres(crs)
    to_lonlat = Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    h = np.maximum(1.0, 1e-9 * np.maximum(np.abs(xs), np.abs(ys)))  # units: well above rounding, far below curvature
    lon_e, lat_e = to_lonlat.transform(xs + h / 2, ys)
    lon_w, lat_w = to_lonlat.transform(xs - h / 2, ys)
    lon_n, lat_n = to_lonlat.transform(xs, ys + h / 2)
    lon_s, lat_s = to_lonlat.transform(xs, ys - h / 2)
    lat = np.radians((np.asarray(lat_e) + np.asarray(lat_w)) / 2.0)
    a, e2 = _ellipsoid(crs)
    w = 1.0 - e2 * np.sin(lat) ** 2
    radius_parallel, radius_meridian = a / np.sqrt(w) * np.cos(lat), a * (1.0 - e2) / w**1.5

    def ground(lon1, lat1, lon2, lat2):  # (east, north) metres per CRS unit
        dlon = (np.asarray(lon1) - np.asarray(lon2) + 180.0) % 360.0 - 180.0
        return (
            np.radians(dlon) * radius_parallel / h,
            np.radians(np.asarray(lat1) - np.asarray(lat2)) * radius_meridian / h,
        )

    ex, nx = ground(lon_e, lat_e, lon_w, lat_w)
    ey, ny = ground(lon_n, lat_n, lon_s, lat_s)
    with np.errstate(divide="ignore", invalid="ignore"):
        along_x = unit / np.hypot(ex, nx)
        along_y = unit / np.hypot(ey, ny)
        areal = unit * unit / np.abs(ex * ny - nx * ey)
    return along_x, along_y, areal


def scale_error(crs, bounds: tuple[float, float, float, float]) -> float:
    """Largest |scale - 1| of the projected `crs` over `bounds` (its own coordinates): how far
    its lengths, read in its unit and converted to metres, are from metres on the ground (a CRS
    in feet is fine; Web Mercator at 25° N is 10 % off). inf where the projection is undefined."""
    xs, ys = extent_samples(bounds)
    along_x, along_y, _ = point_scales(crs, xs, ys)
    errors = np.abs(np.concatenate([along_x, along_y]) - 1.0)
    return float(np.max(errors)) if np.isfinite(errors).all() else math.inf


def true_to_scale(crs, bounds: tuple[float, float, float, float]) -> bool:
    """True when the projected `crs` measures lengths over `bounds` within MAX_SCALE_ERROR."""
    return scale_error(crs, bounds) < MAX_SCALE_ERROR


def keeps_own_crs(crs, bounds: tuple[float, float, float, float]) -> bool:
    """The working-CRS rule: True when data in `crs` over `bounds` can be measured as it is
    (projected, in metres, scale error below MAX_SCALE_ERROR)."""
    crs = _pyproj(crs)
    if crs.is_geographic or crs.geodetic_crs is None or horizontal_unit_metres(crs) != 1.0:
        return False
    return true_to_scale(crs, bounds)


def working_epsg(crs, bounds: tuple[float, float, float, float]) -> int | None:
    """None when data in `crs` over `bounds` (its own coordinates) may be measured in `crs`;
    otherwise the EPSG code of the Gauss-Kruger/UTM zone of the extent's centre."""
    crs = _pyproj(crs)
    if keeps_own_crs(crs, bounds):
        return None
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    xmin, ymin, xmax, ymax = bounds
    lon, lat = to_lonlat.transform((xmin + xmax) / 2.0, (ymin + ymax) / 2.0)
    return metric_epsg_for(float(lon), float(lat))


def _ellipsoid(crs=None) -> tuple[float, float]:
    """(semi-major axis in m, first eccentricity squared) of `crs`'s ellipsoid (GRS80 by default)."""
    a, inverse_f = 6378137.0, 298.257222101
    if crs is not None:
        ellipsoid = _pyproj(crs).ellipsoid
        if ellipsoid is not None:
            a, inverse_f = ellipsoid.semi_major_metre, ellipsoid.inverse_flattening or math.inf
    return a, 0.0 if math.isinf(inverse_f) else (2.0 - 1.0 / inverse_f) / inverse_f


def metres_per_degree(lat: float, crs=None) -> tuple[float, float]:
    """Metres per degree of longitude and of latitude at `lat` on the ellipsoid (N cos φ, M)."""
    a, e2 = _ellipsoid(crs)
    w = 1.0 - e2 * math.sin(math.radians(lat)) ** 2
    return (
        math.radians(1.0) * a / math.sqrt(w) * math.cos(math.radians(lat)),
        math.radians(1.0) * a * (1.0 - e2) / w**1.5,
    )


def geographic_row_areas(transform, rows: int, crs=None) -> np.ndarray:
    """Area in m² of one cell in each row of a north-up longitude/latitude grid, on the ellipsoid
    of `crs` (GRS80/CGCS2000 when not given): exact, from the authalic latitude formula."""
    a, e2 = _ellipsoid(crs)
    top = transform.f + transform.e * np.arange(rows)
    bottom = top + transform.e
    lat1 = np.radians(np.clip(np.minimum(top, bottom), -90.0, 90.0))
    lat2 = np.radians(np.clip(np.maximum(top, bottom), -90.0, 90.0))

    def q(phi):  # the ellipsoid's authalic function: area from the equator is a²(1-e²)/2 Δλ q(φ)
        s = np.sin(phi)
        if e2 == 0.0:
            return 2.0 * s
        e = math.sqrt(e2)
        return s / (1.0 - e2 * s * s) + np.log((1.0 + e * s) / (1.0 - e * s)) / (2.0 * e)

    return a * a * (1.0 - e2) / 2.0 * math.radians(abs(transform.a)) * (q(lat2) - q(lat1))


def projected_row_areas(crs, transform, shape: tuple[int, int], exact: bool, samples: int = 5) -> np.ndarray:
    """Area in m² of one cell in each row of a north-up grid in the projected `crs`: the nominal
    cell area in the CRS's unit converted to m², divided, when `exact`, by the areal scale at
    `samples` points along the row (their mean; exact for cylindrical projections such as Web
    Mercator, whose scale varies with latitude only)."""
    rows, cols = shape
    unit = horizontal_unit_metres(crs)
    nominal = abs(transform.a * transform.e) * unit * unit
    if not exact:
        return np.full(rows, nominal, dtype=np.float64)
    columns = (np.arange(samples) + 0.5) * cols / samples
    centres = np.arange(rows) + 0.5
    col_grid, row_grid = np.meshgrid(columns, centres)
    xs = transform.c + col_grid * transform.a + row_grid * transform.b
    ys = transform.f + col_grid * transform.d + row_grid * transform.e
    areal = point_scales(crs, xs.ravel(), ys.ravel())[2].reshape(rows, samples) / (unit * unit)
    if not np.isfinite(areal).all():
        raise WorkingCrsError("the DEM reaches beyond where its CRS is defined")
    return nominal / areal.mean(axis=1)


def cell_size_metres(crs, transform, shape: tuple[int, int]) -> tuple[float, float]:
    """Ground width and height in metres of a cell at the centre of a north-up grid in `crs`
    (geographic or projected): what slope and flow direction need, whatever the CRS's unit."""
    rows, cols = shape
    x = transform.c + transform.a * cols / 2.0
    y = transform.f + transform.e * rows / 2.0
    if _pyproj(crs).is_geographic:
        along_parallel, along_meridian = metres_per_degree(y, crs)
        return abs(transform.a) * along_parallel, abs(transform.e) * along_meridian
    unit = horizontal_unit_metres(crs)
    along_x, along_y, _ = point_scales(crs, [x], [y])
    size = (abs(transform.a) * unit / float(along_x[0]), abs(transform.e) * unit / float(along_y[0]))
    if not all(math.isfinite(v) and v > 0 for v in size):
        raise WorkingCrsError("the DEM's centre lies where its CRS is not defined")
    return size


def grid_cell_measures(crs, transform, shape: tuple[int, int]) -> tuple[np.ndarray, tuple[float, float]]:
    """(m² of one cell per row, ground width and height of a cell at the centre) of a north-up grid
    in `crs`: by latitude on the ellipsoid when geographic; in the CRS's unit converted to metres
    when it is true to scale over the grid, else divided by the projection's areal scale."""
    rows, cols = shape
    if _pyproj(crs).is_geographic:
        return geographic_row_areas(transform, rows, crs), cell_size_metres(crs, transform, shape)
    xs = (transform.c, transform.c + transform.a * cols)
    ys = (transform.f, transform.f + transform.e * rows)
    bounds = (min(xs), min(ys), max(xs), max(ys))
    exact = not true_to_scale(crs, bounds)
    return projected_row_areas(crs, transform, shape, exact=exact), cell_size_metres(crs, transform, shape)
