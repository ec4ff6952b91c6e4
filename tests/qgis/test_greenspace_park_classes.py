"""urbanization:parkequity by id, per-capita comprehensive and community park area (GB 55014-2021
2.1.4) on the bundled Helsinki sample (OSM parks and roads, HSY population grid, EPSG:4326).

The expected per-capita areas are computed independently in the test: park areas measured by QGIS
itself on the ellipsoid (QgsDistanceArea, WGS84) over the grid's population, against the
algorithm's areas in its working projection (agreement within 0.2 %). Helsinki has no Chinese park
classes: the class values below are assigned for the test to real park polygons."""

from __future__ import annotations

import pytest
from qgis.core import QgsCoordinateTransformContext, QgsDistanceArea, QgsFeature, QgsField, QgsVectorLayer

from tests.conftest import SAMPLE_DATA
from tests.qgis.helpers import gpkg_layer, memory_layer
from urbanization_planning.layers.compat import FieldType

OSM = SAMPLE_DATA / "helsinki_osm_layers.gpkg"
GRID = SAMPLE_DATA / "helsinki_population_grid_2020.gpkg"
CLASSES = {
    "Kaisaniemen puisto": "G11",
    "Töölönlahden puisto": "综合公园",
    "Esplanadinpuisto": "社区公园",
    "Vanha kirkkopuisto": "G12",
    "Makasiinipuisto": "g12",
    "Kolmikulma": "游园",
    "Tokoinranta": "0810",
}


def _layer(results, key) -> QgsVectorLayer:
    value = results[key]
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(value)


def _ellipsoidal_areas(layer) -> dict[str, float]:
    measure = QgsDistanceArea()
    measure.setSourceCrs(layer.crs(), QgsCoordinateTransformContext())
    measure.setEllipsoid("WGS84")
    return {f["name"]: measure.measureArea(f.geometry()) for f in layer.getFeatures() if f["name"]}


def _population() -> float:
    return sum(f["population"] for f in gpkg_layer(GRID, "population_grid_2020").getFeatures())


def _parks_with_classes() -> QgsVectorLayer:
    """The 16 OSM parks in memory with a text field 'lx' (the class values above, NULL elsewhere)."""
    source = gpkg_layer(OSM, "parks")
    layer = QgsVectorLayer(f"MultiPolygon?crs={source.crs().authid()}", "parks", "memory")
    provider = layer.dataProvider()
    provider.addAttributes([QgsField("name", FieldType.String), QgsField("lx", FieldType.String)])
    layer.updateFields()
    features = []
    for park in source.getFeatures():
        feature = QgsFeature(layer.fields())
        feature.setGeometry(park.geometry())
        feature.setAttributes([park["name"], CLASSES.get(park["name"])])
        features.append(feature)
    provider.addFeatures(features)
    return layer


def _parameters(**extra):
    parameters = {
        "PARKS": gpkg_layer(OSM, "parks"),
        "PARK_NAME_FIELD": "name",
        "NETWORK": gpkg_layer(OSM, "roads"),
        "RESIDENTIAL": gpkg_layer(GRID, "population_grid_2020"),
        "POPULATION_FIELD": "population",
        "STANDARD": "gbt51346",
        "OUTPUT": "memory:",
        "SUMMARY": "memory:",
        "CLASS_ACCESS": "memory:",
        "CLASS_SUMMARY": "memory:",
    }
    parameters.update(extra)
    return parameters


def _rows(results) -> dict[tuple[str, str], dict]:
    return {
        (f["district"], f["park_class"]): {n: f[n] for n in f.fields().names()}
        for f in _layer(results, "CLASS_SUMMARY").getFeatures()
    }


def test_classes_by_size_give_the_city_wide_per_capita_areas(run):
    """No class field, GB/T 51346 grades: Kaisaniemen puisto (14.1 ha) is the one comprehensive park,
    Töölönlahden puisto, Esplanadinpuisto and Vanha kirkkopuisto (1-10 ha) the community parks."""
    results = run("urbanization:parkequity", _parameters())
    areas = _ellipsoidal_areas(gpkg_layer(OSM, "parks"))
    people = _population()
    comprehensive = areas["Kaisaniemen puisto"] / people
    community = (areas["Töölönlahden puisto"] + areas["Esplanadinpuisto"] + areas["Vanha kirkkopuisto"]) / people
    assert results["PER_CAPITA_COMPREHENSIVE"] == pytest.approx(comprehensive, rel=2e-3)  # 18.1 m2/person
    assert results["PER_CAPITA_COMMUNITY"] == pytest.approx(community, rel=2e-3)  # 10.9 m2/person
    rows = _rows(results)
    city = rows[("(all)", "comprehensive")]
    assert city["basis"] == "standard" and city["parks"] == 1 and city["population"] == pytest.approx(people)
    assert city["meets"] is True and city["target_m2"] == 3.0  # 18.1 is more than 3.0


