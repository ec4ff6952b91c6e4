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
    return crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceMeters


def extent_center_lonlat(extent: QgsRectangle, crs: QgsCoordinateReferenceSystem, context) -> tuple[float, float]:
    transform = QgsCoordinateTransform(crs, WGS84, context.transformContext())
    center = transform.transform(extent.center())
    return center.x(), center.y()


def metric_crs_for(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, context) -> QgsCoordinateReferenceSystem:
    """`crs` itself when it is projected in metres; otherwise the Gauss-Kruger zone (China) or
    UTM zone that fits the centre of `extent` (given in `crs`)."""
    if not crs.isValid():
        raise QgsProcessingException(tr("The layer has no valid CRS: set its CRS in Layer Properties first."))
    if is_metric(crs):
        return crs
    if extent.isNull():
        raise QgsProcessingException(tr("Cannot choose a metric CRS for an empty layer."))
    lon, lat = extent_center_lonlat(extent, crs, context)
    return QgsCoordinateReferenceSystem(f"EPSG:{metric_epsg_for(lon, lat)}")


def metric_crs_for_source(source, context) -> QgsCoordinateReferenceSystem:
    """Metric CRS for a QgsFeatureSource (its own, or a local one when it is geographic)."""
    return metric_crs_for(source.sourceCrs(), source.sourceExtent(), context)
