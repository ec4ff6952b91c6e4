"""Raster layer -> the file behind it, and numpy -> GeoTIFF.

Cells are read with rasterio (Debian's, linked to the same GDAL as QGIS) by the engines' own
reader (algorithms/drainage/dem.py: DemSource); only file-based GDAL rasters can be read that way,
so other providers (WMS, PostGIS raster) get a clear error here.
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingException

from ..algorithms.cancel import CancelledError
from ..translation import tr
from .crs import crs_wkt


def raster_path(layer, label: str) -> str:
    """The file behind a raster layer, or a QgsProcessingException saying why there is none."""
    if layer is None:
        raise QgsProcessingException(tr("Raster layer '{}' could not be loaded.").format(label))
    if layer.providerType() != "gdal":
        raise QgsProcessingException(
            tr(
                "Raster layer '{}' comes from the '{}' provider; only raster files can be analysed. "
                "Save it as a GeoTIFF first (Export > Save As)."
            ).format(label, layer.providerType())
        )
    path = layer.source().split("|")[0]
    if not Path(path).exists():
        raise QgsProcessingException(
            tr("Raster layer '{}' is not a file on disk ({}). Save it as a GeoTIFF first.").format(label, path)
        )
    return path


def write_geotiff(
    path: str,
    array,
    transform,
    crs: QgsCoordinateReferenceSystem,
    nodata: float | None = -9999.0,
    dtype: str = "float32",
    feedback=None,
) -> str:
    """Write a single-band, tiled GeoTIFF with fast deflate (level 1, all cores: on 19 million
    cells 0.2 s instead of 2.5 s, for a file a fifth larger), in strips so that replacing NaN by
    `nodata` never copies the whole array. A path that cannot be written is a clear error; a
    cancelled `feedback` stops it between strips."""
    import numpy as np
    import rasterio
    from rasterio.crs import CRS
    from rasterio.errors import RasterioIOError
    from rasterio.windows import Window

    height, width = array.shape
    profile = {
        "driver": "GTiff",
        "height": height,
        "width": width,
        "count": 1,
        "dtype": dtype,
        "transform": transform,
        "nodata": nodata,
        "compress": "deflate",
        "zlevel": 1,
        "num_threads": "ALL_CPUS",
        "crs": CRS.from_wkt(crs_wkt(crs)) if crs.isValid() else None,
    }
    if height >= 256 and width >= 256:
        profile.update(tiled=True, blockxsize=256, blockysize=256)
    try:
        with rasterio.open(path, "w", **profile) as dataset:
            for top in range(0, height, 1024):
                if feedback is not None and feedback.isCanceled():
                    raise CancelledError  # stop between strips; the base class deletes the file
                strip = np.asarray(array[top : top + 1024])
                if nodata is not None and np.issubdtype(strip.dtype, np.floating):
                    strip = np.where(np.isnan(strip), nodata, strip)
                dataset.write(strip.astype(dtype, copy=False), 1, window=Window(0, top, width, strip.shape[0]))
    except RasterioIOError as error:
        raise QgsProcessingException(
            tr("Cannot write the raster {}: {}. Choose a folder you can write to.").format(path, error)
        ) from error
    return path
