"""The tiled drainage engine (algorithms/drainage/tiled) against the whole-DEM path on the bundled
DEMs and generated terrain with wide flats, cut into 4 x 4 and 7 x 5 tiles; a two-worker Dask
cluster against the local scheduler, bit for bit; cancellation; the Dask runner itself.

What "the same" means (see tiled/flow.py): filled elevations equal exactly; directions equal on
every cell (flats included: both paths drain a flat to its nearest drained cell); accumulation
equal within float tolerance; at least 99 % of corridor cells of either run within one cell of a
corridor cell of the other with the same Strahler order (measured: 100 %); hollows equal in cells,
area, volume, depth and spill level."""

from __future__ import annotations

import os
import tempfile

import numpy as np
import pytest
import rasterio
from affine import Affine
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.cancel import CancelledError
from urbanization_planning.algorithms.dask_runtime import TileRunner, runner_for
from urbanization_planning.algorithms.drainage.corridors import identify_corridors
from urbanization_planning.algorithms.drainage.dem import DemSource
from urbanization_planning.algorithms.drainage.depressions import find_depressions
from urbanization_planning.algorithms.drainage.hydrology import cell_distances, condition, steepest_descent
from urbanization_planning.algorithms.drainage.tiled.analyses import (
    find_depressions_tiled,
    identify_corridors_tiled,
    network_lines,
)
from urbanization_planning.algorithms.drainage.tiled.flow import condition_tiled
from urbanization_planning.algorithms.drainage.tiled.grid import Scratch, TileGrid

from ..conftest import DATA, SAMPLE_DATA

BIGTUJUNGA = str(SAMPLE_DATA / "bigtujunga.tif")
CAPE = str(DATA / "drainage_cape_peninsula_cut.tif")  # EPSG:4326, 31 % sea as nodata
LAYOUTS = [(4, 4), (7, 5)]
WIDTHS = {1: 10.0, 2: 15.0, 3: 25.0, 4: 40.0}


def wide_flat_terrain(rows: int, cols: int, seed: int = 7) -> np.ndarray:
    """Hills over wide flats: smooth waves plus per-cell noise, everything below a level cut flat
    (lowland plains and filled lakes), elevations rounded to 0.5 m (terraces of equal height)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:rows, 0:cols].astype(np.float64)
    z = np.zeros((rows, cols))
    for k in range(5):
        fy, fx = rng.uniform(0.5, 4.0, 2) * (2.0**k) * 2 * np.pi / max(rows, cols)
        z += 60.0 / (1.7**k) * np.sin(fx * x + rng.uniform(0, 6)) * np.cos(fy * y + rng.uniform(0, 6))
    z += rng.uniform(0.0, 1.5, (rows, cols))
    z = np.maximum(z, np.quantile(z, 0.3))
    return (np.round(z * 2) / 2 + 1500.0).astype(np.float32)


def write(path, dem: np.ndarray, crs="EPSG:32648", cell=12.5, nodata=-9999.0) -> str:
    profile = {
        "driver": "GTiff",
        "height": dem.shape[0],
        "width": dem.shape[1],
        "count": 1,
        "dtype": "float32",
        "crs": crs,
        "nodata": nodata,
        "transform": Affine(cell, 0, 500000.0, 0, -cell, 2800000.0),
    }
    with rasterio.open(path, "w", **profile) as dataset:
        dataset.write(np.where(np.isnan(dem), nodata, dem).astype("float32"), 1)
    return str(path)


def read(path):
    with rasterio.open(path) as dataset:
        dem = dataset.read(1, out_dtype="float32")
        nodata, transform, latlon = dataset.nodata, dataset.transform, dataset.crs.is_geographic
    if nodata is not None:
        dem[dem == np.float32(nodata)] = np.nan
    return dem, transform, latlon


def mosaic(flow, name: str, dtype, fill) -> np.ndarray:
    out = np.full(flow.grid.shape, fill, dtype=dtype)
    for i, j in flow.grid.tiles:
        row0, col0, rows, cols = flow.grid.window(i, j)
        out[row0 : row0 + rows, col0 : col0 + cols] = flow.load(name, i, j)
    return out


def tiled_arrays(path: str, layout, runner=None, threshold=None):
    dem, transform, latlon = read(path)
    grid = TileGrid.by_count(dem.shape, *layout)
    with tempfile.TemporaryDirectory() as folder:
        flow = condition_tiled(
            DemSource(path),
            grid,
            Scratch(folder),
            transform,
            runner or runner_for(None),
            latlon=latlon,
            threshold_m2=threshold,
        )
        return (
            mosaic(flow, "filled", np.float32, np.nan),
            mosaic(flow, "d8_final", np.uint8, 247),
            mosaic(flow, "acc", np.float32, np.nan),
            flow,
        )


def flat_cells(filled: np.ndarray, transform, latlon: bool) -> np.ndarray:
    """Cells with no strictly lower neighbour off the DEM's boundary: where routing is free."""
    probe = np.where(np.isnan(filled), np.uint8(247), np.uint8(255))
    steepest_descent(filled, probe, *cell_distances(transform, filled.shape, latlon))
    return probe == 255


