"""Tiled drainage corridors (algorithms/drainage/tiled) on generated DEMs far larger than the
bundled ones, against the whole-DEM path on a DEM that fits; not a timed test.

The DEM: fractal terrain (six octaves of value noise, 6.4 km to 200 m, on hashed lattices, so any window can be
generated on its own), elevations rounded to 0.1 m and valley floors cut flat, 12.5 m cells in
UTM 48N (the Yunnan 12.5 m DEM's cell), written window by window as a tiled, compressed GeoTIFF:
nothing of the DEM's size is ever held in memory. Each case runs in a fresh process that reports
its wall time and peak resident memory (ru_maxrss, all Dask threads included):

- untiled: read the whole GeoTIFF + corridors.identify_corridors (the path for DEMs that fit);
- tiled:   corridors on analyses.identify_corridors_tiled, Dask local threaded scheduler, tiles
           of --tile x --tile cells, accumulation and D8 GeoTIFFs written.

Same threshold (1 km2), same machine, same command; time per cell compared on the same basis.
The province estimate (2.5 billion cells) scales the measured tiled time per cell of the largest
completed size (every stage is per tile and linear in cells; the global graphs grow with the
number of tiles' perimeters, measured here as part of the total), and the peak memory is the
measured one: it depends on the tile size and worker count, not the DEM.

Run: python benchmarks/bench_drainage_tiled.py --sizes 16e6,100e6,400e6   (appends JSON lines to
--out, one per case, as each finishes)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CELL = 12.5
THRESHOLD_M2 = 1e6
PROVINCE_CELLS = 2.5e9


def lattice(ix, iy, seed: int):
    """Uniform [0, 1) value of integer lattice points, by an integer hash (any window alike)."""
    import numpy as np

    h = (
        ix.astype(np.uint64) * np.uint64(374761393)
        + iy.astype(np.uint64) * np.uint64(668265263)
        + np.uint64(seed * 2654435761 % 2**32)
    )
    h = (h ^ (h >> np.uint64(13))) * np.uint64(1274126177)
    h = h ^ (h >> np.uint64(16))
    return (h & np.uint64(0xFFFFFF)).astype(np.float64) / float(2**24)


def terrain(row0: int, col0: int, rows: int, cols: int, seed: int = 3):
    """Elevation (float32, m) of a window of the endless fractal terrain. Value noise is separable:
    each octave hashes only its small lattice, interpolates it down the rows, then gathers along
    the columns (four times faster than hashing every cell's four corners)."""
    import numpy as np

    y = np.arange(row0, row0 + rows, dtype=np.float64)
    x = np.arange(col0, col0 + cols, dtype=np.float64)
    z = np.zeros((rows, cols))
    for octave in range(6):
        spacing = 512.0 / 2**octave
        amplitude = 400.0 / 2.1**octave
        fy, fx = y / spacing, x / spacing
        iy, ix = np.floor(fy).astype(np.int64), np.floor(fx).astype(np.int64)
        ty, tx = fy - iy, fx - ix
        ty, tx = ty * ty * (3 - 2 * ty), tx * tx * (3 - 2 * tx)
        lattice_y, lattice_x = np.arange(iy[0], iy[-1] + 2), np.arange(ix[0], ix[-1] + 2)
        values = lattice(lattice_x[None, :], lattice_y[:, None], seed + octave)
        a, k = iy - lattice_y[0], ix - lattice_x[0]
        down_rows = values[a] * (1 - ty)[:, None] + values[a + 1] * ty[:, None]
        z += amplitude * (down_rows[:, k] * (1 - tx) + down_rows[:, k + 1] * tx)
    z = np.maximum(z, 330.0)  # valley floors and basins: wide flats
    return (np.round(z * 10.0) / 10.0 + 1500.0).astype(np.float32)


def write_dem(path: Path, side: int) -> None:
    import rasterio
    from affine import Affine

    profile = {
        "driver": "GTiff",
        "height": side,
        "width": side,
        "count": 1,
        "dtype": "float32",
        "crs": "EPSG:32648",
        "transform": Affine(CELL, 0, 300000.0, 0, -CELL, 2900000.0),
        "nodata": -9999.0,
        "tiled": True,
        "blockxsize": 512,
        "blockysize": 512,
        "compress": "deflate",
        "BIGTIFF": "YES",
        "NUM_THREADS": "ALL_CPUS",
    }
    band = 512  # one row of 512 x 512 blocks at a time
    with rasterio.open(path, "w", **profile) as out:
        from rasterio.windows import Window

        for row0 in range(0, side, band):
            rows = min(band, side - row0)
            out.write(terrain(row0, 0, rows, side), 1, window=Window(0, row0, side, rows))


CHILD = r"""
import json, resource, sys, time, tempfile
sys.path.insert(0, sys.argv[1])
mode, path, tile = sys.argv[2], sys.argv[3], int(sys.argv[4])
import numpy as np, rasterio
from urbanization_planning.algorithms.drainage.corridors import identify_corridors
from urbanization_planning.algorithms.drainage.tiled.analyses import geotiff_profile, identify_corridors_tiled
from urbanization_planning.algorithms.drainage.dem import DemSource
from urbanization_planning.algorithms.drainage.tiled.grid import TileGrid
from urbanization_planning.algorithms.dask_runtime import runner_for
from affine import Affine
warm = np.random.default_rng(0).random((60, 60)).astype("float32")  # numba warm-up of both paths, outside the timing
identify_corridors(warm, Affine(1, 0, 0, 0, -1, 0), min_area_m2=10.0, widths={1: 1.0})
with tempfile.TemporaryDirectory() as folder:
    profile = geotiff_profile(warm.shape, Affine(1, 0, 0, 0, -1, 0), "EPSG:32648", -9999.0, "float32")
    with rasterio.open(folder + "/warm.tif", "w", **profile) as o:
        o.write(warm, 1)
    identify_corridors_tiled(DemSource(folder + "/warm.tif"), TileGrid(warm.shape, 32, 32), Affine(1, 0, 0, 0, -1, 0),
                             runner_for(None), min_area_m2=10.0, widths={1: 1.0}, scratch_dir=folder)
widths = {1: 10.0, 2: 15.0, 3: 25.0, 4: 40.0}
stages, peaks = {}, {}  # tiled: seconds and highest resident memory of each tile stage and client step
from urbanization_planning.algorithms import dask_runtime
from urbanization_planning.algorithms.drainage.tiled import analyses, flow
import threading

def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()

highest = [0]

def sample():  # every 20 ms: the resident memory the current stage has reached
    while True:
        highest[0] = max(highest[0], resident())
        time.sleep(0.02)

threading.Thread(target=sample, daemon=True).start()

def timed(name, function):
    def wrapper(*args, **kwargs):
        began, highest[0] = time.perf_counter(), resident()
        try:
            return function(*args, **kwargs)
        finally:
            stages[name] = stages.get(name, 0.0) + time.perf_counter() - began
            peaks[name] = max(peaks.get(name, 0.0), round(highest[0] / 2**30, 2))
    return wrapper

tile_map = dask_runtime.TileRunner.map
dask_runtime.TileRunner.map = lambda self, function, tasks, **kw: timed(function.__name__, tile_map)(self, function, tasks, **kw)
for module, name in ((flow, "solve_spill_levels"), (flow, "solve_inflow"), (analyses, "write_tiles"),
                     (analyses, "network_lines"), (analyses, "corridor_zones"), (analyses, "road_crossings"),
                     (analyses, "buildings_in_zones")):
    setattr(module, name, timed(name, getattr(module, name)))
base = resident()  # imports and warm-up done: what the process holds before the case
start = time.perf_counter()
with rasterio.open(path) as d:
    shape, transform = d.shape, d.transform
if mode == "untiled":
    with rasterio.open(path) as d:
        dem = d.read(1, out_dtype="float32")
    dem[dem == -9999.0] = np.nan
    result = identify_corridors(dem, transform, min_area_m2=float(sys.argv[5]), widths=widths)
    del dem
    with tempfile.TemporaryDirectory(dir=sys.argv[6]) as out:  # the same two rasters as the tiled case
        for name, array, nodata, dtype in (("acc", result.accumulation, -9999.0, "float32"),
                                           ("d8", result.d8, 247, "uint8")):
            with rasterio.open(f"{out}/{name}.tif", "w", **geotiff_profile(shape, transform, "EPSG:32648", nodata, dtype)) as o:
                for top in range(0, shape[0], 1024):  # in strips, as layers.raster.write_geotiff
                    strip = array[top:top + 1024]
                    strip = np.where(np.isnan(strip), nodata, strip) if dtype == "float32" else strip
                    o.write(strip.astype(dtype, copy=False), 1, window=rasterio.windows.Window(0, top, shape[1], strip.shape[0]))
    lines, rounds, tiles = len(result.lines), 0, 1
else:
    grid = TileGrid(shape, tile, tile)
    with tempfile.TemporaryDirectory(dir=sys.argv[6]) as out:
        result = identify_corridors_tiled(DemSource(path), grid, transform, runner_for(None), min_area_m2=float(sys.argv[5]),
                                          widths=widths, accumulation_path=out + "/acc.tif", direction_path=out + "/d8.tif",
                                          raster_crs="EPSG:32648", scratch_dir=sys.argv[6])
    lines, rounds, tiles = len(result.lines), result.flat_rounds, grid.down * grid.across
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"mode": mode, "cells": shape[0] * shape[1], "seconds": seconds, "peak_bytes": peak,
                  "segments": lines, "flat_rounds": rounds, "tiles": tiles, "tile": tile if mode == "tiled" else None,
                  "stages": {k: round(v, 2) for k, v in stages.items()}, "stage_peak_gib": peaks,
                  "base_gib": round(base / 2**30, 2)}))
"""


def run_case(mode: str, dem: Path, tile: int, scratch: str) -> dict:
    link = Path(tempfile.mkdtemp(prefix="bench-import-"))
    (link / "urbanization_planning").symlink_to(ROOT, target_is_directory=True)
    command = [sys.executable, "-c", CHILD, str(link), mode, str(dem), str(tile), str(THRESHOLD_M2), scratch]
    began, load = time.strftime("%H:%M:%S", time.gmtime()), os.getloadavg()[0]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    entry = json.loads(output.strip().splitlines()[-1])
    entry.update(started_utc=began, load_before=round(load, 2), load_after=round(os.getloadavg()[0], 2))
    return entry


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="16e6,100e6,400e6", help="DEM sizes in cells (square DEMs)")
    parser.add_argument("--untiled", type=float, default=16e6, help="size the whole-DEM path is measured on")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="at the --untiled size: whole-DEM and tiled runs alternated this many times",
    )
    parser.add_argument("--tile", type=int, default=4096, help="tile side in cells")
    parser.add_argument(
        "--work",
        default="/var/tmp/urbanization-tiled-bench",
        help="folder for the generated DEMs (kept there and reused) and the scratch files",
    )
    parser.add_argument("--drop-dems", action="store_true", help="delete each generated DEM after its case")
    parser.add_argument("--out", default=str(HERE / "bench_drainage_tiled.jsonl"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [float(s) for s in args.sizes.split(",")]

    def record(entry: dict) -> None:
        entry["per_cell_us"] = 1e6 * entry["seconds"] / entry["cells"]
        entry["peak_gib"] = entry["peak_bytes"] / 2**30
        print(json.dumps(entry), flush=True)
        with open(args.out, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")

    baseline = None  # the latest whole-DEM run: tiled runs are compared with it per cell
    for cells in sizes:
        side = int(math.sqrt(cells))
        dem = work / f"bench_tiled_{side}.tif"
        if not dem.exists():
            started = time.perf_counter()
            write_dem(dem, side)
            print(f"generated {side} x {side} in {time.perf_counter() - started:.0f} s", flush=True)
        for _ in range(args.repeat if cells == args.untiled else 1):
            if cells == args.untiled:
                baseline = run_case("untiled", dem, args.tile, str(work))
                record(baseline)
            entry = run_case("tiled", dem, args.tile, str(work))
            if baseline is not None:
                entry["ratio_to_untiled_per_cell"] = (entry["seconds"] / entry["cells"]) / (
                    baseline["seconds"] / baseline["cells"]
                )
            entry["province_estimate_hours_2_threads"] = entry["seconds"] / entry["cells"] * PROVINCE_CELLS / 3600
            record(entry)
        if args.drop_dems:
            dem.unlink()


if __name__ == "__main__":
    main()
