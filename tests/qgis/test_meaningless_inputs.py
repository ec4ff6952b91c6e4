"""A wrong input never ends in a silent 0 %: park points without an area field (the help says the
field is needed for points) stop the run with an error naming the layer and what to do."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from tests.qgis.helpers import memory_layer

CRS = "EPSG:3067"  # ETRS-TM35FIN, metres
HOMES = ["POLYGON((0 0, 100 0, 100 100, 0 100, 0 0))", "POLYGON((200 0, 300 0, 300 100, 200 100, 200 0))"]
PARK_POINTS = ["POINT(150 50)", "POINT(50 150)"]


def _parameters(parks, **extra) -> dict:
    homes = memory_layer("Polygon", CRS, HOMES, {"population": [10, 20]}, name="homes")
    return {
        "PARKS": parks,
        "RESIDENTIAL": homes,
        "POPULATION_FIELD": "population",
        "STANDARD": "green300_park500",
        "SERVICE_AREAS": "memory:",
        "RESIDENTIAL_RESULT": "memory:",
        "UNDERSERVED": "memory:",
        "SUMMARY": "memory:",
        **extra,
    }


@pytest.mark.parametrize("algorithm_id", ["urbanization:parkcoverage", "urbanization:parkequity"])
def test_park_points_without_area_field_are_an_error(run, algorithm_id):
    parks = memory_layer("Point", CRS, PARK_POINTS, {"area": [5000.0, 800.0]}, name="park points")
    parameters = _parameters(parks)
    if algorithm_id.endswith("parkequity"):
        parameters = {
            k: v for k, v in parameters.items() if k not in ("SERVICE_AREAS", "RESIDENTIAL_RESULT", "UNDERSERVED")
        }
        parameters["OUTPUT"] = "memory:"
    with pytest.raises(QgsProcessingException, match="park area field"):
        run(algorithm_id, parameters)


def test_park_points_with_an_empty_area_field_are_an_error(run):
    parks = memory_layer("Point", CRS, PARK_POINTS, {"area": [None, 0.0]}, name="park points")
    with pytest.raises(QgsProcessingException, match="'area'"):
        run("urbanization:parkcoverage", _parameters(parks, PARK_SIZE_FIELD="area"))


def test_park_points_with_their_area_field_run(run):
    """The same points with the area field: a real result (both homes within 300 m of a 5000 m² park)."""
    parks = memory_layer("Point", CRS, PARK_POINTS, {"area": [5000.0, 800.0]}, name="park points")
    results = run("urbanization:parkcoverage", _parameters(parks, PARK_SIZE_FIELD="area"))
    assert results["COVERAGE_RATE_AREA"] > 0