@pytest.fixture(scope="module")
def flat_dem(tmp_path_factory):
    return write(tmp_path_factory.mktemp("flat") / "flat.tif", wide_flat_terrain(300, 420))


def check_against_untiled(path: str, layout) -> None:
    dem, transform, latlon = read(path)
    whole = condition(dem, transform, latlon=latlon, keep_filled=True)
    accumulation = whole.accumulation_m2()
    filled, d8, acc, flow = tiled_arrays(path, layout)
    assert flow.stranded == 0
    np.testing.assert_array_equal(filled, whole.filled)  # NaN == NaN here: exact, cell for cell
    flats = flat_cells(whole.filled, transform, latlon)
    assert flats.any()
    # both paths route flats the same way (shortest way to a drained cell), so everything agrees
    np.testing.assert_array_equal(d8, whole.d8)
    np.testing.assert_allclose(acc, accumulation, rtol=2e-6)
    # every drop reaches an outlet (no loop): the outlets together drain the whole DEM
    outlets = d8 == 0
    np.testing.assert_allclose(np.nansum(acc[outlets]), np.nansum(accumulation[whole.d8 == 0]), rtol=1e-6)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", [BIGTUJUNGA, CAPE], ids=["bigtujunga", "cape-sea-nodata"])
def test_tiled_conditioning_matches_the_whole_dem(path, layout):
    check_against_untiled(path, layout)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_wide_flats_match_and_drain_across_borders(flat_dem, layout):
    check_against_untiled(flat_dem, layout)


def test_a_flat_split_by_borders_drains_to_one_outlet(tmp_path):
    """A plateau crossing a 3 x 3 tile grid with one notch: every plateau cell, on whichever tile,
    drains through the notch, and the notch collects the whole plateau."""
    dem = np.full((30, 30), 10.0, dtype=np.float32)
    dem[[0, -1], :] = dem[:, [0, -1]] = 20.0  # a rim
    dem[0, 15] = 5.0  # the notch, on the top edge: the only way out
    path = write(tmp_path / "plateau.tif", dem, cell=1.0)
    _, d8, acc, flow = tiled_arrays(path, (3, 3))
    assert flow.flat_rounds >= 2  # distances had to travel between tiles
    assert acc[0, 15] == pytest.approx(900.0)  # the whole DEM leaves through the notch
    assert np.count_nonzero(d8 == 0) == 1  # the rim drains inwards: the notch is the one outlet


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    down=st.integers(1, 5),
    across=st.integers(1, 5),
    rows=st.integers(3, 40),
    cols=st.integers(3, 40),
    holes=st.floats(0.0, 0.3),
)
def test_fill_is_exact_for_any_tiling(seed, down, across, rows, cols, holes):
    """Random terraced terrain with random nodata, any tile layout: the filled surface is the
    whole-DEM fill cell for cell, and every cell drains to an outlet."""
    rng = np.random.default_rng(seed)
    dem = np.round(rng.uniform(0, 20, (rows, cols))).astype(np.float32)
    dem[rng.random((rows, cols)) < holes] = np.nan
    if not np.isfinite(dem).any():
        dem[0, 0] = 1.0
    with tempfile.TemporaryDirectory() as folder:
        path = write(os.path.join(folder, "dem.tif"), dem, cell=1.0)
        filled, d8, acc, flow = tiled_arrays(path, (down, across))
    whole = condition(dem, Affine(1.0, 0, 500000.0, 0, -1.0, 2800000.0), keep_filled=True)
    np.testing.assert_array_equal(filled, whole.filled)
    assert flow.stranded == 0
    assert np.nansum(acc[d8 == 0]) == pytest.approx(np.isfinite(dem).sum())


def neighbourhood_hits(cells_a, orders_a, cells_b, orders_b, cols) -> float:
    """Share of stream cells of A with a cell of B of the same order within one cell."""
    lookup = dict(zip(cells_b.tolist(), orders_b.tolist()))
    hits = 0
    for cell, order in zip(cells_a.tolist(), orders_a.tolist()):
        r, c = divmod(cell, cols)
        if any(lookup.get((r + dr) * cols + c + dc) == order for dr in (-1, 0, 1) for dc in (-1, 0, 1)):
            hits += 1
    return hits / max(1, len(cells_a))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path,threshold", [(BIGTUJUNGA, 1e6), (CAPE, 2e5)], ids=["bigtujunga", "cape-sea-nodata"])
