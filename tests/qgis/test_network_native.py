"""The network engine against QGIS's native:serviceareafromlayer on the real Helsinki OSM network:
the same start points and cut-off reach the same total street length (within 1 %)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from tests.conftest import SAMPLE_DATA
from tests.qgis.helpers import gpkg_layer
from urbanization_planning.algorithms import network as nw

GPKG = SAMPLE_DATA / "helsinki_osm_layers.gpkg"


def _geometries(layer) -> np.ndarray:
    return np.array([shapely.from_wkb(bytes(f.geometry().asWkb())) for f in layer.getFeatures()], dtype=object)


@pytest.fixture(scope="module")
def projected(processing_ready):
    import processing

    roads = processing.run(
        "native:reprojectlayer", {"INPUT": gpkg_layer(GPKG, "roads"), "TARGET_CRS": "EPSG:3067", "OUTPUT": "memory:"}
    )["OUTPUT"]
    stations = processing.run(
        "native:reprojectlayer",
        {"INPUT": gpkg_layer(GPKG, "rail_stations"), "TARGET_CRS": "EPSG:3067", "OUTPUT": "memory:"},
    )["OUTPUT"]
    return roads, stations


@pytest.mark.parametrize("cutoff", [300.0, 800.0])
def test_reached_length_matches_native_service_area(projected, cutoff):
    import processing

    roads, stations = projected
    native = processing.run(
        "native:serviceareafromlayer",
        {
            "INPUT": roads,
            "STRATEGY": 0,
            "DEFAULT_DIRECTION": 2,
            "TOLERANCE": 0,
            "START_POINTS": stations,
            "TRAVEL_COST2": cutoff,
            "INCLUDE_BOUNDS": False,
            "OUTPUT_LINES": "memory:",
        },
    )["OUTPUT_LINES"]
    native_lines = shapely.union_all(_geometries(native))

    net = nw.build_network(_geometries(roads))
    net, (snap,) = nw.with_points(net, _geometries(stations))
    assert snap.reachable.all()
    result = nw.multi_source(net, snap.node, cutoff=cutoff)
    segments = nw.reached_segments(net, result.distance, cutoff)
    ours = shapely.union_all(nw.segment_lines(net, segments))
    assert segments.total_length == pytest.approx(ours.length, rel=1e-4)
    # Native writes each edge once per direction walked and partial pieces from both ends whose
    # interpolated ends are a few nanometres off the line, so a line union cannot dissolve them:
    # measure both dissolved networks the same robust way (1 cm flat buffer area / 1 cm).
    assert _dissolved_length(ours) == pytest.approx(_dissolved_length(native_lines), rel=0.01)
    assert _dissolved_length(ours) > 10 * cutoff  # a real catchment, not a degenerate one
    # And the same streets: neither reaches more than 0.5 % that the other does not.
    assert shapely.difference(native_lines, shapely.buffer(ours, 0.001)).length < 0.005 * ours.length
    assert shapely.difference(ours, shapely.buffer(native_lines, 0.001)).length < 0.005 * ours.length


def _dissolved_length(lines) -> float:
    return shapely.buffer(lines, 0.005, cap_style="flat").area / 0.01
