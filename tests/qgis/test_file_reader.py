"""layers/file_reader.py: whole-file reads through GDAL's Arrow stream give exactly what reading
through QGIS gives (ids, values with NULLs, geometry, reprojection), and anything QGIS would
filter (selection, subset, edits, unusual columns) is left to QGIS."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import shapely
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate

from urbanization_planning.layers.compat import FieldType

from ..conftest import SAMPLE_DATA
from .helpers import gpkg_layer, memory_layer


def _algorithm():
    return QgsApplication.processingRegistry().algorithmById("urbanization:parkcoverage")


def _both_ways(layer, parameter_value=None, **kwargs):
    """(frame through the file fast path when it applies, frame through QGIS iteration, whether
    the whole file was read through GDAL)."""
    from urbanization_planning.layers import vector

    context = QgsProcessingContext()
    source = _algorithm().parameterAsSource({"PARKS": parameter_value or layer}, "PARKS", context)
    iterated = []
    iterate = vector._iterate
    vector._iterate = lambda *args: iterated.append(True) or iterate(*args)
    try:
        fast = vector.source_to_frame(source, context=context, **kwargs)
    finally:
        vector._iterate = iterate
    plain = _algorithm().parameterAsSource({"PARKS": parameter_value or layer}, "PARKS", context)
    if hasattr(plain, "_urbanization_file_location"):
        delattr(plain, "_urbanization_file_location")
    slow = vector.source_to_frame(plain, context=context, **kwargs)
    return fast, slow, not iterated


def _assert_same(fast, slow, tolerance=0.0):
    import pandas as pd

    assert list(fast.columns) == list(slow.columns)
    pd.testing.assert_frame_equal(
        pd.DataFrame(fast.drop(columns="geometry")), pd.DataFrame(slow.drop(columns="geometry"))
    )
    a = shapely.get_coordinates(fast.geometry.to_numpy())
    b = shapely.get_coordinates(slow.geometry.to_numpy())
    assert a.shape == b.shape
    assert np.abs(a - b).max(initial=0.0) <= tolerance
    assert fast.crs == slow.crs


def test_geopackage_roads_read_whole_equal_qgis_reading(provider):
    roads = gpkg_layer(SAMPLE_DATA / "helsinki_osm_layers.gpkg", "roads")
    fast, slow, used = _both_ways(roads, fields=["highway", "name"])
    assert used and len(fast) == 2504
    assert fast["name"].isna().any()  # unnamed roads: NULL -> None either way
    _assert_same(fast, slow)


def test_reprojection_matches_qgis_to_a_millimetre(provider):
    roads = gpkg_layer(SAMPLE_DATA / "helsinki_osm_layers.gpkg", "roads")
    fast, slow, used = _both_ways(roads, fields=["highway"], target_crs=QgsCoordinateReferenceSystem("EPSG:32635"))
    assert used
    _assert_same(fast, slow, tolerance=1e-3)


def test_every_field_including_the_fid_column(provider):
    stations = gpkg_layer(SAMPLE_DATA / "kunming_metro_sample.gpkg", "stations")
    fast, slow, used = _both_ways(stations, fields=None)
    assert used and "fid" in fast.columns
    _assert_same(fast, slow)


def test_shapefile_with_nulls_and_numbers(provider, tmp_path):
    layer = memory_layer(
        "Point",
        "EPSG:32648",
        ["POINT(1 2)", "POINT(3 4)", None, "POINT(5 6)"],
        {"n": [1, None, 3, 4], "x": [0.5, 1.5, None, 2.5], "s": ["a", None, "c", "中文"]},
    )
    path = tmp_path / "points.shp"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "ESRI Shapefile"
    QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    shapefile = QgsVectorLayer(str(path), "points", "ogr")
    fast, slow, used = _both_ways(shapefile, fields=["n", "x"])
    assert used and len(fast) == 3  # the null geometry is skipped both ways
    _assert_same(fast, slow)
    # Text from a Shapefile is left to QGIS, which knows the layer's encoding setting.
    fast, slow, used = _both_ways(shapefile, fields=["n", "s"])
    assert not used and fast["s"].tolist() == ["a", None, "中文"]
    _assert_same(fast, slow)


def test_selection_subset_and_edits_are_left_to_qgis(provider, tmp_path):
    from urbanization_planning.layers import file_reader

    roads = gpkg_layer(SAMPLE_DATA / "helsinki_osm_layers.gpkg", "roads")
    roads.selectByIds([1, 2, 3])
    context = QgsProcessingContext()
    selected = QgsProcessingFeatureSourceDefinition(roads.id(), True)
    context.temporaryLayerStore().addMapLayer(roads)
    source = _algorithm().parameterAsSource({"PARKS": selected}, "PARKS", context)
    assert file_reader.location_of(source) is None and source.featureCount() == 3

    copy = tmp_path / "roads.gpkg"  # QGIS writes to a GeoPackage when a subset is set or an edit session starts
    shutil.copy(SAMPLE_DATA / "helsinki_osm_layers.gpkg", copy)
    subset = gpkg_layer(copy, "roads")
    subset.setSubsetString("\"highway\" = 'residential'")
    source = _algorithm().parameterAsSource({"PARKS": subset}, "PARKS", QgsProcessingContext())
    assert file_reader.location_of(source) is None

    edited = gpkg_layer(copy, "roads")
    edited.startEditing()
    try:
        source = _algorithm().parameterAsSource({"PARKS": edited}, "PARKS", QgsProcessingContext())
        assert file_reader.location_of(source) is None
    finally:
        edited.rollBack()


def test_a_date_field_falls_back_to_qgis(provider, tmp_path):
    layer = QgsVectorLayer("Point?crs=EPSG:32648", "dated", "memory")
    layer.dataProvider().addAttributes([QgsField("opened", FieldType.Date)])
    layer.updateFields()
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POINT(1 2)"))
    feature.setAttributes([QDate(2026, 11, 28)])
    layer.dataProvider().addFeatures([feature])
    path = tmp_path / "dated.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    fast, slow, used = _both_ways(QgsVectorLayer(str(path), "dated", "ogr"), fields=["opened"])
    assert not used  # the layer qualifies, the field does not: read through QGIS
    assert fast["opened"].tolist() == slow["opened"].tolist() == [QDate(2026, 11, 28)]


def test_invalid_geometry_is_repaired_the_same_way(provider, tmp_path):
    layer = memory_layer(
        "Polygon", "EPSG:32648", ["POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))", "POLYGON((20 0, 30 0, 30 10, 20 10, 20 0))"]
    )
    path = tmp_path / "bowtie.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    fast, slow, used = _both_ways(QgsVectorLayer(str(path), "bowtie", "ogr"), fields=[])
    assert used and fast.geometry.is_valid.all()
    assert fast.geometry.area.sum() == pytest.approx(150.0)
    _assert_same(fast, slow)


def test_empty_and_geometryless_rows(provider, tmp_path):
    layer = memory_layer("Polygon", "EPSG:32648", [None, None], {"n": [1, 2]})
    path = tmp_path / "nulls.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsCoordinateTransformContext(), options)
    fast, slow, used = _both_ways(QgsVectorLayer(str(path), "nulls", "ogr"), fields=["n"])
    assert used and len(fast) == len(slow) == 0
    empty = memory_layer("Polygon", "EPSG:32648", [], {"n": []})
    path = tmp_path / "empty.gpkg"
    QgsVectorFileWriter.writeAsVectorFormatV3(empty, str(path), QgsCoordinateTransformContext(), options)
    fast, slow, used = _both_ways(
        QgsVectorLayer(str(path), "empty", "ogr"), fields=["n"], target_crs=QgsCoordinateReferenceSystem("EPSG:4326")
    )
    assert used and len(fast) == len(slow) == 0
