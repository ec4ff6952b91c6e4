"""Where a Processing source can be read partition by partition without QGIS: a plain GeoPackage
layer, as a StoredLayer (path, layer, the CRS QGIS gives it and the metric CRS to check in, as
WKT). The door turns it into the engines' own source. Sources that are not plain files (memory
layers, selections, subset filters, edit sessions), Shapefiles, and projects that pin a coordinate
operation pyproj cannot repeat are not partitioned: the whole-layer path reads them through QGIS."""

from __future__ import annotations

from typing import NamedTuple

from . import file_reader
from .crs import to_pyproj


class StoredLayer(NamedTuple):
    """A layer as stored in its file, with the CRSs to read it in (WKT)."""

    path: str
    layer_name: str | None
    layer_id: int | None
    source_crs: str
    target_crs: str


def stored_layer(source, target_crs, context) -> StoredLayer | None:
    """`source` as a GeoPackage layer to read in `target_crs` (a QgsCoordinateReferenceSystem), or None."""
    location = file_reader.location_of(source)
    if location is None or not location.path.lower().endswith(".gpkg"):
        return None  # GeoPackage only: its R-tree serves the partitions, and its text is UTF-8
        #              (a Shapefile's GBK text is QGIS's to decode, with the layer's encoding setting)
    if location.crs != target_crs and context.transformContext().calculateCoordinateOperation(location.crs, target_crs):
        return None  # the project pins an operation
    stored, target = to_pyproj(location.crs), to_pyproj(target_crs)
    if stored is None or target is None:
        return None
    return StoredLayer(location.path, location.layer_name, location.layer_id, stored.to_wkt(), target.to_wkt())