def test_corridor_cells_and_orders_agree(path, threshold, layout):
    dem, transform, latlon = read(path)
    whole = condition(dem, transform, latlon=latlon)
    accumulation = whole.accumulation_m2()
    network = np.nan_to_num(accumulation, nan=0.0) >= threshold
    order_whole = whole.strahler_order(network)
    cells_whole = np.flatnonzero(network)
    _, _, _, flow = tiled_arrays(path, layout, threshold=threshold)
    _, strahler, cells_tiled = network_lines(flow.network, transform, dem.shape, None, None)
    cols = dem.shape[1]
    assert neighbourhood_hits(cells_whole, order_whole.ravel()[cells_whole], cells_tiled, strahler, cols) >= 0.99
    assert neighbourhood_hits(cells_tiled, strahler, cells_whole, order_whole.ravel()[cells_whole], cols) >= 0.99
    assert np.array_equal(np.sort(cells_tiled), cells_whole)  # in fact the very same cells


def test_corridor_lines_match(tmp_path):
    dem, transform, _ = read(BIGTUJUNGA)
    whole = identify_corridors(dem, transform, min_area_m2=1e6, widths=WIDTHS)
    tiled = identify_corridors_tiled(
        DemSource(BIGTUJUNGA),
        TileGrid.by_count(dem.shape, 7, 5),
        transform,
        runner_for(None),
        min_area_m2=1e6,
        widths=WIDTHS,
        accumulation_path=str(tmp_path / "acc.tif"),
        direction_path=str(tmp_path / "d8.tif"),
        raster_crs="EPSG:32611",
    )
    assert tiled.total_length_km == pytest.approx(whole.total_length_km, rel=0.01)
    assert abs(len(tiled.lines) - len(whole.lines)) <= 0.02 * len(whole.lines)
    assert list(tiled.zones["strahler"]) == list(whole.zones["strahler"])
    written, _, _ = read(tmp_path / "acc.tif")
    assert np.nanmax(written) == pytest.approx(np.nanmax(whole.accumulation), rel=1e-6)
    with rasterio.open(tmp_path / "d8.tif") as dataset:
        assert dataset.nodata == 247 and dataset.dtypes[0] == "uint8"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", [BIGTUJUNGA, CAPE], ids=["bigtujunga", "cape-sea-nodata"])
def test_depressions_across_borders_are_whole(path, layout, tmp_path):
    dem, transform, latlon = read(path)
    whole = find_depressions(dem, transform, latlon=latlon, min_depth=0.0)
    tiled = find_depressions_tiled(
        DemSource(path),
        TileGrid.by_count(dem.shape, *layout),
        transform,
        runner_for(None),
        latlon=latlon,
        min_depth=0.0,
        depth_path=str(tmp_path / "depth.tif"),
        raster_crs="EPSG:4326",
    )
    assert tiled.candidates == whole.candidates and tiled.count == whole.count
    a = whole.depressions.sort_values("depression_id").reset_index(drop=True)
    b = tiled.depressions.sort_values("depression_id").reset_index(drop=True)
    for column in ("cells", "max_depth_m", "spill_elev_m"):  # exactly: they follow from the fill
        assert np.array_equal(a[column].to_numpy(), b[column].to_numpy()), column
    for column in ("area_m2", "volume_m3", "mean_depth_m"):
        np.testing.assert_allclose(a[column], b[column], rtol=1e-9)
    np.testing.assert_allclose(a["upstream_km2"], b["upstream_km2"], rtol=2e-6)  # float32 accumulation
    assert all(x.symmetric_difference(y).area <= 1e-9 * max(x.area, 1e-9) for x, y in zip(a.geometry, b.geometry))
    depth, _, _ = read(tmp_path / "depth.tif")
    np.testing.assert_array_equal(depth, whole.depth)


def test_thresholds_apply_to_the_joined_hollow(flat_dem):
    dem, transform, _ = read(flat_dem)
    whole = find_depressions(dem, transform, min_depth=0.5, min_area_m2=2000.0)
    tiled = find_depressions_tiled(
        DemSource(flat_dem),
        TileGrid.by_count(dem.shape, 7, 5),
        transform,
        runner_for(None),
        min_depth=0.5,
        min_area_m2=2000.0,
    )
    assert tiled.count == whole.count > 0
    np.testing.assert_allclose(
        np.sort(tiled.depressions["volume_m3"]), np.sort(whole.depressions["volume_m3"]), rtol=1e-9
    )


