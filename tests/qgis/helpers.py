"""Small builders for QGIS layers used across the QGIS tests."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer

from urbanization_planning.layers.compat import FieldType


def memory_layer(
    geometry_type: str, crs: str, wkts: list[str | None], fields: dict[str, list] | None = None, name: str = "test"
) -> QgsVectorLayer:
    """A memory layer of `geometry_type` ('Point', 'Polygon', ...) with one feature per WKT."""
    layer = QgsVectorLayer(f"{geometry_type}?crs={crs}", name, "memory")
    fields = fields or {}
    qfields = []
    for field_name, values in fields.items():
        sample = next((v for v in values if v is not None), "")
        variant = (
            FieldType.Double
            if isinstance(sample, float)
            else FieldType.LongLong
            if isinstance(sample, int)
            else FieldType.String
        )
        qfields.append(QgsField(field_name, variant))
    layer.dataProvider().addAttributes(qfields)
    layer.updateFields()
    features = []
    for i, wkt in enumerate(wkts):
        feature = QgsFeature(layer.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes([values[i] for values in fields.values()])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def gpkg_layer(path, layer_name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
    assert layer.isValid(), f"cannot open {path} layer {layer_name}"
    return layer
