"""The working CRS (algorithms/projection.py): the zone for longitude/latitude data, and when a
layer's own projected CRS is true enough to scale (0.1 %) to measure in."""

import math

import numpy as np
import pytest
from affine import Affine
from pyproj import CRS, Transformer

from urbanization_planning.algorithms import projection
from urbanization_planning.algorithms.projection import metric_epsg_for


@pytest.mark.parametrize(
    ("lon", "lat", "epsg"),
    [
        (102.71, 25.04, 4543),  # Kunming: CGCS2000 3-degree GK CM 102E
        (100.23, 26.87, 4542),  # Lijiang: CM 99E (100.23 is nearer 99 than 102)
        (116.40, 39.90, 4548),  # Beijing: CM 117E
        (24.94, 60.17, 32635),  # Helsinki: UTM 35N
        (20.42, -34.03, 32734),  # Swellendam: UTM 34S
        (-118.2, 34.3, 32611),  # Big Tujunga: UTM 11N
    ],
)
def test_metric_epsg(lon, lat, epsg):
    assert metric_epsg_for(lon, lat) == epsg


def test_non_finite_coordinates_are_rejected():
    with pytest.raises(ValueError):
        metric_epsg_for(float("nan"), 25.0)


# --- the working-CRS rule ----------------------------------------------------------------------


def _bounds_around(crs, lon, lat, half_width_m=5000.0):
    x, y = Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform(lon, lat)
    return (x - half_width_m, y - half_width_m, x + half_width_m, y + half_width_m)


def test_web_mercator_scale_at_kunming_is_measured_on_the_ellipsoid():
    # Hand values at 25 N: east-west a / (N cos phi) = sec(phi) sqrt(1 - e2 sin2 phi); north-south
    # a sec(phi) / M = sec(phi) (1 - e2 sin2 phi)^1.5 / (1 - e2)
    e2, phi = 0.00669437999014, math.radians(25.0)
    w = 1 - e2 * math.sin(phi) ** 2
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True).transform(102.7, 25.0)
    along_x, along_y, areal = projection.point_scales("EPSG:3857", [x], [y])
    assert along_x[0] == pytest.approx(math.sqrt(w) / math.cos(phi), rel=1e-7)  # 1.1027: lengths 10 % long
    assert along_y[0] == pytest.approx(w**1.5 / (1 - e2) / math.cos(phi), rel=1e-7)  # 1.1088
    assert areal[0] == pytest.approx(along_x[0] * along_y[0], rel=1e-7)  # areas 22 % large
    assert projection.working_epsg("EPSG:3857", _bounds_around("EPSG:3857", 102.7, 25.0)) == 4543
    helsinki = projection.point_scales(
        "EPSG:3857", *Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True).transform([24.94], [60.17])
    )
    assert 1.99 < helsinki[0][0] < 2.01 and 3.98 < helsinki[2][0] < 4.04  # twice as long, four times as large


@pytest.mark.parametrize("epsg", list(range(4513, 4534)) + list(range(4534, 4555)))
def test_cgcs2000_gauss_kruger_zones_keep_their_own_crs_within_their_zone(epsg):
    """Every 3-degree zone, with (4513-4533) and without (4534-4554) the zone prefix: data reaching
    1.4 degrees from the central meridian, from 18 N to 53 N, stays in its own CRS."""
    crs = CRS.from_epsg(epsg)
    central = next(p.value for p in crs.coordinate_operation.params if "longitude" in p.name.lower())
    for lat in (18.0, 25.0, 40.0, 53.0):
        to = Transformer.from_crs("EPSG:4490", crs, always_xy=True)
        west, south = to.transform(central - 1.4, lat)
        east, north = to.transform(central + 1.4, lat + 0.05)
        bounds = (min(west, east), min(south, north), max(west, east), max(south, north))
        assert projection.scale_error(crs, bounds) < 0.00035
        assert projection.working_epsg(crs, bounds) is None
    # the same zone 6 degrees away from its meridian is not true to scale: the local zone is used
    far = _bounds_around(crs, central + 6.0, 30.0)
    assert projection.working_epsg(crs, far) == projection.metric_epsg_for(central + 6.0, 30.0)


