"""The pre-flight of a run on a Dask cluster, before any work: reach the scheduler within a connect
timeout, then check that the scheduler and the workers import this package at the client's version
with GDAL's Python bindings, and see the input and output folders. Pure: distributed.

Why: without it an unreachable scheduler was found after the whole first pass (minutes) and 30 s of
retries, a worker without the package made the run wait forever, and a scheduler without it failed
every run with "Error during deserialization of the task graph" (issue 29).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from pathlib import Path

from . import cluster_probe

PACKAGE = __name__.split(".")[0]
#: modules every process of the cluster imports: the partitioned engines and GDAL's Python bindings
MODULES = ("osgeo.gdal", "osgeo.ogr", f"{PACKAGE}.algorithms.zoning.partitioned")
INSTALL = (
    "install this package at version {version} and GDAL's Python bindings (osgeo) in the Python "
    "environment of {where}, e.g. `python -m pip install GDAL==$(gdal-config --version)` and the plugin folder on "
    "its PYTHONPATH"
)


class ClusterError(RuntimeError):
    """A cluster run cannot start or cannot go on; the message names the address, the setting
    that gave it and what to do. Doors turn it into a QgsProcessingException, the CLI into exit 2."""


def connect(address: str, timeout: float, origin: str):
    """A distributed.Client of the scheduler at `address`, reached within `timeout` seconds."""
    from distributed import Client

    try:
        return Client(address, timeout=f"{float(timeout)}s", set_as_default=False)
    except Exception as error:  # noqa: BLE001 (OSError, TimeoutError, ValueError for a bad address, ...)
        raise ClusterError(
            f"Could not reach the Dask scheduler at {address} within {timeout:g} s ({origin}): "
            f"{type(error).__name__}: {error}. Start the scheduler (`dask scheduler`), check the address and "
            "that no firewall blocks the port, or give no address to run on this computer."
        ) from None


def preflight(client, address: str, origin: str, folders: Iterable[str] = (), timeout: float = 10.0) -> dict:
    """Raise ClusterError naming what the scheduler and the workers at `address` lack; `folders`
    (input and output folders) must be visible to the workers at the same paths. Returns what was
    found: {'scheduler': version, worker address: cluster_probe.probe's report}."""
    import cloudpickle

    version = cluster_probe.package_version(PACKAGE)
    if cluster_probe.__name__ not in cloudpickle.list_registry_pickle_by_value():  # kept: runs may overlap
        cloudpickle.register_pickle_by_value(cluster_probe)  # so it runs where this package cannot be imported
    found = {"scheduler": _check_scheduler(client, address, origin, version, timeout)}
    try:
        client.wait_for_workers(1, timeout=timeout)
    except Exception:  # noqa: BLE001 (TimeoutError)
        raise ClusterError(
            f"The Dask scheduler at {address} ({origin}) has no worker after {timeout:g} s: start workers with "
            f"`dask worker {address}` where this package and GDAL's Python bindings are installed."
        ) from None
    scratch = _scratch_files(folders)
    try:
        reports = _within(
            3 * timeout,
            f"The workers of the Dask cluster at {address} ({origin}) did not answer the check",
            lambda: client.run(cluster_probe.probe, PACKAGE, MODULES, tuple(scratch.items()), on_error="return"),
        )
    finally:
        for path in scratch:
            Path(path).unlink(missing_ok=True)
    problems = [_worker_problem(worker, report, version) for worker, report in sorted(reports.items())]
    problems = [problem for problem in problems if problem]
    if problems:
        raise ClusterError(
            f"The Dask cluster at {address} ({origin}) cannot run this: "
            + "; ".join(problems)
            + ". "
            + INSTALL.format(version=version, where="every worker")
            + "; input and output folders must be on a share every worker mounts at the same path."
        )
    return {**found, **reports}


def _check_scheduler(client, address: str, origin: str, version: str, timeout: float) -> str:
    try:
        report = _within(
            3 * timeout,
            f"The Dask scheduler at {address} ({origin}) did not answer the check",
            lambda: client.run_on_scheduler(cluster_probe.probe, PACKAGE, (), ()),
        )
    except ClusterError:
        raise
    except Exception as error:  # noqa: BLE001
        report = {"package_error": f"{type(error).__name__}: {error}"}
    found = report.get("version")
    if found != version:
        lacks = f"version {found}" if found else report.get("package_error", "no package")
        raise ClusterError(
            f"The Dask scheduler at {address} ({origin}) cannot read this package's tasks ({lacks}; this computer "
            f"has {version}): " + INSTALL.format(version=version, where="the scheduler") + "."
        )
    return found


def _within(seconds: float, failure: str, call):
    """call() on a daemon thread, its result or its error; ClusterError(`failure`) after `seconds`
    (distributed's run has no timeout: a worker that never answers would hold the run forever)."""
    import threading

    outcome: dict = {}

    def target():
        try:
            outcome["value"] = call()
        except BaseException as error:  # noqa: BLE001 (handed to the caller)
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise ClusterError(f"{failure} within {seconds:g} s; check the processes' logs and restart them.")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _scratch_files(folders: Iterable[str]) -> dict[str, str]:
    """A scratch file with a random content in each folder (path -> content)."""
    files = {}
    for folder in dict.fromkeys(os.path.abspath(f) for f in folders if f):
        token = uuid.uuid4().hex
        path = os.path.join(folder, f".urbanization-cluster-check-{token}")
        try:
            Path(path).write_text(token, encoding="utf-8")
        except OSError as error:
            raise ClusterError(f"Cannot write in {folder}: {error}") from None
        files[path] = token
    return files


def _worker_problem(worker: str, report, version: str) -> str:
    """What worker `worker` lacks, or '' when it has everything."""
    if isinstance(report, BaseException):
        return f"worker {worker} failed the check ({type(report).__name__}: {report})"
    lacks = []
    if "package_error" in report:
        lacks.append(f"cannot import {PACKAGE} ({report['package_error']})")
    elif report.get("version") != version:
        lacks.append(f"has {PACKAGE} {report.get('version')}, this computer {version}")
    missing = [m for m in report.get("missing", []) if "package_error" not in report or not m.startswith(PACKAGE)]
    if missing:
        lacks.append("cannot import " + ", ".join(missing))
    if report.get("unseen"):
        folders = sorted({os.path.dirname(p) for p in report["unseen"]})
        lacks.append("does not see the folder(s) " + ", ".join(folders))
    return f"worker {worker} ({report.get('python')}) " + "; ".join(lacks) if lacks else ""
