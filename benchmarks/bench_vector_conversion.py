"""layers/vector.source_to_frame on 80,000 street lines vs. plain QGIS feature iteration
(the floor: reading the same features with geometry, no conversion). Issue: 'well under a second'.
From a memory layer the features are iterated; from a GeoPackage the whole file is read through
GDAL's Arrow stream (layers/file_reader.py)."""

from __future__ import annotations

import numpy as np
from common import best_of, start_qgis

from urbanization_planning.layers.compat import FieldType

N_LINES = 80_000


def street_layer(n: int):
    """A memory layer of n three-vertex street segments on a 1 km-spaced grid in CGCS2000 GK."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("LineString?crs=EPSG:4543", "streets", "memory")
    layer.dataProvider().addAttributes([QgsField("highway", FieldType.String)])
    layer.updateFields()
    rng = np.random.default_rng(1)
    x0 = 500000 + rng.uniform(0, 20000, n)
    y0 = 2770000 + rng.uniform(0, 20000, n)
    features = []
    for i in range(n):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(
            QgsGeometry.fromWkt(f"LINESTRING({x0[i]} {y0[i]}, {x0[i] + 40} {y0[i] + 5}, {x0[i] + 80} {y0[i]})")
        )
        feature.setAttributes(["residential"])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def run() -> list[tuple[str, float, float]]:
    start_qgis()
    from qgis.core import QgsProcessingContext

    layer = street_layer(N_LINES)
    context = QgsProcessingContext()
    file_layer = geopackage_copy(layer)
    file_source = processing_source(file_layer, context)
    return [
        *timings("memory layer", layer, layer, context),
        *timings("GeoPackage, Arrow stream", file_layer, file_source, context),
    ]


def timings(kind: str, layer, source, context) -> list[tuple[str, float, float]]:
    """source_to_frame on `source` (plain and reprojected to EPSG:4326) against iterating `layer`."""
    from qgis.core import QgsCoordinateReferenceSystem

    from urbanization_planning.layers import vector

    def iterate_only():
        for feature in layer.getFeatures():
            feature.geometry()

    def convert(target_crs=None):
        frame = vector.source_to_frame(source, context=context, fields=["highway"], target_crs=target_crs)
        assert len(frame) == N_LINES

    reference = best_of(3, iterate_only)
    return [
        (f"source_to_frame, 80k lines ({kind})", best_of(3, convert), reference),
        (
            f"source_to_frame, 80k lines ({kind}), reprojected",
            best_of(3, lambda: convert(QgsCoordinateReferenceSystem("EPSG:4326"))),
            reference,
        ),
    ]


def geopackage_copy(layer):
    """The layer written to a temporary GeoPackage, opened as an OGR layer."""
    import tempfile

    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer

    path = f"{tempfile.mkdtemp(prefix='bench-vector-')}/streets.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "streets"
    QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), options)
    return QgsVectorLayer(f"{path}|layername=streets", "streets", "ogr")


def processing_source(layer, context):
    """The layer as an algorithm's parameterAsSource gives it (with the remembered file location)."""
    from qgis.core import QgsApplication

    from urbanization_planning.algorithms.base import UrbanizationAlgorithm

    algorithm = QgsApplication.processingRegistry().algorithmById("urbanization:parkcoverage")
    assert isinstance(algorithm, UrbanizationAlgorithm)
    return algorithm.parameterAsSource({"PARKS": layer}, "PARKS", context)
