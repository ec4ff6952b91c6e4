"""Whole-DEM conditioning (fill, D8, flats, accumulation) on the bundled Big Tujunga DEM, timed in
one process after a warm-up call: min and median of 5 runs, seconds. Compare two commits by
running it with each checkout importable as urbanization_planning (see benchmarks/RESULTS.md)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import rasterio

from urbanization_planning.algorithms.drainage.hydrology import condition

DEM = Path(__file__).resolve().parents[1] / "resources" / "sample_data" / "bigtujunga.tif"

with rasterio.open(DEM) as dataset:
    dem, transform = dataset.read(1).astype(np.float32), dataset.transform
condition(dem, transform).accumulation_m2()  # warm: numba's caches, imports
times = []
for _ in range(5):
    started = time.perf_counter()
    condition(dem, transform).accumulation_m2()
    times.append(time.perf_counter() - started)
print(f"min {min(times):.3f} s, median {sorted(times)[2]:.3f} s")
