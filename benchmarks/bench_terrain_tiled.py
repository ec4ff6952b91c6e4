"""Town construction suitability (algorithms/terrain) tile by tile on generated DEMs far larger than
the bundled one, against the whole-raster path on a DEM that fits; not a timed test.

The DEM: the fractal terrain of bench_drainage_tiled.py (12.5 m cells, UTM 48N, written window by
window, never whole in memory). Each case runs in a fresh process that reports its wall time and peak
resident memory (ru_maxrss, all Dask threads included), with four evaluation units (the DEM's
quarters), a red-line rectangle and a fault line, the class and slope GeoTIFFs written, no class
polygons (they grow with the terrain's detail, not the tile):

- whole: read the whole GeoTIFF + suitability.evaluate (the path for DEMs that fit);
- tiled: tiled.evaluate_tiled, Dask local threaded scheduler, tiles of --tile x --tile cells.

Run: python benchmarks/bench_terrain_tiled.py --sizes 16e6,100e6 --whole 16e6 --tile 4096
(appends JSON lines to --out, one per case, as each finishes)
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

CHILD = r"""
import json, resource, sys, tempfile, time
sys.path.insert(0, sys.argv[1])
mode, path, tile = sys.argv[2], sys.argv[3], int(sys.argv[4])
import geopandas as gpd, numpy as np, rasterio, shapely
from urbanization_planning.algorithms.dask_runtime import runner_for
from urbanization_planning.algorithms.drainage.dem import DemSource
from urbanization_planning.algorithms.drainage.tiled.grid import TileGrid
from urbanization_planning.algorithms.terrain import grading, overlays, suitability, surface
from urbanization_planning.algorithms.terrain.tiled import evaluate_tiled

with rasterio.open(path) as d:
    shape, transform, crs = d.shape, d.transform, d.crs.to_wkt()
x0, y0 = transform.c, transform.f
width, height = shape[1] * transform.a, -shape[0] * transform.e
quarters = [shapely.box(x0 + i * width / 2, y0 - (j + 1) * height / 2, x0 + (i + 1) * width / 2, y0 - j * height / 2)
            for i in range(2) for j in range(2)]
units = gpd.GeoDataFrame({"name": list("ABCD")}, geometry=quarters, crs=crs)
red = shapely.box(x0 + width * 0.2, y0 - height * 0.6, x0 + width * 0.5, y0 - height * 0.3)
red = gpd.GeoDataFrame(geometry=[red], crs=crs)
fault = shapely.LineString([(x0, y0 - height * 0.1), (x0 + width, y0 - height * 0.9)])
fault = gpd.GeoDataFrame(geometry=[fault], crs=crs)
prepared = overlays.prepare({"ecological_red_line": red, "active_fault": fault}, units, None, crs, crs, 200.0)
settings = suitability.Settings(grading.Grading(), "guide", surface.window_cells(500.0, 12.5), polygons=False)
start = time.perf_counter()
with tempfile.TemporaryDirectory(dir=sys.argv[5]) as out:
    if mode == "whole":
        from urbanization_planning.algorithms.drainage.tiled.analyses import geotiff_profile

        result = suitability.evaluate(DemSource(path).read_all(), transform, crs, prepared, settings)
        rasters = (("classes", result.classes, 255, "uint8"), ("slope", result.slope, -9999.0, "float32"))
        for name, array, nodata, dtype in rasters:
            profile = geotiff_profile(shape, transform, crs, nodata, dtype)
            with rasterio.open(f"{out}/{name}.tif", "w", **profile) as o:
                for top in range(0, shape[0], 1024):  # in strips, as layers.raster.write_geotiff
                    strip = array[top:top + 1024]
                    strip = np.where(np.isnan(strip), nodata, strip) if dtype == "float32" else strip
                    window = rasterio.windows.Window(0, top, shape[1], strip.shape[0])
                    o.write(strip.astype(dtype, copy=False), 1, window=window)
        tiles = 1
    else:
        grid = TileGrid(shape, tile, tile)
        result = evaluate_tiled(DemSource(path), grid, transform, crs, prepared, settings, runner_for(None),
                                classes_path=out + "/classes.tif", slope_path=out + "/slope.tif", raster_crs=crs)
        tiles = grid.down * grid.across
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
whole = {k: float(v[-1]) for k, v in result.sums.items()}
print(json.dumps({"mode": mode, "cells": shape[0] * shape[1], "seconds": seconds, "peak_bytes": peak, "tiles": tiles,
                  "tile": tile if mode == "tiled" else None, "relief_cells": settings.relief_cells,
                  "evaluated_km2": whole["evaluated_m2"] / 1e6, "excluded_km2": whole["excluded_m2"] / 1e6,
                  "bazi_km2": whole["bazi_m2"] / 1e6, "mountain_km2": whole["mountain_m2"] / 1e6}))
"""


def run_case(mode: str, dem: Path, tile: int, work: str) -> dict:
    link = Path(tempfile.mkdtemp(prefix="bench-import-"))
    (link / "urbanization_planning").symlink_to(ROOT, target_is_directory=True)
    began, load = time.strftime("%H:%M:%S", time.gmtime()), os.getloadavg()[0]
    command = [sys.executable, "-c", CHILD, str(link), mode, str(dem), str(tile), work]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    entry = json.loads(output.strip().splitlines()[-1])
    entry.update(started_utc=began, load_before=round(load, 2), load_after=round(os.getloadavg()[0], 2))
    return entry


def run() -> list[tuple[str, float, float]]:
    """Nothing for benchmarks/run.py: these runs take minutes and gigabytes, so they are run from
    the command line (module docstring) and recorded in RESULTS.md."""
    return []


def main() -> None:
    sys.path.insert(0, str(HERE))
    from bench_drainage_tiled import write_dem

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="16e6,100e6", help="DEM sizes in cells (square DEMs)")
    parser.add_argument("--whole", type=float, default=16e6, help="size the whole-raster path is measured on")
    parser.add_argument("--tile", type=int, default=4096, help="tile side in cells")
    parser.add_argument("--work", default="/var/tmp/urbanization-tiled-bench", help="generated DEMs (kept, reused)")
    parser.add_argument("--out", default=str(HERE / "bench_terrain_tiled.jsonl"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    for cells in (float(s) for s in args.sizes.split(",")):
        side = int(math.sqrt(cells))
        dem = work / f"bench_tiled_{side}.tif"
        if not dem.exists():
            started = time.perf_counter()
            write_dem(dem, side)
            print(f"generated {side} x {side} in {time.perf_counter() - started:.0f} s", flush=True)
        for mode in ("whole", "tiled") if cells == args.whole else ("tiled",):
            entry = run_case(mode, dem, args.tile, str(work))
            entry["per_cell_us"] = 1e6 * entry["seconds"] / entry["cells"]
            entry["peak_gib"] = entry["peak_bytes"] / 2**30
            print(json.dumps(entry), flush=True)
            with open(args.out, "a", encoding="utf-8") as log:
                log.write(json.dumps(entry) + "\n")


if __name__ == "__main__":
    main()
