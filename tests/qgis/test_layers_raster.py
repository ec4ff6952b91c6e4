"""Reading a raster layer's cells: the DEM input of the flood doors (layers/raster.raster_path,
then the drainage engines' one reader, DemSource) on a real DEM, the errors planners see, and
GeoTIFF writing."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsRasterLayer,
)

from ..conftest import SAMPLE_DATA


def read_dem(layer, band: int = 1):
    """The DEM group of urbanization:drainagecorridors read as a run reads it."""
    from urbanization_planning.algorithms.drainage.processing import dem_input
    from urbanization_planning.algorithms.drainage.processing.corridors import DrainageCorridorsAlgorithm

    algorithm = DrainageCorridorsAlgorithm()
    algorithm.initAlgorithm()
    return dem_input.read(
        algorithm, {"DEM": layer, "BAND": band}, QgsProcessingContext(), QgsProcessingFeedback(), "corridors"
    )


def test_real_dem_reads_with_transform_and_crs():
    layer = QgsRasterLayer(str(SAMPLE_DATA / "bigtujunga.tif"), "dem")
    data = read_dem(layer)
    assert data.elevation.shape == (643, 1197)
    assert 315 <= np.nanmin(data.elevation) and np.nanmax(data.elevation) <= 2295
    assert data.crs.authid() == "EPSG:32611"
    assert abs(data.transform.a) == pytest.approx(abs(data.transform.e), rel=0.01)


def test_missing_band_and_non_file_provider_are_clear_errors():
    from urbanization_planning.layers.raster import raster_path

    layer = QgsRasterLayer(str(SAMPLE_DATA / "bigtujunga.tif"), "dem")
    with pytest.raises(QgsProcessingException, match="has 1 band.*band 2 does not exist"):
        read_dem(layer, band=2)
    wms = SimpleNamespace(providerType=lambda: "wms", source=lambda: "url=...", name=lambda: "basemap")
    with pytest.raises(QgsProcessingException, match="'basemap' comes from the 'wms' provider"):
        raster_path(wms, "basemap")


def test_geotiff_round_trip_and_all_nodata_error(tmp_path):
    from affine import Affine

    from urbanization_planning.algorithms.drainage.dem import DemSource
    from urbanization_planning.layers.raster import write_geotiff

    crs = QgsCoordinateReferenceSystem("EPSG:4543")
    transform = Affine(5.0, 0, 500000.0, 0, -5.0, 2770000.0)
    values = np.arange(12, dtype=float).reshape(3, 4)
    values[1, 2] = np.nan
    path = write_geotiff(str(tmp_path / "grid.tif"), values, transform, crs)
    assert QgsRasterLayer(path, "grid").crs().authid() == "EPSG:4543"
    source = DemSource(path)
    assert source.header().transform == transform
    array = source.read_all()
    np.testing.assert_array_equal(np.isnan(array), np.isnan(values))
    assert np.nansum(array) == np.nansum(values)
    np.testing.assert_array_equal(source.read(-1, 1, 3, 4), _window(array, -1, 1, 3, 4))  # a tile's ringed window

    empty = write_geotiff(str(tmp_path / "empty.tif"), np.full((3, 3), np.nan), transform, crs)
    with pytest.raises(QgsProcessingException, match="'empty' holds only nodata"):
        read_dem(QgsRasterLayer(empty, "empty"))


def _window(array, row0, col0, rows, cols):
    """`array`'s window, NaN outside it (what DemSource.read promises)."""
    out = np.full((rows, cols), np.nan, dtype=np.float32)
    for r in range(rows):
        for c in range(cols):
            if 0 <= row0 + r < array.shape[0] and 0 <= col0 + c < array.shape[1]:
                out[r, c] = array[row0 + r, col0 + c]
    return out