def test_utm_zone_keeps_its_own_crs_and_feet_do_not():
    assert projection.working_epsg("EPSG:32648", _bounds_around("EPSG:32648", 102.7, 25.0)) is None
    feet = "+proj=utm +zone=48 +datum=WGS84 +units=us-ft +no_defs"
    bounds = _bounds_around(feet, 102.7, 25.0, 10000.0)
    assert projection.horizontal_unit_metres(feet) == pytest.approx(1200 / 3937)
    assert projection.true_to_scale(feet, bounds)  # a foot is a foot on the ground ...
    assert projection.working_epsg(feet, bounds) == 4543  # ... but distances in metres need metres


def test_geographic_input_goes_to_its_zone():
    assert projection.working_epsg("EPSG:4490", (102.6, 24.9, 102.8, 25.1)) == 4543
    assert projection.working_epsg("EPSG:4326", (24.8, 60.1, 25.0, 60.3)) == 32635


def test_row_areas_of_a_web_mercator_grid_are_ground_areas():
    # 10 x 10 Mercator-unit cells at 25 N are 10 / 1.1027 by 10 / 1.1088 m on the ground
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True).transform(102.7, 25.0)
    transform = Affine(10.0, 0, x, 0, -10.0, y + 5.0)
    areas = projection.projected_row_areas("EPSG:3857", transform, (1, 4), exact=True)
    along_x, along_y, _ = projection.point_scales("EPSG:3857", [x + 20.0], [y])
    assert areas[0] == pytest.approx(100.0 / (along_x[0] * along_y[0]), rel=1e-6)
    assert projection.projected_row_areas("EPSG:3857", transform, (1, 4), exact=False)[0] == 100.0
    width, height = projection.cell_size_metres("EPSG:3857", Affine(10.0, 0, x - 20, 0, -10.0, y + 20), (4, 4))
    assert (width, height) == pytest.approx((10 / along_x[0], 10 / along_y[0]), rel=1e-6)


def test_one_china_rectangle():
    from urbanization_planning.algorithms.coordinates import chinese

    assert chinese.inside_china is projection.inside_china
    assert projection.inside_china(np.array([102.7, 24.9, 113.3]), np.array([25.0, 60.2, 3.0])).tolist() == [
        True,
        False,
        True,
    ]  # Kunming, Helsinki, James Shoal (Zengmu Ansha)
    assert projection.metric_epsg_for(112.3, 16.8) == 4546  # Xisha (Paracel) Islands: CM 111E


def test_unreadable_crs_is_an_error():
    with pytest.raises(projection.WorkingCrsError):
        projection.working_epsg("not a crs", (0, 0, 1, 1))


def test_grid_cell_measures_choose_nominal_or_exact_areas():
    # a Gauss-Kruger grid on its meridian: nominal 10 x 10 m; in US feet: converted; Web Mercator: exact
    gk = Affine(10.0, 0, 499000.0, 0, -10.0, 2546000.0)
    areas, size = projection.grid_cell_measures("EPSG:4547", gk, (200, 200))
    assert (areas == 100.0).all() and size == pytest.approx((10.0, 10.0), rel=1e-4)
    foot = 1200 / 3937
    feet = "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=us-ft +no_defs"
    areas, size = projection.grid_cell_measures(
        feet, Affine(10 / foot, 0, 499000 / foot, 0, -10 / foot, 2546000 / foot), (200, 200)
    )
    assert areas == pytest.approx(100.0, rel=1e-9) and size == pytest.approx((10.0, 10.0), rel=1e-4)
    x, y = Transformer.from_crs("EPSG:4547", "EPSG:3857", always_xy=True).transform(500000.0, 2545000.0)
    areas, _ = projection.grid_cell_measures("EPSG:3857", Affine(10.0, 0, x, 0, -10.0, y), (3, 3))
    assert 100 / 1.21 < areas[0] < 100 / 1.17  # sec²(23°) = 1.18: Mercator m² are 18-19 % large there
    areas, size = projection.grid_cell_measures("EPSG:4490", Affine(1e-4, 0, 114.0, 0, -1e-4, 23.0), (2, 2))
    assert areas[0] == pytest.approx(size[0] * size[1], rel=1e-4)
