"""CRS handling: the working CRS of an algorithm's inputs (algorithms/projection.py's rule), and
QGIS CRSs as pyproj wants them. A CRS that cannot be read is an error naming the layer."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsRectangle,
    QgsUnitTypes,
)

from ..algorithms.projection import WorkingCrsError, working_epsg
from ..translation import tr


def is_metric(crs: QgsCoordinateReferenceSystem) -> bool:
    """Projected with metres as map units (the unit only: whether those metres are true metres
    on the ground is the working-CRS rule's question, `metric_crs_for`)."""
    return crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceMeters


def metric_crs_for(crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, context=None,
                   label: str = "") -> QgsCoordinateReferenceSystem:
    """The working CRS for data in `crs` over `extent` (given in `crs`): `crs` itself when it is
    projected in metres with a scale error below 0.1 % over the extent, otherwise the CGCS2000
    Gauss-Kruger zone (China) or UTM zone of the extent's centre. `label` names the layer in
    errors. (`context` is kept for callers; the rule needs none.)"""
    if not crs.isValid():
        raise QgsProcessingException(
            tr("Layer '{}' has no valid CRS: set its CRS in Layer Properties first.").format(label))
    if extent.isNull():
        if is_metric(crs):
            return crs  # nothing to measure: the caller reports the empty layer under its own name
        raise QgsProcessingException(
            tr("Layer '{}' has no features with geometry (or none are selected). Give it at least one feature.")
            .format(label))
    bounds = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    try:
        epsg = working_epsg(to_pyproj(crs, label), bounds)
    except WorkingCrsError as error:
        raise QgsProcessingException(
            tr("Layer '{}': its CRS {} cannot be used to measure lengths and areas ({}). Reproject the layer "
               "to a CGCS2000 Gauss-Kruger or UTM CRS first.").format(label, crs.authid() or crs.description(), error)
        ) from error
    return crs if epsg is None else QgsCoordinateReferenceSystem(f"EPSG:{epsg}")


def metric_crs_for_source(source, context, label: str = "") -> QgsCoordinateReferenceSystem:
    """Working CRS for a QgsFeatureSource (see metric_crs_for)."""
    return metric_crs_for(source.sourceCrs(), source.sourceExtent(), context, label or source.sourceName())


def to_pyproj(crs: QgsCoordinateReferenceSystem, label: str = ""):
    """The CRS as pyproj/geopandas want it (authority id when there is one, else its WKT).
    Raises QgsProcessingException naming layer `label` when the CRS is invalid or pyproj cannot
    read it: results would otherwise lose their CRS, or skip a reprojection, without a word."""
    if not crs.isValid():
        raise QgsProcessingException(
            tr("Layer '{}' has no valid CRS: set its CRS in Layer Properties first.").format(label))
    from pyproj import CRS

    try:
        return CRS.from_user_input(crs.authid()) if crs.authid() else CRS.from_wkt(crs.toWkt())
    except Exception as error:  # noqa: BLE001 (pyproj raises its own CRSError and others)
        raise QgsProcessingException(
            tr("Layer '{}': its CRS {} cannot be read by pyproj ({}). Assign a standard CRS (an EPSG code) in "
               "Layer Properties.").format(label, crs.authid() or crs.description(), error)) from error
