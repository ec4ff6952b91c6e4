"""Slope of the terrain engine against an independent reference, GDAL's own `gdaldem slope` (Horn's
method, the GDAL command line, not rasterio): within 0.01° away from the DEM's edges, on the bundled
DEM's crop (UTM) and on a geographic DEM (SRTM 3", EPSG:4326), where the engine's per-row ground
cell sizes are handed to gdaldem one row at a time as the cell size of a metric copy."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
import rasterio
from affine import Affine

from urbanization_planning.algorithms.drainage.dem import DemSource
from urbanization_planning.algorithms.terrain import surface

from ..conftest import DATA

pytestmark = pytest.mark.skipif(shutil.which("gdaldem") is None, reason="gdaldem (GDAL's command line) not installed")


def gdaldem_slope(path, out, scale: float = 1.0) -> np.ndarray:
    subprocess.run(["gdaldem", "slope", "-q", "-s", repr(scale), str(path), str(out)], check=True)
    with rasterio.open(out) as dataset:
        slope = dataset.read(1).astype(np.float64)
        slope[slope == dataset.nodata] = np.nan
    return slope


def engine_slope(path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    source = DemSource(str(path))
    with rasterio.open(path) as dataset:
        crs, transform = dataset.crs.to_wkt(), dataset.transform
    z = source.read_all()
    dx, dy = surface.row_cell_metres(crs, transform, z.shape)
    return surface.horn_slope(surface.pad(z, 1), 1, dx, dy).astype(np.float64), dx, dy


def test_projected_slope_matches_gdaldem(tmp_path):
    path = DATA / "terrain_bigtujunga_crop.tif"  # UTM 11N, 30 m cells
    ours, dx, dy = engine_slope(path)
    # the engine measures cells on the ground: 30 m of UTM grid are 30 / k m, k the point scale
    # (the crop's centre lies x ≈ 108 km west of the central meridian: k ≈ 0.9996 · (1 + x² / 2R²)
    # = 0.9996 · (1 + (108e3)² / (2 · 6.38e6²)) = 0.99974); gdaldem's scale (horizontal metres per
    # grid unit) is that ground size over 30
    assert dx[0] == pytest.approx(dy[0], rel=1e-9) and 30.0 / dx[0] == pytest.approx(0.99974, abs=2e-5)
    reference = gdaldem_slope(path, tmp_path / "slope.tif", scale=dx[0] / 30.0)
    inner = (slice(1, -1), slice(1, -1))  # gdaldem leaves the edge ring nodata (no -compute_edges)
    assert np.isfinite(reference[inner]).all()
    assert np.nanmax(np.abs(ours[inner] - reference[inner])) < 0.01
    assert np.nanmax(ours) > 30  # a real mountain crop: slopes past every class break


def test_geographic_slope_uses_true_ground_distances(tmp_path):
    path = DATA / "drainage_cape_peninsula_cut.tif"  # SRTM 3", EPSG:4326, 31 % sea as nodata
    ours, dx, dy = engine_slope(path)
    with rasterio.open(path) as dataset:
        profile = dataset.profile
        z = dataset.read(1)
    # ~34.2° S: a 3" cell is ~76.7 m east-west and ~92.4 m north-south; taking degrees as one length
    # (gdaldem -s 111120) would be ~17 % off east-west
    assert 76 < dx[80] < 78 and 92 < dy[80] < 93
    checked = 0
    for row in range(5, 155, 15):
        # a metric copy whose cells have row `row`'s ground size: gdaldem's Horn slope of that row
        metric = tmp_path / f"metric_{row}.tif"
        profile.update(crs="EPSG:3857", transform=Affine(dx[row], 0, 0, 0, -dy[row], 0))
        with rasterio.open(metric, "w", **profile) as out:
            out.write(z, 1)
        reference = gdaldem_slope(metric, tmp_path / f"slope_{row}.tif")[row, 1:-1]
        mine = ours[row, 1:-1]
        both = np.isfinite(reference)
        assert np.nanmax(np.abs(mine[both] - reference[both])) < 0.01
        checked += int(both.sum())
    assert checked > 500
    z = np.where(z == profile["nodata"], np.nan, z).astype(np.float32)
    naive = surface.horn_slope(surface.pad(z, 1), 1, np.full(160, 92.4), np.full(160, 92.4))
    assert np.nanmax(np.abs(naive - ours)) > 1.0  # square cells would be wrong by degrees
