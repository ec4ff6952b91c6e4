"""Builders of hostile inputs, each derived from a valid baseline input so that only one thing is
wrong at a time: empty, null or invalid geometries, the wrong geometry type, another CRS, a
non-ASCII name, an all-nodata raster."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsProject,
    QgsRasterLayer,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

GEOMETRY_NAMES = {
    QgsWkbTypes.GeometryType.PointGeometry: "Point",
    QgsWkbTypes.GeometryType.LineGeometry: "LineString",
    QgsWkbTypes.GeometryType.PolygonGeometry: "Polygon",
}


def as_vector_layer(value) -> QgsVectorLayer | None:
    if isinstance(value, QgsVectorLayer):
        return value
    if isinstance(value, str):
        layer = QgsVectorLayer(value, Path(value.split("|")[0]).stem, "ogr")
        return layer if layer.isValid() else None
    return None


def as_raster_layer(value) -> QgsRasterLayer | None:
    if isinstance(value, QgsRasterLayer):
        return value
    if isinstance(value, str):
        layer = QgsRasterLayer(value, Path(value).stem)
        return layer if layer.isValid() else None
    return None


def _empty_like(
    layer: QgsVectorLayer, geometry_name: str | None = None, crs: str | None = None, name: str = "hostile"
) -> QgsVectorLayer:
    geometry_name = geometry_name or GEOMETRY_NAMES.get(layer.geometryType(), "Point")
    if QgsWkbTypes.isMultiType(layer.wkbType()) and geometry_name != "Point":
        geometry_name = "Multi" + geometry_name
    memory = QgsVectorLayer(f"{geometry_name}?crs={crs or layer.crs().authid()}", name, "memory")
    memory.dataProvider().addAttributes(layer.fields().toList())
    memory.updateFields()
    return memory


def _copy_features(layer: QgsVectorLayer, target: QgsVectorLayer, transform=None, limit: int | None = None) -> None:
    features = []
    for i, feature in enumerate(layer.getFeatures()):
        if limit is not None and i >= limit:
            break
        copy = QgsFeature(target.fields())
        copy.setAttributes(feature.attributes())
        geometry = QgsGeometry(feature.geometry())
        if transform is not None and not geometry.isNull():
            geometry.transform(transform)
        copy.setGeometry(geometry)
        features.append(copy)
    target.dataProvider().addFeatures(features)


def empty(layer: QgsVectorLayer) -> QgsVectorLayer:
    return _empty_like(layer, name="empty")


def null_geometries(layer: QgsVectorLayer) -> QgsVectorLayer:
    memory = _empty_like(layer, name="null_geometries")
    features = []
    for i, feature in enumerate(layer.getFeatures()):
        if i >= 5:
            break
        copy = QgsFeature(memory.fields())
        copy.setAttributes(feature.attributes())
        features.append(copy)
    memory.dataProvider().addFeatures(features)
    return memory


def invalid_geometries(layer: QgsVectorLayer) -> QgsVectorLayer:
    """The baseline's features plus broken ones near them: a self-intersecting bow tie, a ring with
    duplicate vertices, a zero-length line, a polygon with an unclosed-looking spike."""
    memory = _empty_like(layer, name="invalid_geometries")
    _copy_features(layer, memory)
    extent = layer.extent()
    x, y = extent.center().x(), extent.center().y()
    d = max(extent.width(), extent.height()) / 50 or 1.0
    geometry_type = layer.geometryType()
    if geometry_type == QgsWkbTypes.GeometryType.PolygonGeometry:
        wkts = [
            f"POLYGON(({x} {y}, {x + d} {y + d}, {x + d} {y}, {x} {y + d}, {x} {y}))",
            f"POLYGON(({x} {y}, {x} {y}, {x + d} {y}, {x + d} {y + d}, {x + d} {y + d}, {x} {y}))",
            f"POLYGON(({x} {y}, {x + d} {y}, {x + 2 * d} {y}, {x + d} {y}, {x} {y}))",
        ]
    elif geometry_type == QgsWkbTypes.GeometryType.LineGeometry:
        wkts = [f"LINESTRING({x} {y}, {x} {y})", f"LINESTRING({x} {y}, {x + d} {y}, {x + d} {y}, {x} {y})"]
    else:
        wkts = [f"POINT({x} {y})", f"POINT({x} {y})"]  # exact duplicates
    template = next(layer.getFeatures(), None)
    features = []
    for wkt in wkts:
        feature = QgsFeature(memory.fields())
        if template is not None:
            feature.setAttributes(template.attributes())
            if memory.fields().lookupField("fid") >= 0:  # a new feature has no GeoPackage fid yet
                feature.setAttribute("fid", None)
        geometry = QgsGeometry.fromWkt(wkt)
        if QgsWkbTypes.isMultiType(memory.wkbType()):
            geometry.convertToMultiType()
        feature.setGeometry(geometry)
        features.append(feature)
    memory.dataProvider().addFeatures(features)
    return memory


def wrong_geometry_type(layer: QgsVectorLayer) -> QgsVectorLayer:
    """Points where lines or polygons are expected, polygons where points are."""
    target = "Polygon" if layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry else "Point"
    memory = _empty_like(layer, geometry_name=target, name="wrong_geometry_type")
    features = []
    for i, feature in enumerate(layer.getFeatures()):
        if i >= 20:
            break
        copy = QgsFeature(memory.fields())
        copy.setAttributes(feature.attributes())
        geometry = feature.geometry()
        if target == "Point":
            copy.setGeometry(geometry.centroid())
        else:
            copy.setGeometry(geometry.buffer(max(layer.extent().width() / 200, 1e-5), 4))
        features.append(copy)
    memory.dataProvider().addFeatures(features)
    return memory


def reprojected(layer: QgsVectorLayer, authid: str) -> QgsVectorLayer:
    memory = _empty_like(layer, crs=authid, name=f"in_{authid.replace(':', '_')}")
    transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(authid), QgsProject.instance())
    _copy_features(layer, memory, transform)
    return memory


def non_ascii_copy(layer: QgsVectorLayer, folder: Path) -> str:
    """The layer saved as 规划数据/图层.gpkg with layer name 图层: a path planners really use."""
    target = folder / "规划数据"
    target.mkdir(exist_ok=True)
    path = target / f"图层_{abs(hash(layer.id())) % 10000}.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "图层"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    return f"{path}|layername=图层"


def nodata_raster(layer: QgsRasterLayer, folder: Path) -> str:
    """A GeoTIFF with the baseline's grid whose every cell is nodata."""
    import rasterio

    source = layer.source().split("|")[0]
    with rasterio.open(source) as dataset:
        profile = dataset.profile.copy()
        profile.update(dtype="float32", nodata=-9999.0, count=1)
        path = folder / "all_nodata.tif"
        with rasterio.open(path, "w", **profile) as out:
            out.write(np.full((dataset.height, dataset.width), -9999.0, dtype="float32"), 1)
    return str(path)
