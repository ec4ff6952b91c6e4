"""The one DEM reader of the drainage engines (algorithms/drainage/dem.py): the whole band and any
window give the same cells, nodata as NaN and the elevation unit applied once."""

from __future__ import annotations

import numpy as np
import rasterio
from affine import Affine

from urbanization_planning.algorithms.drainage.dem import DemSource


def write(path, values, nodata=-9999.0):
    profile = {
        "driver": "GTiff",
        "height": values.shape[0],
        "width": values.shape[1],
        "count": 2,
        "dtype": "float32",
        "crs": "EPSG:32648",
        "nodata": nodata,
        "transform": Affine(10, 0, 600000.0, 0, -10, 2770000.0),
    }
    with rasterio.open(path, "w", **profile) as dataset:
        dataset.write(np.zeros(values.shape, dtype="float32"), 1)
        dataset.write(np.where(np.isnan(values), nodata, values).astype("float32"), 2)
    return str(path)


def test_whole_band_and_windows_agree_in_metres(tmp_path):
    values = np.arange(35, dtype="float32").reshape(5, 7) + 100.0
    values[2, 3] = np.nan
    source = DemSource(write(tmp_path / "feet.tif", values), band=2, z_factor=0.3048)
    header = source.header()
    assert header.bands == 2 and header.shape == (5, 7) and header.transform.a == 10
    whole = source.read_all()
    assert whole.dtype == np.float32
    np.testing.assert_array_equal(whole, values * np.float32(0.3048))  # NaN where nodata, feet -> metres once
    np.testing.assert_array_equal(source.read(0, 0, 5, 7), whole)
    ringed = source.read(-1, -1, 7, 9)  # a tile with its one-cell ring: NaN outside the raster
    np.testing.assert_array_equal(ringed[1:-1, 1:-1], whole)
    assert np.isnan(ringed[0]).all() and np.isnan(ringed[:, -1]).all()
    assert np.isnan(source.read(10, 10, 2, 2)).all()
