"""The bridge from a Processing source to the partitioned multi-plan engines: a plain file layer
becomes an algorithms.zoning.partition_io.LayerSource (path, layer, CRS QGIS gives it, the metric
CRS to check in), read later by Dask tasks without QGIS. Sources that are not plain files
(memory layers, selections, subset filters, edit sessions), Shapefiles, and projects that pin a coordinate
operation pyproj cannot repeat are not partitioned: the whole-layer path reads them through QGIS."""

from __future__ import annotations

from . import file_reader
from .crs import to_pyproj


def layer_source(source, target_crs, context, fields: list[str]):
    """A LayerSource for `source` in `target_crs` (a QgsCoordinateReferenceSystem), or None."""
    from ..algorithms.zoning.partition_io import LayerSource

    location = file_reader.location_of(source)
    if location is None or not location.path.lower().endswith(".gpkg"):
        return None  # GeoPackage only: its R-tree serves the partitions, and its text is UTF-8
        #              (a Shapefile's GBK text is QGIS's to decode, with the layer's encoding setting)
    if location.crs != target_crs and context.transformContext().calculateCoordinateOperation(location.crs, target_crs):
        return None  # the project pins an operation
    stored, target = to_pyproj(location.crs), to_pyproj(target_crs)
    if stored is None or target is None:
        return None
    return LayerSource(location.path, location.layer_name, target.to_wkt(), list(fields),
                       layer_index=location.layer_id, source_crs=stored.to_wkt())