def test_two_worker_cluster_gives_the_local_result_bit_for_bit(tmp_path):
    """On a scheduler and two workers started as separate processes (cluster_processes.py)."""
    pytest.importorskip("distributed")
    from .cluster_processes import Cluster

    local = tiled_arrays(CAPE, (4, 4), threshold=2e5)
    cluster = Cluster(tmp_path)
    try:
        cluster.scheduler().worker().worker().wait(2)
        with runner_for(cluster.address) as runner:
            runner.preflight([os.path.dirname(str(CAPE))])
            assert runner.description.startswith("Dask cluster at") and runner.slots == 2
            remote = tiled_arrays(CAPE, (4, 4), runner=runner, threshold=2e5)
    finally:
        cluster.stop()
    for a, b in zip(local[:3], remote[:3]):
        assert a.tobytes() == b.tobytes()
    for a, b in zip(local[3].network, remote[3].network):
        assert a.tobytes() == b.tobytes()


def test_cancel_stops_between_tiles_and_cleans_up(tmp_path):
    calls = []

    def is_canceled():
        calls.append(1)
        return len(calls) > 3

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    dem, transform, _ = read(BIGTUJUNGA)
    with pytest.raises(CancelledError):
        find_depressions_tiled(
            DemSource(BIGTUJUNGA),
            TileGrid.by_count(dem.shape, 4, 4),
            transform,
            runner_for(None),
            scratch_dir=str(scratch),
            is_canceled=is_canceled,
        )
    assert list(scratch.iterdir()) == []


def test_runner_keeps_task_order_and_reports_progress():
    seen = []
    runner = TileRunner(None, workers=2)
    assert runner.description == "Dask local threaded scheduler (2 threads)"
    assert runner.map(pow, [(2, k) for k in range(10)], progress=seen.append) == [2**k for k in range(10)]
    assert seen[-1] == 1.0 and len(seen) == 10 and seen == sorted(seen)
    assert runner_for("  ").address is None and runner_for("tcp://10.0.0.5:8786").address == "tcp://10.0.0.5:8786"


def test_tile_grid_covers_the_dem_once():
    grid = TileGrid.by_count((103, 71), 7, 5)
    assert (grid.down, grid.across) == (7, 5)
    cover = np.zeros((103, 71), dtype=int)
    for i, j in grid.tiles:
        row0, col0, rows, cols = grid.window(i, j)
        cover[row0 : row0 + rows, col0 : col0 + cols] += 1
    assert (cover == 1).all()


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("URBANIZATION_BIG_DEM_TESTS"),
    reason=(
        "25-million-cell DEM (4-5 minutes per layout on the loaded 2-core machine): set URBANIZATION_BIG_DEM_TESTS=1"
    ),
)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_25_million_cells_with_wide_flats(tmp_path_factory, layout):
    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.tif"
    if not path.exists():
        write(path, wide_flat_terrain(5000, 5000, seed=11))
    check_against_untiled(str(path), layout)


def test_vrt_mosaic_and_cog_inputs_give_the_geotiff_result(tmp_path):
    """The DEM cut into four GeoTIFF pieces behind a VRT, and as a Cloud-Optimized GeoTIFF: read
    window by window, they give the plain GeoTIFF's result bit for bit."""
    gdal = pytest.importorskip("osgeo.gdal")
    dem, transform, _ = read(BIGTUJUNGA)
    pieces = []
    for k, (r0, c0) in enumerate([(0, 0), (0, 600), (300, 0), (300, 600)]):
        piece = dem[r0 : r0 + 300 if r0 == 0 else None, c0 : c0 + 600 if c0 == 0 else None]
        path = tmp_path / f"piece{k}.tif"
        profile = {
            "driver": "GTiff",
            "height": piece.shape[0],
            "width": piece.shape[1],
            "count": 1,
            "dtype": "float32",
            "crs": "EPSG:32611",
            "nodata": -9999.0,
            "transform": transform * Affine.translation(c0, r0),
        }
        with rasterio.open(path, "w", **profile) as dataset:
            dataset.write(np.where(np.isnan(piece), -9999.0, piece), 1)
        pieces.append(str(path))
    vrt = str(tmp_path / "mosaic.vrt")
    gdal.BuildVRT(vrt, pieces).FlushCache()
    cog = str(tmp_path / "dem_cog.tif")
    gdal.Translate(cog, BIGTUJUNGA, format="COG", creationOptions=["COMPRESS=DEFLATE", "BLOCKSIZE=256"]).FlushCache()
    reference = tiled_arrays(BIGTUJUNGA, (4, 4))
    for path in (vrt, cog):
        other = tiled_arrays(path, (4, 4))
        for a, b in zip(reference[:3], other[:3]):
            assert a.tobytes() == b.tobytes(), path
