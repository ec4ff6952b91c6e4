#!/usr/bin/env python3
"""Wheels for the offline plugin package (scripts/package_offline.sh): the packages the algorithms
need that QGIS does not bring, with their dependencies, for Windows QGIS's Python (win_amd64,
CPython 3.12) and for this machine's Python. QGIS's own numpy, GDAL and pyproj are left out: the
in-QGIS installer pins them to the installed releases and never replaces them.

Usage: offline_wheels.py download FOLDER   (needs PyPI or the index of your pip configuration)
       offline_wheels.py check FOLDER      (every requirement has a wheel for every target; exit 1 if not)
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags, sys_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent


def _dependencies_module():
    """algorithms/dependencies.py, loaded by path (pure: no QGIS needed)."""
    spec = importlib.util.spec_from_file_location("_dependencies", ROOT / "algorithms" / "dependencies.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_DEPENDENCIES = _dependencies_module()
# what the algorithms require (their REQUIRES) plus numba, which pyflwdir needs and the service
# areas' triangulation uses; dask & co. (very large DEMs, province-scale checks) stay online-only
BUNDLED = ("shapely", "geopandas", "networkx", "scipy", "rasterio", "pyflwdir")
REQUIREMENTS = [_DEPENDENCIES.PACKAGES[name].requirement for name in BUNDLED] + ["numba"]
QGIS_OWN = {canonicalize_name(name) for name in _DEPENDENCIES.QGIS_PACKAGES}


# The oldest numpy and pyproj assumed in QGIS for Windows' Python 3.12 (numpy 1.26 is the first for
# Python 3.12): the wheels are resolved against them, so they also fit every later release there.
WINDOWS_QGIS_OWN = {"numpy": "1.26.4", "pyproj": "3.6.1"}


@dataclass(frozen=True)
class Target:
    """A Python that will install from the folder: pip download options, wheel tags, markers, and
    the releases of QGIS's own packages its resolution is pinned to."""

    name: str
    download_options: tuple[str, ...]
    tags: frozenset[Tag]
    markers: dict[str, str]
    qgis_own: dict[str, str]


def windows_qgis() -> Target:
    """The Python of QGIS for Windows (OSGeo4W and the standalone installer): CPython 3.12, 64 bit."""
    version = (3, 12)
    tags = frozenset(
        [
            *cpython_tags(version, abis=["cp312"], platforms=["win_amd64"]),
            *compatible_tags(version, "cp312", ["win_amd64"]),
        ]
    )
    markers = {
        **default_environment(),
        "python_version": "3.12",
        "python_full_version": "3.12.0",
        "sys_platform": "win32",
        "platform_system": "Windows",
        "os_name": "nt",
        "platform_machine": "AMD64",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    }
    options = ("--platform", "win_amd64", "--python-version", "3.12", "--implementation", "cp", "--abi", "cp312")
    return Target("win_amd64-cp312", options, tags, markers, WINDOWS_QGIS_OWN)


def this_python() -> Target:
    """The Python running this script (the one QGIS uses on this machine)."""
    return Target(
        f"{sys.platform}-cp{sys.version_info.major}{sys.version_info.minor}",
        (),
        frozenset(sys_tags()),
        default_environment(),
        _DEPENDENCIES.installed_versions(),
    )


def targets() -> list[Target]:
    return [windows_qgis(), this_python()]


def download(folder: Path, target: Target) -> None:
    """pip download every requirement with its dependencies for `target`, binary wheels only,
    resolved against the target's numpy/GDAL/pyproj (as the installer pins them)."""
    folder.mkdir(parents=True, exist_ok=True)
    constraints = folder.parent / f"constraints-{target.name}.txt"
    constraints.write_text("".join(f"{name}=={version}\n" for name, version in sorted(target.qgis_own.items())))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--disable-pip-version-check",
            "--only-binary=:all:",
            "-d",
            str(folder),
            "-c",
            str(constraints),
            *target.download_options,
            *REQUIREMENTS,
        ],
        check=True,
    )
    constraints.unlink()


def prune(folder: Path) -> list[Path]:
    """Remove the wheels of numpy, GDAL and pyproj: QGIS's own are kept."""
    removed = [wheel for wheel in folder.glob("*.whl") if parse_wheel_filename(wheel.name)[0] in QGIS_OWN]
    for wheel in removed:
        wheel.unlink()
    return removed


def _requires(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        message = Parser().parsestr(archive.read(metadata).decode("utf-8"))
    return message.get_all("Requires-Dist") or []


def missing_wheels(folder: Path, target: Target) -> list[str]:
    """Requirements (those of REQUIREMENTS and, recursively, of the wheels chosen for them, read
    from each wheel's METADATA with `target`'s markers) with no wheel in `folder` whose tags
    `target` accepts and whose version satisfies them. QGIS's own packages are not asked for."""
    wheels = {}
    for wheel in folder.glob("*.whl"):
        name, version, _build, tags = parse_wheel_filename(wheel.name)
        if tags & target.tags:
            wheels.setdefault(name, []).append((version, wheel))
    missing, seen = [], set()
    queue = [Requirement(text) for text in REQUIREMENTS]
    while queue:
        requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        if name in QGIS_OWN or (
            requirement.marker and not requirement.marker.evaluate({**target.markers, "extra": ""})
        ):
            continue
        key = (name, str(requirement.specifier))
        if key in seen:
            continue
        seen.add(key)
        fitting = sorted((v, w) for v, w in wheels.get(name, []) if requirement.specifier.contains(v, prereleases=True))
        if not fitting:
            missing.append(f"{requirement} ({target.name})")
            continue
        queue += [Requirement(text) for text in _requires(fitting[-1][1])]
    return sorted(missing)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("download", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "download":
        for target in targets():
            download(folder, target)
        for wheel in prune(folder):
            print(f"left out (QGIS's own): {wheel.name}")
    missing = [line for target in targets() for line in missing_wheels(folder, target)]
    for line in missing:
        print(f"no wheel for {line}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
