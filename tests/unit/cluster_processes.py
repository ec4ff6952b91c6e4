"""A real multi-process Dask cluster for tests: `dask scheduler` and `dask worker` started as separate
processes on 127.0.0.1 (free ports, loopback only), each in its own process group, killed at the end.
Processes get this checkout importable as `urbanization_planning` through PYTHONPATH (a folder with
a symlink, as tests/conftest.py does), unless started `with_plugin=False`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A TCP port nobody listens on at the moment (bound and released on 127.0.0.1)."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _plugin_path() -> str:
    folder = Path(tempfile.mkdtemp(prefix="urbanization-cluster-import-"))
    (folder / "urbanization_planning").symlink_to(ROOT, target_is_directory=True)
    return str(folder)


class Cluster:
    """A scheduler and workers as subprocesses; `address` is the scheduler's."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.address = f"tcp://{LOOPBACK}:{self.port}"
        self.processes: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.plugin = _plugin_path()

    def _start(self, name: str, arguments: list[str], with_plugin: bool) -> subprocess.Popen:
        environment = dict(os.environ)
        paths = [p for p in environment.get("PYTHONPATH", "").split(os.pathsep) if p]
        environment["PYTHONPATH"] = os.pathsep.join(([self.plugin] if with_plugin else []) + paths)
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [sys.executable, "-m", "dask", *arguments],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environment,
            cwd=self.folder,  # not the checkout: nothing importable by accident
            start_new_session=True,
        )
        log.close()
        self.processes.append(process)
        return process

    def scheduler(self, with_plugin: bool = True) -> Cluster:
        self._start(
            "scheduler",
            ["scheduler", "--host", LOOPBACK, "--port", str(self.port), "--no-dashboard"],
            with_plugin,
        )
        return self

    def worker(self, with_plugin: bool = True) -> Cluster:
        name = f"worker{len(self.workers)}"
        arguments = ["worker", self.address, "--host", LOOPBACK, "--nthreads", "1", "--no-dashboard", "--no-nanny"]
        self.workers.append(self._start(name, [*arguments, "--name", name], with_plugin))
        return self

    def wait(self, workers: int, timeout: float = 90.0) -> Cluster:
        """Until the scheduler has `workers` workers."""
        from distributed import Client

        deadline = time.monotonic() + timeout
        while True:
            try:
                with Client(self.address, timeout="5s", set_as_default=False) as client:
                    client.wait_for_workers(workers, timeout=max(1.0, deadline - time.monotonic()))
                    return self
            except (OSError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the cluster did not start; logs in {self.folder}") from None
                time.sleep(0.5)

    def kill_workers(self) -> None:
        for process in self.workers:
            _kill(process)

    def stop(self) -> None:
        for process in reversed(self.processes):
            _kill(process)


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait(timeout=10)
