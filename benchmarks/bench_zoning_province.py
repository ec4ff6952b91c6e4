"""Province scale (issue 16): the control-line conflict check of generated Voronoi parcels against
three control layers.

1. Throughput at 100,000 parcels, every path timed alike in this one command: today's whole-layer
   path (urbanization:controllineconflicts through Processing, MODE in-memory), the same algorithm
   partitioned (MODE partitioned, Dask's local threads), and the command line (no QGIS) with two
   and with one worker. A warm-up round of every path, then ROUNDS rounds alternating the paths, so
   load changes on this shared machine hit them alike; speed ratios are taken per round. "run s"
   is the time of the check itself, printed by the process (without interpreter and QGIS start-up);
   "process s" the whole process.
2. Scale: 500,000, 1,000,000 and 2,000,000 parcels through the command line, two workers and one.
Each case runs in its own process; its peak memory is that process's maximum resident set
(os.wait4); the load average (1 min) is recorded before and after each case.

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
import tempfile
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
        cells = shapely.intersection(
            shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame)), frame
        )
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


def measure(command: list[str], env: dict | None = None) -> dict:
    """Seconds, peak resident GiB, the run's own seconds (printed by the process as 'run X s'),
    the result line and the load averages before and after, of one process."""
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err_file:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err_file, text=True, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)  # this process's own peak (ru_maxrss, KiB)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err_file.seek(0)
        err = err_file.read()
    peak = usage.ru_maxrss / 1024 / 1024
    if process.returncode != 0:
        raise RuntimeError(f"{command}: {err[-2000:]}")
    lines = err.strip().splitlines()
    run = next((float(line.split()[1]) for line in lines if line.startswith("run ")), seconds)
    note = next((line for line in reversed(lines) if "prohibited" in line or line.startswith("conflicts ")), "")
    return {"seconds": seconds, "peak": peak, "run": run, "note": note, "load": (load_before, os.getloadavg()[0])}


def cli_command(n: int, tag: str) -> list[str]:
    """The CLI's conflict check of the n-parcel data, output out_<n>_<tag>.gpkg."""
    command = [sys.executable, "-c", CLI, "conflicts", str(CACHE / f"plan_{n}.gpkg"), "--field", "DLBM"]
    command += ["-o", str(CACHE / f"out_{n}_{tag}.gpkg")]
    for line in LINES:
        command += [f"--{line}", str(CACHE / f"{line}_{n}.gpkg")]
    return command


def cli_environment() -> dict:
    """The CLI's process environment: this checkout importable as urbanization_planning."""
    return {"PYTHONPATH": f"{_package_parent()}:{os.environ.get('PYTHONPATH', '')}"}


def cli_case(n: int, workers: int) -> dict:
    return measure(cli_command(n, str(workers)) + ["--workers", str(workers)], cli_environment())


CLI = """
import sys, time
from urbanization_planning import cli
started = time.perf_counter()
status = cli.main(sys.argv[1:])
print("run", time.perf_counter() - started, file=sys.stderr)
sys.exit(status)
"""

PROCESSING = """
import sys, time
sys.path.insert(0, {bench!r})
from common import start_qgis
start_qgis()
import processing
cache = {cache!r}
n = {n}
started = time.perf_counter()
result = processing.run("urbanization:controllineconflicts", {{
    "PLAN": f"{{cache}}/plan_{{n}}.gpkg", "LANDUSE_FIELD": "DLBM",
    "ECOLOGICAL_REDLINE": f"{{cache}}/redline_{{n}}.gpkg", "PERMANENT_FARMLAND": f"{{cache}}/farmland_{{n}}.gpkg",
    "DEVELOPMENT_BOUNDARY": f"{{cache}}/boundary_{{n}}.gpkg", "CONFLICTS": "TEMPORARY_OUTPUT",
    "LINE_OVERLAPS": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT", "MODE": {mode!r}}})
print("run", time.perf_counter() - started, file=sys.stderr)
print("conflicts", result["PROHIBITED_COUNT"], "prohibited /", result["APPROVAL_COUNT"], "approval", file=sys.stderr)
"""


def processing_case(n: int, mode: str) -> dict:
    """urbanization:controllineconflicts through Processing, MODE in-memory (today's whole-layer path)
    or partitioned (Dask's local threads, one per core)."""
    script = PROCESSING.format(bench=str(Path(__file__).parent), cache=str(CACHE), n=n, mode=mode)
    return measure([sys.executable, "-c", script])


CASES_100K = {  # the same 100,000 parcels through each path, alternated round by round
    "Processing, in memory (today's path)": lambda: processing_case(100_000, "in-memory"),
    "Processing, partitioned (2 threads)": lambda: processing_case(100_000, "partitioned"),
    "CLI, partitioned, 2 workers": lambda: cli_case(100_000, 2),
    "CLI, partitioned, 1 worker": lambda: cli_case(100_000, 1),
}
ROUNDS = 3
SCALE = ((500_000, 2), (500_000, 1), (1_000_000, 2), (2_000_000, 2), (2_000_000, 1))  # (parcels, workers), CLI


def row(case: str, n: int, result: dict, rnd: str = "") -> None:
    load = "{:.1f} / {:.1f}".format(*result["load"])
    print(
        f"| {case} | {rnd} | {n:,} | {result['seconds']:.1f} | {result['run']:.1f} | {n / result['run']:,.0f} | "
        f"{result['peak']:.2f} | {load} | {result['note']} |",
        flush=True,
    )


def main() -> None:
    generate()
    print(f"cpus {os.cpu_count()}, load average at start {os.getloadavg()}", flush=True)
    print(
        "| path | round | parcels | process s | run s | parcels/s (run) | peak GiB | load before / after | result |",
        flush=True,
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |", flush=True)
    runs: dict[str, list[float]] = {case: [] for case in CASES_100K}
    for rnd in range(ROUNDS + 1):  # round 0 warms every path alike (files in the page cache, imports)
        for case, run in CASES_100K.items():
            result = run()
            row(case, 100_000, result, "warm-up" if rnd == 0 else str(rnd))
            if rnd:
                runs[case].append(result["run"])
    reference = runs["Processing, in memory (today's path)"]
    for case, seconds in runs.items():
        ratios = [r / s for r, s in zip(reference, seconds)]
        print(
            f"{case}: run s {', '.join(f'{s:.1f}' for s in seconds)}; speed vs today's path per round "
            f"{', '.join(f'{r:.2f}' for r in ratios)} (median {np.median(ratios):.2f})",
            flush=True,
        )
    for n, workers in SCALE:
        row(f"CLI, partitioned, {workers} worker{'s' if workers > 1 else ''}", n, cli_case(n, workers))


if __name__ == "__main__":
    main()
