"""Provider registration, plugin loading and the layer conversion door (layers/)."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
)

from urbanization_planning.layers.compat import FieldType

from ..conftest import SAMPLE_DATA
from .helpers import gpkg_layer, memory_layer


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.messages.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.messages.append(warning)
        super().pushWarning(warning)


def test_provider_is_registered_with_its_algorithms(provider):
    registered = QgsApplication.processingRegistry().providerById("urbanization")
    assert registered is not None
    ids = [a.id() for a in registered.algorithms()]
    assert "urbanization:chinacoordinates" in ids
    for algorithm in registered.algorithms():
        assert algorithm.group(), algorithm.id()
        assert algorithm.shortHelpString(), f"{algorithm.id()} has no help page"


def test_plugin_loads_through_class_factory_and_unloads(processing_ready, qgis_parent):
    from unittest.mock import MagicMock

    from urbanization_planning import classFactory

    registry = QgsApplication.processingRegistry()
    if registry.providerById("urbanization") is not None:
        assert registry.removeProvider(registry.providerById("urbanization"))
    assert registry.providerById("urbanization") is None
    iface = MagicMock()
    iface.mainWindow.return_value = qgis_parent
    plugin = classFactory(iface)
    plugin.initGui()
    assert registry.providerById("urbanization") is not None
    assert registry.providerById("urbanization").algorithms()
    assert iface.addPluginToMenu.call_count == len(plugin.actions) >= 1
    plugin.unload()
    assert registry.providerById("urbanization") is None
    assert iface.removePluginMenu.call_count == iface.addPluginToMenu.call_count


def test_frame_from_geographic_layer_is_reprojected_and_counts_repairs():
    from urbanization_planning.layers import vector

    layer = memory_layer(
        "Polygon",
        "EPSG:4326",
        [
            "POLYGON((24.94 60.17, 24.95 60.17, 24.95 60.18, 24.94 60.18, 24.94 60.17))",
            "POLYGON((24.94 60.17, 24.95 60.18, 24.95 60.17, 24.94 60.18, 24.94 60.17))",  # bow tie
            None,
        ],
        {"name": ["a", "b", "c"], "value": [1.5, None, 3.0]},
    )
    feedback = RecordingFeedback()
    frame = vector.source_to_frame(
        layer,
        context=QgsProcessingContext(),
        feedback=feedback,
        target_crs=QgsCoordinateReferenceSystem("EPSG:32635"),
        label="parcels",
    )
    assert list(frame.columns) == [vector.FID, "name", "value", "geometry"]
    assert len(frame) == 2
    assert frame.geometry.is_valid.all()
    # 0.01 deg lon x 0.01 deg lat at 60.17 N is about 555 m x 1113 m
    assert frame.geometry.area.iloc[0] == pytest.approx(555.0 * 1113.0, rel=0.01)
    assert any("skipped 1" in m for m in feedback.messages)
    assert any("repaired 1" in m for m in feedback.messages)


def test_missing_field_names_the_layer():
    from urbanization_planning.layers import vector

    layer = memory_layer("Point", "EPSG:4326", ["POINT(1 1)"], {"a": [1]}, name="schools")
    with pytest.raises(QgsProcessingException, match="'schools' has no field named 'landuse'"):
        vector.source_to_frame(layer, context=QgsProcessingContext(), fields=["landuse"], label="schools")


def test_empty_layer_gives_an_empty_frame_and_a_clear_error_when_required():
    from urbanization_planning.layers import vector

    layer = memory_layer("Point", "EPSG:4326", [], {})
    frame = vector.source_to_frame(layer, context=QgsProcessingContext(), label="stations")
    assert len(frame) == 0
    with pytest.raises(QgsProcessingException, match="'stations' has no features"):
        vector.require_features(frame, "stations")


def test_metric_crs_choice_for_geographic_and_projected_layers():
    from urbanization_planning.layers.crs import metric_crs_for_source

    stations = gpkg_layer(SAMPLE_DATA / "kunming_metro_osm.gpkg", "stations")
    assert metric_crs_for_source(stations, QgsProcessingContext()).authid() == "EPSG:4543"
    cgcs = memory_layer("Point", "EPSG:4490", ["POINT(102.7 25.0)"])
    assert metric_crs_for_source(cgcs, QgsProcessingContext()).authid() == "EPSG:4543"
    projected = memory_layer("Point", "EPSG:32635", ["POINT(385000 6672000)"])
    assert metric_crs_for_source(projected, QgsProcessingContext()).authid() == "EPSG:32635"


def test_helsinki_roads_convert_and_write_back_round_trip(provider):
    """80,000-line speed lives in benchmarks/; here correctness on the real 2504 roads."""
    from urbanization_planning.layers import vector

    roads = gpkg_layer(SAMPLE_DATA / "helsinki_osm_layers.gpkg", "roads")
    frame = vector.source_to_frame(roads, context=QgsProcessingContext(), fields=["highway"], label="roads")
    assert len(frame) == roads.featureCount() == 2504
    assert set(frame.geom_type) == {"LineString"}
    fields = vector.fields_for_frame(frame)
    assert [f.name() for f in fields] == [vector.FID, "highway"]


def test_selected_features_only_is_honoured(run, tmp_path):
    from qgis.core import QgsProcessingFeatureSourceDefinition

    layer = gpkg_layer(SAMPLE_DATA / "kunming_metro_osm.gpkg", "stations")
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByIds(sorted(layer.allFeatureIds())[:5])
        result = run(
            "urbanization:chinacoordinates",
            {
                "INPUT": QgsProcessingFeatureSourceDefinition(layer.id(), True),
                "FROM": "gcj02",
                "TO": "wgs84",
                "OUTPUT": str(tmp_path / "five.gpkg"),
            },
        )
        from qgis.core import QgsVectorLayer

        assert QgsVectorLayer(result["OUTPUT"], "out", "ogr").featureCount() == 5
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_missing_dependency_gives_a_processing_error_with_install_command(run, monkeypatch):
    from urbanization_planning.algorithms import dependencies

    monkeypatch.setattr(dependencies, "find_missing", lambda names: [dependencies.Missing("geopandas", None)])
    layer = memory_layer("Point", "EPSG:4326", ["POINT(102.7 25.0)"])
    with pytest.raises(QgsProcessingException, match=r"geopandas \(not installed\)[\s\S]*pip install"):
        run("urbanization:chinacoordinates", {"INPUT": layer, "FROM": "gcj02", "TO": "wgs84", "OUTPUT": "memory:"})


def test_fields_for_frame_follow_dtypes():
    import geopandas as gpd
    import numpy as np
    import shapely

    from urbanization_planning.layers import vector

    frame = gpd.GeoDataFrame(
        {"n": np.array([1, 2], dtype="int64"), "x": [1.5, np.nan], "ok": [True, False], "s": ["甲", None]},
        geometry=[shapely.Point(0, 0), shapely.Point(1, 1)],
    )
    fields = vector.fields_for_frame(frame)
    assert [(f.name(), f.type()) for f in fields] == [
        ("n", FieldType.LongLong),
        ("x", FieldType.Double),
        ("ok", FieldType.Bool),
        ("s", FieldType.String),
    ]
    assert vector._column_values(frame["x"]) == [1.5, None]
    assert vector._column_values(frame["s"]) == ["甲", None]


def test_failed_run_leaves_no_output_file_behind(run, tmp_path, monkeypatch):
    from urbanization_planning.algorithms.coordinates import geometry

    def explode(*args, **kwargs):
        raise QgsProcessingException("engine failed")

    monkeypatch.setattr(geometry, "convert_geometries", explode)
    layer = memory_layer("Point", "EPSG:4326", ["POINT(102.7 25.0)"])
    output = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="engine failed"):
        run("urbanization:chinacoordinates", {"INPUT": layer, "FROM": "gcj02", "TO": "wgs84", "OUTPUT": str(output)})
    assert not output.exists()


def test_cancelled_run_is_reported_as_failed(run, tmp_path):
    layer = memory_layer("Point", "EPSG:4326", ["POINT(102.7 25.0)"])
    feedback = RecordingFeedback()
    feedback.cancel()
    output = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run(
            "urbanization:chinacoordinates",
            {"INPUT": layer, "FROM": "gcj02", "TO": "wgs84", "OUTPUT": str(output)},
            feedback=feedback,
        )
    assert not output.exists()


def test_invalid_geometries_are_repaired_even_when_processing_would_abort_on_them():
    """Processing's default is to skip or abort on invalid input features; we repair and count."""
    from qgis.core import QgsFeatureRequest, QgsProcessingFeatureSource

    from urbanization_planning.layers import vector

    layer = memory_layer(
        "Polygon",
        "EPSG:32635",
        [
            "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))",  # bow tie
            "POLYGON((20 0, 30 0, 30 10, 20 10, 20 0))",
        ],
    )
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryAbortOnInvalid)
    source = QgsProcessingFeatureSource(layer, context)
    feedback = RecordingFeedback()
    frame = vector.source_to_frame(source, context=context, feedback=feedback, label="parcels")
    assert len(frame) == 2 and frame.geometry.is_valid.all()
    assert frame.geometry.area.sum() == pytest.approx(50.0 + 100.0)
    assert any("repaired 1" in m for m in feedback.messages)
