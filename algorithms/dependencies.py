"""Which optional Python packages an algorithm needs, and how a planner installs them. Pure.

A package counts as present when it imports and has the abilities the toolkit calls (the functions
and classes named in `Package.abilities`), whatever its version string says: packagers patch,
vendor and mis-stamp versions (Debian's shapely 2.2.0 reports `0+unknown`), so a version is shown in
messages but never compared.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Package:
    """One optional package: how to install it and what the toolkit calls in it."""

    requirement: str  # pip requirement
    minimum: str | None  # the first release known to have `abilities`, for messages only
    debian: str | None  # Debian package, where Debian's is new enough
    abilities: tuple[str, ...] = ()  # dotted names below the package that the toolkit calls


PACKAGES: dict[str, Package] = {
    # shapely 2's vectorised API (1.8 has none of these at top level)
    "shapely": Package(
        "shapely>=2.0",
        "2.0",
        None,
        ("from_ragged_array", "from_wkb", "union_all", "make_valid", "get_parts", "STRtree", "voronoi_polygons", "lib"),
    ),
    "geopandas": Package("geopandas>=0.14", "0.14", None, ("GeoDataFrame", "GeoSeries", "read_file")),
    "networkx": Package("networkx>=3.2", "3.2", None, ("DiGraph", "Graph")),
    "scipy": Package(
        "scipy",
        None,
        "python3-scipy",
        (
            "sparse.coo_matrix",
            "sparse.csgraph.dijkstra",
            "sparse.csgraph.connected_components",
            "spatial.cKDTree",
            "ndimage",
        ),
    ),
    "rasterio": Package("rasterio", None, "python3-rasterio", ("open", "Env", "windows.Window", "features")),
    "pyflwdir": Package("pyflwdir", None, None, ("from_array", "FlwdirRaster")),
    # DEMs larger than memory run tile by tile on Dask (algorithms/dask_runtime.py); without them
    # the whole-DEM path still works
    "dask": Package("dask", None, None, ("delayed", "compute", "callbacks.Callback")),
    "distributed": Package("distributed", None, None, ("Client", "as_completed")),
    # Province-scale multi-plan checks: GeoParquet partitions (algorithms/zoning/partition_io.py)
    "pyarrow": Package("pyarrow>=14", None, None, ("Table", "parquet.ParquetWriter", "parquet.ParquetFile")),
}


@dataclass(frozen=True)
class Missing:
    name: str
    found_version: str | None  # None: not installed at all; "unknown" when its version string says nothing
    lacking: tuple[str, ...] = ()  # abilities the installed package does not have

    @property
    def requirement(self) -> str:
        return PACKAGES[self.name].requirement


_RELEASE = re.compile(r"^\d+(\.\d+)*")


def version_text(module) -> str:
    """The module's version as a planner can read it, or "unknown" when it names no release
    (missing, empty, or a placeholder such as setuptools-scm's `0+unknown`)."""
    version = str(getattr(module, "__version__", "") or "")
    if not _RELEASE.match(version) or "unknown" in version:
        return "unknown"
    return version


def has_ability(module, dotted: str) -> bool:
    """Whether `module` has the attribute path `dotted`, importing submodules on the way
    (`sparse.csgraph.dijkstra` needs `scipy.sparse.csgraph` imported)."""
    target = module
    path = module.__name__
    for part in dotted.split("."):
        path = f"{path}.{part}"
        if hasattr(target, part):
            target = getattr(target, part)
            continue
        try:
            target = importlib.import_module(path)
        except ImportError:
            return False
    return True


def find_missing(names: tuple[str, ...] | list[str]) -> list[Missing]:
    """Packages from `names` that are absent or lack an ability the toolkit calls."""
    missing = []
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            missing.append(Missing(name, None))
            continue
        lacking = tuple(ability for ability in PACKAGES[name].abilities if not has_ability(module, ability))
        if lacking:
            missing.append(Missing(name, version_text(module), lacking))
    return missing


def install_hint(missing: list[Missing]) -> str:
    """The commands that install `missing` on Debian/Ubuntu and in the Windows OSGeo4W Shell."""
    debian = sorted({PACKAGES[m.name].debian for m in missing if PACKAGES[m.name].debian})
    pip = [f"'{m.requirement}'" for m in missing if not PACKAGES[m.name].debian]
    lines = []
    if debian:
        lines.append("Debian/Ubuntu: sudo apt install " + " ".join(debian))
    if pip:
        lines.append("Debian/Ubuntu: python3 -m pip install --user " + " ".join(pip))
    windows = " ".join(m.requirement for m in missing)
    lines.append(f"Windows (OSGeo4W Shell): python -m pip install {windows}")
    return "\n".join(lines)


def describe(missing: list[Missing]) -> str:
    """'geopandas (not installed), shapely (1.8.5 found, lacks union_all; 2.0 or newer needed)'."""
    parts = []
    for m in missing:
        if m.found_version is None:
            parts.append(f"{m.name} (not installed)")
            continue
        minimum = PACKAGES[m.name].minimum
        newer = f"; {minimum} or newer needed" if minimum else "; a newer release needed"
        parts.append(f"{m.name} ({m.found_version} found, lacks {', '.join(m.lacking)}{newer})")
    return ", ".join(parts)
