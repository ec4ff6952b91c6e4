"""Fill + D8 + flow accumulation against the anchors (issue 30): ours against RichDEM, WhiteboxTools
Workflows and pysheds, on the bundled Big Tujunga DEM (0.77 million cells) and the 16-million-cell
fractal DEM of bench_drainage_tiled.py (4000 x 4000, made when missing).

Every tool runs in a worker process of its own (benchmarks/anchors/worker.py): the anchors in their
throwaway venv (benchmarks/anchors/setup.sh), ours in the plugin's. Each worker reads the DEM and
warms up once; then the driver asks them in turn for one timed run, rotating who goes first each
round, so a machine that speeds up or slows down touches every tool alike. Reports min and median
seconds per tool, ours / anchor for both, and each worker's peak resident memory per cell.

Run: python benchmarks/anchors/bench_anchors.py [--rounds 7] [--anchors-python /tmp/anchors-venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIG_TUJUNGA = ROOT / "resources" / "sample_data" / "bigtujunga.tif"
SIXTEEN_MILLION = Path("/var/tmp/urbanization-tiled-bench/bench_tiled_4000.tif")
ANCHORS = ("richdem", "whitebox", "pysheds")


def sixteen_million() -> Path:
    """The 4000 x 4000 fractal DEM of bench_drainage_tiled.py, written when it is not there."""
    if not SIXTEEN_MILLION.exists():
        sys.path.insert(0, str(HERE.parent))
        from bench_drainage_tiled import write_dem

        SIXTEEN_MILLION.parent.mkdir(parents=True, exist_ok=True)
        write_dem(SIXTEEN_MILLION, 4000)
    return SIXTEEN_MILLION


class Worker:
    """A tool's worker process: one timed run per ask."""

    def __init__(self, python: str, tool: str, dem: Path):
        self.tool = tool
        self.process = subprocess.Popen(
            [python, str(HERE / "worker.py"), tool, str(dem)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "")),
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"{tool} did not start on {dem}")

    def ask(self, command: str) -> float:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=60)


def compare(dem: Path, anchors_python: str, rounds: int, tools: tuple[str, ...]) -> dict:
    """{tool: {"times": [...], "peak_bytes": n}} for ours and every anchor on `dem`, alternated."""
    import rasterio

    with rasterio.open(dem) as dataset:
        cells = dataset.width * dataset.height
    workers = [Worker(sys.executable, "ours", dem)]
    for tool in tools:
        try:
            workers.append(Worker(anchors_python, tool, dem))
        except (RuntimeError, OSError, ValueError) as error:
            print(f"   {tool} skipped: {error}", flush=True)
    times = {worker.tool: [] for worker in workers}
    try:
        for round_ in range(rounds):
            shift = round_ % len(workers)
            for worker in workers[shift:] + workers[:shift]:
                times[worker.tool].append(worker.ask("run"))
        peaks = {worker.tool: worker.ask("peak") for worker in workers}
    finally:
        for worker in workers:
            worker.close()
    return {"cells": cells, "tools": {tool: {"times": times[tool], "peak_bytes": peaks[tool]} for tool in times}}


def versions(anchors_python: str) -> dict:
    script = (
        "import json\nfrom importlib.metadata import version, PackageNotFoundError\nout = {}\n"
        "for n in ('richdem', 'richdem-fork', 'whitebox-workflows', 'pysheds', 'numpy'):\n"
        "    try:\n        out[n] = version(n)\n    except PackageNotFoundError:\n        pass\n"
        "print(json.dumps(out))"
    )
    return json.loads(subprocess.run([anchors_python, "-c", script], capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--anchors-python", default="/tmp/anchors-venv/bin/python")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--dems", default="bigtujunga,16M", help="bigtujunga, 16M, or paths")
    parser.add_argument("--tools", default=",".join(ANCHORS))
    arguments = parser.parse_args()
    print("anchors:", versions(arguments.anchors_python), flush=True)
    for name in arguments.dems.split(","):
        dem = {"bigtujunga": BIG_TUJUNGA, "16M": None}.get(name, Path(name))
        dem = sixteen_million() if dem is None else dem
        result = compare(dem, arguments.anchors_python, arguments.rounds, tuple(arguments.tools.split(",")))
        cells = result["cells"]
        ours = result["tools"]["ours"]["times"]
        print(f"{dem.name}: {cells:,} cells, {arguments.rounds} alternated rounds after a warm-up", flush=True)
        for tool, entry in result["tools"].items():
            runs = entry["times"]
            print(
                f"   {tool:9s} min {min(runs):7.3f} s  median {statistics.median(runs):7.3f} s  "
                f"peak {entry['peak_bytes'] / cells:5.1f} B/cell"
                + (
                    ""
                    if tool == "ours"
                    else f"  ours/{tool}: min {min(ours) / min(runs):.2f}, "
                    f"median {statistics.median(ours) / statistics.median(runs):.2f}"
                ),
                flush=True,
            )
        print(json.dumps({"dem": str(dem), **result}), flush=True)


if __name__ == "__main__":
    main()
