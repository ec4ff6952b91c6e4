"""CRS handling: pick one metric CRS for an algorithm's inputs, transform between CRSs."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsRectangle,
    QgsUnitTypes,
)

from ..algorithms.projection import metric_epsg_for
from ..translation import tr

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")



def is_metric(crs: QgsCoordinateReferenceSystem) -> bool:
    return crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters


def extent_center_lonlat(extent: QgsRectangle, crs: QgsCoordinateReferenceSystem, context) -> tuple[float, float]:
    transform = QgsCoordinateTransform(crs, WGS84, context.transformContext())
    center = transform.transform(extent.center())
    return center.x(), center.y()


def metric_crs_for(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, context,
                   label: str = "") -> QgsCoordinateReferenceSystem:
    """`crs` itself when it is projected in metres; otherwise the Gauss-Kruger zone (China) or
    UTM zone that fits the centre of `extent` (given in `crs`). `label` names the layer in errors."""
    if not crs.isValid():
        raise QgsProcessingException(
            tr("Layer '{}' has no valid CRS: set its CRS in Layer Properties first.").format(label))
    if is_metric(crs):
        return crs
    if extent.isNull():
        raise QgsProcessingException(
            tr("Layer '{}' has no features with geometry (or none are selected). Give it at least one feature.")
            .format(label))
    lon, lat = extent_center_lonlat(extent, crs, context)
    return QgsCoordinateReferenceSystem(f"EPSG:{metric_epsg_for(lon, lat)}")


def metric_crs_for_source(source, context, label: str = "") -> QgsCoordinateReferenceSystem:
    """Metric CRS for a QgsFeatureSource (its own, or a local one when it is geographic)."""
    return metric_crs_for(source.sourceCrs(), source.sourceExtent(), context, label or source.sourceName())


def to_pyproj(crs: QgsCoordinateReferenceSystem):
    """The CRS as pyproj/geopandas want it (authority id when there is one), or None when it is
    invalid or too exotic for pyproj: the geometry is kept, only the label is dropped."""
    if not crs.isValid():
        return None
    from pyproj import CRS

    try:
        return CRS.from_user_input(crs.authid()) if crs.authid() else CRS.from_wkt(crs.toWkt())
    except Exception:  # noqa: BLE001 (pyproj raises its own CRSError and others)
        return None
