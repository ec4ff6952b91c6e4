"""The two ways partition_io reads a spatially filtered partition (GDAL's Arrow stream, and OGR
feature by feature where that stream is unsafe: GDAL 3.7-3.11.3) give the same parcels."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from urbanization_planning.algorithms.zoning import partition_io

from .test_zoning_partitioned import X0, Y0, tessellation, write


@pytest.mark.parametrize("rect", [None, (X0 + 500, Y0 + 500, X0 + 2500, Y0 + 1500)])
def test_feature_by_feature_equals_the_arrow_stream(tmp_path, monkeypatch, rect):
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
    (fids, geometry, values), (fids_ogr, geometry_ogr, values_ogr) = read[False], read[True]
    assert 0 < len(fids) <= 400
    np.testing.assert_array_equal(fids, fids_ogr)
    assert shapely.equals_exact(geometry, geometry_ogr, tolerance=0).all()
    assert values.tolist() == values_ogr.tolist() and None in values.tolist()
