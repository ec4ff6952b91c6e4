"""The tiled path of the suitability engine (algorithms/terrain/tiled.py) equals the whole-raster
path cell for cell: class raster, slope, every area sum and the class polygons' areas, over
hypothesis-drawn tilings (tiles down to 3 x 3 cells, smaller than the relief window's halo) of a
DEM with nodata holes, exclusions, overlapping units and a development boundary."""

from __future__ import annotations

import numpy as np
import pytest
import rasterio
from affine import Affine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.dask_runtime import TileRunner
from urbanization_planning.algorithms.drainage.dem import DemSource
from urbanization_planning.algorithms.drainage.tiled.grid import TileGrid
from urbanization_planning.algorithms.terrain import grading, overlays
from urbanization_planning.algorithms.terrain.suitability import Settings, evaluate
from urbanization_planning.algorithms.terrain.tiled import evaluate_tiled

CRS = "EPSG:4547"
TRANSFORM = Affine(12.5, 0, 400_000.0, 0, -12.5, 2_800_000.0)
SHAPE = (37, 29)


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    import geopandas as gpd
    import shapely
    from shapely.geometry import LineString

    folder = tmp_path_factory.mktemp("terrain-tiled")
    rng = np.random.default_rng(7)
    rows, cols = np.mgrid[0 : SHAPE[0], 0 : SHAPE[1]]
    z = 800 + 3.0 * rows + 0.08 * (cols - 14) ** 2 * 12.5 + rng.normal(0, 1.5, SHAPE)  # a valley, some noise
    z[10:13, 5:9] = -9999  # a nodata hole
    path = folder / "dem.tif"
    profile = {"driver": "GTiff", "height": SHAPE[0], "width": SHAPE[1], "count": 1, "dtype": "float32"}
    with rasterio.open(path, "w", **profile, crs=CRS, transform=TRANSFORM, nodata=-9999) as out:
        out.write(z.astype(np.float32), 1)
    x0, y0 = TRANSFORM.c, TRANSFORM.f
    frames = {
        "ecological_red_line": gpd.GeoDataFrame(geometry=[shapely.box(x0 + 30, y0 - 200, x0 + 170, y0 - 60)], crs=CRS),
        "water": gpd.GeoDataFrame(geometry=[shapely.box(x0 + 100, y0 - 300, x0 + 250, y0 - 150)], crs=CRS),
        "active_fault": gpd.GeoDataFrame(geometry=[LineString([(x0, y0 - 400), (x0 + 400, y0 - 300)])], crs=CRS),
    }
    units = gpd.GeoDataFrame(
        {"name": ["all", "west", "east"]},
        geometry=[
            shapely.box(x0, y0 - 500, x0 + 400, y0),
            shapely.box(x0, y0 - 500, x0 + 180, y0),
            shapely.box(x0 + 180, y0 - 500, x0 + 400, y0),
        ],
        crs=CRS,
    )
    boundary = gpd.GeoDataFrame(geometry=[shapely.box(x0 + 80, y0 - 350, x0 + 300, y0 - 100)], crs=CRS)
    prepared = overlays.prepare(frames, units, boundary, CRS, CRS, fault_buffer_m=20.0)
    config = Settings(grading.Grading(relief_downgrades=((10.0, 1), (25.0, 2))), "guide", 5)
    source = DemSource(str(path))
    whole = evaluate(source.read_all(), TRANSFORM, CRS, prepared, config)
    return folder, source, prepared, config, whole


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tile_rows=st.integers(3, 40), tile_cols=st.integers(3, 30), scheme=st.sampled_from(grading.SCHEMES))
def test_tiled_equals_whole_cell_for_cell(case, tile_rows, tile_cols, scheme):
    folder, source, prepared, config, whole = case
    if scheme != config.scheme:
        config = Settings(config.grading, scheme, config.relief_cells)
        whole = evaluate(source.read_all(), TRANSFORM, CRS, prepared, config)
    grid = TileGrid(SHAPE, tile_rows, tile_cols)
    classes_path, slope_path = folder / f"c_{tile_rows}_{tile_cols}.tif", folder / f"s_{tile_rows}_{tile_cols}.tif"
    with TileRunner(workers=2) as runner:
        tiled = evaluate_tiled(
            source, grid, TRANSFORM, CRS, prepared, config, runner,
            classes_path=str(classes_path), slope_path=str(slope_path), raster_crs=CRS,
        )  # fmt: skip
    with rasterio.open(classes_path) as dataset:
        assert np.array_equal(dataset.read(1), whole.classes)
    with rasterio.open(slope_path) as dataset:
        slope = dataset.read(1)
    assert np.array_equal(np.where(slope == -9999, np.nan, slope), whole.slope, equal_nan=True)
    assert set(tiled.sums) == set(whole.sums)
    for name, values in whole.sums.items():
        np.testing.assert_allclose(tiled.sums[name], values, rtol=1e-12, atol=1e-6, err_msg=name)
    np.testing.assert_allclose(tiled.conflicts, whole.conflicts, rtol=1e-12)
    assert tiled.polygons["class"].tolist() == whole.polygons["class"].tolist()
    np.testing.assert_allclose(tiled.polygons.area, whole.polygons.area, rtol=1e-9)
    assert tiled.polygons.is_valid.all() and whole.polygons.is_valid.all()
    apart = tiled.polygons.geometry.symmetric_difference(whole.polygons.geometry, align=False).area
    assert apart.max() < 1e-6
    assert whole.sums["excluded_m2"][0] > 0 and whole.sums["nodata_m2"][0] == pytest.approx(12 * 12.5**2, rel=1e-3)
