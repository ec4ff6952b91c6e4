"""The one DEM reader of the drainage engines: a DEM file, its elevation band and the metres per
elevation unit, read whole (the whole-DEM path) or window by window (the tiled path). Cells come
out as float32 metres with NaN for nodata, the same way on both paths. Pure: numpy and rasterio."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# GDAL's block cache while tiles are read and outputs written (MB): its default, 5 % of the RAM
# (1.2 GiB here), filled up with blocks nothing reads again and was the peak of the 400M run
GDAL_CACHE_MB = 64


@dataclass(frozen=True)
class DemHeader:
    """What the file says of itself before any cell is read."""

    bands: int
    shape: tuple[int, int]  # rows, columns
    transform: object  # affine.Affine: pixel (col, row) -> map (x, y)


@dataclass(frozen=True)
class DemSource:
    """A DEM on disk (GeoTIFF, tiled/COG GeoTIFF or VRT mosaic), the band to read and the metres
    per elevation unit. Small and picklable: Dask sends it to every tile task."""

    path: str
    band: int = 1
    z_factor: float = 1.0  # metres per elevation unit (1 for metres, 0.3048 for feet)

    def header(self) -> DemHeader:
        import rasterio

        with rasterio.open(self.path) as dataset:
            return DemHeader(dataset.count, (dataset.height, dataset.width), dataset.transform)

    def read_all(self) -> np.ndarray:
        """float32 metres of the whole band, NaN for nodata."""
        import rasterio

        with rasterio.open(self.path) as dataset:
            cells = dataset.read(self.band, out_dtype="float32")
            nodata = dataset.nodatavals[self.band - 1]
        return self._in_metres(cells, nodata)

    def read(self, row0: int, col0: int, rows: int, cols: int) -> np.ndarray:
        """float32 metres of the window, NaN for nodata and for cells outside the raster."""
        import rasterio
        from rasterio.windows import Window

        out = np.full((rows, cols), np.nan, dtype=np.float32)
        with rasterio.Env(GDAL_CACHEMAX=GDAL_CACHE_MB), rasterio.open(self.path) as dataset:
            r0, c0 = max(row0, 0), max(col0, 0)
            r1, c1 = min(row0 + rows, dataset.height), min(col0 + cols, dataset.width)
            if r1 <= r0 or c1 <= c0:
                return out
            block = dataset.read(self.band, window=Window(c0, r0, c1 - c0, r1 - r0), out_dtype="float32")
            nodata = dataset.nodatavals[self.band - 1]
        out[r0 - row0 : r1 - row0, c0 - col0 : c1 - col0] = self._in_metres(block, nodata)
        return out

    def _in_metres(self, cells: np.ndarray, nodata) -> np.ndarray:
        """The one place nodata becomes NaN and the elevation unit becomes metres (in place, float32)."""
        if nodata is not None:
            cells[cells == np.float32(nodata)] = np.nan
        cells[~np.isfinite(cells)] = np.nan
        if self.z_factor != 1.0:
            cells *= np.float32(self.z_factor)
        return cells
