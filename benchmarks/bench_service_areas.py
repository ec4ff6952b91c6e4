"""parkcoverage and stationcatchments against QGIS's native:serviceareafromlayer, both sides timed
alike (issue 30): the same inputs (one GeoPackage), the same warm-up, the same number of runs, in
alternation (native, ours, native, ours ...), each figure the min and the median of its runs.

- warm, in one QGIS process: `processing.run` of each after one untimed run of each;
- whole processes: `qgis_process run` of each (QGIS start, the plugin's load, reading, computing,
  writing GeoPackages), wall and CPU seconds of the child (`resource.getrusage`).

Cases (the inputs of bench_greenspace.py and bench_transit.py):
- parks: 300 parks with one entrance each, ~80,000-edge grid (80 m blocks), 10,000 homes;
  ours `urbanization:parkcoverage` (rule 400 m2: 500 m, four outputs), native from the same 300
  entrances with 500 m (lines output);
- stations: 100 stations, 79,600-edge grid (100 m blocks); ours `urbanization:stationcatchments`
  with bands 300, 500, 800 m (two outputs), native from the same stations with 800 m.

Usage: python benchmarks/bench_service_areas.py [--runs N] [--case parks|stations] [--no-process]
(source scripts/env.sh first, so qgis_process sees the plugin through QGIS_PLUGINPATH).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, start_qgis


def _park_case(folder: Path) -> dict:
    import bench_greenspace

    path = bench_greenspace._data(folder)[0]

    def ours(out: str) -> dict:
        return {
            "urbanization:parkcoverage": {
                "PARKS": f"{path}|layername=parks",
                "ENTRANCES": f"{path}|layername=entrances",
                "NETWORK": f"{path}|layername=roads",
                "RESIDENTIAL": f"{path}|layername=homes",
                "POPULATION_FIELD": "population",
                "STANDARD": "custom",
                "CUSTOM_RULES": "400: 500: park",
                "SERVICE_AREAS": f"{out}_areas.gpkg",
                "RESIDENTIAL_RESULT": f"{out}_homes.gpkg",
                "UNDERSERVED": f"{out}_under.gpkg",
                "SUMMARY": f"{out}_summary.gpkg",
            }
        }

    def native(out: str) -> dict:
        return _native_service_area(f"{path}|layername=roads", f"{path}|layername=entrances", 500.0, out)

    return {
        "name": "parkcoverage (300 parks, 79,600 edges, 10,000 homes) vs native 500 m",
        "ours": ours,
        "native": native,
    }


def _native_service_area(network: str, points: str, cost: float, out: str) -> dict:
    """native:serviceareafromlayer's parameters: shortest paths both ways, no snapping tolerance,
    the reached lines only (what our algorithms also compute before their polygons)."""
    return {
        "native:serviceareafromlayer": {
            "INPUT": network,
            "START_POINTS": points,
            "STRATEGY": 0,
            "DEFAULT_DIRECTION": 2,
            "TOLERANCE": 0,
            "TRAVEL_COST2": cost,
            "INCLUDE_BOUNDS": False,
            "OUTPUT_LINES": f"{out}_native.gpkg",
        }
    }


def _station_case(folder: Path) -> dict:
    import bench_transit

    path = bench_transit.geopackage([bench_transit.grid_layer(), bench_transit.station_layer()])

    def ours(out: str) -> dict:
        return {
            "urbanization:stationcatchments": {
                "STATIONS": f"{path}|layername=stations",
                "STATION_NAME_FIELD": "name",
                "NETWORK": f"{path}|layername=grid",
                "BANDS": "300,500,800",
                "CATCHMENTS": f"{out}_catchments.gpkg",
                "STATION_SUMMARY": f"{out}_stations.gpkg",
            }
        }

    def native(out: str) -> dict:
        return _native_service_area(f"{path}|layername=grid", f"{path}|layername=stations", 800.0, out)

    return {
        "name": "stationcatchments (100 stations x 300/500/800 m, 79,600 edges) vs native 800 m",
        "ours": ours,
        "native": native,
    }


def _summary(times: list[tuple[float, float]]) -> dict:
    walls = [w for w, _ in times]
    cpus = [c for _, c in times]
    return {
        "wall_min": min(walls),
        "wall_median": statistics.median(walls),
        "cpu_min": min(cpus),
        "cpu_median": statistics.median(cpus),
    }


def _alternate(native, ours, runs: int) -> tuple[dict, dict]:
    """One untimed run of each, then `runs` timed pairs, native first in each pair."""
    native(-1)
    ours(-1)
    native_times, our_times = [], []
    for k in range(runs):
        native_times.append(native(k))
        our_times.append(ours(k))
    return _summary(native_times), _summary(our_times)


def warm(case: dict, folder: Path, runs: int) -> tuple[dict, dict]:
    """In this QGIS process: (native, ours) times of processing.run."""
    import processing

    def timed(side: str):
        def call(k: int) -> tuple[float, float]:
            ((algorithm, parameters),) = case[side](str(folder / f"warm_{side}{k + 1}")).items()
            wall, cpu = time.perf_counter(), time.process_time()
            processing.run(algorithm, parameters)
            return time.perf_counter() - wall, time.process_time() - cpu

        return call

    return _alternate(timed("native"), timed("ours"), runs)


def qgis_process_environment() -> tuple[list[str], dict]:
    """The qgis_process command and the environment scripts/env.sh gives it (the plugin on
    QGIS_PLUGINPATH, the project's own profile folder), the plugin enabled there."""
    printed = subprocess.run(
        ["bash", "-c", f"source '{ROOT}/scripts/env.sh' && env -0 && echo -n \"$BUILD_STATE\""],
        capture_output=True,
        check=True,
    ).stdout.decode()
    *pairs, build_state = printed.split("\0")
    environment = dict(pair.split("=", 1) for pair in pairs if "=" in pair)
    environment["XDG_DATA_HOME"] = f"{build_state}/xdg"
    binary = shutil.which("qgis_process.bin", path=environment.get("PATH")) or shutil.which("qgis_process")
    subprocess.run([binary, "plugins", "enable", "urbanization_planning"], env=environment, capture_output=True)
    return [binary, "run"], environment


def whole_process(case: dict, folder: Path, runs: int) -> tuple[dict, dict]:
    """`qgis_process run` of each as a child process: (native, ours) wall and CPU seconds."""
    from qgis.core import QgsProject

    project = folder / "empty.qgz"  # native:serviceareafromlayer asks for a project in qgis_process 3.22
    QgsProject.instance().write(str(project))
    command, environment = qgis_process_environment()

    def timed(side: str):
        def call(k: int) -> tuple[float, float]:
            ((algorithm, parameters),) = case[side](str(folder / f"process_{side}{k + 1}")).items()
            arguments = [f"{key}={value}" for key, value in parameters.items()]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall = time.perf_counter()
            done = subprocess.run(
                [*command, algorithm, f"--PROJECT_PATH={project}", "--", *arguments],
                env=environment,
                capture_output=True,
                text=True,
            )
            wall = time.perf_counter() - wall
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                raise RuntimeError(f"{algorithm} failed in qgis_process:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            return wall, cpu

        return call

    return _alternate(timed("native"), timed("ours"), runs)


def _rows(label: str, native: dict, ours: dict) -> list[str]:
    return [
        f"| {label} | wall | {native['wall_min']:.2f} / {native['wall_median']:.2f} | "
        f"{ours['wall_min']:.2f} / {ours['wall_median']:.2f} | "
        f"{native['wall_min'] / ours['wall_min']:.1f}x / {native['wall_median'] / ours['wall_median']:.1f}x |",
        f"| {label} | CPU | {native['cpu_min']:.2f} / {native['cpu_median']:.2f} | "
        f"{ours['cpu_min']:.2f} / {ours['cpu_median']:.2f} | "
        f"{native['cpu_min'] / ours['cpu_min']:.1f}x / {native['cpu_median'] / ours['cpu_median']:.1f}x |",
    ]


def run(runs: int = 5, cases=("parks", "stations"), processes: bool = True) -> list[tuple[str, float, float]]:
    """For benchmarks/run.py: (case, our median wall, native's median wall) per case and way."""
    start_qgis()
    folder = Path(tempfile.mkdtemp(prefix="bench-service-areas-"))
    makers = {"parks": _park_case, "stations": _station_case}
    table = [
        "| case | time | native s, min / median | ours s, min / median | native / ours, min / median |",
        "|---|---|---:|---:|---:|",
    ]
    results = []
    for name in cases:
        case = makers[name](folder)
        native, ours = warm(case, folder, runs)
        table += _rows(f"{name}, warm in one QGIS process", native, ours)
        results.append((f"{case['name']}, warm in-process (median)", ours["wall_median"], native["wall_median"]))
        print("\n".join(table[-2:]), flush=True)
        if processes and not (shutil.which("qgis_process.bin") or shutil.which("qgis_process")):
            print("   no qgis_process on PATH: the whole-process rows are left out", flush=True)
            processes = False
        if processes:
            native, ours = whole_process(case, folder, runs)
            table += _rows(f"{name}, qgis_process (whole process)", native, ours)
            results.append((f"{case['name']}, qgis_process (median)", ours["wall_median"], native["wall_median"]))
            print("\n".join(table[-2:]), flush=True)
    load = os.getloadavg()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, commit {commit.stdout.strip()}, {runs} alternated "
        f"pairs after one untimed run of each, load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )
    print("\n".join(table))
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--case", choices=("parks", "stations"), action="append")
    parser.add_argument("--no-process", action="store_true", help="skip the qgis_process runs")
    options = parser.parse_args()
    sys.exit(0 if run(options.runs, tuple(options.case or ("parks", "stations")), not options.no_process) else 1)
