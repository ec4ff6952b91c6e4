"""CRS handling: the working CRS of an algorithm's inputs (algorithms/projection.py's rule), and
QGIS CRSs as pyproj wants them. A CRS that cannot be read is an error naming the layer."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsRectangle,
    QgsUnitTypes,
)

from ..algorithms.projection import METRIC_EPSG_CODES, WorkingCrsError, working_epsg
from ..translation import tr


def is_metric(crs: QgsCoordinateReferenceSystem) -> bool:
    """Projected with metres as map units (the unit only: whether those metres are true metres
    on the ground is the working-CRS rule's question, `metric_crs_for`)."""
    return crs.isValid() and not crs.isGeographic() and crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters


def metric_crs_for(
    crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, context=None, label: str = ""
) -> QgsCoordinateReferenceSystem:
    """The working CRS for data in `crs` over `extent` (given in `crs`): `crs` itself when it is
    projected in metres with a scale error below 0.1 % over the extent, otherwise the CGCS2000
    Gauss-Kruger zone (China) or UTM zone of the extent's centre. `label` names the layer in
    errors. (`context` is kept for callers; the rule needs none.)"""
    if not crs.isValid():
        raise QgsProcessingException(
            tr("Layer '{}' has no valid CRS: set its CRS in Layer Properties first.").format(label)
        )
    if extent.isNull():
        if is_metric(crs):
            return crs  # nothing to measure: the caller reports the empty layer under its own name
        raise QgsProcessingException(
            tr("Layer '{}' has no features with geometry (or none are selected). Give it at least one feature.").format(
                label
            )
        )
    bounds = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    try:
        epsg = working_epsg(to_pyproj(crs, label), bounds)
    except WorkingCrsError as error:
        raise QgsProcessingException(
            tr(
                "Layer '{}': its CRS {} cannot be used to measure lengths and areas ({}). Reproject the layer "
                "to a CGCS2000 Gauss-Kruger or UTM CRS first."
            ).format(label, crs.authid() or crs.description(), error)
        ) from error
    return crs if epsg is None else QgsCoordinateReferenceSystem(f"EPSG:{epsg}")


def metric_crs_for_source(source, context, label: str = "") -> QgsCoordinateReferenceSystem:
    """Working CRS for a QgsFeatureSource (see metric_crs_for)."""
    return metric_crs_for(source.sourceCrs(), source.sourceExtent(), context, label or source.sourceName())


def make_working_crss_on_this_thread() -> None:
    """Create every CRS the working-CRS rule can choose (and WGS84, CGCS2000) now, on the main
    thread, when the provider loads.

    QGIS (seen on 3.22 and 3.40) keeps a CRS's PROJ object in the context of the thread that first
    created the CRS, and caches the CRS by its definition. When that thread ends (QGIS's task pool
    retires idle threads after 30 s), the cached CRS and every copy of it lose their PROJ object:
    toWkt() returns '' and transforms with it are invalid and leave points where they were. Our
    background runs create the working CRS (a Gauss-Kruger or UTM zone) on such a thread, so the
    first run in a zone would break that zone for the rest of the session, map sheets included.
    Created first on the main thread, which lives as long as QGIS, the cached CRSs keep their PROJ
    object (tests/qgis/test_worker_thread_crs.py). About 0.2-0.5 s for 143 CRSs."""
    for code in (4326, 4490, *METRIC_EPSG_CODES):
        QgsCoordinateReferenceSystem(f"EPSG:{code}")


def crs_wkt(crs: QgsCoordinateReferenceSystem, label: str = "") -> str:
    """The CRS as WKT in GDAL's preferred flavour, for rasterio and the pure engines. QGIS 3.40
    and 3.22 return '' for a CRS whose PROJ object was made on a worker thread that has since ended
    (see make_working_crss_on_this_thread); pyproj's WKT of the same CRS stands in then."""
    wkt = crs.toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT_PREFERRED_GDAL)
    return wkt or to_pyproj(crs, label).to_wkt()


def to_pyproj(crs: QgsCoordinateReferenceSystem, label: str = ""):
    """The CRS as pyproj/geopandas want it (authority id when there is one, else its WKT).
    Raises QgsProcessingException naming layer `label` when the CRS is invalid or pyproj cannot
    read it: results would otherwise lose their CRS, or skip a reprojection, without a word."""
    if not crs.isValid():
        raise QgsProcessingException(
            tr("Layer '{}' has no valid CRS: set its CRS in Layer Properties first.").format(label)
        )
    from pyproj import CRS

    try:
        return CRS.from_user_input(crs.authid()) if crs.authid() else CRS.from_user_input(crs.toWkt() or crs.toProj())
    except Exception as error:  # noqa: BLE001 (pyproj raises its own CRSError and others)
        raise QgsProcessingException(
            tr(
                "Layer '{}': its CRS {} cannot be read by pyproj ({}). Assign a standard CRS (an EPSG code) in "
                "Layer Properties."
            ).format(label, crs.authid() or crs.description(), error)
        ) from error
