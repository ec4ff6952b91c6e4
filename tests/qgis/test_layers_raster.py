"""layers/raster: reading a real DEM, the errors planners see, and GeoTIFF writing."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingException, QgsRasterLayer

from ..conftest import SAMPLE_DATA


def test_real_dem_reads_with_transform_and_crs():
    from urbanization_planning.layers.raster import read_band

    layer = QgsRasterLayer(str(SAMPLE_DATA / "bigtujunga.tif"), "dem")
    data = read_band(layer)
    assert data.array.shape == (643, 1197)
    assert 315 <= np.nanmin(data.array) and np.nanmax(data.array) <= 2295
    assert data.crs.authid() == "EPSG:32611"
    assert data.cell_size[0] == pytest.approx(data.cell_size[1], rel=0.01)


def test_missing_band_and_non_file_provider_are_clear_errors():
    from urbanization_planning.layers.raster import read_band

    layer = QgsRasterLayer(str(SAMPLE_DATA / "bigtujunga.tif"), "dem")
    with pytest.raises(QgsProcessingException, match="has 1 band.*band 2 does not exist"):
        read_band(layer, band=2, label="dem")
    wms = SimpleNamespace(providerType=lambda: "wms", source=lambda: "url=...", name=lambda: "basemap")
    with pytest.raises(QgsProcessingException, match="'basemap' comes from the 'wms' provider"):
        read_band(wms, label="basemap")


def test_geotiff_round_trip_and_all_nodata_error(tmp_path):
    from affine import Affine

    from urbanization_planning.layers.raster import read_band, write_geotiff

    crs = QgsCoordinateReferenceSystem("EPSG:4543")
    transform = Affine(5.0, 0, 500000.0, 0, -5.0, 2770000.0)
    values = np.arange(12, dtype=float).reshape(3, 4)
    values[1, 2] = np.nan
    path = write_geotiff(str(tmp_path / "grid.tif"), values, transform, crs)
    data = read_band(QgsRasterLayer(path, "grid"))
    assert data.crs.authid() == "EPSG:4543"
    assert data.transform == transform
    np.testing.assert_array_equal(np.isnan(data.array), np.isnan(values))
    assert np.nansum(data.array) == np.nansum(values)

    empty = write_geotiff(str(tmp_path / "empty.tif"), np.full((2, 2), np.nan), transform, crs)
    with pytest.raises(QgsProcessingException, match="'empty' holds only nodata"):
        read_band(QgsRasterLayer(empty, "empty"), label="empty")