def test_class_field_with_districts_by_id(run, tmp_path):
    """Class values from a field (CJJ/T 85 codes and names), two districts split at 60.171 N: the
    city-wide figure is the clause's measure, the district rows add up to it, the population
    identity holds per row and per home, and the homes layer agrees with the summary."""
    districts = memory_layer(
        "Polygon",
        "EPSG:4326",
        [
            "POLYGON((24.90 60.150, 24.99 60.150, 24.99 60.171, 24.90 60.171, 24.90 60.150))",
            "POLYGON((24.90 60.171, 24.99 60.171, 24.99 60.200, 24.90 60.200, 24.90 60.171))",
        ],
        {"name": ["south", "north"]},
    )
    report = tmp_path / "equity.html"
    results = run(
        "urbanization:parkequity",
        _parameters(
            PARKS=_parks_with_classes(),
            PARK_CLASS_FIELD="lx",
            STANDARD="green300_park500",
            DISTRICTS=districts,
            DISTRICT_NAME_FIELD="name",
            REPORT=str(report),
        ),
    )
    areas = _ellipsoidal_areas(gpkg_layer(OSM, "parks"))
    people = _population()
    comprehensive = (areas["Kaisaniemen puisto"] + areas["Töölönlahden puisto"]) / people
    community = (areas["Esplanadinpuisto"] + areas["Vanha kirkkopuisto"] + areas["Makasiinipuisto"]) / people
    assert results["PER_CAPITA_COMPREHENSIVE"] == pytest.approx(comprehensive, rel=2e-3)  # 2.68 m2/person
    assert results["PER_CAPITA_COMMUNITY"] == pytest.approx(community, rel=2e-3)  # 0.62 m2/person
    rows = _rows(results)
    assert {d for d, _ in rows} == {"south", "north", "(all)"}
    for name in ("comprehensive", "community"):
        city = rows[("(all)", name)]
        parts = [rows[(d, name)] for d in ("south", "north")]
        assert sum(r["park_area_m2"] for r in parts) == pytest.approx(city["park_area_m2"])
        assert sum(r["population"] for r in parts) == pytest.approx(city["population"])
        assert {r["basis"] for r in parts} == {"screening"}
        for row in [*parts, city]:
            assert row["population_covered"] + row["population_not_covered"] + row[
                "population_unreachable"
            ] == pytest.approx(row["population"])
            assert row["meets"] == (row["per_capita_m2"] > 3.0)
    homes = list(_layer(results, "CLASS_ACCESS").getFeatures())
    assert len(homes) == 22  # every cell of the sample grid
    covered = sum(f["population"] for f in homes if f["reachable"] and f["comprehensive_m2"] > 3.0)
    assert rows[("(all)", "comprehensive")]["population_covered"] == pytest.approx(covered)
    status = {f["class_status"] for f in homes}
    assert status <= {"both_met", "comprehensive_only", "community_only", "neither_met", "unreachable"}
    assert len(status) > 1
    for f in homes:
        met = (f["comprehensive_m2"] > 3.0, f["community_m2"] > 3.0)
        if f["reachable"]:
            assert (
                f["class_status"]
                == {
                    (True, True): "both_met",
                    (True, False): "comprehensive_only",
                    (False, True): "community_only",
                    (False, False): "neither_met",
                }[met]
            )
    page = report.read_text(encoding="utf-8")
    assert "2.1.4" in page and "screening" in page


def test_unknown_class_values_are_named(run):
    parks = _parks_with_classes()
    parks.startEditing()
    first = next(parks.getFeatures())
    parks.changeAttributeValue(first.id(), parks.fields().indexOf("lx"), "广场")
    parks.commitChanges()
    from qgis.core import QgsProcessingFeedback

    class Warnings(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

    feedback = Warnings()
    run("urbanization:parkequity", _parameters(PARKS=parks, PARK_CLASS_FIELD="lx"), feedback=feedback)
    assert any("广场" in w and "classed by size" in w for w in feedback.warnings), feedback.warnings
