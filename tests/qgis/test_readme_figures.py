"""Figures the README quotes from runs on the bundled sample data, asserted where they are
produced, so the README cannot drift from the code (issue 12.11). Tolerances are half a unit of
the README's last digit."""

from __future__ import annotations

import pytest

from ..conftest import SAMPLE_DATA
from .helpers import gpkg_layer

OSM = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"


def test_helsinki_park_coverage_rates_printed_by_make_demo(run):
    """README, Green city: "`make demo` prints the Helsinki coverage rates (77.3 % by area, 60.2 %
    by population)": the same steps as scripts/demo.d/30_greenspace.sh (the grid cells touching
    the OSM extract, then park coverage)."""
    cells = run(
        "native:extractbyextent",
        {
            "INPUT": gpkg_layer(GRID, "population_grid_2020"),
            "CLIP": False,
            "OUTPUT": "memory:",
            "EXTENT": "24.9351837,24.9534132,60.1641581,60.1791074 [EPSG:4326]",
        },
    )["OUTPUT"]
    result = run(
        "urbanization:parkcoverage",
        {
            "PARKS": gpkg_layer(OSM, "parks"),
            "PARK_NAME_FIELD": "name",
            "NETWORK": gpkg_layer(OSM, "roads"),
            "RESIDENTIAL": cells,
            "POPULATION_FIELD": "population",
            "STANDARD": "green300_park500",
            "SERVICE_AREAS": "memory:",
            "RESIDENTIAL_RESULT": "memory:",
            "UNDERSERVED": "memory:",
            "SUMMARY": "memory:",
        },
    )
    assert result["COVERAGE_RATE_AREA"] == pytest.approx(0.773, abs=0.0005)
    assert result["COVERAGE_RATE_POPULATION"] == pytest.approx(0.602, abs=0.0005)


def test_kunming_line1_express_saving_quoted_in_the_readme(run):
    """README, Metropolitan commuting: the documented line 1 express "saves riders at the southern
    end up to 4.8 min to 东风广场"."""
    result = run(
        "urbanization:expressservice",
        {
            "STATIONS": f"{SAMPLE_DATA / 'kunming_metro_sample.gpkg'}|layername=stations",
            "STATION_ID_FIELD": "station_id",
            "STATION_NAME_FIELD": "name",
            "LINE_FIELD": "line",
            "ORDER_FIELD": "order",
            "EXPRESS_FIELD": "express",
            "DESTINATION": "东风广场",
            "STATION_TIMES": "memory:",
        },
    )
    assert result["MAX_MINUTES_SAVED"] == pytest.approx(4.8, abs=0.05)
