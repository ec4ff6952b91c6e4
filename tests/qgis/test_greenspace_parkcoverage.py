"""urbanization:parkcoverage by id on the bundled Helsinki sample (OSM roads and parks, HSY
population grid, all EPSG:4326) and on small generated layers for bad input."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import SAMPLE_DATA
from tests.qgis.helpers import gpkg_layer, memory_layer

OSM = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"


def _helsinki(**extra):
    parameters = {
        "PARKS": gpkg_layer(OSM, "parks"),
        "PARK_NAME_FIELD": "name",
        "NETWORK": gpkg_layer(OSM, "roads"),
        "RESIDENTIAL": gpkg_layer(GRID, "population_grid_2020"),
        "POPULATION_FIELD": "population",
        "STANDARD": "green300_park500",
        "SERVICE_AREAS": "memory:",
        "RESIDENTIAL_RESULT": "memory:",
        "UNDERSERVED": "memory:",
        "SUMMARY": "memory:",
    }
    parameters.update(extra)
    return parameters


def _layer(context_or_results, key) -> QgsVectorLayer:
    value = context_or_results[key]
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(value)


def test_helsinki_park_coverage(run, tmp_path):
    report = tmp_path / "coverage.html"
    results = run("urbanization:parkcoverage", _helsinki(REPORT=str(report)))
    assert results["MODE"] == "network"
    assert 0 < results["COVERAGE_RATE_AREA"] < 1
    assert 0 < results["COVERAGE_RATE_POPULATION"] < 1
    homes = _layer(results, "RESIDENTIAL_RESULT")
    assert homes.featureCount() == 22  # every cell of the sample grid
    assert homes.crs().authid() == "EPSG:4326"
    names = homes.fields().names()
    for column in ("park_id", "park_name", "distance_m", "covered", "covered_share", "reachable", "mode", "on_island"):
        assert column in names
    covered = [f for f in homes.getFeatures() if f["covered"]]
    assert covered and all(f["distance_m"] <= f["radius_m"] + 1e-6 for f in covered)
    grades = {f["grade"]: f["radius_m"] for f in _layer(results, "SERVICE_AREAS").getFeatures()}
    assert grades == {"green": 300, "park": 500}
    summary = list(_layer(results, "SUMMARY").getFeatures())
    assert summary[-1]["district"] == "(all)"
    assert summary[-1]["rate_area"] == pytest.approx(results["COVERAGE_RATE_AREA"])
    assert _layer(results, "UNDERSERVED").featureCount() > 0
    text = report.read_text(encoding="utf-8")
    assert "<svg" in text and "300" in text


def test_network_beats_straight_line(run):
    """Circular buffers overstate coverage: the straight-line rate is higher on the same data."""
    network = run("urbanization:parkcoverage", _helsinki())
    straight = run("urbanization:parkcoverage", _helsinki(NETWORK=None))
    assert straight["MODE"] == "euclidean"
    assert {f["mode"] for f in _layer(straight, "RESIDENTIAL_RESULT").getFeatures()} == {"euclidean"}
    assert straight["COVERAGE_RATE_AREA"] > network["COVERAGE_RATE_AREA"]


def test_custom_rules_and_districts(run):
    districts = memory_layer(
        "Polygon",
        "EPSG:4326",
        [
            "POLYGON((24.90 60.15, 24.945 60.15, 24.945 60.18, 24.90 60.18, 24.90 60.15))",
            "POLYGON((24.945 60.15, 24.96 60.15, 24.96 60.18, 24.945 60.18, 24.945 60.15))",
        ],
        {"name": ["West", "East"]},
    )
    results = run(
        "urbanization:parkcoverage",
        _helsinki(STANDARD="custom", CUSTOM_RULES="1000: 800: big", DISTRICTS=districts, DISTRICT_NAME_FIELD="name"),
    )
    rows = {f["district"]: f for f in _layer(results, "SUMMARY").getFeatures()}
    assert {"West", "East", "(all)"} <= set(rows)
    assert {f["grade"] for f in _layer(results, "SERVICE_AREAS").getFeatures()} == {"big"}
    with pytest.raises(QgsProcessingException, match="rule 1"):
        run("urbanization:parkcoverage", _helsinki(STANDARD="custom", CUSTOM_RULES="lots: 300"))


def test_garden_city_historic_district_rule(run):
    """GB/T 50563 garden city: parks of 1000-2000 m2 count (300 m) only for homes in historic
    districts; the district layer is in another CRS than the rest."""
    parks = memory_layer(
        "Polygon", "EPSG:3395", ["POLYGON((1000 10, 1030 10, 1030 60, 1000 60, 1000 10))"], {"name": ["Courtyard"]}
    )
    street = memory_layer("LineString", "EPSG:3395", ["LINESTRING(0 0, 2000 0)"])
    homes = memory_layer("Point", "EPSG:3395", ["POINT(1200 5)", "POINT(1250 -5)"], {"pop": [10, 30]})
    historic = memory_layer(
        "Polygon",
        "EPSG:4326",
        ["POLYGON((0.00988 -0.0009, 0.01096 -0.0009, 0.01096 0.0009, 0.00988 0.0009, 0.00988 -0.0009))"],
    )  # x 1100-1220 m
    parameters = {
        "PARKS": parks,
        "PARK_NAME_FIELD": "name",
        "NETWORK": street,
        "RESIDENTIAL": homes,
        "POPULATION_FIELD": "pop",
        "STANDARD": "garden_city",
        "HISTORIC_DISTRICTS": historic,
        "SNAP_DISTANCE": 20,
        "SERVICE_AREAS": "memory:",
        "RESIDENTIAL_RESULT": "memory:",
        "UNDERSERVED": "memory:",
        "SUMMARY": "memory:",
    }
    results = run("urbanization:parkcoverage", parameters)
    rows = list(_layer(results, "RESIDENTIAL_RESULT").getFeatures())
    assert [f["historic"] for f in rows] == [True, False]
    assert [f["covered"] for f in rows] == [True, False]
    assert results["COVERAGE_RATE_POPULATION"] == pytest.approx(10 / 40)
    assert {f["grade"] for f in _layer(results, "SERVICE_AREAS").getFeatures()} == {"historic_garden"}
    parameters.pop("HISTORIC_DISTRICTS")
    without = run("urbanization:parkcoverage", parameters)
    assert without["COVERAGE_RATE_POPULATION"] == 0


# --- bad input ------------------------------------------------------------------------------------

# EPSG:3395 (World Mercator) is true to scale around (0, 0); EPSG:3857 is 0.67 % long north-south
# there, so the working-CRS rule (algorithms/projection.py) would measure it in a UTM zone
STREET = ["LINESTRING(0 0, 1000 0)", "LINESTRING(0 0, 0 1000)", "LINESTRING(5000 5000, 5040 5000)"]


def _small(**extra):
    parameters = {
        "PARKS": memory_layer(
            "Polygon",
            "EPSG:3395",
            [
                "POLYGON((10 10, 110 10, 110 110, 10 110, 10 10))",
                "POLYGON((10 10, 110 10, 110 110, 10 110, 10 10))",
                "POLYGON((3000 3000, 3200 3000, 3200 3200, 3000 3200, 3000 3000))",
            ],
            {"name": ["A", "A copy", "Far"]},
        ),
        "PARK_NAME_FIELD": "name",
        "NETWORK": memory_layer("LineString", "EPSG:3395", STREET, {"highway": ["motorway", "footway", "path"]}),
        "RESIDENTIAL": memory_layer(
            "Point",
            "EPSG:3395",
            ["POINT(300 5)", "POINT(300 5)", "POINT(5030 5010)", "POINT(9000 9000)", "POINT(5 400)"],
            {"pop": [10, 10, None, 0, 5]},
        ),
        "POPULATION_FIELD": "pop",
        "STANDARD": "custom",
        "CUSTOM_RULES": "1000: 500",
        "SERVICE_AREAS": "memory:",
        "RESIDENTIAL_RESULT": "memory:",
        "UNDERSERVED": "memory:",
        "SUMMARY": "memory:",
    }
    parameters.update(extra)
    return parameters


def test_bad_input_is_handled_and_reported(run):
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.messages = []

        def pushWarning(self, text):  # noqa: N802
            self.messages.append(text)

        def pushInfo(self, text):  # noqa: N802
            self.messages.append(text)

    feedback = Feedback()
    results = run("urbanization:parkcoverage", _small(), feedback=feedback)
    text = "\n".join(feedback.messages)
    assert "duplicate" in text  # parks and homes
    assert "no population value" in text
    assert "disconnected parts" in text  # the island street
    assert "1 line(s) excluded" in text  # the motorway
    assert "Far" in text  # park with no street nearby
    assert "farther than 50 m" in text  # home at (9000, 9000)
    homes = {f["src_fid"]: f for f in _layer(results, "RESIDENTIAL_RESULT").getFeatures()}
    assert len(homes) == 4  # the duplicate home counted once
    # (300, 5) lies on the excluded motorway: 300 m from the footway, unreachable like (9000, 9000).
    assert not homes[1]["reachable"] and not homes[4]["reachable"]
    # (5, 400) walks down the x = 0 footway to the park corner (10, 110), 10 m from the street.
    assert homes[5]["covered"] and homes[5]["distance_m"] == pytest.approx(400 - 110)
    assert homes[3]["on_island"] and not homes[3]["covered"]


def test_network_of_points_is_refused(run):
    points = memory_layer("Point", "EPSG:3395", ["POINT(0 0)", "POINT(1 1)"])
    with pytest.raises(QgsProcessingException):
        run("urbanization:parkcoverage", _small(NETWORK=points))


def test_zero_population_and_empty_residential(run):
    results = run(
        "urbanization:parkcoverage",
        _small(RESIDENTIAL=memory_layer("Point", "EPSG:3395", ["POINT(5 400)"], {"pop": [0]})),
    )
    assert results["COVERAGE_RATE_POPULATION"] is None
    assert results["COVERAGE_RATE_AREA"] == pytest.approx(1.0)
    empty = memory_layer("Point", "EPSG:3395", [None], {"pop": [1]})
    with pytest.raises(QgsProcessingException, match="no features"):
        run("urbanization:parkcoverage", _small(RESIDENTIAL=empty))


def test_invalid_geometries_are_repaired(run):
    """A self-intersecting (bow-tie) block and a bow-tie park are repaired, not dropped."""
    blocks = memory_layer(
        "Polygon",
        "EPSG:3395",
        [
            "POLYGON((-20 300, 20 340, 20 300, -20 340, -20 300))",
            "POLYGON((-20 600, 20 600, 20 640, -20 640, -20 600))",
        ],
        {"pop": [100, 50]},
    )
    parks = memory_layer(
        "Polygon", "EPSG:3395", ["POLYGON((10 10, 110 110, 110 10, 10 110, 10 10))"], {"name": ["Bow"]}
    )
    results = run("urbanization:parkcoverage", _small(RESIDENTIAL=blocks, PARKS=parks, CUSTOM_RULES="1000: 400"))
    homes = {f["src_fid"]: f for f in _layer(results, "RESIDENTIAL_RESULT").getFeatures()}
    assert len(homes) == 2 and all(f.geometry().isGeosValid() for f in homes.values())
    assert homes[1]["covered"] and not homes[2]["covered"]


def test_styles_apply_to_outputs(run):
    """Every greenspace style loads onto the layer it is meant for: coverage bands, hatching."""
    from urbanization_planning.layers.styling import STYLES

    results = run("urbanization:parkcoverage", _helsinki())
    targets = {
        "greenspace_coverage": _layer(results, "RESIDENTIAL_RESULT"),
        "greenspace_underserved": _layer(results, "UNDERSERVED"),
        "greenspace_service_areas": _layer(results, "SERVICE_AREAS"),
    }
    for style, layer in targets.items():
        message, ok = layer.loadNamedStyle(str(STYLES / f"{style}.qml"))
        assert ok, message
    assert targets["greenspace_coverage"].renderer().classAttribute() == "covered_share"
    assert len(targets["greenspace_coverage"].renderer().ranges()) == 5
    hatch = targets["greenspace_underserved"].renderer().symbol().symbolLayers()
    assert any(layer.layerType() == "LinePatternFill" for layer in hatch)
    for path in STYLES.glob("greenspace_*.qml"):
        assert "<renderer-v2" in path.read_text(encoding="utf-8")


def test_park_points_with_area_field(run):
    parks = memory_layer(
        "Point", "EPSG:3395", ["POINT(0 100)", "POINT(0 900)"], {"name": ["Big", "Small"], "m2": [20000.0, 500.0]}
    )
    results = run("urbanization:parkcoverage", _small(PARKS=parks, PARK_SIZE_FIELD="m2", CUSTOM_RULES="1000: 400"))
    homes = {f["src_fid"]: f for f in _layer(results, "RESIDENTIAL_RESULT").getFeatures()}
    # (5, 400) walks 300 m to "Big"; "Small" is below the 1000 m² threshold and does not count.
    assert homes[5]["park_name"] == "Big" and homes[5]["distance_m"] == pytest.approx(300)
