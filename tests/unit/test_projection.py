"""Metric CRS choice for longitude/latitude data."""

import pytest

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
