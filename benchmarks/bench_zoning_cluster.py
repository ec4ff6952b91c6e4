"""Province scale on a multi-process Dask cluster (issue 29): the control-line conflict check of
bench_zoning_province.py's generated parcels.

1. Partitioned against in-memory at 1,000,000 parcels, the same command: urbanization:controllineconflicts
   through Processing with MODE in-memory and MODE partitioned (Dask's local threads), a warm-up
   round of both, then ROUNDS rounds alternating them; speed ratios per round.
2. 2,000,000 parcels through the command line against a real cluster: `dask scheduler` and 1, 2 and 4
   `dask worker` processes (one thread each) started as separate processes on 127.0.0.1, the CLI
   connecting with --scheduler. Peak memory of the client (the CLI process) and of each worker
   (its maximum resident set, read when it exits).

Each case runs in its own processes; "run s" is the check itself (printed by the process, without
interpreter and QGIS start-up). The 1-minute load average is recorded before and after each case:
on a shared machine it says how far the figures can be read. Not a timed test: run by hand, in the
background (the cluster cases take minutes each):

    nohup .venv/bin/python benchmarks/bench_zoning_cluster.py > /var/tmp/bench_zoning_cluster.log 2>&1 &
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit"))

import bench_zoning_province as province  # noqa: E402
from cluster_processes import Cluster  # noqa: E402

ROUNDS = 2
COMPARED = 1_000_000
CLUSTER_PARCELS = 2_000_000
WORKERS = (1, 2, 4)


def cluster_case(n: int, workers: int) -> dict:
    """The CLI against a scheduler and `workers` one-thread worker processes; the result of
    province.measure plus the workers' peaks (GiB)."""
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="bench-cluster-")))
    try:
        cluster.scheduler()
        for _ in range(workers):
            cluster.worker()
        cluster.wait(workers)
        command = province.cli_command(n, f"cluster{workers}") + ["--scheduler", cluster.address]
        result = province.measure(command, province.cli_environment())
        result["worker_peaks"] = [_stop_and_peak(worker) for worker in cluster.workers]
        return result
    finally:
        cluster.stop()


def _stop_and_peak(process) -> float:
    """Stop a worker process (SIGTERM, then wait) and return its maximum resident set in GiB."""
    os.killpg(process.pid, signal.SIGTERM)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped here: Cluster.stop must not wait for it again
    return usage.ru_maxrss / 1024 / 1024


def main() -> None:
    province.generate()
    print(f"cpus {os.cpu_count()}, load average at start {os.getloadavg()}", flush=True)
    print("| path | round | parcels | run s | parcels/s | client peak GiB | worker peaks GiB | load before / after |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |", flush=True)
    compared = {
        "Processing, in memory": lambda: province.processing_case(COMPARED, "in-memory"),
        "Processing, partitioned (local threads)": lambda: province.processing_case(COMPARED, "partitioned"),
    }
    runs: dict[str, list[float]] = {case: [] for case in compared}
    for rnd in range(ROUNDS + 1):  # round 0 warms both alike (files in the page cache, imports)
        for case, run in compared.items():
            result = run()
            _row(case, "warm-up" if rnd == 0 else str(rnd), COMPARED, result)
            if rnd:
                runs[case].append(result["run"])
    memory, partitioned = runs.values()
    ratios = [m / p for m, p in zip(memory, partitioned)]
    print(f"partitioned speed against in-memory per round: {', '.join(f'{r:.2f}' for r in ratios)}", flush=True)
    for workers in WORKERS:
        result = cluster_case(CLUSTER_PARCELS, workers)
        _row(f"CLI on a cluster, {workers} worker process{'es' if workers > 1 else ''}", "", CLUSTER_PARCELS, result)
        print(f"   {result['note']}", flush=True)


def _row(case: str, rnd: str, n: int, result: dict) -> None:
    load = "{:.1f} / {:.1f}".format(*result["load"])
    workers = ", ".join(f"{p:.2f}" for p in result.get("worker_peaks", [])) or "-"
    print(
        f"| {case} | {rnd} | {n:,} | {result['run']:.1f} | {n / result['run']:,.0f} | {result['peak']:.2f} | "
        f"{workers} | {load} |",
        flush=True,
    )


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - started:.0f} s", flush=True)
