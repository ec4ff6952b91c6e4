"""Province scale (issue 16): the control-line conflict check on 500,000, 1,000,000 and 2,000,000
generated Voronoi parcels against three control layers, partitioned on Dask through the command
line (no QGIS), with one and with two workers (local threads), against today's whole-layer path
(urbanization:controllineconflicts through Processing, in memory) on 100,000 parcels. Each case
runs in its own process; its peak memory is that process's maximum resident set (os.wait4).

Not a timed test: run by hand, in the background (the big cases take minutes):

    nohup .venv/bin/python benchmarks/bench_zoning_province.py > /var/tmp/bench_zoning_province.log 2>&1 &

Data (generated once into CACHE, outside the repository): 20 x 20 km tiles of 100,000 Voronoi
cells each (the density of bench_zoning.py) in CGCS2000 / 3-degree GK CM 102E (EPSG:4543), laid
5 tiles to a row; each tile has 300 star-shaped polygons of ~400 vertices in each control layer
(red line, permanent farmland, development boundary). The n-parcel case uses the first n / 100,000
tiles. Parcel codes: second-level 2023 codes with bench_zoning.py's weights.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("PROVINCE_BENCH_CACHE", "/var/tmp/urbanization-province-bench"))
TILE_PARCELS = 100_000
TILE = 20_000.0
ROW = 5
X0, Y0 = 500_000.0, 2_700_000.0
SIZES = (100_000, 500_000, 1_000_000, 2_000_000)
LINES = {"redline": 11, "farmland": 12, "boundary": 13}  # CLI option -> seed offset
CASES = ((100_000, 2), (500_000, 2), (500_000, 1), (1_000_000, 2), (2_000_000, 2), (2_000_000, 1))  # (parcels, workers)


def _bench_zoning():
    sys.path.insert(0, str(Path(__file__).parent))
    import bench_zoning

    return bench_zoning


def tile_origin(i: int) -> tuple[float, float]:
    return X0 + (i % ROW) * TILE, Y0 + (i // ROW) * TILE


def generate() -> None:
    """Write plan_<n>.gpkg and <line>_<n>.gpkg for every size, tile by tile (bounded memory)."""
    sys.path.insert(0, str(_package_parent()))
    import pandas as pd
    import pyproj
    import shapely

    from urbanization_planning.algorithms.zoning.partition_io import GpkgWriter

    bench = _bench_zoning()
    CACHE.mkdir(parents=True, exist_ok=True)
    done = CACHE / "complete"
    if done.exists():
        return
    wkt = pyproj.CRS("EPSG:4543").to_wkt()
    writers = {}
    for n in SIZES:
        writers[("plan", n)] = None
        for line in LINES:
            writers[(line, n)] = None
    for i in range(max(SIZES) // TILE_PARCELS):
        started = time.perf_counter()
        rng = np.random.default_rng(1000 + i)
        x0, y0 = tile_origin(i)
        points = shapely.points(rng.uniform(0, TILE, (TILE_PARCELS, 2)) + [x0, y0])
        frame = shapely.box(x0, y0, x0 + TILE, y0 + TILE)
        cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame)), frame)
        weights = np.array(bench.WEIGHTS, dtype=float) / sum(bench.WEIGHTS)
        codes = pd.DataFrame({"DLBM": rng.choice(bench.CODES, size=len(cells), p=weights)})
        layers = {"plan": (codes, cells)}
        for line, seed in LINES.items():
            line_rng = np.random.default_rng(seed * 1000 + i)
            polygons = bench.control_polygons(bench.N_CONTROL, line_rng)
            shift = np.array([x0 - bench.X0, y0 - bench.Y0])
            polygons = shapely.transform(polygons, lambda xy, shift=shift: xy + shift)
            layers[line] = (pd.DataFrame(index=range(len(polygons))), polygons)
        for n in SIZES:
            if i >= n // TILE_PARCELS:
                continue
            for name, (columns, geometry) in layers.items():
                if writers[(name, n)] is None:
                    writers[(name, n)] = GpkgWriter(str(CACHE / f"{name}_{n}.gpkg"), name, wkt, columns)
                writers[(name, n)].write(columns, geometry)
        print(f"tile {i + 1}: {time.perf_counter() - started:.1f} s", flush=True)
    for writer in writers.values():
        writer.close()
    done.touch()


def _package_parent() -> Path:
    """A folder holding `urbanization_planning` (a link to this worktree)."""
    parent = CACHE / "import"
    parent.mkdir(parents=True, exist_ok=True)
    link = parent / "urbanization_planning"
    if not link.exists():
        link.symlink_to(ROOT, target_is_directory=True)
    return parent


def measure(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """(seconds, peak resident GiB, stderr tail) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    _, _, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out, err = process.stdout.read(), process.stderr.read()
    process.returncode = 0
    if "error" in err.lower() and "done in" not in err:
        raise RuntimeError(f"{command}: {err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024 / 1024, (err.strip().splitlines() or [out])[-2]


def cli_case(n: int, workers: int) -> tuple[float, float, str]:
    command = [sys.executable, "-m", "urbanization_planning.cli", "conflicts", str(CACHE / f"plan_{n}.gpkg"),
               "--field", "DLBM", "-o", str(CACHE / f"out_{n}_{workers}.gpkg"), "--workers", str(workers)]
    for line in LINES:
        command += [f"--{line}", str(CACHE / f"{line}_{n}.gpkg")]
    return measure(command, {"PYTHONPATH": f"{_package_parent()}:{os.environ.get('PYTHONPATH', '')}"})


IN_MEMORY = """
import sys
sys.path.insert(0, {bench!r})
from common import start_qgis
start_qgis()
import processing
cache = {cache!r}
n = {n}
result = processing.run("urbanization:controllineconflicts", {{
    "PLAN": f"{{cache}}/plan_{{n}}.gpkg", "LANDUSE_FIELD": "DLBM",
    "ECOLOGICAL_REDLINE": f"{{cache}}/redline_{{n}}.gpkg", "PERMANENT_FARMLAND": f"{{cache}}/farmland_{{n}}.gpkg",
    "DEVELOPMENT_BOUNDARY": f"{{cache}}/boundary_{{n}}.gpkg", "CONFLICTS": "TEMPORARY_OUTPUT",
    "LINE_OVERLAPS": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT", "MODE": "in-memory"}})
print("conflicts", result["CONFLICT_COUNT"], file=sys.stderr)
print("done in", file=sys.stderr)
"""


def in_memory_case(n: int) -> tuple[float, float, str]:
    script = IN_MEMORY.format(bench=str(Path(__file__).parent), cache=str(CACHE), n=n)
    return measure([sys.executable, "-c", script])


def main() -> None:
    generate()
    rows = []

    def report(case: str, n: int, workers: str, result) -> None:
        seconds, peak, note = result
        rows.append((case, n, workers, seconds, n / seconds, peak, note))
        print(f"| {case} | {n:,} | {workers} | {seconds:.1f} | {n / seconds:,.0f} | {peak:.2f} | {note} |", flush=True)

    print("| path | parcels | workers | seconds | parcels/s | peak GiB | result |", flush=True)
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |", flush=True)
    # the machine is shared: today's path is timed before and after the big cases
    report("whole layer in memory (Processing, today's path)", 100_000, "1", in_memory_case(100_000))
    for n, workers in CASES:
        report("partitioned on Dask (CLI)", n, str(workers), cli_case(n, workers))
    report("whole layer in memory (Processing, today's path)", 100_000, "1", in_memory_case(100_000))


if __name__ == "__main__":
    main()
