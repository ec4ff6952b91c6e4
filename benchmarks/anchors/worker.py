"""One side of benchmarks/anchors/bench_anchors.py: fill + D8 + flow accumulation of one DEM by one
tool, timed on request. Started as `python worker.py TOOL DEM`; reads the DEM once (not timed),
runs the whole chain once to warm up (imports, numba's caches, thread pools), prints "ready", then
answers every "run" line on stdin with the seconds of one more run, and "peak" with the process's
peak resident bytes above the baseline taken after the libraries were imported, before the DEM
was read (the DEM in memory counts).

TOOL: ours (the plugin's hydrology.condition + accumulation_m2: priority-flood fill, steepest
descent, flats routed, accumulation), richdem (FillDepressions with epsilon, FlowAccumulation D8),
whitebox (WhiteboxTools Workflows fill_depressions, d8_flow_accum), pysheds (fill_pits,
fill_depressions, resolve_flats, flowdir, accumulation). The anchors run in their own venv
(benchmarks/anchors/setup.sh); ours in the plugin's.
"""

from __future__ import annotations

import importlib
import os
import resource
import sys
import time
from pathlib import Path


def rss() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


def ours(path: str):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import common  # noqa: F401  (makes the checkout importable as urbanization_planning)
    import numpy as np
    import rasterio

    from urbanization_planning.algorithms.drainage.hydrology import condition

    with rasterio.open(path) as dataset:
        dem = dataset.read(1, masked=True).astype(np.float32).filled(np.nan)
        transform = dataset.transform
    return lambda: condition(dem, transform).accumulation_m2()


def richdem(path: str):
    import numpy as np
    import rasterio
    import richdem as rd

    with rasterio.open(path) as dataset:
        cells = dataset.read(1, masked=True).astype(np.float64).filled(-9999.0)
    dem = rd.rdarray(cells, no_data=-9999.0)

    def run():
        filled = rd.FillDepressions(dem, epsilon=True, in_place=False)
        return rd.FlowAccumulation(filled, method="D8")

    return run


def whitebox(path: str):
    import whitebox_workflows as wbw

    environment = wbw.WbEnvironment()
    environment.verbose = False
    dem = environment.read_raster(path)

    hydrology = environment.hydrology  # this build reaches its tools by category only

    def run():
        filled = hydrology.fill_depressions(dem=dem)
        return hydrology.d8_flow_accum(input=filled, out_type="cells")

    return run


def pysheds(path: str):
    from pysheds.grid import Grid

    grid = Grid.from_raster(path)
    dem = grid.read_raster(path)

    def run():
        flooded = grid.fill_depressions(grid.fill_pits(dem))
        direction = grid.flowdir(grid.resolve_flats(flooded))
        return grid.accumulation(direction)

    return run


# imported before the baseline of the memory figure: libraries are not the run's memory
LIBRARIES = {
    "ours": ("numpy", "rasterio", "numba", "pyflwdir"),
    "richdem": ("numpy", "rasterio", "richdem"),
    "whitebox": ("whitebox_workflows",),
    "pysheds": ("pysheds.grid",),
}


def main() -> None:
    tool, path = sys.argv[1], sys.argv[2]
    answers = os.fdopen(os.dup(1), "w")  # the driver's line; what the tools print goes to stderr
    os.dup2(2, 1)
    for library in LIBRARIES[tool]:
        importlib.import_module(library)
    baseline = rss()
    run = {"ours": ours, "richdem": richdem, "whitebox": whitebox, "pysheds": pysheds}[tool](path)
    run()  # warm-up
    print("ready", file=answers, flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "run":
            start = time.perf_counter()
            run()
            print(f"{time.perf_counter() - start:.6f}", file=answers, flush=True)
        elif command == "peak":
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - baseline, file=answers, flush=True)
        else:
            break


if __name__ == "__main__":
    main()
