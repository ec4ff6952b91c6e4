"""layers/vector.source_to_frame on 80,000 street lines vs. plain QGIS feature iteration
(the floor: reading the same features with geometry, no conversion). Issue: 'well under a second'."""

from __future__ import annotations

import numpy as np
from common import best_of, start_qgis

N_LINES = 80_000


def street_layer(n: int):
    """A memory layer of n three-vertex street segments on a 1 km-spaced grid in CGCS2000 GK."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer("LineString?crs=EPSG:4543", "streets", "memory")
    layer.dataProvider().addAttributes([QgsField("highway", QVariant.String)])
    layer.updateFields()
    rng = np.random.default_rng(1)
    x0 = 500000 + rng.uniform(0, 20000, n)
    y0 = 2770000 + rng.uniform(0, 20000, n)
    features = []
    for i in range(n):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(
            f"LINESTRING({x0[i]} {y0[i]}, {x0[i] + 40} {y0[i] + 5}, {x0[i] + 80} {y0[i]})"))
        feature.setAttributes(["residential"])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def run() -> list[tuple[str, float, float]]:
    start_qgis()
    from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingContext

    from urbanization_planning.layers import vector

    layer = street_layer(N_LINES)
    context = QgsProcessingContext()

    def iterate_only():
        for feature in layer.getFeatures():
            feature.geometry()

    def convert():
        frame = vector.source_to_frame(layer, context=context, fields=["highway"])
        assert len(frame) == N_LINES

    def convert_reprojected():
        vector.source_to_frame(layer, context=context, fields=["highway"],
                               target_crs=QgsCoordinateReferenceSystem("EPSG:4326"))

    reference = best_of(3, iterate_only)
    ours = best_of(3, convert)
    reprojected = best_of(3, convert_reprojected)
    return [
        ("source_to_frame, 80k lines", ours, reference),
        ("source_to_frame, 80k lines, reprojected", reprojected, reference),
    ]
