"""The two Arrow streams partition_io reads a spatially filtered partition through (the GeoPackage
driver's own, and OGR's generic one where the driver's is unsafe: GDAL 3.7-3.11.3) give the same
parcels."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from osgeo import gdal

from urbanization_planning.algorithms.zoning import partition_io

from .test_zoning_partitioned import X0, Y0, tessellation, write


@pytest.mark.parametrize("rect", [None, (X0 + 500, Y0 + 500, X0 + 2500, Y0 + 1500)])
def test_the_generic_stream_equals_the_drivers(tmp_path, monkeypatch, rect):
    cells, codes = tessellation(400, seed=3)
    codes = codes.astype(object)
    codes[::7] = None  # null land-use codes read as None both ways
    source = write(tmp_path / "plan.gpkg", cells, codes)
    read = {}
    for unsafe in (False, True):
        monkeypatch.setattr(partition_io, "_filtered_arrow_is_unsafe", lambda unsafe=unsafe: unsafe)
        batches = list(source.batches(rect))
        fids = np.concatenate([b[0] for b in batches])
        wkb = np.concatenate([b[1] for b in batches])
        values = np.concatenate([b[2]["DLBM"] for b in batches])
        read[unsafe] = fids, shapely.from_wkb(wkb), values
    (fids, geometry, values), (fids_generic, geometry_generic, values_generic) = read[False], read[True]
    assert 0 < len(fids) <= 400
    np.testing.assert_array_equal(fids, fids_generic)
    assert shapely.equals_exact(geometry, geometry_generic, tolerance=0).all()
    assert values.tolist() == values_generic.tolist() and None in values.tolist()


def test_the_generic_stream_is_asked_for_on_this_thread_during_gdals_calls_only(tmp_path, monkeypatch):
    source = write(tmp_path / "plan.gpkg", *tessellation(50, seed=1))
    monkeypatch.setattr(partition_io, "_filtered_arrow_is_unsafe", lambda: True)
    seen = []
    real = partition_io._generic_arrow

    def spy(enabled):
        seen.append(enabled)
        return real(enabled)

    monkeypatch.setattr(partition_io, "_generic_arrow", spy)
    for _batch in source.batches((X0, Y0, X0 + 1000, Y0 + 1000)):
        assert gdal.GetThreadLocalConfigOption(partition_io.GENERIC_ARROW_OPTION, None) is None  # not across a yield
    assert seen and all(seen)
    assert list(source.batches(None)) and seen[-1] is False  # whole-layer reads keep the driver's stream
    with partition_io._generic_arrow(True):
        assert gdal.GetThreadLocalConfigOption(partition_io.GENERIC_ARROW_OPTION, None) == "YES"
    assert gdal.GetThreadLocalConfigOption(partition_io.GENERIC_ARROW_OPTION, None) is None
