"""What a Dask scheduler or worker has of what a cluster run needs: this package (and its version),
GDAL's Python bindings, and the folders the run reads and writes. Pure, standard library only.

Why standard library only: dask_runtime ships `probe` to the cluster by value (cloudpickle), so it
runs on a process that cannot import this package and then says so, instead of failing to unpickle.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def package_version(package: str) -> str:
    """The version in metadata.txt of the importable package `package` (ImportError when it is not)."""
    module = importlib.import_module(package)
    for line in (Path(module.__file__).parent / "metadata.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("version="):
            return line.partition("=")[2].strip()
    return "unknown"


def probe(package: str, modules: tuple[str, ...], scratch: tuple[tuple[str, str], ...]) -> dict:
    """{'python', 'version' or 'package_error', 'missing': [module: error], 'unseen': [scratch path]}
    of this process; `scratch`: (path, expected content) of files the client wrote."""
    report: dict = {"python": sys.executable, "missing": [], "unseen": []}
    try:
        report["version"] = package_version(package)
    except Exception as error:  # noqa: BLE001 (any import failure is the answer)
        report["package_error"] = f"{type(error).__name__}: {error}"
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001
            report["missing"].append(f"{name} ({type(error).__name__}: {error})")
    for path, content in scratch:
        try:
            seen = Path(path).read_text(encoding="utf-8") == content
        except OSError:
            seen = False
        if not seen:
            report["unseen"].append(path)
    return report
