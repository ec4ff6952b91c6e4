"""Where `urbanization:drainagecorridors` spends its time and memory on the whole-DEM path: one run
through processing.run with every stage timed and the resident memory sampled every 3 ms
(/proc/self/statm, Linux), printed per stage in bytes per DEM cell above the process before the run.

Run: python benchmarks/profile_drainage.py DEM.tif [MIN_CONTRIBUTING_AREA_HA]
(benchmarks/bench_drainage.py makes the 19.2-million-cell bar DEM; benchmarks/RESULTS.md quotes it).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402  (the checkout importable as urbanization_planning)

PAGE = os.sysconf("SC_PAGE_SIZE")
samples: list[tuple[float, int]] = []
events: list[tuple[str, float, float]] = []


def sample() -> None:
    while True:
        with open("/proc/self/statm") as statm:
            samples.append((time.perf_counter(), int(statm.read().split()[1]) * PAGE))
        time.sleep(0.003)


def timed(owner, name: str) -> None:
    """Record the start and end of every call of `owner.name`."""
    function = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        events.append((name, start, time.perf_counter()))
        return result

    setattr(owner, name, wrapper)


def main() -> None:
    dem = sys.argv[1]
    area_ha = float(sys.argv[2]) if len(sys.argv) > 2 else 100.0
    common.start_qgis()
    import numpy as np
    import processing
    import pyflwdir
    import rasterio
    from affine import Affine

    from urbanization_planning.algorithms.drainage import corridors, hydrology
    from urbanization_planning.algorithms.drainage.processing import corridor_outputs, dem_input

    hydrology.condition(np.random.default_rng(0).random((50, 50)).astype("float32"), Affine(1, 0, 0, 0, -1, 0))
    for owner, name in (
        (dem_input, "read"),
        (corridors, "condition"),
        (hydrology, "fill_depressions"),
        (hydrology, "steepest_descent"),
        (hydrology, "drain_flats"),
        (pyflwdir, "from_array"),
        (hydrology, "order_cells"),
        (hydrology.FlowModel, "accumulation_m2"),
        (corridors, "corridor_lines"),
        (corridors, "corridor_zones"),
        (corridor_outputs, "write_rasters"),
        (corridor_outputs, "write"),
    ):
        timed(owner, name)
    with rasterio.open(dem) as dataset:
        cells = dataset.width * dataset.height
    threading.Thread(target=sample, daemon=True).start()
    time.sleep(0.05)
    baseline = samples[-1][1]
    folder = tempfile.mkdtemp(prefix="profile-drainage-")
    start = time.perf_counter()
    processing.run(
        "urbanization:drainagecorridors",
        {
            "DEM": dem,
            "MIN_CONTRIBUTING_AREA": area_ha,
            "ACCUMULATION": f"{folder}/acc.tif",
            "CORRIDORS": f"{folder}/corridors.gpkg",
            "CORRIDOR_ZONES": f"{folder}/zones.gpkg",
        },
    )
    end = time.perf_counter()
    peak = max(value for moment, value in samples if start <= moment <= end)
    print(f"{cells:,} cells: {end - start:.2f} s, peak {(peak - baseline) / cells:.1f} bytes per cell")
    for name, first, last in sorted(events, key=lambda event: event[1]):
        values = [value for moment, value in samples if first <= moment <= last] or [baseline]
        print(f"   {name:17s} {last - first:6.2f} s  peak {(max(values) - baseline) / cells:5.1f} B/cell")


if __name__ == "__main__":
    main()
