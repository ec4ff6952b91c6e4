"""urbanization:facilitycoverage and urbanization:parkequity by id: the bundled Helsinki sample
(OSM roads, parks and land use, HSY population grid; EPSG:4326) and generated bad input."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import SAMPLE_DATA
from tests.qgis.helpers import gpkg_layer, memory_layer

OSM = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"


def _layer(results, key) -> QgsVectorLayer:
    value = results[key]
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(value)


def _facilities(**extra):
    # OSM land use as a stand-in for facility data: retail -> food market, civil -> community service.
    parameters = {
        "FACILITIES": gpkg_layer(OSM, "landuse"),
        "TYPE_FIELD": "landuse",
        "TYPE_MAPPING": "retail = market\ncivil = community_service",
        "RESIDENTIAL": gpkg_layer(GRID, "population_grid_2020"),
        "POPULATION_FIELD": "population",
        "NETWORK": gpkg_layer(OSM, "roads"),
        "RESULT": "memory:",
        "SUMMARY": "memory:",
        "UNDERSERVED": "memory:",
    }
    parameters.update(extra)
    return parameters


def test_helsinki_living_circle(run, tmp_path):
    report = tmp_path / "circle.html"
    results = run("urbanization:facilitycoverage", _facilities(REPORT=str(report)))
    assert results["MODE"] == "network"
    homes = _layer(results, "RESULT")
    assert homes.featureCount() == 22  # every cell of the sample grid
    names = homes.fields().names()
    assert {"d_market", "c_market", "d_community_service", "c_community_service", "completeness"} <= set(names)
    for f in homes.getFeatures():
        flags = [bool(f["c_market"]), bool(f["c_community_service"])]
        assert f["completeness"] == pytest.approx(sum(flags) / 2)
        if f["c_market"]:
            assert f["d_market"] <= 500 + 1e-6
    assert 0 < results["MEAN_COMPLETENESS"] < 1
    summary = [f for f in _layer(results, "SUMMARY").getFeatures() if f["district"] == "(all)"]
    assert {f["type"] for f in summary} == {"market", "community_service"}
    gaps = _layer(results, "UNDERSERVED")
    assert gaps.featureCount() == sum(
        1 for f in homes.getFeatures() for t in ("market", "community_service") if not f[f"c_{t}"]
    )
    assert "<svg" in report.read_text(encoding="utf-8")


def test_edited_distance_changes_coverage(run):
    short = run("urbanization:facilitycoverage", _facilities(DISTANCES="market = 100\ncommunity_service = 100"))
    long = run("urbanization:facilitycoverage", _facilities(DISTANCES="market = 2000\ncommunity_service = 2000"))
    assert short["MEAN_COMPLETENESS"] < long["MEAN_COMPLETENESS"]
    with pytest.raises(QgsProcessingException, match="unknown facility type"):
        run("urbanization:facilitycoverage", _facilities(DISTANCES="spaceport = 100"))
    with pytest.raises(QgsProcessingException, match="maps to a GB 50180"):
        run("urbanization:facilitycoverage", _facilities(TYPE_FIELD="name", TYPE_MAPPING=""))


def _equity(**extra):
    parameters = {
        "PARKS": gpkg_layer(OSM, "parks"),
        "PARK_NAME_FIELD": "name",
        "NETWORK": gpkg_layer(OSM, "roads"),
        "RESIDENTIAL": gpkg_layer(GRID, "population_grid_2020"),
        "POPULATION_FIELD": "population",
        "STANDARD": "green300_park500",
        "OUTPUT": "memory:",
        "SUMMARY": "memory:",
    }
    parameters.update(extra)
    return parameters


def test_helsinki_park_equity(run, tmp_path):
    report = tmp_path / "equity.html"
    results = run("urbanization:parkequity", _equity(REPORT=str(report)))
    assert results["MODE"] == "network"
    assert 0 < results["GINI"] < 1
    homes = list(_layer(results, "OUTPUT").getFeatures())
    population = sum(f["population"] for f in homes)
    below = sum(f["population"] for f in homes if f["score_m2"] < 8 and f["reachable"])
    assert results["POPULATION_BELOW"] == pytest.approx(below)
    assert not any(f["below_target"] for f in homes if not f["reachable"])  # unreachable, never "below"
    weighted = sum(f["population"] * f["score_m2"] for f in homes) / population
    assert results["MEAN_SCORE"] == pytest.approx(weighted)
    assert all(f["score_m2"] >= 0 for f in homes)
    text = report.read_text(encoding="utf-8")
    assert "Gini" in text and "<polyline" in text


def test_equity_needs_population(run):
    with pytest.raises(QgsProcessingException):
        run("urbanization:parkequity", _equity(POPULATION_FIELD=None))
    zero = memory_layer("Point", "EPSG:4326", ["POINT(24.945 60.17)"], {"pop": [0]})
    with pytest.raises(QgsProcessingException, match="sums to zero"):
        run("urbanization:parkequity", _equity(RESIDENTIAL=zero, POPULATION_FIELD="pop"))


def test_equity_straight_line_is_labelled(run):
    results = run("urbanization:parkequity", _equity(NETWORK=None))
    assert results["MODE"] == "euclidean"
    assert {f["mode"] for f in _layer(results, "OUTPUT").getFeatures()} == {"euclidean"}
