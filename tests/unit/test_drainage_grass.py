"""Corridor cells against GRASS r.watershed -s stream cells on the bundled DEM (stored fixture:
tests/data/drainage_bigtujunga_grass_streams.npz, made by benchmarks/grass_drainage.sh; the exact
commands are in tests/data/drainage_README.md)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from urbanization_planning.algorithms.drainage.hydrology import condition

from ..conftest import DATA, SAMPLE_DATA


@pytest.fixture(scope="module")
def bigtujunga():
    rasterio = pytest.importorskip("rasterio")
    with rasterio.open(SAMPLE_DATA / "bigtujunga.tif") as dataset:
        dem = dataset.read(1, masked=True).astype("float32").filled(np.nan)
        return dem, dataset.transform


def test_corridor_cells_agree_with_grass_within_one_cell(bigtujunga):
    dem, transform = bigtujunga
    fixture = np.load(DATA / "drainage_bigtujunga_grass_streams.npz")
    assert tuple(fixture["shape"]) == dem.shape
    cell_area = abs(transform.a * transform.e)
    threshold_cells = int(fixture["threshold_cells"])  # GRASS threshold=1111 cells: 1 km2 of 30 m cells
    grass = np.zeros(dem.size, dtype=bool)
    grass[fixture["indices"]] = True
    grass = grass.reshape(dem.shape)

    ours = condition(dem, transform).accumulation_m2() >= threshold_cells * cell_area
    near = np.ones((3, 3), dtype=bool)
    grass_near_ours = (grass & ndimage.binary_dilation(ours, near)).sum() / grass.sum()
    ours_near_grass = (ours & ndimage.binary_dilation(grass, near)).sum() / ours.sum()
    # the README's figures, 97 % and 98 % (measured 97.4 % and 98.3 %; the issue asked for 90 %)
    assert grass_near_ours >= 0.97, grass_near_ours
    assert ours_near_grass >= 0.98, ours_near_grass
    assert 0.9 < ours.sum() / grass.sum() < 1.1
